// zod schemas of every file in a project folder (validated on read and before every write), and the
// pieces the API's argument schemas (apiArgs.ts) are made of.
import { z } from 'zod';
import { GUID_PATTERN, idProblem } from './ids';
import { DECISION_REASONS, DOCUMENT_ORDERS, SPAN_ORIGINS, STATUSES } from './model';
import { assignSpanIds, decidedSpanIds, SPAN_ID_PATTERN } from './spanIds';

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

/** A span id (src/core/spanIds.ts). */
export const spanIdSchema = z.string().regex(SPAN_ID_PATTERN, 'span id: letters, digits, _ . : - (at most 64)');

/** One span as stored and as sent over the API (code points). */
export const spanSchema = z.strictObject({
  id: spanIdSchema.optional(),
  start: z.number().int().nonnegative(),
  end: z.number().int().positive(),
  label: z.string().min(1).max(200),
  note: z.string().max(10_000).optional(),
  origin: z.enum(SPAN_ORIGINS).optional(),
});

/** One relation as stored and as sent over the API: span ids at both ends. */
export const relationSchema = z.strictObject({
  from: spanIdSchema,
  to: spanIdSchema,
  type: z.string().min(1).max(200),
  note: z.string().max(10_000).optional(),
});

/** Document labels: a string for single choice, a list for multiple choice. */
export const docLabelsSchema = z.record(z.string().min(1), z.union([z.string(), z.array(z.string())]));

export const statusSchema = z.enum(STATUSES);

/** project.json. */
export const projectFileSchema = z.strictObject({
  schema: z.literal(SCHEMA_VERSION),
  kind: z.literal('framelens-project'),
  name: z.string().min(1),
  selectionUnit: z.enum(['word', 'character']),
  documentOrder: z.enum(DOCUMENT_ORDERS).optional(),
});

const spanLabelSchema = z.strictObject({
  name: z.string().min(1).max(200),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'colour must be #rrggbb'),
  short: z.string().min(1).max(24).optional(),
  group: z.string().optional(),
  hotkey: z.string().optional(),
  description: z.string().optional(),
  include: z.string().optional(),
  exclude: z.string().optional(),
  examples: z.array(z.string()).optional(),
});

const relationTypeSchema = z.strictObject({
  name: z.string().min(1).max(200),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'colour must be #rrggbb'),
  description: z.string().optional(),
  source: z.array(z.string().min(1).max(200)).optional(),
  target: z.array(z.string().min(1).max(200)).optional(),
  symmetric: z.boolean().optional(),
  hotkey: z.string().optional(),
});

const docLabelGroupSchema = z.strictObject({
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
    relationTypes: z.array(relationTypeSchema).optional(),
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
    const types = new Set<string>();
    for (const t of cb.relationTypes ?? []) {
      if (types.has(t.name))
        ctx.addIssue({ code: 'custom', message: `relation type ${JSON.stringify(t.name)} appears twice` });
      types.add(t.name);
    }
  });

/** codebook.json. */
export const codebookFileSchema = z.strictObject({
  schema: z.literal(SCHEMA_VERSION),
  codebook: codebookSchema,
});

/** documents/<id>.json: the immutable text and its metadata. */
export const documentFileSchema = z.strictObject({
  schema: z.literal(SCHEMA_VERSION),
  id: idSchema,
  textHash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  meta: metaSchema,
  text: z.string(),
  tokens: z.array(z.array(z.tuple([z.number().int().nonnegative(), z.number().int().positive()]))).optional(),
});

/** One row of document-index.json, so listing never reads the texts. */
export const documentIndexEntrySchema = z.strictObject({
  id: idSchema,
  textHash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  length: z.number().int().nonnegative(),
  meta: metaSchema,
});

/** document-index.json. */
export const documentIndexFileSchema = z.strictObject({
  schema: z.literal(SCHEMA_VERSION),
  documents: z.array(documentIndexEntrySchema),
});

/** A span a gold decision names: the gold span's id once it has one (decisions made before ids have none). */
const decidedSpanSchema = z.strictObject({
  id: spanIdSchema.optional(),
  start: z.number().int().nonnegative(),
  end: z.number().int().positive(),
  label: z.string().min(1),
});

/** What every gold decision records: whose coding it settles, who decided, why and when. */
const decisionFields = {
  sources: z.array(idSchema),
  by: z.string().min(1).max(200),
  reason: z.enum(DECISION_REASONS),
  note: z.string().max(10_000).optional(),
  at: z.string(),
};

