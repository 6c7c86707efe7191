// Training and prediction: one averaged-perceptron BIO tagger per span label (so labels may overlap) and one
// logistic regression per document-label variable (a single-choice group, or one option of a multi-choice
// group), over hashed features of the project's own documents. Same input and seed, same model.
import type { AnnotationRecord, DocLabelValue } from '../model';
import { I, spansToTags, tagsToSpans } from './bio';
import { Reporter, type RunControl } from './control';
import {
  DEFAULT_HASH_BITS,
  documentFeatures,
  FEATURE_TEMPLATE,
  type TokenFeatures,
  tokenFeatures,
  WordCache,
} from './features';
import { fitLogistic, probabilities, type SparseExample } from './logistic';
import {
  BIO,
  emissionScores,
  type MultiSequence,
  type SequenceWeights,
  tokenMargins,
  trainPerceptrons,
  viterbi,
} from './sequence';
import { documentTarget, type GroupSpec, type Target, usableRecords } from './targets';
import { chunkStarts, type TokenizedText, tokenize } from './tokens';

/** A document as the models need it. */
export interface LearnDocument {
  id: string;
  text: string;
  textHash?: string;
}

/** The codebook parts the models learn. */
export interface LearnCodebook {
  version: number;
  spanLabels: readonly { name: string }[];
  docLabels: readonly GroupSpec[];
}

/** Everything training reads: the documents, every record (the model's own are ignored), the codebook. */
export interface LearnInput {
  documents: readonly LearnDocument[];
  records: readonly AnnotationRecord[];
  codebook: LearnCodebook;
}

/** Training settings; every one has a default. */
export interface LearnOptions {
  seed?: number;
  /**
   * Passes of the perceptron over the training documents. Default: by the number of coded documents,
   * 15 up to 100, 10 up to 300, else 6 (small projects need more passes, and they are cheap).
   */
  epochs?: number;
  hashBits?: number;
  /** λ of the logistic regressions (default 0.1). */
  l2?: number;
  /** Record statuses that count as coding to learn from (default: done). */
  statuses?: readonly string[];
  /** Span labels to learn (default: every label of the codebook). */
  labels?: readonly string[];
  /** Document-label groups to learn (default: every group of the codebook). */
  groups?: readonly string[];
}

/** The settings a run resolved, as recorded in the model. */
export interface ResolvedOptions {
  seed: number;
  epochs: number;
  hashBits: number;
  l2: number;
  statuses: string[];
}

/** One span label's tagger: averaged weights × scale (integers) of the feature buckets it uses, sorted by bucket. */
export interface SpanLabelModel {
  label: string;
  scale: number;
  transition: Float64Array;
  buckets: Int32Array;
  emission: Float64Array;
}

/** One document-label variable: a single-choice group (option null) or one option of a multi-choice group. */
export interface DocVariableModel {
  group: string;
  option: string | null;
  /** The values seen in training: the group's options (single), or "no"/"yes" (one option); one value = constant. */
  classes: string[];
  weights: Float64Array;
  biases: Float64Array;
}

/** A trained model: what the model file holds. */
export interface TrainedModel {
  featureTemplate: number;
  options: ResolvedOptions;
  codebookVersion: number;
  /** The documents it was trained on (sorted), and how many targets came from gold and from agreement. */
  documents: string[];
  sources: { gold: number; agreed: number };
  spanLabels: SpanLabelModel[];
  groups: GroupSpec[];
  /** Document features: sorted buckets and their idf. */
  vocabulary: { buckets: Int32Array; idf: Float64Array };
  variables: DocVariableModel[];
}

/** A document tokenized and featurized once, reused by every fold. */
export interface PreparedDocument {
  id: string;
  textHash: string;
  tokens: TokenizedText;
  features: TokenFeatures;
  docFeatures: Map<number, number>;
  target: Target | null;
}

/** The prepared corpus of one run. */
export interface PreparedCorpus {
  documents: PreparedDocument[];
  /** Records left out of training, and why (as the agreement figures leave them out). */
  excluded: { document: string; annotator: string; reason: string }[];
  labels: string[];
  groups: GroupSpec[];
  options: ResolvedOptions;
  codebookVersion: number;
}

