// The model measured as a coder: its α_U, character κ, span F1 and document-label κ against each coder and
// against gold, pair by pair, beside the same figures for every pair of coders, and where the model agrees
// with the coders less than they agree with each other. Each pair is its own agreement report (the figures
// of DEFINITIONS.md over the documents both annotated), so the model's pairs and the coders' pairs are
// measured alike; α_U is pairwise here for that reason (the main report's α_U pools every selected coder).
import {
  type AgreementInput,
  type AgreementReport,
  agreementReport,
  bootstrapIntervals,
  type ConfidenceInterval,
  type DocLabelFigures,
  type LabelFigure,
  type Num,
} from '../agreement';
import { formatNumber, renderTable } from '../agreement/format';
import { GOLD, isModelName, MODEL } from '../model';
import { evaluatePredictions, type ScoreInterval } from './evaluate';

/** The measures compared: the span measures per label, and document-label κ per group or option. */
export type ComparedMeasure = 'alpha_u' | 'f1_exact' | 'f1_overlap' | 'cohen_kappa_char' | 'cohen_kappa';

const SPAN_MEASURES = ['alpha_u', 'f1_overlap', 'f1_exact', 'cohen_kappa_char'] as const;

/** Document-label figures of one pair: Cohen's κ and Krippendorff's α of a group, or of each option. */
export interface PairDocLabelFigure {
  documents: number;
  cohen_kappa: Num;
  krippendorff_alpha: Num;
}

/** The figures of one pair of layers (the model and a coder, the model and gold, or two coders). */
export interface PairFigures {
  a: string;
  b: string;
  documents: number;
  alpha_u: LabelFigure;
  f1_exact: LabelFigure;
  f1_overlap: LabelFigure;
  cohen_kappa_char: LabelFigure;
  document_labels: Record<string, PairDocLabelFigure | { options: Record<string, PairDocLabelFigure> }>;
}

/** A pair of the model with a coder, and how many of that coder's spans there were accepted suggestions. */
export interface ModelPairFigures extends PairFigures {
  coder: string;
  coder_spans: number;
  accepted_suggestions: number;
}

/** One figure: the coders' mean over their pairs beside the model's mean over its pairs with them. */
export interface ComparisonRow {
  measure: ComparedMeasure;
  /** A span label, or null for all labels pooled (span measures); null for document labels. */
  label: string | null;
  /** Document labels: the group, and the option of a multiple-choice group. */
  group?: string;
  option?: string;
  humans: Num;
  human_pairs: number;
  model: Num;
  model_pairs: number;
  model_vs_gold: Num;
  /** The model agrees with the coders less than they agree with each other (null: not comparable). */
  below: boolean | null;
}

/** Intervals of one pair: α_U as the agreement report's intervals give them, span F1 by the same bootstrap. */
export interface PairIntervals {
  a: string;
  b: string;
  alpha_u: { overall: ConfidenceInterval; per_label: Record<string, ConfidenceInterval> };
  f1_exact: { overall: ScoreInterval; per_label: Record<string, ScoreInterval> };
  f1_overlap: { overall: ScoreInterval; per_label: Record<string, ScoreInterval> };
  document_labels: Record<string, ConfidenceInterval | { options: Record<string, ConfidenceInterval> }>;
}

/** The `model` section of an agreement report. */
export interface ModelAgreement {
  annotator: typeof MODEL;
  /** The coders the model is compared with (gold apart). */
  coders: string[];
  labels: string[];
  /** The model with each coder, in coder order, then with gold when gold has records. */
  pairs: ModelPairFigures[];
  /** Every pair of coders, a < b. */
  coder_pairs: PairFigures[];
  comparison: ComparisonRow[];
  /** Plain sentences: where the model falls short of the coders' own agreement, or why it cannot be told. */
  shortfalls: string[];
  /** JSON Pointer (within this section) of each null figure → why. */
  null_reasons: Record<string, string>;
  intervals?: {
    method: string;
    draws: number;
    seed: number;
    level: number;
    pairs: PairIntervals[];
    coder_pairs: PairIntervals[];
  };
}

export interface ModelAgreementOptions {
  /** Add bootstrap intervals (documents resampled), as `agreement --intervals` does. */
  intervals?: boolean;
  draws?: number;
  seed?: number;
  /** The model's layer name (default `model`). */
  model?: string;
}

const COUNTED = new Set(['in_progress', 'done']);

