// Span-level F1 between two annotators: exact match and SemEval-2020 Task 11 partial overlap.
import type { Interval } from './intervals';
import { ok, undef, type Value } from './result';

/** The counts exact-match F1 is pooled from (micro-averaging adds them up). */
export interface ExactCounts {
  tp: number;
  a: number;
  b: number;
}

/** Start and end arrays of two interval lists side by side: a's at [0, |a|), b's at [|a|, |a|+|b|). */
function packed(a: readonly Interval[], b: readonly Interval[]): { S: Int32Array; E: Int32Array } {
  const S = new Int32Array(a.length + b.length);
  const E = new Int32Array(a.length + b.length);
  let k = 0;
  for (const list of [a, b])
    for (const [s, e] of list) {
      S[k] = s;
      E[k++] = e;
    }
  return { S, E };
}

/** How many spans of [i, iEnd) also stand in [j, jEnd) (same start and end); both sorted and de-duplicated. */
export function exactTp(S: Int32Array, E: Int32Array, i: number, iEnd: number, j: number, jEnd: number): number {
  let tp = 0;
  while (i < iEnd && j < jEnd) {
    const d = S[i] - S[j] || E[i] - E[j];
    if (d === 0) {
      tp++;
      i++;
      j++;
    } else if (d < 0) i++;
    else j++;
  }
  return tp;
}

/** TP = spans present in both sorted, de-duplicated lists (same start and end). */
export function exactMatchCounts(a: readonly Interval[], b: readonly Interval[]): ExactCounts {
  const { S, E } = packed(a, b);
  return { tp: exactTp(S, E, 0, a.length, a.length, S.length), a: a.length, b: b.length };
}

/** 2·TP / (|A| + |B|); `none` says why there is no figure when both are empty. */
export function diceF1(c: ExactCounts, none: string): Value {
  const total = c.a + c.b;
  if (total === 0) return undef(none);
  return ok((2 * c.tp) / total);
}

/** F1 = 2·TP / (|A| + |B|), null when neither annotator has a span. */
export function f1Exact(c: ExactCounts): Value {
  return diceF1(c, 'neither annotator marked a span');
}

/** The numerators and counts of the SemEval partial-overlap scorer, poolable over labels and documents. */
export interface OverlapCounts {
  /** Σ_{s∈A} Σ_{t∈B} |s∩t| / |s| */
  pNum: number;
  /** Σ_{s∈A} Σ_{t∈B} |s∩t| / |t| */
  rNum: number;
  a: number;
  b: number;
}

/**
 * Adds to `into` ([pNum, rNum]) the partial-credit overlap numerators of [i, iEnd) against [j, jEnd), two
 * sorted lists of already merged (non-overlapping) spans.
 */
export function addOverlapNumerators(
  into: Float64Array,
  S: Int32Array,
  E: Int32Array,
  i: number,
  iEnd: number,
  j: number,
  jEnd: number,
): void {
  let pNum = 0;
  let rNum = 0;
  while (i < iEnd && j < jEnd) {
    const inter = Math.min(E[i], E[j]) - Math.max(S[i], S[j]);
    if (inter > 0) {
      pNum += inter / (E[i] - S[i]);
      rNum += inter / (E[j] - S[j]);
    }
    if (E[i] < E[j]) i++;
    else j++;
  }
  into[0] += pNum;
  into[1] += rNum;
}

/** Partial-credit overlap numerators for two sorted lists of already merged (non-overlapping) spans. */
export function overlapCounts(a: readonly Interval[], b: readonly Interval[]): OverlapCounts {
  const { S, E } = packed(a, b);
  const nums = new Float64Array(2);
  addOverlapNumerators(nums, S, E, 0, a.length, a.length, S.length);
  return { pNum: nums[0], rNum: nums[1], a: a.length, b: b.length };
}

/** Precision, recall and F1 of the SemEval-2020 Task 11 span scorer from pooled counts. */
export function overlapScores(c: OverlapCounts): { precision: number; recall: number; f1: Value } {
  const precision = c.a === 0 ? 0 : c.pNum / c.a;
  const recall = c.b === 0 ? 0 : c.rNum / c.b;
  if (c.a + c.b === 0) return { precision, recall, f1: undef('neither annotator marked a span') };
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1: ok(f1) };
}

/** Adds counts so overall figures pool numerators and counts before dividing. */
export function addOverlap(into: OverlapCounts, c: OverlapCounts): void {
  into.pNum += c.pNum;
  into.rNum += c.rNum;
  into.a += c.a;
  into.b += c.b;
}
