// The model layer as a project keeps it: the cross-fitted records of `model`, the uncertainty that orders
// documents, and what the model was trained on, so the app can say when it is out of date. Also what the
// coding views draw from it: the suggestions a coder has not yet dealt with, and the share of a coder's spans
// that were accepted suggestions.
import { z } from 'zod';
import {
  type AnnotationRecord,
  type DocLabelValue,
  type DocumentOrder,
  GOLD,
  isModelName,
  MODEL,
  type Span,
} from '../model';
import { annotationRecordSchema } from '../schemas';
import { type CrossFitResult, type DocumentUncertainty, uncertaintyOrder } from './crossfit';
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

/** What the model proposes to one coder on one document. */
export interface SuggestionSet {
  /** The model's spans the coder has not marked: no span of the coder with the same label overlaps them. */
  spans: (Span & { id: string })[];
  /** The model's value of each document-label group the coder has not set. */
  docLabels: Record<string, DocLabelValue>;
}

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * The suggestions left for a coder: the model's spans of labels still in the codebook that no span of the
 * coder's with the same label overlaps (a coder who marked the phrase differently has dealt with it), and
 * the groups the coder left unset. Accepted suggestions are the coder's spans, so they drop out here too.
 */
export function suggestionsFor(
  model: AnnotationRecord,
  coder: Pick<AnnotationRecord, 'spans' | 'docLabels'> | null,
  codebook: { spanLabels: readonly { name: string }[]; docLabels: readonly { name: string; options: string[] }[] },
): SuggestionSet {
  const labels = new Set(codebook.spanLabels.map((l) => l.name));
  const own = coder?.spans ?? [];
  const spans = model.spans
    .filter((s) => labels.has(s.label) && !own.some((o) => o.label === s.label && overlaps(o, s)))
    .map((s) => ({ id: s.id ?? `${s.start}-${s.end}`, start: s.start, end: s.end, label: s.label }));
  const docLabels: Record<string, DocLabelValue> = {};
  for (const g of codebook.docLabels) {
    const value = model.docLabels[g.name];
    if (value === undefined || coder?.docLabels[g.name] !== undefined) continue;
    const fits = Array.isArray(value) ? value.every((v) => g.options.includes(v)) : g.options.includes(value);
    if (fits && !(Array.isArray(value) && value.length === 0)) docLabels[g.name] = value;
  }
  return { spans, docLabels };
}

/** Per coder: spans in counted records, and how many of them were accepted from the model's suggestions. */
export interface SuggestionShare {
  spans: number;
  accepted: number;
  /** accepted / spans; null when the coder has no spans. */
  share: number | null;
}

/** The share of each coder's spans that were accepted suggestions (records of status in_progress and done). */
export function suggestionShare(records: readonly AnnotationRecord[]): Record<string, SuggestionShare> {
  const out: Record<string, SuggestionShare> = {};
  for (const r of records) {
    if (r.annotator === GOLD || isModelName(r.annotator)) continue;
    if (r.status !== 'done' && r.status !== 'in_progress') continue;
    const s = out[r.annotator] ?? { spans: 0, accepted: 0, share: null };
    s.spans += r.spans.length;
    s.accepted += r.spans.filter((x) => x.origin === 'suggestion').length;
    out[r.annotator] = s;
  }
  for (const s of Object.values(out)) s.share = s.spans > 0 ? s.accepted / s.spans : null;
  return Object.fromEntries(
    Object.keys(out)
      .sort(byString)
      .map((k) => [k, out[k]]),
  );
}

/** One sentence for a methods section: which order "next document" followed. */
export function documentOrderSentence(order: DocumentOrder | undefined): string {
  return order === 'uncertainty'
    ? 'Coders moved to the next document in the order of the model’s uncertainty: documents nobody had coded came first, those on which the models of the cross-fitting folds disagreed most first; coders could open any document at any time.'
    : 'Coders moved to the next document in the order of the document list (by document id); the model did not choose which document came next.';
}

/** The documents of `all` in the layer's uncertainty order; documents the layer does not know follow, in list order. */
export function orderByUncertainty(uncertainty: readonly DocumentUncertainty[], all: readonly string[]): string[] {
  const present = new Set(all);
  const ranked = uncertaintyOrder(uncertainty).filter((d) => present.has(d));
  const known = new Set(uncertainty.map((u) => u.document));
  return [...ranked, ...all.filter((d) => !known.has(d))];
}