/** One adjudication decision of the gold layer. */
export const goldDecisionSchema = z.strictObject({
  action: z.enum(['accept', 'reject', 'edit', 'merge']),
  span: decidedSpanSchema,
  replaces: z.array(decidedSpanSchema).optional(),
  ...decisionFields,
});

const decidedRelationSchema = z.strictObject({
  type: z.string().min(1).max(200),
  from: decidedSpanSchema,
  to: decidedSpanSchema,
});

/** One adjudication decision on a relation of the gold layer. */
export const relationDecisionSchema = z.strictObject({
  action: z.enum(['accept', 'reject', 'edit']),
  relation: decidedRelationSchema,
  replaces: decidedRelationSchema.optional(),
  ...decisionFields,
});

/** One gold decision on a document-level label group. */
export const docLabelDecisionSchema = z.strictObject({
  group: z.string().min(1).max(200),
  value: z.union([z.string(), z.array(z.string()), z.null()]),
  ...decisionFields,
});

const annotationFileObject = z.strictObject({
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
  relations: z.array(relationSchema).optional(),
  relationDecisions: z.array(relationDecisionSchema).optional(),
});

// Every record read or written through these schemas comes out with span ids, whoever wrote it and
// whenever (files from before span ids get theirs on read, and keep them from their next save on).
function withSpanIds<
  T extends {
    spans: z.infer<typeof spanSchema>[];
    decisions?: z.infer<typeof goldDecisionSchema>[];
    relationDecisions?: z.infer<typeof relationDecisionSchema>[];
  },
>(record: T): T {
  const reserved = decidedSpanIds(record.decisions, record.relationDecisions);
  return { ...record, spans: assignSpanIds(record.spans, { reserved }) };
}

/** annotations/<annotator>/<document>.json. */
export const annotationFileSchema = annotationFileObject.transform(withSpanIds);

/** One annotation record without the file envelope (as a package carries it). */
export const annotationRecordSchema = annotationFileObject.omit({ schema: true }).transform(withSpanIds);

/** assignments.json: which documents each annotator should code (written by the lead). */
export const assignmentsFileSchema = z.strictObject({
  schema: z.literal(SCHEMA_VERSION),
  seed: z.number().int(),
  overlap: z.array(idSchema),
  annotators: z.record(idSchema, z.array(idSchema)),
});

const labelNameSchema = z.string().min(1).max(200);

/** What a memo is about. */
export const memoTargetSchema = z.union([
  z.strictObject({ kind: z.literal('project') }),
  z.strictObject({ kind: z.literal('document'), document: idSchema }),
  z.strictObject({ kind: z.literal('label'), label: labelNameSchema }),
  z.strictObject({ kind: z.literal('group'), group: z.string().min(1).max(1000) }),
  z
    .strictObject({
      kind: z.literal('range'),
      document: idSchema,
      start: z.number().int().nonnegative(),
      end: z.number().int().positive(),
    })
    .refine((t) => t.end > t.start, 'a memo range must end after it starts'),
]);

const memoFields = {
  id: z.string().regex(GUID_PATTERN, 'a memo id is a GUID'),
  target: memoTargetSchema,
  title: z.string().max(1000).optional(),
  text: z.string().max(1_000_000),
  createdAt: z.string().max(64).optional(),
  updatedAt: z.string().max(64).optional(),
};

/** One memo as the API carries it. */
export const memoSchema = z.strictObject({ annotator: idSchema, ...memoFields });

/** memos/<annotator>.json: one annotator's memos (the annotator is the file's). */
export const memosFileSchema = z
  .strictObject({ schema: z.literal(SCHEMA_VERSION), annotator: idSchema, memos: z.array(z.strictObject(memoFields)) })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    for (const m of file.memos) {
      const key = m.id.replace(/^\{|\}$/g, '').toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', message: `memo ${m.id} appears twice` });
      seen.add(key);
    }
  });

/**
 * interop/<name>.json: what a format keeps of the files it imported (REFI-QDA GUIDs) so an export writes
 * them back; tables of [key, value] entries, since keys are user data ("__proto__" is a fine label name).
 */
export const interopFileSchema = z.strictObject({
  schema: z.literal(SCHEMA_VERSION),
  name: idSchema,
  tables: z.record(z.string().min(1).max(64), z.array(z.tuple([z.string(), z.unknown()]))),
});

/** Turns a zod error into one readable line. */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
  return `${where}${issue.message}${more}`;
}