function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function pointer(parts: readonly (string | number)[]): string {
  return parts.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** Whether the input holds a counted record of the model. */
export function hasModelLayer(input: AgreementInput, model: string = MODEL): boolean {
  return input.records.some((r) => r.annotator === model && COUNTED.has(r.status));
}

function pairFigures(
  input: AgreementInput,
  a: string,
  b: string,
  labels: string[],
  reasons: Record<string, string>,
  at: (string | number)[],
): PairFigures {
  const report: AgreementReport = agreementReport({ ...input, annotators: [a, b], labels });
  const pair = report.spans.pairs[0];
  const empty = (): LabelFigure => ({ overall: null, per_label: Object.fromEntries(labels.map((l) => [l, null])) });
  const document_labels: PairFigures['document_labels'] = {};
  const docLabel = (f: DocLabelFigures): PairDocLabelFigure => ({
    documents: f.pairs[0]?.documents ?? 0,
    cohen_kappa: f.pairs[0]?.cohen_kappa ?? null,
    krippendorff_alpha: f.krippendorff_alpha,
  });
  for (const [group, g] of Object.entries(report.document_labels))
    document_labels[group] =
      'options' in g
        ? { options: Object.fromEntries(Object.entries(g.options).map(([o, f]) => [o, docLabel(f)])) }
        : docLabel(g);
  // the pair report's reasons, moved under this pair's pointer
  for (const [p, why] of Object.entries(report.null_reasons)) {
    let rest: string | null = null;
    if (p.startsWith('/spans/alpha_u/')) rest = `/alpha_u/${p.slice('/spans/alpha_u/'.length)}`;
    else if (p.startsWith('/spans/pairs/0/')) rest = `/${p.slice('/spans/pairs/0/'.length)}`;
    else if (p.startsWith('/document_labels/')) {
      const m = p.match(/^(\/document_labels\/.*?)(?:\/pairs\/0)?\/(cohen_kappa|krippendorff_alpha)$/);
      if (m) rest = `${m[1]}/${m[2]}`;
    }
    if (rest) reasons[`${pointer(at)}${rest}`] = why;
  }
  if (!pair)
    for (const k of ['f1_exact', 'f1_overlap', 'cohen_kappa_char'])
      reasons[`${pointer([...at, k, 'overall'])}`] = `no document annotated by both ${a} and ${b}`;
  return {
    a: report.annotators[0] ?? a,
    b: report.annotators[1] ?? b,
    documents: pair?.documents ?? 0,
    alpha_u: report.spans.alpha_u,
    f1_exact: pair?.f1_exact ?? empty(),
    f1_overlap: pair?.f1_overlap ?? empty(),
    cohen_kappa_char: pair?.cohen_kappa_char ?? empty(),
    document_labels,
  };
}

function pairIntervals(
  input: AgreementInput,
  a: string,
  b: string,
  labels: string[],
  options: { draws: number; seed: number },
): PairIntervals {
  const boot = bootstrapIntervals({ ...input, annotators: [a, b], labels }, options);
  const evaluation = evaluatePredictions(
    input.records.filter((r) => r.annotator === a),
    input.records.filter((r) => r.annotator === b),
    { labels, groups: [], draws: options.draws, seed: options.seed },
  );
  const f1 = (k: 'f1_exact' | 'f1_overlap') => ({
    overall: evaluation.spans[k],
    per_label: Object.fromEntries(labels.map((l) => [l, evaluation.spans.per_label[l][k]])),
  });
  return {
    a,
    b,
    alpha_u: { overall: boot.alpha_u.overall, per_label: boot.alpha_u.per_label },
    f1_exact: f1('f1_exact'),
    f1_overlap: f1('f1_overlap'),
    document_labels: boot.document_labels,
  };
}

function mean(values: Num[]): { value: Num; n: number } {
  const ok = values.filter((v): v is number => v !== null);
  return { value: ok.length ? ok.reduce((s, x) => s + x, 0) / ok.length : null, n: ok.length };
}

const MEASURE_NAMES: Record<ComparedMeasure, string> = {
  alpha_u: 'α_U',
  f1_overlap: 'span F1 (overlap)',
  f1_exact: 'span F1 (exact)',
  cohen_kappa_char: 'character κ',
  cohen_kappa: 'Cohen’s κ',
};

function fmt(v: number): string {
  return v.toFixed(2);
}

function rowName(r: ComparisonRow): string {
  const what = r.group
    ? `“${r.group}${r.option ? `: ${r.option}` : ''}”`
    : r.label === null
      ? 'all labels'
      : `“${r.label}”`;
  return `${MEASURE_NAMES[r.measure]}, ${what}`;
}

function docValue(f: PairFigures, group: string, option: string | undefined): Num {
  const g = f.document_labels[group];
  if (!g) return null;
  if ('options' in g) return option === undefined ? null : (g.options[option]?.cohen_kappa ?? null);
  return option === undefined ? g.cohen_kappa : null;
}

/**
 * The model against each coder and gold, beside the coders against each other. The input is the project's
 * agreement input with the model's records in it; `input.annotators` (when given) names the coders to
 * compare with (the model and gold among them are ignored there). Throws when the input has no model record.
 */
export function modelAgreement(input: AgreementInput, options: ModelAgreementOptions = {}): ModelAgreement {
  const model = options.model ?? MODEL;
  if (!hasModelLayer(input, model)) throw new Error('no model layer: train the model first');
  const counted = input.records.filter((r) => COUNTED.has(r.status));
  const present = new Set(counted.map((r) => r.annotator));
  const isCoder = (a: string) => a !== GOLD && !isModelName(a) && a !== model;
  const coders = (input.annotators ? [...new Set(input.annotators)] : [...present]).filter(isCoder).sort(byString);
  for (const c of coders) if (!present.has(c)) throw new Error(`unknown annotator "${c}" (no counted record)`);
  const withGold = present.has(GOLD);
  const selected = new Set([...coders, model, ...(withGold ? [GOLD] : [])]);
  const labels = input.labels
    ? [...input.labels].sort(byString)
    : [...new Set(counted.filter((r) => selected.has(r.annotator)).flatMap((r) => r.spans.map((s) => s.label)))]
        .filter((l) => !input.codebookLabels || input.codebookLabels.includes(l))
        .sort(byString);
  const base: AgreementInput = { ...input, labels: undefined, annotators: undefined };
  const null_reasons: Record<string, string> = {};

  const pairs: ModelPairFigures[] = [];
  for (const coder of [...coders, ...(withGold ? [GOLD] : [])]) {
    const f = pairFigures(base, coder, model, labels, null_reasons, ['pairs', pairs.length]);
    const own = counted.filter((r) => r.annotator === coder && coder !== GOLD);
    const modelDocs = new Set(counted.filter((r) => r.annotator === model).map((r) => r.document));
    const spans = own.filter((r) => modelDocs.has(r.document)).flatMap((r) => r.spans);
    pairs.push({
      coder,
      ...f,
      coder_spans: spans.length,
      accepted_suggestions: spans.filter((s) => s.origin === 'suggestion').length,
    });
  }
  const coder_pairs: PairFigures[] = [];
  for (let i = 0; i < coders.length; i++)
    for (let j = i + 1; j < coders.length; j++)
      coder_pairs.push(
        pairFigures(base, coders[i], coders[j], labels, null_reasons, ['coder_pairs', coder_pairs.length]),
      );

  const modelPairs = pairs.filter((p) => p.coder !== GOLD);
  const goldPair = pairs.find((p) => p.coder === GOLD);
  const comparison: ComparisonRow[] = [];
  const row = (
    measure: ComparedMeasure,
    label: string | null,
    pick: (f: PairFigures) => Num,
    doc?: { group: string; option?: string },
  ) => {
    const h = mean(coder_pairs.map(pick));
    const m = mean(modelPairs.map(pick));
    comparison.push({
      measure,
      label,
      ...(doc ? { group: doc.group, ...(doc.option !== undefined ? { option: doc.option } : {}) } : {}),
      humans: h.value,
      human_pairs: h.n,
      model: m.value,
      model_pairs: m.n,
      model_vs_gold: goldPair ? pick(goldPair) : null,
      below: h.value === null || m.value === null ? null : m.value < h.value,
    });
  };
  for (const measure of SPAN_MEASURES)
    for (const label of [null, ...labels])
      row(measure, label, (f) => (label === null ? f[measure].overall : (f[measure].per_label[label] ?? null)));
  const groups = new Map<string, Set<string> | null>();
  for (const f of [...pairs, ...coder_pairs])
    for (const [group, g] of Object.entries(f.document_labels)) {
      if (!('options' in g)) groups.set(group, null);
      else {
        const set = groups.get(group) ?? new Set<string>();
        for (const o of Object.keys(g.options)) set.add(o);
        groups.set(group, set);
      }
    }
  for (const group of [...groups.keys()].sort(byString)) {
    const options = groups.get(group);
    if (options === null || options === undefined)
      row('cohen_kappa', null, (f) => docValue(f, group, undefined), { group });
    else
      for (const option of [...options].sort(byString))
        row('cohen_kappa', null, (f) => docValue(f, group, option), { group, option });
  }

  const shortfalls: string[] = [];
  if (coders.length === 0)
    shortfalls.push('No coder has coded a document: there is nothing to compare the model with.');
  else if (coder_pairs.length === 0)
    shortfalls.push(
      `Only one coder (${coders[0]}): there is no agreement between coders to compare the model with; the figures are the model against ${coders[0]}${withGold ? ' and gold' : ''}.`,
    );
  else {
    for (const measure of [...SPAN_MEASURES, 'cohen_kappa'] as const) {
      const rows = comparison.filter((r) => r.measure === measure);
      const overall = rows.find((r) => r.label === null && r.group === undefined);
      const parts = rows.filter((r) => r !== overall && r.below !== null);
      const below = parts
        .filter((r) => r.below)
        .sort((a, b) => (b.humans as number) - (b.model as number) - ((a.humans as number) - (a.model as number)));
      const head =
        overall?.below === true
          ? `${MEASURE_NAMES[measure]}: the model agrees with the coders less than they agree with each other (model–coder ${fmt(overall.model as number)}, coder–coder ${fmt(overall.humans as number)}, all labels)`
          : overall?.below === false
            ? `${MEASURE_NAMES[measure]}: over all labels the model agrees with the coders at least as well as they agree with each other (model–coder ${fmt(overall.model as number)}, coder–coder ${fmt(overall.humans as number)})`
            : `${MEASURE_NAMES[measure]}${measure === 'cohen_kappa' ? ' of the document labels' : ''}`;
      if (below.length === 0 && overall?.below !== true) {
        if (overall?.below === false) shortfalls.push(`${head}, and on every label.`);
        continue;
      }
      const what = measure === 'cohen_kappa' ? 'document-label variables' : 'labels';
      const list = below
        .map(
          (r) =>
            `${r.group ? `${r.group}${r.option ? `: ${r.option}` : ''}` : r.label} ${fmt(r.model as number)} vs ${fmt(r.humans as number)}`,
        )
        .join(', ');
      const tail = `below the coders on ${below.length} of ${parts.length} ${what} (${list})`;
      shortfalls.push(
        below.length === 0 ? `${head}.` : overall ? `${head}; ${tail}.` : `${head}: the model is ${tail}.`,
      );
    }
    if (shortfalls.length === 0)
      shortfalls.push('No figure of the model can be compared with the coders’ (too few documents both annotated).');
  }
  const accepted = modelPairs.reduce((s, p) => s + p.accepted_suggestions, 0);
  if (accepted > 0)
    shortfalls.push(
      `${accepted} of the coders’ spans are accepted suggestions of the model: the model’s agreement with those coders is higher than it would be had they coded without it.`,
    );

  const out: ModelAgreement = {
    annotator: MODEL,
    coders,
    labels,
    pairs,
    coder_pairs,
    comparison,
    shortfalls,
    null_reasons,
  };
  if (options.intervals) {
    const settings = { draws: options.draws ?? 1000, seed: options.seed ?? 1 };
    out.intervals = {
      method: 'percentile bootstrap over documents',
      draws: settings.draws,
      seed: settings.seed,
      level: 0.95,
      pairs: pairs.map((p) => pairIntervals(base, p.coder, model, labels, settings)),
      coder_pairs: coder_pairs.map((p) => pairIntervals(base, p.a, p.b, labels, settings)),
    };
  }
  return out;
}

/** The readable form `framelens agreement` and `framelens model evaluate` print without --json. */
export function formatModelAgreement(m: ModelAgreement): string {
  const out: string[] = [];
  out.push(
    `The model as a coder (pairwise, over the documents both annotated), against ${m.coders.join(', ') || 'nobody'}`,
  );
  const figures = (p: PairFigures) => [
    String(p.documents),
    formatNumber(p.alpha_u.overall),
    formatNumber(p.f1_overlap.overall),
    formatNumber(p.f1_exact.overall),
    formatNumber(p.cohen_kappa_char.overall),
  ];
  out.push(
    renderTable(
      ['pair', 'documents', 'α_U', 'F1 overlap', 'F1 exact', 'Cohen κ (char)', 'accepted suggestions'],
      [
        ...m.pairs.map((p) => [`model × ${p.coder}`, ...figures(p), String(p.accepted_suggestions)]),
        ...m.coder_pairs.map((p) => [`${p.a} × ${p.b}`, ...figures(p), '']),
      ],
    ),
  );
  out.push('');
  out.push('Model–coder mean beside coder–coder mean');
  out.push(
    renderTable(
      ['figure', 'coders', 'model', 'model × gold', ''],
      m.comparison.map((r) => [
        rowName(r),
        formatNumber(r.humans),
        formatNumber(r.model),
        formatNumber(r.model_vs_gold),
        r.below ? 'model below' : '',
      ]),
    ),
  );
  if (m.shortfalls.length) {
    out.push('');
    for (const s of m.shortfalls) out.push(`- ${s}`);
  }
  return out.join('\n');
}