/** Settings with their defaults applied; refuses values that cannot work. */
export function resolveOptions(options: LearnOptions = {}): ResolvedOptions {
  const seed = options.seed ?? 1;
  const epochs = options.epochs ?? 6;
  if (options.epochs !== undefined && (!Number.isInteger(epochs) || epochs < 1))
    throw new Error(`epochs must be a positive integer, got ${epochs}`);
  const hashBits = options.hashBits ?? DEFAULT_HASH_BITS;
  const l2 = options.l2 ?? 0.1;
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  if (!Number.isInteger(hashBits) || hashBits < 8 || hashBits > 24)
    throw new Error(`hashBits must be an integer from 8 to 24, got ${hashBits}`);
  if (!(l2 >= 0)) throw new Error(`l2 must be 0 or more, got ${l2}`);
  return { seed, epochs, hashBits, l2, statuses: [...(options.statuses ?? ['done'])] };
}

/**
 * Weights are rounded when training ends, so the model in memory is the model in the file, bit for bit, and
 * the file stays small: tagger weights to 1/1000 of an averaged perceptron update (a feature whose every
 * weight rounds to 0 is dropped), regression weights to 4 decimals (a feature value is at most 1).
 */
export const TAGGER_SCALE = 1000;
const MAX_VOCABULARY = 20_000;
const JOINT_LABELS = 8;
export function round4(x: number): number {
  const r = Math.round(x * 1e4) / 1e4;
  return r === 0 ? 0 : r;
}

/** Why a record cannot be learned from (its offsets may belong to another text), or null. */
function recordProblem(r: AnnotationRecord, d: LearnDocument, length: number): string | null {
  if (d.textHash && r.textHash && r.textHash !== d.textHash) return 'the text hash does not match the document';
  for (const s of r.spans ?? []) {
    if (!Number.isInteger(s.start) || !Number.isInteger(s.end) || s.end <= s.start)
      return `span [${s.start}, ${s.end}) is not a valid span`;
    if (s.start < 0 || s.end > length) return `span [${s.start}, ${s.end}) is outside the text (${length} code points)`;
  }
  return null;
}

/** Tokenizes and featurizes every document and builds its target. */
export async function prepareCorpus(
  input: LearnInput,
  options: LearnOptions = {},
  reporter = new Reporter(undefined, 0),
): Promise<PreparedCorpus> {
  const resolved = resolveOptions(options);
  const codebookLabels = input.codebook.spanLabels.map((l) => l.name);
  const labels = [...(options.labels ?? codebookLabels)];
  for (const l of labels) if (!codebookLabels.includes(l)) throw new Error(`span label "${l}" is not in the codebook`);
  const groups = options.groups
    ? options.groups.map((name) => {
        const g = input.codebook.docLabels.find((x) => x.name === name);
        if (!g) throw new Error(`document-label group "${name}" is not in the codebook`);
        return g;
      })
    : [...input.codebook.docLabels];
  const byDoc = new Map<string, AnnotationRecord[]>();
  for (const r of usableRecords(input.records, resolved.statuses)) {
    const list = byDoc.get(r.document) ?? [];
    list.push(r);
    byDoc.set(r.document, list);
  }
  const seen = new Set<string>();
  const cache = new WordCache();
  const documents: PreparedDocument[] = [];
  const excluded: PreparedCorpus['excluded'] = [];
  const sorted = [...input.documents].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const d of sorted) {
    if (seen.has(d.id)) throw new Error(`document "${d.id}" is given twice`);
    seen.add(d.id);
    const tokens = tokenize(d.text);
    const records = (byDoc.get(d.id) ?? []).filter((r) => {
      const reason = recordProblem(r, d, tokens.length);
      if (reason) excluded.push({ document: d.id, annotator: r.annotator, reason });
      return !reason;
    });
    documents.push({
      id: d.id,
      textHash: d.textHash ?? '',
      tokens,
      features: tokenFeatures(tokens, resolved.hashBits, cache),
      docFeatures: documentFeatures(tokens, resolved.hashBits, cache),
      target: documentTarget(d.id, tokens, records, labels, groups),
    });
    await reporter.step('reading documents');
  }
  const coded = documents.filter((d) => d.target).length;
  if (options.epochs === undefined) resolved.epochs = coded <= 100 ? 15 : coded <= 300 ? 10 : 6;
  return {
    documents,
    excluded,
    labels,
    groups: groups.map((g) => ({ name: g.name, kind: g.kind, options: [...g.options] })),
    options: resolved,
    codebookVersion: input.codebook.version,
  };
}

