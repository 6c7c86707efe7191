// The model file: one JSON object, small enough to keep in the project folder. Arrays of numbers only (no
// words of the corpus: features are hashed), bucket ids delta-encoded, weights already rounded, so a model
// read back predicts exactly what the trained one did. A file of another format version or feature
// template is refused in one line; the app then trains again.
import { z } from 'zod';
import { FEATURE_TEMPLATE } from './features';
import type { DocVariableModel, SpanLabelModel, TrainedModel } from './train';

export const MODEL_FORMAT = 'framelens-model';
export const MODEL_VERSION = 1;

const nums = z.array(z.number().finite());
const ints = z.array(z.number().int());

export const modelFileSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  version: z.literal(MODEL_VERSION),
  featureTemplate: z.number().int(),
  options: z.object({
    seed: z.number().int(),
    epochs: z.number().int().positive(),
    hashBits: z.number().int().min(8).max(24),
    l2: z.number().min(0),
    statuses: z.array(z.string()),
  }),
  codebookVersion: z.number().int(),
  documents: z.array(z.string()),
  sources: z.object({ gold: z.number().int().min(0), agreed: z.number().int().min(0) }),
  groups: z.array(z.object({ name: z.string(), kind: z.enum(['single', 'multiple']), options: z.array(z.string()) })),
  spanLabels: z.array(
    z.object({
      label: z.string(),
      scale: z.number().positive(),
      transition: ints.length(12),
      buckets: ints,
      emission: ints,
    }),
  ),
  vocabulary: z.object({ buckets: ints, idf: nums }),
  variables: z.array(
    z.object({
      group: z.string(),
      option: z.string().nullable(),
      classes: z.array(z.string()),
      weights: nums,
      biases: nums,
    }),
  ),
});

/** The model file as parsed JSON. */
export type ModelFile = z.infer<typeof modelFileSchema>;

function deltaEncode(sorted: Int32Array): number[] {
  const out = new Array<number>(sorted.length);
  let prev = 0;
  for (let i = 0; i < sorted.length; i++) {
    out[i] = sorted[i] - prev;
    prev = sorted[i];
  }
  return out;
}

function deltaDecode(deltas: readonly number[], bits: number, where: string): Int32Array {
  const out = new Int32Array(deltas.length);
  let v = 0;
  for (let i = 0; i < deltas.length; i++) {
    if (i > 0 && deltas[i] <= 0) throw new Error(`${where}: feature ids are not increasing at position ${i}`);
    v += deltas[i];
    if (v < 0 || v >= 2 ** bits) throw new Error(`${where}: feature id ${v} is outside 0–${2 ** bits - 1}`);
    out[i] = v;
  }
  return out;
}

/** The model as a JSON-ready object (stable key order, so the same model gives the same file). */
export function modelToJson(model: TrainedModel): ModelFile {
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    featureTemplate: model.featureTemplate,
    options: { ...model.options, statuses: [...model.options.statuses] },
    codebookVersion: model.codebookVersion,
    documents: [...model.documents],
    sources: { ...model.sources },
    groups: model.groups.map((g) => ({ name: g.name, kind: g.kind, options: [...g.options] })),
    spanLabels: model.spanLabels.map((m) => ({
      label: m.label,
      scale: m.scale,
      transition: [...m.transition],
      buckets: deltaEncode(m.buckets),
      emission: [...m.emission],
    })),
    vocabulary: { buckets: deltaEncode(model.vocabulary.buckets), idf: [...model.vocabulary.idf] },
    variables: model.variables.map((v) => ({
      group: v.group,
      option: v.option,
      classes: [...v.classes],
      weights: [...v.weights],
      biases: [...v.biases],
    })),
  };
}

/** Reads a model file's parsed JSON; throws one line saying what is wrong. */
export function modelFromJson(json: unknown): TrainedModel {
  const head = json as { format?: unknown; version?: unknown } | null;
  if (!head || typeof head !== 'object' || head.format !== MODEL_FORMAT)
    throw new Error(`not a Frame Lens model file (format is not "${MODEL_FORMAT}")`);
  if (head.version !== MODEL_VERSION)
    throw new Error(
      `model file version ${String(head.version)} is not supported (this version reads ${MODEL_VERSION}); train again`,
    );
  const parsed = modelFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`model file: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const f = parsed.data;
  if (f.featureTemplate !== FEATURE_TEMPLATE)
    throw new Error(
      `model file uses feature template ${f.featureTemplate}, this version uses ${FEATURE_TEMPLATE}; train again`,
    );
  const bits = f.options.hashBits;
  const spanLabels: SpanLabelModel[] = f.spanLabels.map((m, i) => {
    const where = `model file: spanLabels.${i}`;
    const buckets = deltaDecode(m.buckets, bits, where);
    if (m.emission.length !== buckets.length * 3)
      throw new Error(`${where}: ${m.emission.length} weights for ${buckets.length} features (3 each expected)`);
    return {
      label: m.label,
      scale: m.scale,
      transition: Float64Array.from(m.transition),
      buckets,
      emission: Float64Array.from(m.emission),
    };
  });
  const vocabBuckets = deltaDecode(f.vocabulary.buckets, bits, 'model file: vocabulary');
  if (f.vocabulary.idf.length !== vocabBuckets.length)
    throw new Error(
      `model file: vocabulary has ${vocabBuckets.length} features but ${f.vocabulary.idf.length} idf values`,
    );
  const variables: DocVariableModel[] = f.variables.map((v, i) => {
    const where = `model file: variables.${i}`;
    if (!f.groups.some((g) => g.name === v.group)) throw new Error(`${where}: unknown group "${v.group}"`);
    const C = v.classes.length < 2 ? 0 : v.classes.length === 2 ? 1 : v.classes.length;
    if (v.weights.length !== vocabBuckets.length * C || v.biases.length !== C)
      throw new Error(`${where}: weights do not fit ${v.classes.length} classes over ${vocabBuckets.length} features`);
    return {
      group: v.group,
      option: v.option,
      classes: [...v.classes],
      weights: Float64Array.from(v.weights),
      biases: Float64Array.from(v.biases),
    };
  });
  return {
    featureTemplate: f.featureTemplate,
    options: { ...f.options, statuses: [...f.options.statuses] },
    codebookVersion: f.codebookVersion,
    documents: [...f.documents],
    sources: { ...f.sources },
    spanLabels,
    groups: f.groups,
    vocabulary: { buckets: vocabBuckets, idf: Float64Array.from(f.vocabulary.idf) },
    variables,
  };
}
