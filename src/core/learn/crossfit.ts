// Cross-fitting: the model as a coder. Coded documents are split into k folds (seeded); each fold's
// documents are predicted by a model trained on the other folds only, so no document is coded by a model
// that saw its coding. Documents nobody coded are predicted by the model trained on every coded document
// (which never saw them either), and also by each fold model, whose disagreement orders them for coding.
import { mergeOverlapping, sortIntervals } from '../agreement/intervals';
import { addOverlap, type OverlapCounts, overlapCounts, overlapScores } from '../agreement/spanF1';
import type { AnnotationRecord, DocLabelValue } from '../model';
import { mulberry32 } from '../prng';
import { MODEL } from './targets';
import {
  type DocumentPrediction,
  type LearnOptions,
  type LearnRun,
  type PreparedDocument,
  predictPrepared,
  preparedRun,
  type TrainedModel,
  trainingUnits,
  trainOn,
} from './train';

/** Cross-fitting settings: the training settings plus the number of folds and the records' timestamp. */
export interface CrossFitOptions extends LearnOptions {
  /** Default 5; fewer when fewer documents are coded. */
  folds?: number;
  /** The `updatedAt` of the model's records (the core has no clock; default 1970-01-01T00:00:00.000Z). */
  updatedAt?: string;
}

/** How uncertain the model is about one document, for active ordering. */
export interface DocumentUncertainty {
  document: string;
  /** Whether the document has gold or coders' records the model learns from. */
  coded: boolean;
  /** The fold that held the document out (coded documents), else null. */
  fold: number | null;
  /** How many models that never saw the document predicted it. */
  committee: number;
  /**
   * Mean disagreement among those models, 0 (all agree) to 1: for spans 1 − overlap F1 of each pair (all
   * labels pooled), for document labels the share of pairs that differ, averaged over both parts. Null
   * when fewer than two models predicted the document.
   */
  disagreement: number | null;
  /** The smallest span-decision margin of the predicting model (perceptron score; low = near decision). */
  spanMargin: number | null;
  /** The smallest gap between the two most probable values of a document label. */
  docLabelMargin: number | null;
}

/** What cross-fitting returns. */
export interface CrossFitResult {
  annotator: typeof MODEL;
  folds: number;
  seed: number;
  /** heldOut[f]: the coded documents fold f's model predicted; trainedOn[f]: what that model learned from. */
  heldOut: string[][];
  trainedOn: string[][];
  /** One record per document, annotator `model`, read-only by convention of the caller. */
  records: AnnotationRecord[];
  uncertainty: DocumentUncertainty[];
  /** The model trained on every coded document: it predicted the uncoded ones and is the one to save. */
  model: TrainedModel;
  /** Records left out of training (text hash mismatch, a span outside the text), and why. */
  excluded: { document: string; annotator: string; reason: string }[];
}

