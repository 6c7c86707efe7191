// Krippendorff's unitizing α (α_U) exactly as DKPro Statistics' KrippendorffAlphaUnitizingAgreement
// computes it (Krippendorff 1995; 2004 §12.4), with the expected disagreement in
// O((units + gaps) log gaps): Σ_{g ≥ l} (g − l + 1) = S(l) − (l − 1)·C(l) over sorted gaps with suffix sums.
import { ok, undef, type Value } from './result';

/** One rater's units of one category, sorted by (begin, length) and not overlapping. */
export interface RaterUnits {
  begin: number[];
  length: number[];
}

/** A continuum ready for α_U: per category, one RaterUnits per rater (index = rater). */
export interface PreparedContinuum {
  begin: number;
  length: number;
  raters: number;
  categories: Map<string, RaterUnits[]>;
}

/** The DKPro-shaped study the published vectors use: a continuum, a rater count, units. */
export interface UnitizingStudy {
  continuum: { begin: number; length: number };
  raters: number;
  units: readonly { begin: number; length: number; rater: number; category: string }[];
}

/** One category's observed and expected disagreement, the parts every α_U is built from. */
export interface CategoryDisagreement {
  observed: number;
  expected: number;
  /** Number of units of the category (all raters), N_c. */
  units: number;
  /** Whether some unit of the category is longer than 0 (DKPro's D_o = D_e convention). */
  hasPositiveUnit: boolean;
}

/** α_U with the disagreements it came from. */
export type AlphaU = Value & { observed?: number; expected?: number };

/** DKPro's distance between two segments (a null category is a gap), used by the observed-disagreement sweep. */
export function measureDistance(
  offset1: number,
  length1: number,
  category1: string | null,
  offset2: number,
  length2: number,
  category2: string | null,
): number {
  const beginDiff = offset1 - offset2;
  const lengthDiff = length1 - length2;
  if (category1 !== null && category2 !== null && -length1 < beginDiff && beginDiff < length2)
    return beginDiff * beginDiff + (beginDiff + lengthDiff) * (beginDiff + lengthDiff);
  if (category1 !== null && category2 === null && -lengthDiff >= beginDiff && beginDiff >= 0) return length1 * length1;
  if (category1 === null && category2 !== null && -lengthDiff <= beginDiff && beginDiff <= 0) return length2 * length2;
  return 0;
}

/**
 * The section of one rater's line that starts at `pos`, `i` being its next unit: a unit's length (zero or more),
 * or minus the length of the gap before the next unit (never zero). A plain function of numbers and arrays, so
 * the hot sweep below inlines it.
 */
function sectionAt(begin: RaterUnits['begin'], length: RaterUnits['length'], i: number, pos: number, end: number) {
  if (i < begin.length && pos === begin[i]) return length[i];
  return pos - (i < begin.length ? begin[i] : end);
}

/** Σ of segment distances for one rater pair in one category (DKPro's sweep, before normalising). */
export function observedPairSum(u1: RaterUnits, u2: RaterUnits, B: number, L: number): number {
  // measureDistance inlined, with a boolean "is a unit" in place of DKPro's null category (hot loop)
  const end = B + L;
  const b1 = u1.begin;
  const l1 = u1.length;
  const b2 = u2.begin;
  const l2 = u2.length;
  const n1 = b1.length;
  const n2 = b2.length;
  let i1 = 0;
  let i2 = 0;
  let off1 = B;
  let len1 = 0;
  let off2 = B;
  let len2 = 0;
  // the current section: a unit's length, or minus a gap's
  let sec1 = -1;
  let sec2 = -1;
  let pos = B;
  let result = 0;
  while (pos < end && (i1 < n1 || i2 < n2)) {
    if (pos === off1 + len1) {
      sec1 = sectionAt(b1, l1, i1, pos, end);
      if (sec1 >= 0) i1++;
      len1 = Math.abs(sec1);
      off1 = pos;
    }
    if (pos === off2 + len2) {
      sec2 = sectionAt(b2, l2, i2, pos, end);
      if (sec2 >= 0) i2++;
      len2 = Math.abs(sec2);
      off2 = pos;
    }
    const unit1 = sec1 >= 0;
    const unit2 = sec2 >= 0;
    const beginDiff = off1 - off2;
    const lengthDiff = len1 - len2;
    if (unit1 && unit2) {
      if (-len1 < beginDiff && beginDiff < len2)
        result += beginDiff * beginDiff + (beginDiff + lengthDiff) * (beginDiff + lengthDiff);
    } else if (unit1) {
      if (-lengthDiff >= beginDiff && beginDiff >= 0) result += len1 * len1;
    } else if (unit2) {
      if (-lengthDiff <= beginDiff && beginDiff <= 0) result += len2 * len2;
    }
    const e1 = off1 + len1;
    const e2 = off2 + len2;
    pos = Math.min(e1, e2);
  }
  return result;
}

