// The zod schema of every argument kind of the API table, and from them each method's argument tuple.
// Both transports validate a call against `apiArgs[method]` before the backend sees it.
import { z } from 'zod';
import { API, API_METHODS, type ApiArgTypes, type ApiMethod } from './api';
import { exportOptionsSchema, importOptionsSchema } from './formats/options';
import {
  codebookSchema,
  docLabelDecisionSchema,
  docLabelsSchema,
  goldDecisionSchema,
  idSchema,
  metaSchema,
  relationDecisionSchema,
  relationSchema,
  spanSchema,
  statusSchema,
} from './schemas';

const pathSchema = z.string().min(1).max(4096);
const labelName = z.string().min(1).max(200);

const argSchemas = {
  path: pathSchema,
  projectName: z.string().min(1).max(200),
  document: idSchema,
  documents: z.array(idSchema).max(100_000),
  annotator: idSchema,
  meta: metaSchema,
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
  selection: z.strictObject({
    annotators: z.array(idSchema).max(1000).optional(),
    labels: z.array(labelName).max(1000).optional(),
  }),
  query: z.string().min(1).max(500),
  wholeWords: z.boolean(),
  cursor: z.number().int().nonnegative(),
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
  outletOptions: z.strictObject({
    label: labelName.optional(),
    story: labelName.optional(),
    annotator: idSchema.optional(),
    gold: z.boolean().optional(),
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
