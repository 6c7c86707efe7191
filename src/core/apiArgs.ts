// The zod schema of every argument kind of the API table, and from them each method's argument tuple.
// Both transports validate a call against `apiArgs[method]` before the backend sees it.
import { z } from 'zod';
import { API, API_METHODS, type ApiArgTypes, type ApiMethod } from './api';
import { exportOptionsSchema, importOptionsSchema } from './formats/options';
import { DOCUMENT_ORDERS, STATUSES } from './model';
import {
  codebookSchema,
  docLabelDecisionSchema,
  docLabelsSchema,
  goldDecisionSchema,
  idSchema,
  memoSchema,
  metaSchema,
  relationDecisionSchema,
  relationSchema,
  spanSchema,
  statusSchema,
} from './schemas';

const pathSchema = z.string().min(1).max(4096);
/** Upload names are relative, `/`-separated, and never climb out ("..") or start at a root. */
const uploadName = z
  .string()
  .min(1)
  .max(1024)
  .refine(
    (name) =>
      !name.startsWith('/') &&
      !name.includes('\\') &&
      !name.includes('\u0000') &&
      !/^[a-zA-Z]:/.test(name) &&
      name.split('/').every((part) => part !== '' && part !== '.' && part !== '..'),
    'must be a relative path without "..", "\\" or empty parts',
  );
/** Base64 of at most 1 MiB. */
const MAX_CHUNK_CHARS = 4 * Math.ceil((1 << 20) / 3);
const labelName = z.string().min(1).max(200);
const roundName = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine((v) => !/\p{Cc}/u.test(v), 'a round name cannot hold control characters');

const selectionSchema = z.strictObject({
  annotators: z.array(idSchema).max(1000).optional(),
  labels: z.array(labelName).max(1000).optional(),
  viewer: idSchema.optional(),
});
const outletOptionsSchema = z.strictObject({
  label: labelName.optional(),
  story: labelName.optional(),
  annotator: idSchema.optional(),
  gold: z.boolean().optional(),
  viewer: idSchema.optional(),
});

