// Confidence intervals, the probability q that α falls below a minimum, and the verdict they support, for α_U
// and for Krippendorff's α of the document labels: a percentile bootstrap that resamples documents.
//
// Documents, not pairable values, are resampled: a document is the unit the sample was drawn in, its spans and
// labels are coded together, and Krippendorff's own algorithm (resampling pairable values with D_e held fixed,
// as KALPHA does) gives intervals that are too narrow (Gwet 2015; Zapf et al. 2016). The interval is withheld,
// with the reason, when the data cannot support one; docs/reliability.md gives the rule and the simulation
// behind it.
import { krippendorffAlphaCounts, unitCounts } from './coding';
import { buildContinuum } from './continuum';
import { type AgreementInput, fullyAnnotated, prepareCorpus } from './corpus';
import { mulberry32, randomIndex } from './prng';
import { docLabelVariables, jsonPointer, type Num } from './report';
import { type Alpha, prepareNominal, prepareResampling, resampledAlphaU, resampledNominalAlpha } from './resample';
import { alphaUnitizingPrepared } from './unitizing';

/** The name the report prints beside every interval. */
export const INTERVAL_METHOD = 'percentile bootstrap over documents';

/** Krippendorff's (2004) minimum α for relying on data, then for tentative conclusions only. */
export const DEFAULT_ALPHA_MIN: readonly number[] = [0.8, 0.667];

/** Fewer documents carrying a figure than this and no interval is given. */
export const MIN_UNITS = 10;

/** Fewer disagreements expected by chance (n·D_e of nominal α) than this and no interval is given. */
export const MIN_CHANCE_DISAGREEMENTS = 15;

/** How many draws, which seed, which confidence level, which minimum α values q is computed for. */
export interface BootstrapOptions {
  draws?: number;
  seed?: number;
  level?: number;
  alphaMin?: readonly number[];
  minUnits?: number;
  minChanceDisagreements?: number;
  /** Called every few draws with (draws done, draws in all) across both bootstraps. */
  onProgress?: (done: number, total: number) => void;
}

/** What the interval says of α against the two minimums. */
export type Verdict = 'reliable' | 'tentative' | 'unreliable' | 'inconclusive';

/** The share of resamples in which α < alpha_min. */
export interface QValue {
  alpha_min: number;
  q: Num;
}

/** A percentile interval with its point estimate, q and verdict; bounds are null with a reason when withheld. */
export interface ConfidenceInterval {
  estimate: Num;
  lower: Num;
  upper: Num;
  /** Documents that carry the figure: with the label marked (α_U), with two or more values (document labels). */
  units: number;
  valid_draws: number;
  q: QValue[];
  verdict: Verdict | null;
  reason?: string;
}

/** The intervals of one run, keyed like the report. */
export interface BootstrapReport {
  method: string;
  draws: number;
  seed: number;
  level: number;
  alpha_min: number[];
  rule: { min_units: number; min_chance_disagreements: number };
  alpha_u: { documents: number; overall: ConfidenceInterval; per_label: Record<string, ConfidenceInterval> };
  document_labels: Record<string, ConfidenceInterval | { options: Record<string, ConfidenceInterval> }>;
}

