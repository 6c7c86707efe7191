// Bootstrap confidence intervals (resampling documents with replacement, seeded) for α_U and for
// Krippendorff's α of the document labels. Kept apart from the report, which must stay fast.
import { krippendorffAlphaCounts, unitCounts } from './coding';
import { buildContinuum } from './continuum';
import { type AgreementInput, fullyAnnotated, prepareCorpus } from './corpus';
import { mulberry32, randomIndex } from './prng';
import { docLabelVariables, type Num } from './report';
import { alphaUnitizingPrepared } from './unitizing';

/** How many draws, which seed, which confidence level (defaults 1,000, 1, 0.95). */
export interface BootstrapOptions {
  draws?: number;
  seed?: number;
  level?: number;
}

/** A percentile interval with the point estimate and how many draws gave a defined value. */
export interface ConfidenceInterval {
  estimate: Num;
  lower: Num;
  upper: Num;
  valid_draws: number;
  reason?: string;
}

/** The intervals of one run, keyed like the report. */
export interface BootstrapReport {
  draws: number;
  seed: number;
  level: number;
  alpha_u: { documents: number; overall: ConfidenceInterval; per_label: Record<string, ConfidenceInterval> };
  document_labels: Record<string, ConfidenceInterval | { options: Record<string, ConfidenceInterval> }>;
}

/** The type-7 (linear interpolation) quantile of sorted values. */
export function quantile(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

function interval(estimate: Num, values: number[], level: number, reason: string): ConfidenceInterval {
  if (values.length === 0) return { estimate, lower: null, upper: null, valid_draws: 0, reason };
  const s = [...values].sort((a, b) => a - b);
  const tail = (1 - level) / 2;
  return { estimate, lower: quantile(s, tail), upper: quantile(s, 1 - tail), valid_draws: s.length };
}

/** Percentile bootstrap intervals for α_U (overall, per label) and document-label α, resampling documents. */
export function bootstrapIntervals(input: AgreementInput, options: BootstrapOptions = {}): BootstrapReport {
  const draws = options.draws ?? 1000;
  const seed = options.seed ?? 1;
  const level = options.level ?? 0.95;
  if (!Number.isInteger(draws) || draws < 1) throw new Error(`draws must be a positive integer, got ${draws}`);
  if (!(level > 0 && level < 1)) throw new Error(`level must be between 0 and 1, got ${level}`);
  const c = prepareCorpus(input);
  const next = mulberry32(seed);
  const raters = [...c.annotators.keys()];
  const full = fullyAnnotated(c);

  const alphaOf = (docs: readonly string[]) => alphaUnitizingPrepared(buildContinuum(c, docs, raters));
  const point = raters.length >= 2 && full.length > 0 ? alphaOf(full) : null;
  const overallDraws: number[] = [];
  const labelDraws: number[][] = c.labels.map(() => []);
  if (point) {
    const sample = new Array<string>(full.length);
    for (let d = 0; d < draws; d++) {
      for (let i = 0; i < full.length; i++) sample[i] = full[randomIndex(next, full.length)];
      const res = alphaOf(sample);
      if (res.overall.value !== null) overallDraws.push(res.overall.value);
      c.labels.forEach((l, li) => {
        const v = res.perCategory.get(l)?.value;
        if (v !== null && v !== undefined) labelDraws[li].push(v);
      });
    }
  }
  const none = raters.length < 2 ? 'needs at least two annotators' : 'no document annotated by every annotator';
  const per_label: Record<string, ConfidenceInterval> = {};
  c.labels.forEach((l, li) => {
    const est = point?.perCategory.get(l)?.value ?? null;
    per_label[l] = interval(est, labelDraws[li], level, point ? 'undefined in every draw' : none);
  });
  const alpha_u = {
    documents: full.length,
    overall: interval(point?.overall.value ?? null, overallDraws, level, point ? 'undefined in every draw' : none),
    per_label,
  };

  const document_labels: BootstrapReport['document_labels'] = {};
  const variables = docLabelVariables(c, input.docLabelGroups).map((v) => ({ ...v, uc: unitCounts(v.matrix) }));
  const nDocs = variables[0]?.docs.length ?? 0;
  const varDraws: number[][] = variables.map(() => []);
  if (nDocs > 0) {
    const idx = new Array<number>(nDocs);
    for (let d = 0; d < draws; d++) {
      for (let i = 0; i < nDocs; i++) idx[i] = randomIndex(next, nDocs);
      variables.forEach((v, vi) => {
        const a = krippendorffAlphaCounts({ categories: v.uc.categories, counts: idx.map((i) => v.uc.counts[i]) });
        if (a.value !== null) varDraws[vi].push(a.value);
      });
    }
  }
  variables.forEach((v, vi) => {
    const est = krippendorffAlphaCounts(v.uc).value;
    const ci = interval(est, varDraws[vi], level, nDocs ? 'undefined in every draw' : 'no document annotated');
    if (v.option === null) document_labels[v.group] = ci;
    else {
      if (!document_labels[v.group]) document_labels[v.group] = { options: {} };
      const g = document_labels[v.group] as { options: Record<string, ConfidenceInterval> };
      g.options[v.option] = ci;
    }
  });
  return { draws, seed, level, alpha_u, document_labels };
}