const argSchemas = {
  path: pathSchema,
  projectName: z.string().min(1).max(200),
  document: idSchema,
  documents: z.array(idSchema).max(100_000),
  annotator: idSchema,
  meta: metaSchema,
  metaEdits: z
    .array(z.strictObject({ document: idSchema, meta: metaSchema, base: metaSchema.optional() }))
    .min(1)
    .max(100_000),
  saveInput: z.strictObject({
    document: idSchema,
    annotator: idSchema,
    textHash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
    status: statusSchema,
    spans: z.array(spanSchema).max(200_000),
    docLabels: docLabelsSchema,
    relations: z.array(relationSchema).max(200_000).optional(),
    baseUpdatedAt: z.string().max(64).nullable().optional(),
  }),
  codebook: codebookSchema,
  codebookVersion: z.number().int().nonnegative(),
  label: labelName,
  importOptions: importOptionsSchema,
  importJob: z.string().regex(/^[0-9a-f]{16}$/),
  exportOptions: exportOptionsSchema,
  selection: selectionSchema,
  query: z.string().min(1).max(500),
  wholeWords: z.boolean(),
  cursor: z.number().int().nonnegative(),
  page: z.strictObject({
    offset: z.number().int().nonnegative(),
    limit: z.number().int().min(0).max(5000),
    filters: z
      .strictObject({
        text: z.string().max(500),
        status: z.enum([...STATUSES, '']),
        outlet: z.string().max(500),
        label: z.string().max(500),
      })
      .optional(),
    step: z.strictObject({ from: idSchema.nullable(), by: z.enum(['next', 'previous', 'unfinished']) }).optional(),
    ids: z.array(idSchema).max(5000).optional(),
    story: z.string().max(500).optional(),
  }),
  decisions: z
    .array(goldDecisionSchema.omit({ at: true }))
    .min(1)
    .max(10_000),
  docLabelDecision: docLabelDecisionSchema.omit({ at: true }),
  relationDecision: relationDecisionSchema.omit({ at: true }),
  acceptUnanimous: z.strictObject({ min: z.number().int().min(1).optional(), by: labelName }),
  assignment: z.strictObject({
    annotators: z.array(idSchema).min(1).max(1000),
    overlap: z.number().min(0).max(1),
    seed: z.number().int(),
  }),
  outletOptions: outletOptionsSchema,
  roundRequest: z.strictObject({
    name: roundName,
    kind: z.enum(['training', 'main']),
    coders: z.array(idSchema).min(1).max(1000),
    size: z.number().int().min(1).max(10_000_000),
    seed: z.number().int().min(0).max(0xffffffff),
    strata: z.enum(['none', 'outlet', 'story']).optional(),
    includeEarlier: z.boolean().optional(),
    requirement: z
      .strictObject({
        measure: z.enum(['f1_overlap', 'f1_exact', 'alpha_u']),
        minimum: z.number().min(-1).max(1),
        scope: z.enum(['overall', 'every-label']),
        documentLabels: z
          .strictObject({ measure: z.enum(['percent_agreement', 'cohen_kappa']), minimum: z.number().min(-1).max(1) })
          .optional(),
      })
      .optional(),
    by: idSchema.optional(),
  }),
  roundName,
  sizeRequest: z.strictObject({
    alphaMin: z.number().gt(0).lt(1).optional(),
    significance: z.number().gt(0).lt(0.5).optional(),
  }),
  codebookEdit: z.strictObject({
    why: z.string().trim().min(1, 'say why the codebook changes').max(2000),
    by: idSchema,
    renames: z
      .strictObject({
        labels: z.record(labelName, labelName).optional(),
        groups: z.record(labelName, labelName).optional(),
        relationTypes: z.record(labelName, labelName).optional(),
        options: z.record(labelName, z.record(labelName, labelName)).optional(),
      })
      .optional(),
    rounds: z.enum(['end', 'restart']).optional(),
  }),
  memoSave: z.strictObject({ memo: memoSchema, baseUpdatedAt: z.string().max(64).nullable().optional() }),
  memoDelete: z.strictObject({
    annotator: idSchema,
    id: memoSchema.shape.id,
    baseUpdatedAt: z.string().max(64).nullable().optional(),
  }),
  codingOptions: z.strictObject({
    labels: z.array(labelName).max(1000).optional(),
    annotator: idSchema.optional(),
    gold: z.boolean().optional(),
    viewer: idSchema.optional(),
  }),
  trainOptions: z.strictObject({
    folds: z.number().int().min(2).max(20).optional(),
    seed: z.number().int().min(0).max(0xffffffff).optional(),
  }),
  trainingJob: z.string().regex(/^[0-9a-f]{16}$/),
  documentOrder: z.enum(DOCUMENT_ORDERS),
  pickProject: z.enum(['open', 'create']),
  pickImport: z.enum(['files', 'folder']),
  pickExport: z.strictObject({ name: z.string().min(1).max(255), folder: z.boolean() }),
  upload: z
    .array(z.strictObject({ name: uploadName, size: z.number().int().nonnegative() }))
    .min(1)
    .max(20_000),
  uploadId: z.string().regex(/^[0-9a-f]{32}$/),
  uploadChunk: z.strictObject({
    file: z.number().int().nonnegative(),
    offset: z.number().int().nonnegative(),
    data: z
      .string()
      .max(MAX_CHUNK_CHARS)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/),
  }),
  downloadId: z.string().regex(/^[0-9a-f]{32}$/),
  offset: z.number().int().nonnegative(),
  reportRequest: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('agreement'), selection: selectionSchema.optional() }),
    z.strictObject({ kind: z.literal('outlets'), options: outletOptionsSchema.optional() }),
    z.strictObject({ kind: z.literal('queue') }),
  ]),
  reportJob: z.string().regex(/^[0-9a-f]{16}$/),
  rows: z.strictObject({
    offset: z.number().int().nonnegative(),
    limit: z.number().int().min(0).max(500),
    sort: z.strictObject({ key: z.enum(['id', 'alpha', 'length']), asc: z.boolean() }).optional(),
    filters: z
      .strictObject({
        label: labelName.optional(),
        pair: z.string().max(500).optional(),
        kind: z.string().max(50).optional(),
        document: idSchema.optional(),
      })
      .optional(),
  }),
  phraseDocuments: z.strictObject({
    table: z.enum(['labels', 'relations']),
    key: labelName,
    outlet: z.string().max(500),
    phrase: z.string().max(10_000),
    offset: z.number().int().nonnegative(),
    limit: z.number().int().min(0).max(500),
  }),
  phraseRows: z.strictObject({
    label: labelName,
    outlet: z.string().max(500),
    fold: z.boolean(),
    offset: z.number().int().nonnegative(),
    limit: z.number().int().min(0).max(500),
  }),
} satisfies { [K in keyof ApiArgTypes]: z.ZodType<ApiArgTypes[K]> };

function tupleOf(specs: readonly string[]): z.ZodType<unknown[]> {
  return z.tuple(
    specs.map((spec) => {
      const optional = spec.endsWith('?');
      const schema: z.ZodType = argSchemas[(optional ? spec.slice(0, -1) : spec) as keyof ApiArgTypes];
      return optional ? schema.optional() : schema;
    }) as [z.ZodType, ...z.ZodType[]],
  ) as unknown as z.ZodType<unknown[]>;
}

/** Each method's argument tuple, built once from the table. */
export const apiArgs = Object.fromEntries(API_METHODS.map((m) => [m, tupleOf(API[m].args)])) as Record<
  ApiMethod,
  z.ZodType<unknown[]>
>;