/** The gaps (stretches not covered by a unit) of one rater, as DKPro enumerates them; returns the new count. */
export function raterGaps(u: RaterUnits, B: number, L: number, out: Float64Array, count: number): number {
  const end = B + L;
  const n = u.begin.length;
  let i = 0;
  let pos = B;
  let k = count;
  while (pos < end) {
    if (i < n && pos === u.begin[i]) {
      pos += u.length[i++];
    } else {
      const len = (i < n ? u.begin[i] : end) - pos;
      out[k++] = len;
      pos += len;
    }
  }
  return k;
}

/** First index whose value is ≥ x in an ascending array (binary search). */
function lowerBound(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Σ and count of the gaps of length ≥ l, the two parts of Σ_{g ≥ l} (g − l + 1). */
interface GapTail {
  sum(l: number): number;
  count(l: number): number;
}

/** Integer gaps: bucket them by length up to the longest unit (O(gaps + longest unit), no sort); null otherwise. */
function bucketTail(gaps: Float64Array, maxLength: number): GapTail | null {
  if (!Number.isInteger(maxLength)) return null;
  const top = maxLength + 1;
  const count = new Float64Array(top + 2);
  const sum = new Float64Array(top + 2);
  for (let i = 0; i < gaps.length; i++) {
    const g = gaps[i];
    if (!Number.isInteger(g)) return null;
    const k = Math.min(g, top);
    count[k] += 1;
    sum[k] += g;
  }
  for (let k = top - 1; k >= 0; k--) {
    count[k] += count[k + 1];
    sum[k] += sum[k + 1];
  }
  const at = (l: number) => Math.max(l, 0);
  return { sum: (l) => sum[at(l)], count: (l) => count[at(l)] };
}

/** Any lengths: sort the gaps once, keep suffix sums, binary-search each l. */
function sortedTail(gaps: Float64Array): GapTail {
  const sorted = Float64Array.from(gaps).sort();
  const suffix = new Float64Array(sorted.length + 1);
  for (let i = sorted.length - 1; i >= 0; i--) suffix[i] = suffix[i + 1] + sorted[i];
  return {
    sum: (l) => suffix[lowerBound(sorted, l)],
    count: (l) => sorted.length - lowerBound(sorted, l),
  };
}

/** D_o and D_e of one category, D_e by the sorted-gaps / suffix-sums / binary-search trick. */
export function categoryDisagreement(raters: readonly RaterUnits[], B: number, L: number): CategoryDisagreement {
  const R = raters.length;
  let observed = 0;
  for (let r1 = 0; r1 < R; r1++)
    for (let r2 = r1 + 1; r2 < R; r2++) observed += observedPairSum(raters[r1], raters[r2], B, L);
  observed = (2 * observed) / (R * (R - 1) * L * L);

  let units = 0;
  let squaredLengths = 0;
  let hasPositiveUnit = false;
  for (const u of raters) units += u.length.length;
  // a rater has at most one gap more than it has units
  const gapBuffer = new Float64Array(units + R);
  let gapCount = 0;
  for (const u of raters) {
    for (const l of u.length) {
      squaredLengths += l * (l - 1);
      if (l > 0) hasPositiveUnit = true;
    }
    gapCount = raterGaps(u, B, L, gapBuffer, gapCount);
  }
  let maxLength = 0;
  for (const u of raters) for (const l of u.length) if (l > maxLength) maxLength = l;
  const gaps = gapBuffer.subarray(0, gapCount);
  const tail = (maxLength <= 4 * (gapCount + units) + 64 ? bucketTail(gaps, maxLength) : null) ?? sortedTail(gaps);
  let sum = 0;
  for (const u of raters)
    for (const l of u.length) {
      const sum1 = ((units - 1) * (2 * l * l * l - 3 * l * l + l)) / 3;
      const sum2 = tail.sum(l) - (l - 1) * tail.count(l);
      sum += sum1 + l * l * sum2;
    }
  const expected = (sum * 2) / L / (R * L * (R * L - 1) - squaredLengths);
  return { observed, expected, units, hasPositiveUnit };
}

/** 1 − D_o/D_e with DKPro's conventions (D_o = D_e → 0, except both 0 with a unit longer than 0 → 1). */
export function alphaFromDisagreement(observed: number, expected: number, hasPositiveUnit: boolean): AlphaU {
  if (!Number.isFinite(observed) || !Number.isFinite(expected))
    return undef('disagreement is undefined (empty continuum)');
  if (observed === expected) return { value: observed === 0 && hasPositiveUnit ? 1 : 0, observed, expected };
  if (expected === 0) return { ...undef('expected disagreement is 0'), observed, expected };
  return { ...ok(1 - observed / expected), observed, expected };
}

/** α_U per category and overall (1 − ΣD_o/ΣD_e) over a prepared continuum, in one pass. */
export function alphaUnitizingPrepared(c: PreparedContinuum): {
  overall: AlphaU;
  perCategory: Map<string, AlphaU & { disagreement?: CategoryDisagreement }>;
} {
  const perCategory = new Map<string, AlphaU & { disagreement?: CategoryDisagreement }>();
  if (c.raters < 2) {
    for (const k of c.categories.keys()) perCategory.set(k, undef('needs at least two annotators'));
    return { overall: undef('needs at least two annotators'), perCategory };
  }
  if (c.length <= 0) {
    for (const k of c.categories.keys()) perCategory.set(k, undef('the continuum is empty'));
    return { overall: undef('the continuum is empty'), perCategory };
  }
  let sumObs = 0;
  let sumExp = 0;
  let anyPositive = false;
  let anyUnit = false;
  for (const [k, raters] of c.categories) {
    const d = categoryDisagreement(raters, c.begin, c.length);
    if (d.units === 0) {
      perCategory.set(k, undef('no annotator marked this label'));
      continue;
    }
    anyUnit = true;
    anyPositive ||= d.hasPositiveUnit;
    sumObs += d.observed;
    sumExp += d.expected;
    perCategory.set(k, { ...alphaFromDisagreement(d.observed, d.expected, d.hasPositiveUnit), disagreement: d });
  }
  const overall = anyUnit ? alphaFromDisagreement(sumObs, sumExp, anyPositive) : undef('no annotator marked any span');
  return { overall, perCategory };
}

/** Groups a study's units by category and rater, sorted as DKPro's TreeSet orders them, checking non-overlap. */
export function prepareStudy(study: UnitizingStudy): PreparedContinuum {
  const { begin, length } = study.continuum;
  const categories = new Map<string, RaterUnits[]>();
  const lists = new Map<string, { b: number; l: number }[][]>();
  for (const u of study.units) {
    if (u.rater < 0 || u.rater >= study.raters || !Number.isInteger(u.rater))
      throw new RangeError(`unit rater ${u.rater} is outside 0–${study.raters - 1}`);
    if (u.length < 0 || u.begin < begin || u.begin + u.length > begin + length)
      throw new RangeError(`unit [${u.begin}, +${u.length}) is outside the continuum`);
    let per = lists.get(u.category);
    if (!per) {
      per = Array.from({ length: study.raters }, () => []);
      lists.set(u.category, per);
    }
    per[u.rater].push({ b: u.begin, l: u.length });
  }
  for (const [k, per] of lists) {
    categories.set(
      k,
      per.map((list, r) => {
        list.sort((x, y) => x.b - y.b || x.l - y.l);
        for (let i = 1; i < list.length; i++)
          if (list[i].b < list[i - 1].b + list[i - 1].l)
            throw new RangeError(`rater ${r} has overlapping units of category "${k}"; merge them first`);
        return { begin: list.map((x) => x.b), length: list.map((x) => x.l) };
      }),
    );
  }
  return { begin, length, raters: study.raters, categories };
}

/** α_U on a DKPro-shaped study (the form of the published vectors). */
export function alphaUnitizing(study: UnitizingStudy): ReturnType<typeof alphaUnitizingPrepared> {
  return alphaUnitizingPrepared(prepareStudy(study));
}
