// The model against a reference layer (gold, or one coder): span F1 (exact and SemEval overlap, as the
// agreement figures define them) and document-label F1, each with a percentile bootstrap interval that
// resamples documents (seeded). The documents are those both layers coded (status in_progress or done).
// Intervals follow the rule α's intervals follow (agreement/bootstrap.ts): withheld, with the reason, where
// too few documents carry the figure, where it is undefined in more resamples than a tail holds, or where no
// resample varies; a bootstrap over two documents has three distinct resamples and bounds nothing.
import { type ConfidenceInterval, MIN_UNITS, quantile } from '../agreement/bootstrap';

import { dedupeSorted, mergeOverlapping, sortIntervals } from '../agreement/intervals';
import { exactMatchCounts, overlapCounts, overlapScores } from '../agreement/spanF1';
import type { AnnotationRecord, DocLabelValue } from '../model';
import { mulberry32, randomIndex } from '../prng';
import type { GroupSpec } from './targets';

/** A bootstrap interval of an F1 score: no q or verdict, which belong to α. */
export type ScoreInterval = Pick<
  ConfidenceInterval,
  'estimate' | 'lower' | 'upper' | 'units' | 'valid_draws' | 'reason'
>;

/** Settings of the evaluation; defaults: every label and group seen, 1,000 draws, seed 1, 95 %. */
export interface EvaluationOptions {
  labels?: readonly string[];
  groups?: readonly GroupSpec[];
  draws?: number;
  seed?: number;
  level?: number;
  /** Fewer documents carrying a figure than this and no interval is given (default: α's, MIN_UNITS). */
  minUnits?: number;
}

/** F1 of one document-label variable: micro (pooled over values or options) and macro (mean over them). */
export interface DocLabelEvaluation {
  documents: number;
  micro_f1: ScoreInterval;
  macro_f1: ScoreInterval;
  /** Per value (single choice) or option (multiple choice). */
  per_value: Record<string, ScoreInterval>;
}

/** What evaluatePredictions returns. */
export interface Evaluation {
  predicted: string;
  reference: string;
  documents: number;
  draws: number;
  seed: number;
  level: number;
  spans: {
    f1_exact: ScoreInterval;
    f1_overlap: ScoreInterval;
    precision_overlap: number;
    recall_overlap: number;
    per_label: Record<string, { f1_exact: ScoreInterval; f1_overlap: ScoreInterval; reference_spans: number }>;
  };
  document_labels: Record<string, DocLabelEvaluation>;
}

const COUNTED = new Set(['in_progress', 'done']);

function latestCounted(records: readonly AnnotationRecord[]): { name: string; byDoc: Map<string, AnnotationRecord> } {
  const byDoc = new Map<string, AnnotationRecord>();
  const names = new Set<string>();
  for (const r of records) {
    names.add(r.annotator);
    if (!COUNTED.has(r.status)) continue;
    const prev = byDoc.get(r.document);
    if (!prev || (r.updatedAt ?? '') >= (prev.updatedAt ?? '')) byDoc.set(r.document, r);
  }
  if (names.size > 1) throw new Error(`one layer per side, got ${[...names].sort().join(', ')}`);
  return { name: [...names][0] ?? '', byDoc };
}

// Per document and per item (label, value or option): counts that are summed over a bootstrap sample.
class Counts {
  readonly data: Float64Array;
  constructor(
    readonly docs: number,
    readonly width: number,
  ) {
    this.data = new Float64Array(docs * width);
  }
  add(doc: number, at: number, v: number): void {
    this.data[doc * this.width + at] += v;
  }
  sum(sample: ArrayLike<number>): Float64Array {
    const s = new Float64Array(this.width);
    for (let i = 0; i < sample.length; i++) {
      const base = sample[i] * this.width;
      for (let k = 0; k < this.width; k++) s[k] += this.data[base + k];
    }
    return s;
  }
}

interface IntervalRule {
  level: number;
  draws: number;
  minUnits: number;
}

function f3(v: number): string {
  return v.toFixed(3);
}

/** values: the figure in each resample where it is defined; units: documents that carry the figure. */
function interval(
  point: number | null,
  values: number[],
  units: number,
  rule: IntervalRule,
  reason: string,
): ScoreInterval {
  const withheld = (why: string): ScoreInterval => ({
    estimate: point,
    lower: null,
    upper: null,
    units,
    valid_draws: values.length,
    reason: why,
  });
  if (point === null) return withheld(reason);
  if (units < rule.minUnits)
    return withheld(
      `${units} document${units === 1 ? ' carries' : 's carry'} this figure; an interval needs at least ${rule.minUnits}`,
    );
  const tail = (1 - rule.level) / 2;
  const undefinedDraws = rule.draws - values.length;
  if (undefinedDraws > tail * rule.draws)
    return withheld(
      `F1 is undefined in ${undefinedDraws} of ${rule.draws} resamples, more than the ${f3(tail * 100).replace(/\.?0+$/, '')}% tail`,
    );
  const s = values.sort((a, b) => a - b);
  if (s[0] === s[s.length - 1])
    return withheld(
      `every resample gives F1 = ${f3(s[0])}: nothing varies to resample, so the bootstrap cannot bound it`,
    );
  return { estimate: point, lower: quantile(s, tail), upper: quantile(s, 1 - tail), units, valid_draws: s.length };
}