/** Seeded assignment of documents to k folds: a Fisher–Yates shuffle, then dealt round-robin. */
export function foldPlan(ids: readonly string[], k: number, seed: number): string[][] {
  if (!Number.isInteger(k) || k < 2) throw new Error(`folds must be an integer of at least 2, got ${k}`);
  const order = [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const next = mulberry32(seed ^ 0x5bd1e995);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const folds: string[][] = Array.from({ length: k }, () => []);
  order.forEach((id, i) => {
    folds[i % k].push(id);
  });
  for (const f of folds) f.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return folds;
}

function spanAgreement(a: DocumentPrediction, b: DocumentPrediction): number {
  const labels = [...new Set([...a.spans, ...b.spans].map((s) => s.label))].sort();
  const pooled: OverlapCounts = { pNum: 0, rNum: 0, a: 0, b: 0 };
  for (const l of labels) {
    const of = (p: DocumentPrediction) =>
      mergeOverlapping(sortIntervals(p.spans.filter((s) => s.label === l).map((s) => [s.start, s.end] as const)));
    addOverlap(pooled, overlapCounts(of(a), of(b)));
  }
  return overlapScores(pooled).f1.value ?? 1;
}

function sameValue(a: DocLabelValue | undefined, b: DocLabelValue | undefined): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

/** Mean pairwise disagreement of several models' predictions of one document (null below two). */
export function committeeDisagreement(predictions: readonly DocumentPrediction[]): number | null {
  if (predictions.length < 2) return null;
  let spans = 0;
  let labels = 0;
  let labelPairs = 0;
  let pairs = 0;
  for (let i = 0; i < predictions.length; i++)
    for (let j = i + 1; j < predictions.length; j++) {
      pairs++;
      spans += 1 - spanAgreement(predictions[i], predictions[j]);
      const groups = new Set([...Object.keys(predictions[i].docLabels), ...Object.keys(predictions[j].docLabels)]);
      for (const g of groups) {
        labelPairs++;
        if (!sameValue(predictions[i].docLabels[g], predictions[j].docLabels[g])) labels++;
      }
    }
  const parts = [spans / pairs];
  if (labelPairs > 0) parts.push(labels / labelPairs);
  return parts.reduce((s, x) => s + x, 0) / parts.length;
}

function minMargin(p: DocumentPrediction): number | null {
  const values = Object.values(p.spanMargins);
  return values.length ? Math.min(...values) : null;
}

function toRecord(
  d: PreparedDocument,
  p: DocumentPrediction,
  codebookVersion: number,
  updatedAt: string,
): AnnotationRecord {
  return {
    document: d.id,
    annotator: MODEL,
    textHash: d.textHash,
    codebookVersion,
    status: 'done',
    spans: p.spans.map((s) => ({ start: s.start, end: s.end, label: s.label })),
    docLabels: p.docLabels,
    updatedAt,
  };
}

/** k-fold cross-fitting of the model on a project: its records as a coder, its uncertainty, its final model. */
export const crossFit: LearnRun<CrossFitOptions, CrossFitResult> = async (input, options = {}, control) => {
  const { reporter, c, coded } = await preparedRun(input, options, control, {
    coded: 2,
    refusal: (n) => `cross-fitting needs at least 2 coded documents, the project has ${n}`,
  });
  const uncoded = c.documents.filter((d) => !d.target);
  const k = Math.min(options.folds ?? 5, coded.length);
  const plan = foldPlan(
    coded.map((d) => d.id),
    k,
    c.options.seed,
  );
  const foldOf = new Map<string, number>();
  plan.forEach((ids, f) => {
    for (const id of ids) foldOf.set(id, f);
  });
  for (let f = 0; f < k; f++) reporter.addTotal(trainingUnits(c, coded.length - plan[f].length));
  reporter.addTotal(trainingUnits(c, coded.length) + c.documents.length + uncoded.length * k);

  const foldModels: TrainedModel[] = [];
  for (let f = 0; f < k; f++) {
    const train = coded.filter((d) => foldOf.get(d.id) !== f);
    foldModels.push(await trainOn(c, train, reporter));
  }
  const model = await trainOn(c, coded, reporter);
  const updatedAt = options.updatedAt ?? '1970-01-01T00:00:00.000Z';
  const records: AnnotationRecord[] = [];
  const uncertainty: DocumentUncertainty[] = [];
  for (const d of c.documents) {
    const fold = foldOf.get(d.id);
    const own = fold === undefined ? model : foldModels[fold];
    const p = predictPrepared(own, d);
    records.push(toRecord(d, p, c.codebookVersion, updatedAt));
    await reporter.step('predicting');
    let committee = [p];
    if (fold === undefined) {
      committee = [];
      for (const m of foldModels) {
        committee.push(predictPrepared(m, d));
        await reporter.step('measuring disagreement');
      }
    }
    uncertainty.push({
      document: d.id,
      coded: fold !== undefined,
      fold: fold ?? null,
      committee: committee.length,
      disagreement: committeeDisagreement(committee),
      spanMargin: minMargin(p),
      docLabelMargin: p.docLabelMargin,
    });
  }
  return {
    annotator: MODEL,
    folds: k,
    seed: c.options.seed,
    heldOut: plan,
    trainedOn: foldModels.map((m) => [...m.documents]),
    records,
    uncertainty,
    model,
    excluded: c.excluded,
  };
};

/**
 * Active order: documents nobody coded first, most disagreement among the fold models first; then coded
 * documents (someone else's, or a reliability round's), smallest margin first. Ties by document id.
 */
export function uncertaintyOrder(list: readonly DocumentUncertainty[]): string[] {
  const key = (u: DocumentUncertainty) => [
    u.coded ? 1 : 0,
    -(u.disagreement ?? -1),
    u.spanMargin ?? Number.POSITIVE_INFINITY,
    u.docLabelMargin ?? Number.POSITIVE_INFINITY,
  ];
  return [...list]
    .sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] - kb[i];
      return a.document < b.document ? -1 : a.document > b.document ? 1 : 0;
    })
    .map((u) => u.document);
}
