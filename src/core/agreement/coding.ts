// Multi-rater coefficients on a coding matrix (rows = coders, columns = units, null = missing value).
import { chanceCorrected, ok, undef, type Value } from './result';

/** One coder's value for one unit; null or undefined is a missing value. */
export type Rating = string | number | null | undefined;

/** The reliability-data layout Krippendorff uses: rows = coders, columns = units. */
export type CodingMatrix = readonly (readonly Rating[])[];

/** The distance functions of Krippendorff's α (nominal is the one the project reports). */
export type AlphaMetric = 'nominal' | 'ordinal' | 'interval' | 'ratio';

/** α with its observed and expected disagreement, and how many pairable values it rests on. */
export type AlphaResult = Value & { observed?: number; expected?: number; pairable: number };

/** Per unit, how many coders chose each category; the form every multi-rater coefficient needs. */
export interface UnitCounts {
  categories: (string | number)[];
  /** counts[u][c] = coders who gave unit u category c. */
  counts: number[][];
}

/** Turns a coding matrix into per-unit category counts (column order kept, categories in first-seen order). */
export function unitCounts(matrix: CodingMatrix): UnitCounts {
  const units = matrix.reduce((m, row) => Math.max(m, row.length), 0);
  const categories: (string | number)[] = [];
  const index = new Map<string | number, number>();
  const perUnit: Map<number, number>[] = [];
  for (let u = 0; u < units; u++) {
    const counts = new Map<number, number>();
    for (const row of matrix) {
      const v = row[u];
      if (v === null || v === undefined) continue;
      let c = index.get(v);
      if (c === undefined) {
        c = categories.length;
        index.set(v, c);
        categories.push(v);
      }
      counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    perUnit.push(counts);
  }
  const counts = perUnit.map((m) => {
    const row = new Array<number>(categories.length).fill(0);
    for (const [c, k] of m) row[c] = k;
    return row;
  });
  return { categories, counts };
}

function delta(metric: AlphaMetric, cats: (string | number)[], marg: number[]): (c: number, k: number) => number {
  if (metric === 'nominal') return (c, k) => (c === k ? 0 : 1);
  const nums = cats.map((v) => {
    if (typeof v !== 'number') throw new Error(`${metric} α needs numeric values, got "${v}"`);
    return v;
  });
  if (metric === 'interval') return (c, k) => (nums[c] - nums[k]) ** 2;
  if (metric === 'ratio')
    return (c, k) => (nums[c] + nums[k] === 0 ? 0 : ((nums[c] - nums[k]) / (nums[c] + nums[k])) ** 2);
  // ordinal: rank categories by value; δ = (Σ_{g between c and k} n_g − (n_c + n_k)/2)²
  const order = nums.map((_, i) => i).sort((a, b) => nums[a] - nums[b]);
  const rank = new Array<number>(nums.length);
  order.forEach((c, r) => {
    rank[c] = r;
  });
  const cum = [0];
  for (const c of order) cum.push(cum[cum.length - 1] + marg[c]);
  return (c, k) => {
    const lo = Math.min(rank[c], rank[k]);
    const hi = Math.max(rank[c], rank[k]);
    return (cum[hi + 1] - cum[lo] - (marg[c] + marg[k]) / 2) ** 2;
  };
}

/** Krippendorff's α from per-unit counts; units with fewer than two values are unpairable and dropped. */
export function krippendorffAlphaCounts(uc: UnitCounts, metric: AlphaMetric = 'nominal'): AlphaResult {
  const q = uc.categories.length;
  const o = Array.from({ length: q }, () => new Array<number>(q).fill(0));
  for (const row of uc.counts) {
    let m = 0;
    for (const k of row) m += k;
    if (m < 2) continue;
    for (let c = 0; c < q; c++) {
      if (row[c] === 0) continue;
      for (let k = 0; k < q; k++) {
        const pairs = c === k ? row[c] * (row[c] - 1) : row[c] * row[k];
        if (pairs) o[c][k] += pairs / (m - 1);
      }
    }
  }
  const marg = o.map((r) => r.reduce((s, v) => s + v, 0));
  const n = marg.reduce((s, v) => s + v, 0);
  if (n < 2) return { ...undef('no unit has values from two coders'), pairable: n };
  const d = delta(metric, uc.categories, marg);
  let dObs = 0;
  let dExp = 0;
  for (let c = 0; c < q; c++)
    for (let k = 0; k < q; k++) {
      if (c === k) continue;
      const w = d(c, k);
      dObs += o[c][k] * w;
      dExp += marg[c] * marg[k] * w;
    }
  dObs /= n;
  dExp /= n * (n - 1);
  if (dExp === 0)
    return { ...undef('expected disagreement is 0: only one category was used'), observed: dObs, pairable: n };
  return { ...ok(1 - dObs / dExp), observed: dObs, expected: dExp, pairable: n };
}

export function krippendorffAlpha(matrix: CodingMatrix, metric: AlphaMetric = 'nominal'): AlphaResult {
  return krippendorffAlphaCounts(unitCounts(matrix), metric);
}

/** Fleiss' κ with its parts; per-category κ_j tells which categories carry the disagreement. */
export type FleissResult = Value & { observed?: number; expected?: number; perCategory: Map<string | number, Value> };

/** Fleiss' κ from per-unit counts (every unit rated by the same number n of raters), units optionally weighted. */
export function fleissKappaCounts(uc: UnitCounts, weights?: readonly number[]): FleissResult {
  const q = uc.categories.length;
  const perCategory = new Map<string | number, Value>();
  let n = -1;
  let total = 0;
  let agree = 0;
  const catTotals = new Array<number>(q).fill(0);
  for (let u = 0; u < uc.counts.length; u++) {
    const row = uc.counts[u];
    const w = weights ? weights[u] : 1;
    if (w === 0) continue;
    let m = 0;
    let sq = 0;
    for (let c = 0; c < q; c++) {
      m += row[c];
      sq += row[c] * row[c];
      catTotals[c] += w * row[c];
    }
    if (n === -1) n = m;
    else if (m !== n) throw new Error(`Fleiss' κ needs the same number of ratings per unit (${n} vs ${m})`);
    total += w;
    agree += w * (sq - m);
  }
  const fail = (reason: string): FleissResult => {
    for (const c of uc.categories) perCategory.set(c, undef(reason));
    return { ...undef(reason), perCategory };
  };
  if (total === 0) return fail('no unit was rated');
  if (n < 2) return fail('fewer than two raters per unit');
  const pBar = agree / (total * n * (n - 1));
  let pe = 0;
  const p = catTotals.map((t) => t / (total * n));
  for (const pj of p) pe += pj * pj;
  for (let c = 0; c < q; c++) {
    const denom = total * n * (n - 1) * p[c] * (1 - p[c]);
    if (denom === 0) {
      perCategory.set(uc.categories[c], undef(p[c] === 0 ? 'category never used' : 'category used for every rating'));
      continue;
    }
    let dis = 0;
    for (let u = 0; u < uc.counts.length; u++) {
      const w = weights ? weights[u] : 1;
      const k = uc.counts[u][c];
      dis += w * k * (n - k);
    }
    perCategory.set(uc.categories[c], ok(1 - dis / denom));
  }
  const v = chanceCorrected(pBar, pe, 'chance agreement is 1: every rating is the same category');
  return { ...v, observed: pBar, expected: pe, perCategory };
}

/** Fleiss' κ for items given as rows of ratings (one row per unit, same number of ratings each). */
export function fleissKappa(items: readonly (readonly (string | number)[])[]): FleissResult {
  // rows here are units, so transpose into the coders × units layout unitCounts expects
  const n = items.reduce((m, r) => Math.max(m, r.length), 0);
  const matrix: Rating[][] = Array.from({ length: n }, (_, r) => items.map((row) => row[r]));
  return fleissKappaCounts(unitCounts(matrix));
}

/** Conger's (1980) exact κ: Fleiss' observed agreement, chance from each rater's own marginals. */
export function congerKappa(items: readonly (readonly (string | number)[])[]): Value {
  const uc = fleissKappa(items);
  if (uc.observed === undefined) return undef(uc.reason ?? 'undefined');
  const m = items[0].length;
  const cats = new Map<string | number, number[]>();
  for (const row of items)
    row.forEach((v, r) => {
      if (!cats.has(v)) cats.set(v, new Array<number>(m).fill(0));
      cats.get(v)![r] += 1 / items.length;
    });
  let pe = 0;
  for (const p of cats.values()) {
    const s = p.reduce((a, b) => a + b, 0);
    const sq = p.reduce((a, b) => a + b * b, 0);
    pe += (s * s - sq) / (m * (m - 1));
  }
  return chanceCorrected(uc.observed, pe, 'chance agreement is 1');
}

/** A unit's number of values m, and its ordered pairs of coders that agree: Σ n_k (n_k − 1). */
function unitPairs(row: readonly number[]): { m: number; same: number } {
  let m = 0;
  let same = 0;
  for (const k of row) {
    m += k;
    same += k * (k - 1);
  }
  return { m, same };
}

/** Mean over units with two or more values of the share of agreeing coder pairs (DKPro's percentage agreement). */
export function percentAgreementCounts(uc: UnitCounts): Value {
  let sum = 0;
  let units = 0;
  for (const row of uc.counts) {
    const { m, same } = unitPairs(row);
    if (m < 2) continue;
    sum += same / (m * (m - 1));
    units++;
  }
  if (units === 0) return undef('no unit has values from two coders');
  return ok(sum / units);
}

export function percentAgreement(matrix: CodingMatrix): Value {
  return percentAgreementCounts(unitCounts(matrix));
}

/** Gwet's AC1 for many raters with missing values (Gwet 2008; irrCAC gwet.ac1.raw), q categories on the scale. */
export function gwetAC1Counts(uc: UnitCounts, q: number = uc.categories.length): Value & { chance?: number } {
  if (q < 2) return undef('fewer than two categories on the scale');
  const k = uc.categories.length;
  const pi = new Array<number>(k).fill(0);
  let rated = 0;
  let pa = 0;
  let pairable = 0;
  for (const row of uc.counts) {
    const { m, same } = unitPairs(row);
    if (m === 0) continue;
    rated++;
    for (let c = 0; c < k; c++) pi[c] += row[c] / m;
    if (m >= 2) {
      pa += same / (m * (m - 1));
      pairable++;
    }
  }
  if (pairable === 0) return undef('no unit has values from two coders');
  pa /= pairable;
  let s = 0;
  for (const p of pi) s += (p / rated) * (1 - p / rated);
  const pe = s / (q - 1);
  return { ...chanceCorrected(pa, pe, 'chance agreement is 1'), chance: pe };
}