/** F1 from tp, fp, fn; null when there is nothing on either side. */
function f1(tp: number, fp: number, fn: number): number | null {
  const d = 2 * tp + fp + fn;
  return d === 0 ? null : (2 * tp) / d;
}

/** Scores the predicted layer against the reference layer, over the documents both coded. */
export function evaluatePredictions(
  predicted: readonly AnnotationRecord[],
  reference: readonly AnnotationRecord[],
  options: EvaluationOptions = {},
): Evaluation {
  const draws = options.draws ?? 1000;
  const seed = options.seed ?? 1;
  const level = options.level ?? 0.95;
  if (!Number.isInteger(draws) || draws < 1) throw new Error(`draws must be a positive integer, got ${draws}`);
  if (!(level > 0 && level < 1)) throw new Error(`level must be between 0 and 1, got ${level}`);
  const P = latestCounted(predicted);
  const R = latestCounted(reference);
  const docs = [...P.byDoc.keys()].filter((d) => R.byDoc.has(d)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const n = docs.length;
  const labels = options.labels
    ? [...options.labels]
    : [
        ...new Set(docs.flatMap((d) => [...P.byDoc.get(d)!.spans, ...R.byDoc.get(d)!.spans].map((s) => s.label))),
      ].sort();
  const L = labels.length;
  // per label: exact tp, a, b; overlap pNum, rNum, a, b
  const spanCounts = new Counts(n, L * 7);
  const refSpans = new Array<number>(L).fill(0);
  docs.forEach((id, di) => {
    const p = P.byDoc.get(id)!;
    const r = R.byDoc.get(id)!;
    labels.forEach((l, li) => {
      const of = (x: AnnotationRecord) =>
        sortIntervals(x.spans.filter((s) => s.label === l).map((s) => [s.start, s.end] as const));
      const ps = of(p);
      const rs = of(r);
      const ex = exactMatchCounts(dedupeSorted(ps), dedupeSorted(rs));
      const ov = overlapCounts(mergeOverlapping(ps), mergeOverlapping(rs));
      const base = li * 7;
      spanCounts.add(di, base, ex.tp);
      spanCounts.add(di, base + 1, ex.a);
      spanCounts.add(di, base + 2, ex.b);
      spanCounts.add(di, base + 3, ov.pNum);
      spanCounts.add(di, base + 4, ov.rNum);
      spanCounts.add(di, base + 5, ov.a);
      spanCounts.add(di, base + 6, ov.b);
      refSpans[li] += ex.b;
    });
  });
  const spanFigures = (s: Float64Array, only: number | null) => {
    let tp = 0;
    let a = 0;
    let b = 0;
    const ov = { pNum: 0, rNum: 0, a: 0, b: 0 };
    for (let li = 0; li < L; li++) {
      if (only !== null && li !== only) continue;
      const base = li * 7;
      tp += s[base];
      a += s[base + 1];
      b += s[base + 2];
      ov.pNum += s[base + 3];
      ov.rNum += s[base + 4];
      ov.a += s[base + 5];
      ov.b += s[base + 6];
    }
    const o = overlapScores(ov);
    return {
      exact: a + b === 0 ? null : (2 * tp) / (a + b),
      overlap: o.f1.value,
      precision: o.precision,
      recall: o.recall,
    };
  };

  const groups = options.groups ?? [];
  const variables = groups.map((g) => {
    const values = g.options;
    // per value: tp, fp, fn
    const counts = new Counts(n, values.length * 3);
    let both = 0;
    const has = new Uint8Array(n);
    docs.forEach((id, di) => {
      const pv: DocLabelValue | undefined = P.byDoc.get(id)!.docLabels?.[g.name];
      const rv: DocLabelValue | undefined = R.byDoc.get(id)!.docLabels?.[g.name];
      if (pv === undefined || rv === undefined) return;
      has[di] = 1;
      both++;
      const chosen = (v: DocLabelValue) => (Array.isArray(v) ? v : [v]);
      const pc = chosen(pv);
      const rc = chosen(rv);
      values.forEach((v, vi) => {
        const inP = pc.includes(v);
        const inR = rc.includes(v);
        if (inP && inR) counts.add(di, vi * 3, 1);
        else if (inP) counts.add(di, vi * 3 + 1, 1);
        else if (inR) counts.add(di, vi * 3 + 2, 1);
      });
    });
    return { group: g, counts, documents: both, has };
  });
  const varFigures = (s: Float64Array, values: number) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const per: (number | null)[] = [];
    for (let v = 0; v < values; v++) {
      tp += s[v * 3];
      fp += s[v * 3 + 1];
      fn += s[v * 3 + 2];
      per.push(f1(s[v * 3], s[v * 3 + 1], s[v * 3 + 2]));
    }
    const defined = per.filter((x): x is number => x !== null);
    return {
      micro: f1(tp, fp, fn),
      macro: defined.length ? defined.reduce((a, b) => a + b, 0) / defined.length : null,
      per,
    };
  };

  const all = Array.from({ length: n }, (_, i) => i);
  const point = spanFigures(spanCounts.sum(all), null);
  const pointPer = labels.map((_, li) => spanFigures(spanCounts.sum(all), li));
  const varPoints = variables.map((v) => varFigures(v.counts.sum(all), v.group.options.length));

  const next = mulberry32(seed);
  const exactDraws: number[] = [];
  const overlapDraws: number[] = [];
  const perExact: number[][] = labels.map(() => []);
  const perOverlap: number[][] = labels.map(() => []);
  const varDraws = variables.map((v) => ({
    micro: [] as number[],
    macro: [] as number[],
    per: v.group.options.map(() => [] as number[]),
  }));
  if (n > 0) {
    const sample = new Int32Array(n);
    for (let d = 0; d < draws; d++) {
      for (let i = 0; i < n; i++) sample[i] = randomIndex(next, n);
      const s = spanCounts.sum(sample);
      const f = spanFigures(s, null);
      if (f.exact !== null) exactDraws.push(f.exact);
      if (f.overlap !== null) overlapDraws.push(f.overlap);
      for (let li = 0; li < L; li++) {
        const g = spanFigures(s, li);
        if (g.exact !== null) perExact[li].push(g.exact);
        if (g.overlap !== null) perOverlap[li].push(g.overlap);
      }
      variables.forEach((v, vi) => {
        const fig = varFigures(v.counts.sum(sample), v.group.options.length);
        if (fig.micro !== null) varDraws[vi].micro.push(fig.micro);
        if (fig.macro !== null) varDraws[vi].macro.push(fig.macro);
        fig.per.forEach((x, k) => {
          if (x !== null) varDraws[vi].per[k].push(x);
        });
      });
    }
  }
  const rule: IntervalRule = { level, draws, minUnits: options.minUnits ?? MIN_UNITS };
  // A document carries a span figure when either layer marked the label (any label, for all labels).
  const spanUnits = (only: number | null): number => {
    let units = 0;
    for (let di = 0; di < n; di++) {
      for (let li = 0; li < L; li++) {
        if (only !== null && li !== only) continue;
        const at = di * spanCounts.width + li * 7;
        if (spanCounts.data[at + 1] + spanCounts.data[at + 2] > 0) {
          units++;
          break;
        }
      }
    }
    return units;
  };
  const none = n === 0 ? 'no document coded by both layers' : 'neither layer marked a span';
  const per_label: Evaluation['spans']['per_label'] = {};
  labels.forEach((l, li) => {
    const units = spanUnits(li);
    per_label[l] = {
      f1_exact: interval(pointPer[li].exact, perExact[li], units, rule, none),
      f1_overlap: interval(pointPer[li].overlap, perOverlap[li], units, rule, none),
      reference_spans: refSpans[li],
    };
  });
  const document_labels: Record<string, DocLabelEvaluation> = {};
  variables.forEach((v, vi) => {
    const reason =
      v.documents === 0 ? 'no document where both layers gave this label' : 'no value chosen on either side';
    const per_value: Record<string, ScoreInterval> = {};
    v.group.options.forEach((o, k) => {
      let units = 0;
      for (let di = 0; di < n; di++) {
        const at = di * v.counts.width + k * 3;
        if (v.counts.data[at] + v.counts.data[at + 1] + v.counts.data[at + 2] > 0) units++;
      }
      per_value[o] = interval(varPoints[vi].per[k], varDraws[vi].per[k], units, rule, reason);
    });
    document_labels[v.group.name] = {
      documents: v.documents,
      micro_f1: interval(varPoints[vi].micro, varDraws[vi].micro, v.documents, rule, reason),
      macro_f1: interval(varPoints[vi].macro, varDraws[vi].macro, v.documents, rule, reason),
      per_value,
    };
  });
  return {
    predicted: P.name,
    reference: R.name,
    documents: n,
    draws,
    seed,
    level,
    spans: {
      f1_exact: interval(point.exact, exactDraws, spanUnits(null), rule, none),
      f1_overlap: interval(point.overlap, overlapDraws, spanUnits(null), rule, none),
      precision_overlap: point.precision,
      recall_overlap: point.recall,
      per_label,
    },
    document_labels,
  };
}
