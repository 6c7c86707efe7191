// The model layer as a project keeps it: the cross-fitted records of `model`, the uncertainty that orders
// documents, and what the model was trained on, so the app can say when it is out of date.
import { z } from 'zod';
import { type AnnotationRecord, MODEL } from '../model';
import { annotationRecordSchema } from '../schemas';
import type { CrossFitResult, DocumentUncertainty } from './crossfit';
import { usableRecords } from './targets';

export const LAYER_FORMAT = 'framelens-model-layer';
export const LAYER_VERSION = 1;

/** One record the model learned from: who, which document, which version of the record. */
export type TrainingRecordKey = [annotator: string, document: string, updatedAt: string];

/** models/layer.json. */
export interface ModelLayer {
  format: typeof LAYER_FORMAT;
  version: typeof LAYER_VERSION;
  trainedAt: string;
  folds: number;
  seed: number;
  codebookVersion: number;
  /** The record statuses learned from (default: done). */
  statuses: string[];
  /** Every record the targets were built from, sorted; compared with the project's to tell a stale model. */
  trainedOn: TrainingRecordKey[];
  /** The digest of the model file trained with this layer (a file of another run is refused). */
  modelDigest: string;
  sources: { gold: number; agreed: number };
  heldOut: string[][];
  records: AnnotationRecord[];
  uncertainty: DocumentUncertainty[];
  excluded: { document: string; annotator: string; reason: string }[];
}

const uncertaintySchema = z.strictObject({
  document: z.string(),
  coded: z.boolean(),
  fold: z.number().int().nullable(),
  committee: z.number().int().nonnegative(),
  disagreement: z.number().nullable(),
  spanMargin: z.number().nullable(),
  docLabelMargin: z.number().nullable(),
});

/** The layer file's schema; its records must all be the model's. */
export const modelLayerSchema = z
  .strictObject({
    format: z.literal(LAYER_FORMAT),
    version: z.literal(LAYER_VERSION),
    trainedAt: z.string(),
    folds: z.number().int().min(2),
    seed: z.number().int(),
    codebookVersion: z.number().int().nonnegative(),
    statuses: z.array(z.string()),
    trainedOn: z.array(z.tuple([z.string(), z.string(), z.string()])),
    modelDigest: z.string(),
    sources: z.strictObject({ gold: z.number().int().nonnegative(), agreed: z.number().int().nonnegative() }),
    heldOut: z.array(z.array(z.string())),
    records: z.array(annotationRecordSchema),
    uncertainty: z.array(uncertaintySchema),
    excluded: z.array(z.strictObject({ document: z.string(), annotator: z.string(), reason: z.string() })),
  })
  .superRefine((layer, ctx) => {
    const seen = new Set<string>();
    layer.records.forEach((r, i) => {
      if (r.annotator !== MODEL)
        ctx.addIssue({ code: 'custom', path: ['records', i], message: `a record of ${r.annotator}, not of ${MODEL}` });
      if (seen.has(r.document))
        ctx.addIssue({ code: 'custom', path: ['records', i], message: `a second record of ${r.document}` });
      seen.add(r.document);
    });
  });

function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The records training reads (no model layer, only the statuses learned from), as sorted keys. */
export function trainingRecordKeys(
  records: readonly AnnotationRecord[],
  statuses: readonly string[] = ['done'],
): TrainingRecordKey[] {
  return usableRecords(records, statuses)
    .map((r): TrainingRecordKey => [r.annotator, r.document, r.updatedAt])
    .sort((a, b) => byString(a[0], b[0]) || byString(a[1], b[1]) || byString(a[2], b[2]));
}

/** What a layer is made of: a cross-fitting result, its model trained or as its file. */
export type LayerSource = Pick<
  CrossFitResult,
  'folds' | 'seed' | 'heldOut' | 'records' | 'uncertainty' | 'excluded'
> & {
  model: { options: { statuses: readonly string[] }; sources: { gold: number; agreed: number } };
};

/** The layer file of a cross-fitting run. */
export function layerFromCrossFit(
  fit: LayerSource,
  input: { records: readonly AnnotationRecord[]; codebookVersion: number; modelDigest: string },
  trainedAt: string,
): ModelLayer {
  const statuses = [...fit.model.options.statuses];
  return {
    format: LAYER_FORMAT,
    version: LAYER_VERSION,
    trainedAt,
    folds: fit.folds,
    seed: fit.seed,
    codebookVersion: input.codebookVersion,
    statuses,
    trainedOn: trainingRecordKeys(input.records, statuses),
    modelDigest: input.modelDigest,
    sources: { ...fit.model.sources },
    heldOut: fit.heldOut.map((f) => [...f]),
    records: fit.records.map((r) => ({ ...r, updatedAt: trainedAt })),
    uncertainty: fit.uncertainty.map((u) => ({ ...u })),
    excluded: fit.excluded.map((e) => ({ ...e })),
  };
}

/** How far the project has moved since the model was trained. */
export interface LayerStaleness {
  /** True when the coding the model learns from, or the codebook, changed since training. */
  stale: boolean;
  /** Records learned from that were added, changed or removed since. */
  changedRecords: number;
  codebookChanged: boolean;
  /** Documents the layer has no record of (imported since). */
  newDocuments: number;
  /** Plain sentences, empty when the model is current. */
  reasons: string[];
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Compares a layer with the project as it is now. */
export function layerStaleness(
  layer: Pick<ModelLayer, 'trainedOn' | 'statuses' | 'codebookVersion' | 'records'>,
  project: { records: readonly AnnotationRecord[]; codebookVersion: number; documents: readonly string[] },
): LayerStaleness {
  const versions = (keys: readonly TrainingRecordKey[]) => new Map(keys.map((k) => [`${k[0]}\u0000${k[1]}`, k[2]]));
  const then = versions(layer.trainedOn);
  const now = versions(trainingRecordKeys(project.records, layer.statuses));
  let changedRecords = 0;
  for (const [k, at] of now) if (then.get(k) !== at) changedRecords++;
  for (const k of then.keys()) if (!now.has(k)) changedRecords++;
  const codebookChanged = project.codebookVersion !== layer.codebookVersion;
  const known = new Set(layer.records.map((r) => r.document));
  const newDocuments = project.documents.filter((d) => !known.has(d)).length;
  const reasons: string[] = [];
  if (codebookChanged)
    reasons.push(
      `the codebook changed since training (version ${layer.codebookVersion}, now ${project.codebookVersion})`,
    );
  if (changedRecords > 0)
    reasons.push(`${plural(changedRecords, 'coded record')} changed since training (added, edited or removed)`);
  if (newDocuments > 0) reasons.push(`${plural(newDocuments, 'document')} imported since training have no prediction`);
  return { stale: codebookChanged || changedRecords > 0, changedRecords, codebookChanged, newDocuments, reasons };
}