/** Work units of training one model on n documents (used to size progress bars). */
export function trainingUnits(c: PreparedCorpus, n: number): number {
  return Math.ceil(c.labels.length / JOINT_LABELS) * c.options.epochs * n + docVariables(c.groups).length;
}

function docVariables(groups: readonly GroupSpec[]): { group: GroupSpec; option: string | null }[] {
  return groups.flatMap((g): { group: GroupSpec; option: string | null }[] =>
    g.kind === 'single' ? [{ group: g, option: null }] : g.options.map((o) => ({ group: g, option: o })),
  );
}

async function trainSpanLabels(
  c: PreparedCorpus,
  docs: readonly PreparedDocument[],
  reporter: Reporter,
): Promise<SpanLabelModel[]> {
  const bits = c.options.hashBits;
  const rowOf = new Int32Array(1 << bits).fill(-1);
  const bucketOf: number[] = [];
  const remapped = docs.map((d) => {
    const ids = new Int32Array(d.features.ids.length);
    for (let j = 0; j < ids.length; j++) {
      const b = d.features.ids[j];
      let r = rowOf[b];
      if (r < 0) {
        r = bucketOf.length;
        rowOf[b] = r;
        bucketOf.push(b);
      }
      ids[j] = r;
    }
    return ids;
  });
  const K = BIO.tags;
  const M = c.labels.length;
  const out: SpanLabelModel[] = [];
  if (M === 0) return out;
  // sentence-sized sequences: the perceptron updates after each, and converges in fewer epochs
  const allTags = docs.map((d) => {
    const n = d.tokens.words.length;
    const tags = new Uint8Array(n * M);
    c.labels.forEach((label, m) => {
      const own = spansToTags(
        d.tokens,
        (d.target?.spans ?? []).filter((s) => s.label === label),
      );
      for (let t = 0; t < n; t++) tags[t * M + m] = own[t];
    });
    return tags;
  });
  const cuts = docs.map((d, i) =>
    chunkStarts(d.tokens, (k) => {
      for (let m = 0; m < M; m++) if (allTags[i][k * M + m] === I) return true;
      return false;
    }),
  );
  const trained: SequenceWeights[] = [];
  // at most JOINT_LABELS taggers share a pass: their weights live side by side (rows × labels × 3)
  for (let from = 0; from < M; from += JOINT_LABELS) {
    const batch = Math.min(JOINT_LABELS, M - from);
    const sequences: MultiSequence[] = [];
    docs.forEach((d, i) => {
      const n = d.tokens.words.length;
      const tags = new Uint8Array(n * batch);
      for (let t = 0; t < n; t++) for (let m = 0; m < batch; m++) tags[t * batch + m] = allTags[i][t * M + from + m];
      const at = cuts[i];
      for (let j = 0; j + 1 < at.length; j++)
        sequences.push({
          ids: remapped[i],
          offsets: d.features.offsets.subarray(at[j], at[j + 1] + 1),
          tags: tags.subarray(at[j] * batch, at[j + 1] * batch),
        });
    });
    trained.push(
      ...(await trainPerceptrons(sequences, bucketOf.length, batch, BIO, {
        epochs: c.options.epochs,
        seed: c.options.seed,
        reporter,
        stage: 'learning span labels',
        unitsPerSequence: sequences.length ? docs.length / sequences.length : 0,
      })),
    );
  }
  trained.forEach((w, m) => {
    const label = c.labels[m];
    const q = (x: number) => {
      const v = Math.round((x * TAGGER_SCALE) / w.scale);
      return v === 0 ? 0 : v;
    };
    for (let i = 0; i < w.emission.length; i++) w.emission[i] = q(w.emission[i]);
    const transition = w.transition.map(q);
    const used: number[] = [];
    for (let r = 0; r < bucketOf.length; r++) {
      let any = false;
      for (let k = 0; k < K; k++) if (w.emission[r * K + k] !== 0) any = true;
      if (any) used.push(r);
    }
    used.sort((a, b) => bucketOf[a] - bucketOf[b]);
    const buckets = new Int32Array(used.length);
    const emission = new Float64Array(used.length * K);
    used.forEach((r, i) => {
      buckets[i] = bucketOf[r];
      for (let k = 0; k < K; k++) emission[i * K + k] = w.emission[r * K + k];
    });
    out.push({ label, scale: TAGGER_SCALE, transition, buckets, emission });
  });
  return out;
}

