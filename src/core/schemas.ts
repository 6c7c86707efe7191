// zod schemas of every file in a project folder and of every API argument: validated on read and on call.
import { z } from 'zod';
import { idProblem } from './ids';
import { DECISION_REASONS, STATUSES } from './model';

/** Bumped when a file layout changes; readers refuse versions they do not know. */
export const SCHEMA_VERSION = 1 as const;

/** An id or annotator name that is safe as a file name. */
export const idSchema = z.string().superRefine((v, ctx) => {
  const problem = idProblem(v);
  if (problem) ctx.addIssue({ code: 'custom', message: `id ${JSON.stringify(v)} ${problem}` });
});

/** Document metadata, unknown keys refused so typos surface. */
export const metaSchema = z.strictObject({
  title: z.string().optional(),
  outlet: z.string().optional(),
  published: z.string().optional(),
  publishedRaw: z.string().optional(),
  author: z.string().optional(),
  url: z.string().optional(),
  story: z.string().optional(),
  source: z.string().optional(),
});

/** A span id: short, unique within its record, never a path (brat `T12`, or `s12` when assigned). */
export const spanIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/, 'span id: letters, digits, _ . : - (at most 64)');

/** One span as stored and as sent over the API (code points). */
export const spanSchema = z.strictObject({
  id: spanIdSchema.optional(),
  start: z.number().int().nonnegative(),
  end: z.number().int().positive(),
  label: z.string().min(1).max(200),
  note: z.string().max(10_000).optional(),
});

/** Document labels: a string for single choice, a list for multiple choice. */
export const docLabelsSchema = z.record(z.string().min(1), z.union([z.string(), z.array(z.string())]));

/** A progress state. */
export const statusSchema = z.enum(STATUSES);

/** Project.json at the folder's root. */
export const projectFileSchema = z.strictObject({
  schema: z.literal(SCHEMA_VERSION),
  kind: z.literal('framelens-project'),
  name: z.string().min(1),
  selectionUnit: z.enum(['word', 'character']),
});

/** A span label of the codebook. */
export const spanLabelSchema = z.strictObject({
  name: z.string().min(1).max(200),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'colour must be #rrggbb'),
  group: z.string().optional(),
  hotkey: z.string().optional(),
  description: z.string().optional(),
  include: z.string().optional(),
  exclude: z.string().optional(),
  examples: z.array(z.string()).optional(),
});

/** A document-level label group. */
export const docLabelGroupSchema = z.strictObject({
  name: z.string().min(1).max(200),
  kind: z.enum(['single', 'multiple']),
  options: z.array(z.string().min(1)),
  description: z.string().optional(),
});

/** The codebook content (without the file envelope), also an API argument. */
export const codebookSchema = z
  .strictObject({
    version: z.number().int().nonnegative(),
    spanLabels: z.array(spanLabelSchema),
    docLabels: z.array(docLabelGroupSchema),
  })
  .superRefine((cb, ctx) => {
    const seen = new Set<string>();
    for (const l of cb.spanLabels) {
      if (seen.has(l.name))
        ctx.addIssue({ code: 'custom', message: `span label ${JSON.stringify(l.name)} appears twice` });
      seen.add(l.name);
    }
    const groups = new Set<string>();
    for (const g of cb.docLabels) {
      if (groups.has(g.name))
        ctx.addIssue({ code: 'custom', message: `document label group ${JSON.stringify(g.name)} appears twice` });
      groups.add(g.name);
    }
  });

/** Codebook.json. */
export const codebookFileSchema = z.strictObject({
  schema: z.literal(SCHEMA_VERSION),
  codebook: codebookSchema,
});

/** Documents/<id>.json: the immutable text and its metadata. */
export const documentFileSchema = z.strictObject({
  schema: z.literal(SCHEMA_VERSION),
  id: idSchema,
  textHash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  meta: metaSchema,
  text: z.string(),
  tokens: z.array(z.array(z.tuple([z.number().int().nonnegative(), z.number().int().positive()]))).optional(),
});

/** One row of documents/index.json, so listing never reads the texts. */
export const documentIndexEntrySchema = z.strictObject({
  id: idSchema,
  textHash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  length: z.number().int().nonnegative(),
  meta: metaSchema,
});

/** Documents/index.json. */
export const documentIndexFileSchema = z.strictObject({
  schema: z.literal(SCHEMA_VERSION),
  documents: z.array(documentIndexEntrySchema),
});

/** One adjudication decision of the gold layer. */
export const goldDecisionSchema = z.strictObject({
  action: z.enum(['accept', 'reject', 'edit', 'merge']),
  span: z.strictObject({
    start: z.number().int().nonnegative(),
    end: z.number().int().positive(),
    label: z.string().min(1),
  }),
  replaces: z
    .array(
      z.strictObject({
        start: z.number().int().nonnegative(),
        end: z.number().int().positive(),
        label: z.string().min(1),
      }),
    )
    .optional(),
  sources: z.array(idSchema),
  by: z.string().min(1).max(200),
  reason: z.enum(DECISION_REASONS),
  note: z.string().max(10_000).optional(),
  at: z.string(),
});

/** One gold decision on a document-level label group. */
export const docLabelDecisionSchema = z.strictObject({
  group: z.string().min(1).max(200),
  value: z.union([z.string(), z.array(z.string()), z.null()]),
  sources: z.array(idSchema),
  by: z.string().min(1).max(200),
  reason: z.enum(DECISION_REASONS),
  note: z.string().max(10_000).optional(),
  at: z.string(),
});

/** Annotations/<annotator>/<document>.json. */
export const annotationFileSchema = z.strictObject({
  schema: z.literal(SCHEMA_VERSION),
  document: idSchema,
  annotator: idSchema,
  textHash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  codebookVersion: z.number().int().nonnegative(),
  status: statusSchema,
  spans: z.array(spanSchema),
  docLabels: docLabelsSchema,
  updatedAt: z.string(),
  decisions: z.array(goldDecisionSchema).optional(),
  docLabelDecisions: z.array(docLabelDecisionSchema).optional(),
});

/** Turns a zod error into one readable line. */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
  return `${where}${issue.message}${more}`;
}
