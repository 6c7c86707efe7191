// How many units a reliability sample needs: Krippendorff's minimum for claiming α ≥ α_min at a significance
// level p, given the share P_c of the rarest category (Krippendorff 2004, §11.4; the formula he takes from
// Bloch & Kraemer 1989, eq. 3.7):
//
//   N_min = ⌈ 2z² · ( (1 + α_min)(3 − α_min) / (4 (1 − α_min) P_c (1 − P_c)) − α_min ) ⌉,  z = Φ⁻¹(1 − p)
//
// The formula is stated for two coders; with more coders each unit gives more pairable values, so the same
// number of units is a conservative figure.
import { normalQuantile } from './normal';

/** What the minimum is computed for. */
export interface SampleSizeQuestion {
  /** The smallest α the data must be shown to reach (0.800, or 0.667 for tentative conclusions). */
  alphaMin: number;
  /** The chance of wrongly accepting data whose α is below alphaMin (0.05 is usual). */
  significance: number;
  /** The share of the rarest category among all values, 0 < P_c ≤ 0.5. */
  rarestShare: number;
}

/** Krippendorff's minimum number of units for the question. */
export function minimumUnits(q: SampleSizeQuestion): number {
  const { alphaMin: a, significance: p, rarestShare: pc } = q;
  if (!(a > 0 && a < 1)) throw new RangeError(`α_min must lie between 0 and 1, got ${a}`);
  if (!(p > 0 && p < 0.5)) throw new RangeError(`the significance level must lie between 0 and 0.5, got ${p}`);
  if (!(pc > 0 && pc <= 0.5)) throw new RangeError(`the rarest category's share must lie in (0, 0.5], got ${pc}`);
  const z = normalQuantile(1 - p);
  const n = 2 * z * z * (((1 + a) * (3 - a)) / (4 * (1 - a) * pc * (1 - pc)) - a);
  // rounding noise must not push an exact integer up by one
  return Math.ceil(n - 1e-9);
}

/** The share of the rarest category used, from value counts (categories never used do not count). */
export function rarestShare(counts: Readonly<Record<string, number>>): number | null {
  const used = Object.values(counts).filter((n) => n > 0);
  const total = used.reduce((a, b) => a + b, 0);
  if (used.length < 2 || total === 0) return null;
  return Math.min(...used) / total;
}

/** The rarest share when a codebook's k categories are expected to be equally common: 1/k, at most 0.5. */
export function evenShare(categories: number): number {
  if (!Number.isInteger(categories) || categories < 2) throw new RangeError('at least two categories are needed');
  return Math.min(0.5, 1 / categories);
}

/** The table Krippendorff prints: N_min for α_min × p at a few rarest shares. */
export function minimumUnitsTable(
  alphaMins: readonly number[] = [0.667, 0.8, 0.9],
  significances: readonly number[] = [0.1, 0.05, 0.01, 0.005],
  shares: readonly number[] = [0.5, 0.25, 0.1, 0.05, 0.01],
): { rarestShare: number; alphaMin: number; significance: number; units: number }[] {
  const out: { rarestShare: number; alphaMin: number; significance: number; units: number }[] = [];
  for (const rarest of shares)
    for (const alphaMin of alphaMins)
      for (const significance of significances)
        out.push({
          rarestShare: rarest,
          alphaMin,
          significance,
          units: minimumUnits({ alphaMin, significance, rarestShare: rarest }),
        });
  return out;
}

/** How many documents one document-label variable asks for, and where its rarest share came from. */
export interface SizeAdvice {
  variable: string;
  rarestShare: number;
  /** "pilot": observed in earlier coding; "even": assumed equally common categories (optimistic for rare ones). */
  source: 'pilot' | 'even';
  units: number;
}

/**
 * The sample size to propose: Krippendorff's N_min for every document-label variable, the largest wins. A
 * variable's rarest share comes from the pilot's values when it has two categories in use there, else from its
 * number of options (a multi-choice option is a chosen/not-chosen variable: 0.5 without a pilot).
 */
export function sampleSizeAdvice(opts: {
  groups: readonly { name: string; kind: 'single' | 'multiple'; options: readonly string[] }[];
  /** Value counts per variable from a pilot: key "group" or "group: option" → category → count. */
  pilot?: Readonly<Record<string, Readonly<Record<string, number>>>>;
  alphaMin?: number;
  significance?: number;
}): { perVariable: SizeAdvice[]; units: number } {
  const alphaMin = opts.alphaMin ?? 0.8;
  const significance = opts.significance ?? 0.05;
  const perVariable: SizeAdvice[] = [];
  const add = (variable: string, categories: number) => {
    const observed = opts.pilot?.[variable] ? rarestShare(opts.pilot[variable]) : null;
    const share = observed !== null ? Math.min(observed, 0.5) : evenShare(Math.max(2, categories));
    perVariable.push({
      variable,
      rarestShare: share,
      source: observed !== null ? 'pilot' : 'even',
      units: minimumUnits({ alphaMin, significance, rarestShare: share }),
    });
  };
  for (const g of opts.groups) {
    if (g.kind === 'single') add(g.name, g.options.length);
    else for (const o of g.options) add(`${g.name}: ${o}`, 2);
  }
  return { perVariable, units: perVariable.reduce((m, v) => Math.max(m, v.units), 0) };
}