function vectorize(
  counts: Map<number, number>,
  index: Map<number, number>,
  idf: Float64Array,
): { ids: Int32Array; values: Float64Array } {
  const entries: [number, number][] = [];
  for (const [b, n] of counts) {
    const i = index.get(b);
    if (i !== undefined) entries.push([i, (1 + Math.log(n)) * idf[i]]);
  }
  entries.sort((a, b) => a[0] - b[0]);
  let norm = 0;
  for (const [, v] of entries) norm += v * v;
  norm = Math.sqrt(norm) || 1;
  return { ids: Int32Array.from(entries, (e) => e[0]), values: Float64Array.from(entries, (e) => e[1] / norm) };
}

function vocabularyIndex(v: { buckets: Int32Array }): Map<number, number> {
  const index = new Map<number, number>();
  v.buckets.forEach((b, i) => {
    index.set(b, i);
  });
  return index;
}

async function trainDocLabels(
  c: PreparedCorpus,
  docs: readonly PreparedDocument[],
  reporter: Reporter,
): Promise<{ vocabulary: TrainedModel['vocabulary']; variables: DocVariableModel[] }> {
  const variables = docVariables(c.groups);
  const withLabels = docs.filter((d) => d.target && Object.keys(d.target.docLabels).length > 0);
  const df = new Map<number, number>();
  for (const d of withLabels) for (const b of d.docFeatures.keys()) df.set(b, (df.get(b) ?? 0) + 1);
  // words and bigrams of at least two documents, the most widespread MAX_VOCABULARY of them
  const minDf = withLabels.length >= 20 ? 2 : 1;
  const kept = [...df.entries()]
    .filter(([, n]) => n >= minDf)
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, MAX_VOCABULARY)
    .sort((a, b) => a[0] - b[0]);
  const N = withLabels.length;
  const buckets = Int32Array.from(kept, (e) => e[0]);
  const idf = Float64Array.from(kept, (e) => round4(Math.log((1 + N) / (1 + e[1])) + 1));
  const vocabulary = { buckets, idf };
  const index = vocabularyIndex(vocabulary);
  const vectors = new Map(withLabels.map((d) => [d.id, vectorize(d.docFeatures, index, idf)]));
  const out: DocVariableModel[] = [];
  for (const { group, option } of variables) {
    const values: string[] = [];
    const examples: { id: string; value: string }[] = [];
    for (const d of withLabels) {
      const v = d.target?.docLabels[group.name];
      if (v === undefined) continue;
      let value: string | null;
      if (option === null) value = typeof v === 'string' && group.options.includes(v) ? v : null;
      else value = Array.isArray(v) && v.includes(option) ? 'yes' : 'no';
      if (value === null) continue;
      examples.push({ id: d.id, value });
    }
    const order = option === null ? group.options : ['no', 'yes'];
    for (const o of order) if (examples.some((e) => e.value === o)) values.push(o);
    let weights = new Float64Array(0);
    let biases = new Float64Array(0);
    if (values.length >= 2) {
      const sparse: SparseExample[] = examples.map((e) => {
        const x = vectors.get(e.id)!;
        return { ids: x.ids, values: x.values, label: values.indexOf(e.value) };
      });
      const fit = fitLogistic(sparse, values.length, buckets.length, {
        l2: c.options.l2,
        maxIterations: 60,
        gradientTolerance: 1e-4,
        relativeDecrease: 1e-6,
      });
      weights = fit.weights.map(round4);
      biases = fit.biases.map(round4);
    }
    out.push({ group: group.name, option, classes: values, weights, biases });
    await reporter.step(`learning "${option === null ? group.name : `${group.name}: ${option}`}"`);
  }
  return { vocabulary, variables: out };
}

