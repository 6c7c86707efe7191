// Two-rater agreement coefficients on a square contingency table: table[i][j] = items rater 1 coded
// category i and rater 2 coded category j.
import { chanceCorrected, ok, undef, type Value } from './result';

/** A coefficient plus the chance-agreement term it used, so callers can show or check it. */
export type Coefficient = Value & { chance?: number };

/** A two-rater table with the category each row/column stands for. */
export interface TwoRaterTable {
  categories: (string | number)[];
  table: number[][];
}

/** Builds the table from two rating vectors, keeping only items both raters coded. */
export function tableFromRatings(
  r1: readonly (string | number | null | undefined)[],
  r2: readonly (string | number | null | undefined)[],
  categories?: readonly (string | number)[],
): TwoRaterTable {
  if (r1.length !== r2.length) throw new Error(`rating vectors differ in length (${r1.length} vs ${r2.length})`);
  const cats: (string | number)[] = categories ? [...categories] : [];
  const index = new Map<string | number, number>(cats.map((c, i) => [c, i]));
  const pairs: [number, number][] = [];
  for (let i = 0; i < r1.length; i++) {
    const a = r1[i];
    const b = r2[i];
    if (a === null || a === undefined || b === null || b === undefined) continue;
    for (const v of [a, b]) {
      if (!index.has(v)) {
        index.set(v, cats.length);
        cats.push(v);
      }
    }
    pairs.push([index.get(a)!, index.get(b)!]);
  }
  const table = cats.map(() => cats.map(() => 0));
  for (const [i, j] of pairs) table[i][j]++;
  return { categories: cats, table };
}

interface Margins {
  n: number;
  diagonal: number;
  rows: number[];
  cols: number[];
}

function margins(table: readonly (readonly number[])[]): Margins {
  const q = table.length;
  const rows = new Array<number>(q).fill(0);
  const cols = new Array<number>(q).fill(0);
  let n = 0;
  let diagonal = 0;
  for (let i = 0; i < q; i++) {
    if (table[i].length !== q) throw new Error('the agreement table must be square');
    for (let j = 0; j < q; j++) {
      const v = table[i][j];
      rows[i] += v;
      cols[j] += v;
      n += v;
      if (i === j) diagonal += v;
    }
  }
  return { n, diagonal, rows, cols };
}

const NO_ITEMS = 'no item was coded by both raters';

/** The raw share of items both raters coded alike (the p_o of every chance-corrected coefficient). */
export function percentAgreement(table: readonly (readonly number[])[]): Value {
  const m = margins(table);
  if (m.n === 0) return undef(NO_ITEMS);
  return ok(m.diagonal / m.n);
}

/** Cohen's κ, chance from each rater's own marginals. */
export function cohenKappa(table: readonly (readonly number[])[]): Coefficient {
  const m = margins(table);
  if (m.n === 0) return undef(NO_ITEMS);
  let pe = 0;
  for (let i = 0; i < m.rows.length; i++) pe += m.rows[i] * m.cols[i];
  pe /= m.n * m.n;
  const v = chanceCorrected(m.diagonal / m.n, pe, 'chance agreement is 1: both raters used a single category');
  return { ...v, chance: pe };
}

/** Scott's π, chance from the pooled marginals of both raters. */
export function scottPi(table: readonly (readonly number[])[]): Coefficient {
  const m = margins(table);
  if (m.n === 0) return undef(NO_ITEMS);
  let pe = 0;
  for (let i = 0; i < m.rows.length; i++) {
    const p = (m.rows[i] + m.cols[i]) / (2 * m.n);
    pe += p * p;
  }
  const v = chanceCorrected(m.diagonal / m.n, pe, 'chance agreement is 1: only one category was used');
  return { ...v, chance: pe };
}

/** Bennett, Alpert & Goldstein's S, chance = 1/q for q categories on the scale. */
export function bennettS(table: readonly (readonly number[])[], q: number = table.length): Coefficient {
  const m = margins(table);
  if (m.n === 0) return undef(NO_ITEMS);
  if (q < 2) return undef('fewer than two categories on the scale');
  const v = chanceCorrected(m.diagonal / m.n, 1 / q, 'chance agreement is 1');
  return { ...v, chance: 1 / q };
}

/** Gwet's AC1, chance = Σ π_k(1 − π_k)/(q − 1), robust to skewed prevalence (the κ paradox). */
export function gwetAC1(table: readonly (readonly number[])[], q: number = table.length): Coefficient {
  const m = margins(table);
  if (m.n === 0) return undef(NO_ITEMS);
  if (q < 2) return undef('fewer than two categories on the scale');
  let s = 0;
  for (let i = 0; i < m.rows.length; i++) {
    const p = (m.rows[i] + m.cols[i]) / (2 * m.n);
    s += p * (1 - p);
  }
  const pe = s / (q - 1);
  const v = chanceCorrected(m.diagonal / m.n, pe, 'chance agreement is 1');
  return { ...v, chance: pe };
}

/** Krippendorff's α (nominal) for two raters without missing data, via the coincidence matrix. */
export function krippendorffAlphaTable(table: readonly (readonly number[])[]): Value {
  const m = margins(table);
  if (m.n === 0) return undef(NO_ITEMS);
  const total = 2 * m.n;
  let sumSq = 0;
  for (let i = 0; i < m.rows.length; i++) {
    const nc = m.rows[i] + m.cols[i];
    sumSq += nc * nc;
  }
  const expected = total * total - sumSq;
  if (expected === 0) return undef('expected disagreement is 0: only one category was used');
  const observed = 2 * (m.n - m.diagonal);
  return ok(1 - ((total - 1) * observed) / expected);
}