/** The type-7 (linear interpolation, R's default) quantile of sorted values. */
export function quantile(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Reliable when even the lower bound reaches the first minimum, unreliable when the upper misses the last. */
export function verdictOf(lower: number, upper: number, alphaMin: readonly number[] = DEFAULT_ALPHA_MIN): Verdict {
  const [high, low] = [Math.max(...alphaMin), Math.min(...alphaMin)];
  if (lower >= high) return 'reliable';
  if (lower >= low) return 'tentative';
  if (upper < low) return 'unreliable';
  return 'inconclusive';
}

interface Settings {
  draws: number;
  level: number;
  alphaMin: number[];
  minUnits: number;
  minChance: number;
}

function withheld(estimate: Num, units: number, valid: number, s: Settings, reason: string): ConfidenceInterval {
  return {
    estimate,
    lower: null,
    upper: null,
    units,
    valid_draws: valid,
    q: s.alphaMin.map((alpha_min) => ({ alpha_min, q: null })),
    verdict: null,
    reason,
  };
}

function fmt(v: number): string {
  return v.toFixed(3);
}

/** Applies the interval rule to the draws of one figure (draws: one per resample, null where α is undefined). */
function interval(
  estimate: Num,
  estimateReason: string | undefined,
  units: number,
  draws: readonly Alpha[],
  s: Settings,
  chance?: number,
): ConfidenceInterval {
  const values = draws.filter((v): v is number => v !== null);
  if (estimate === null) return withheld(null, units, values.length, s, estimateReason ?? 'the figure is undefined');
  if (units < s.minUnits)
    return withheld(
      estimate,
      units,
      values.length,
      s,
      `${units} document${units === 1 ? ' carries' : 's carry'} this figure; an interval needs at least ${s.minUnits}`,
    );
  if (chance !== undefined && chance < s.minChance)
    return withheld(
      estimate,
      units,
      values.length,
      s,
      `${chance.toFixed(1)} disagreements expected by chance; an interval needs at least ${s.minChance} (too few values of the rarer categories)`,
    );
  const tail = (1 - s.level) / 2;
  const undefinedDraws = draws.length - values.length;
  if (undefinedDraws > tail * draws.length)
    return withheld(
      estimate,
      units,
      values.length,
      s,
      `α is undefined in ${undefinedDraws} of ${draws.length} resamples, more than the ${fmt(tail * 100).replace(/\.?0+$/, '')}% tail`,
    );
  const sorted = Float64Array.from(values).sort();
  if (sorted[0] === sorted[sorted.length - 1])
    return withheld(
      estimate,
      units,
      values.length,
      s,
      `every resample gives α = ${fmt(sorted[0])}: nothing varies to resample, so the bootstrap cannot bound α`,
    );
  const lower = quantile(sorted, tail);
  const upper = quantile(sorted, 1 - tail);
  return {
    estimate,
    lower,
    upper,
    units,
    valid_draws: values.length,
    q: s.alphaMin.map((alpha_min) => ({ alpha_min, q: values.filter((v) => v < alpha_min).length / values.length })),
    verdict: verdictOf(lower, upper, s.alphaMin),
  };
}

/** n·D_e of nominal α: how many of the pairable values would disagree by chance. */
function chanceDisagreements(counts: readonly (readonly number[])[]): number {
  let n = 0;
  const marginal: number[] = [];
  for (const row of counts) {
    const m = row.reduce((a, b) => a + b, 0);
    if (m < 2) continue;
    n += m;
    row.forEach((k, c) => {
      marginal[c] = (marginal[c] ?? 0) + k;
    });
  }
  if (n < 2) return 0;
  const sq = marginal.reduce((a, k) => a + (k ?? 0) * (k ?? 0), 0);
  return (n * n - sq) / (n - 1);
}

/** Draws a resample's multiplicities: n indices with replacement, counted per unit. */
function drawInto(next: () => number, w: Int32Array): void {
  w.fill(0);
  const n = w.length;
  for (let i = 0; i < n; i++) w[randomIndex(next, n)]++;
}

/** Bootstrap intervals, q and verdicts for α_U (overall, per label) and document-label α, resampling documents. */
export function bootstrapIntervals(input: AgreementInput, options: BootstrapOptions = {}): BootstrapReport {
  const draws = options.draws ?? 1000;
  const seed = options.seed ?? 1;
  const level = options.level ?? 0.95;
  const alphaMin = [...(options.alphaMin ?? DEFAULT_ALPHA_MIN)];
  if (!Number.isInteger(draws) || draws < 1) throw new Error(`draws must be a positive integer, got ${draws}`);
  if (!(level > 0 && level < 1)) throw new Error(`level must be between 0 and 1, got ${level}`);
  if (alphaMin.length === 0 || alphaMin.some((a) => !(a > -1 && a < 1)))
    throw new Error(`every minimum α must lie between −1 and 1, got ${alphaMin.join(', ')}`);
  const s: Settings = {
    draws,
    level,
    alphaMin,
    minUnits: options.minUnits ?? MIN_UNITS,
    minChance: options.minChanceDisagreements ?? MIN_CHANCE_DISAGREEMENTS,
  };
  const c = prepareCorpus(input);
  const next = mulberry32(seed);
  const raters = [...c.annotators.keys()];
  const full = fullyAnnotated(c);
  const variables = docLabelVariables(c, input.docLabelGroups).map((v) => ({ ...v, uc: unitCounts(v.matrix) }));
  const nDocs = variables[0]?.docs.length ?? 0;
  const canResampleSpans = raters.length >= 2 && full.length > 0;
  const total = (canResampleSpans ? draws : 0) + (nDocs > 0 ? draws : 0);
  let done = 0;
  const tick = () => {
    done++;
    if (options.onProgress && (done % 50 === 0 || done === total)) options.onProgress(done, total);
  };

  const point = canResampleSpans ? alphaUnitizingPrepared(buildContinuum(c, full, raters)) : null;
  const overallDraws: Alpha[] = [];
  const labelDraws: Alpha[][] = c.labels.map(() => []);
  const prepared = canResampleSpans ? prepareResampling(c, full, raters) : null;
  if (prepared) {
    const alphaOf = resampledAlphaU(prepared);
    const w = new Int32Array(full.length);
    for (let d = 0; d < draws; d++) {
      drawInto(next, w);
      const res = alphaOf(w);
      overallDraws.push(res.overall);
      res.perLabel.forEach((v, li) => {
        labelDraws[li].push(v);
      });
      tick();
    }
  }
  const none = raters.length < 2 ? 'needs at least two annotators' : 'no document annotated by every annotator';
  const carrying = (mark: (d: number) => boolean) => full.filter((_, d) => mark(d)).length;
  const per_label: Record<string, ConfidenceInterval> = {};
  c.labels.forEach((l, li) => {
    const est = point?.perCategory.get(l);
    const units = prepared ? carrying((d) => prepared.marked[li][d] === 1) : 0;
    per_label[l] = interval(est?.value ?? null, point ? est?.reason : none, units, labelDraws[li], s);
  });
  const anyMark = prepared ? carrying((d) => prepared.marked.some((m) => m[d] === 1)) : 0;
  const alpha_u = {
    documents: full.length,
    overall: interval(point?.overall.value ?? null, point ? point.overall.reason : none, anyMark, overallDraws, s),
    per_label,
  };

  const document_labels: BootstrapReport['document_labels'] = {};
  const varDraws: Alpha[][] = variables.map(() => []);
  if (nDocs > 0) {
    const alphaOf = variables.map((v) => resampledNominalAlpha(prepareNominal(v.uc.counts, v.uc.categories.length)));
    const w = new Int32Array(nDocs);
    for (let d = 0; d < draws; d++) {
      drawInto(next, w);
      alphaOf.forEach((f, vi) => {
        varDraws[vi].push(f(w));
      });
      tick();
    }
  }
  variables.forEach((v, vi) => {
    const est = krippendorffAlphaCounts(v.uc);
    const units = v.uc.counts.filter((row) => row.reduce((a, b) => a + b, 0) >= 2).length;
    const ci = interval(
      est.value,
      nDocs ? est.reason : 'no document annotated',
      units,
      varDraws[vi],
      s,
      chanceDisagreements(v.uc.counts),
    );
    if (v.option === null) document_labels[v.group] = ci;
    else {
      if (!document_labels[v.group]) document_labels[v.group] = { options: {} };
      const g = document_labels[v.group] as { options: Record<string, ConfidenceInterval> };
      g.options[v.option] = ci;
    }
  });
  return {
    method: INTERVAL_METHOD,
    draws,
    seed,
    level,
    alpha_min: alphaMin,
    rule: { min_units: s.minUnits, min_chance_disagreements: s.minChance },
    alpha_u,
    document_labels,
  };
}

/** JSON Pointer (under `prefix`) of every withheld interval → why, for a report's null_reasons. */
export function intervalNullReasons(report: BootstrapReport, prefix = '/intervals'): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (path: string[], ci: ConfidenceInterval) => {
    if (ci.lower === null && ci.reason) out[prefix + jsonPointer(path)] = ci.reason;
  };
  add(['alpha_u', 'overall'], report.alpha_u.overall);
  for (const [l, ci] of Object.entries(report.alpha_u.per_label)) add(['alpha_u', 'per_label', l], ci);
  for (const [g, entry] of Object.entries(report.document_labels)) {
    if ('options' in entry)
      for (const [o, ci] of Object.entries(entry.options)) add(['document_labels', g, 'options', o], ci);
    else add(['document_labels', g], entry);
  }
  return out;
}