/** Trains one model on the given prepared documents (those without a target are skipped). */
export async function trainOn(
  c: PreparedCorpus,
  docs: readonly PreparedDocument[],
  reporter: Reporter,
): Promise<TrainedModel> {
  const coded = docs.filter((d) => d.target);
  const spanLabels = await trainSpanLabels(c, coded, reporter);
  const { vocabulary, variables } = await trainDocLabels(c, coded, reporter);
  return {
    featureTemplate: FEATURE_TEMPLATE,
    options: { ...c.options, statuses: [...c.options.statuses] },
    codebookVersion: c.codebookVersion,
    documents: coded.map((d) => d.id),
    sources: {
      gold: coded.filter((d) => d.target?.source === 'gold').length,
      agreed: coded.filter((d) => d.target?.source === 'agreed').length,
    },
    spanLabels,
    groups: c.groups,
    vocabulary,
    variables,
  };
}

/**
 * A run's start: progress reporting, the prepared corpus and its coded documents, refused in the run's own
 * words when fewer than `need.coded` documents are coded.
 */
export async function preparedRun(
  input: LearnInput,
  options: LearnOptions,
  control: RunControl | undefined,
  need: { coded: number; refusal(coded: number): string },
) {
  const reporter = new Reporter(control, input.documents.length);
  const c = await prepareCorpus(input, options, reporter);
  const coded = c.documents.filter((d) => d.target);
  if (coded.length < need.coded) throw new Error(need.refusal(coded.length));
  return { reporter, c, coded };
}

/** A learning run over a project: its options, and progress and cancel through `control`. */
export type LearnRun<O extends LearnOptions, R> = (input: LearnInput, options?: O, control?: RunControl) => Promise<R>;

/** Trains the model on every coded document of the project. */
export const trainModel: LearnRun<LearnOptions, TrainedModel> = async (input, options = {}, control) => {
  const { reporter, c, coded } = await preparedRun(input, options, control, {
    coded: 1,
    refusal: () => 'nothing to learn from: no document has gold or a coder’s record with an allowed status',
  });
  reporter.addTotal(trainingUnits(c, coded.length));
  return trainOn(c, coded, reporter);
};

/** What the model says about one document. */
export interface DocumentPrediction {
  spans: { start: number; end: number; label: string }[];
  docLabels: Record<string, DocLabelValue>;
  /** Single-choice group → value → probability; multi-choice group → option → probability it is chosen. */
  probabilities: Record<string, Record<string, number>>;
  /** Per span label, the smallest token margin (averaged perceptron score): low = a near decision. */
  spanMargins: Record<string, number>;
  /** The smallest gap between the top two probabilities of any document-label variable (null when none). */
  docLabelMargin: number | null;
}

/** Bucket → row of one model part: open addressing over the sorted buckets (small; no 2^bits table). */
class RowTable {
  private readonly keys: Int32Array;
  private readonly rows: Int32Array;
  private readonly mask: number;
  constructor(buckets: Int32Array) {
    let size = 16;
    while (size < buckets.length * 2) size *= 2;
    this.mask = size - 1;
    this.keys = new Int32Array(size).fill(-1);
    this.rows = new Int32Array(size);
    buckets.forEach((b, i) => {
      let h = Math.imul(b, 0x9e3779b1) & this.mask;
      while (this.keys[h] !== -1) h = (h + 1) & this.mask;
      this.keys[h] = b;
      this.rows[h] = i;
    });
  }
  get(bucket: number): number {
    let h = Math.imul(bucket, 0x9e3779b1) & this.mask;
    for (;;) {
      const k = this.keys[h];
      if (k === bucket) return this.rows[h];
      if (k === -1) return -1;
      h = (h + 1) & this.mask;
    }
  }
}

interface Lookup {
  rows: RowTable[];
  vocabulary: Map<number, number>;
}
const lookups = new WeakMap<TrainedModel, Lookup>();

function lookupOf(model: TrainedModel): Lookup {
  let l = lookups.get(model);
  if (l) return l;
  l = { rows: model.spanLabels.map((m) => new RowTable(m.buckets)), vocabulary: vocabularyIndex(model.vocabulary) };
  lookups.set(model, l);
  return l;
}

/** Predicts one prepared document (its features must use the model's hash bits). */
export function predictPrepared(
  model: TrainedModel,
  d: Pick<PreparedDocument, 'tokens' | 'features' | 'docFeatures'>,
): DocumentPrediction {
  const lookup = lookupOf(model);
  const K = BIO.tags;
  const n = d.tokens.words.length;
  const spans: DocumentPrediction['spans'] = [];
  const spanMargins: Record<string, number> = {};
  const ids = new Int32Array(d.features.ids.length);
  let scores: Float64Array = new Float64Array(n * K);
  const cuts = chunkStarts(d.tokens);
  model.spanLabels.forEach((m, li) => {
    const rows = lookup.rows[li];
    for (let j = 0; j < ids.length; j++) ids[j] = rows.get(d.features.ids[j]);
    scores = emissionScores(m.emission, K, ids, d.features.offsets, scores);
    const tags = new Uint8Array(n);
    let min = Number.POSITIVE_INFINITY;
    for (let c = 0; c + 1 < cuts.length; c++) {
      const from = cuts[c];
      const len = cuts[c + 1] - from;
      const part = scores.subarray(from * K, (from + len) * K);
      tags.set(viterbi(part, len, m.transition, BIO), from);
      for (const v of tokenMargins(part, len, m.transition, BIO)) min = Math.min(min, v);
    }
    for (const s of tagsToSpans(d.tokens, tags)) spans.push({ ...s, label: m.label });
    spanMargins[m.label] = Number.isFinite(min) ? min / m.scale : 0;
  });
  spans.sort((a, b) => a.start - b.start || a.end - b.end || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));

  const docLabels: Record<string, DocLabelValue> = {};
  const probs: Record<string, Record<string, number>> = {};
  let docLabelMargin: number | null = null;
  const x = vectorize(d.docFeatures, lookup.vocabulary, model.vocabulary.idf);
  for (const v of model.variables) {
    if (v.classes.length === 0) continue;
    let p: Float64Array;
    if (v.classes.length === 1) p = Float64Array.of(1);
    else
      p = probabilities(
        { classes: v.classes.length, features: model.vocabulary.buckets.length, weights: v.weights, biases: v.biases },
        x.ids,
        x.values,
      );
    let top = 0;
    for (let k = 1; k < p.length; k++) if (p[k] > p[top]) top = k;
    const sortedP = [...p].sort((a, b) => b - a);
    const gap = sortedP.length > 1 ? sortedP[0] - sortedP[1] : 1;
    docLabelMargin = docLabelMargin === null ? gap : Math.min(docLabelMargin, gap);
    const group = model.groups.find((g) => g.name === v.group)!;
    if (v.option === null) {
      docLabels[v.group] = v.classes[top];
      probs[v.group] = Object.fromEntries(v.classes.map((c, k) => [c, p[k]]));
    } else {
      const yes = v.classes.indexOf('yes');
      const pYes = yes < 0 ? 0 : p[yes];
      probs[v.group] ??= {};
      probs[v.group][v.option] = pYes;
      const chosen = (docLabels[v.group] as string[] | undefined) ?? [];
      if (v.classes[top] === 'yes') chosen.push(v.option);
      docLabels[v.group] = group.options.filter((o) => chosen.includes(o));
    }
  }
  return { spans, docLabels, probabilities: probs, spanMargins, docLabelMargin };
}

/** Predicts one document's text. */
export function predictDocument(model: TrainedModel, text: string): DocumentPrediction {
  const tokens = tokenize(text);
  const cache = new WordCache();
  return predictPrepared(model, {
    tokens,
    features: tokenFeatures(tokens, model.options.hashBits, cache),
    docFeatures: documentFeatures(tokens, model.options.hashBits, cache),
  });
}
