// Span-level F1 between two annotators: exact match and SemEval-2020 Task 11 partial overlap.
import type { Interval } from './intervals';
import { ok, undef, type Value } from './result';

/** The counts exact-match F1 is pooled from (micro-averaging adds them up). */
export interface ExactCounts {
  tp: number;
  a: number;
  b: number;
}

/** TP = spans present in both sorted, de-duplicated lists (same start and end). */
export function exactMatchCounts(a: readonly Interval[], b: readonly Interval[]): ExactCounts {
  let i = 0;
  let j = 0;
  let tp = 0;
  while (i < a.length && j < b.length) {
    const d = a[i][0] - b[j][0] || a[i][1] - b[j][1];
    if (d === 0) {
      tp++;
      i++;
      j++;
    } else if (d < 0) i++;
    else j++;
  }
  return { tp, a: a.length, b: b.length };
}

/** F1 = 2·TP / (|A| + |B|), null when neither annotator has a span. */
export function f1Exact(c: ExactCounts): Value {
  const total = c.a + c.b;
  if (total === 0) return undef('neither annotator marked a span');
  return ok((2 * c.tp) / total);
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

/** Partial-credit overlap numerators for two sorted lists of already merged (non-overlapping) spans. */
export function overlapCounts(a: readonly Interval[], b: readonly Interval[]): OverlapCounts {
  let pNum = 0;
  let rNum = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const inter = Math.min(a[i][1], b[j][1]) - Math.max(a[i][0], b[j][0]);
    if (inter > 0) {
      pNum += inter / (a[i][1] - a[i][0]);
      rNum += inter / (b[j][1] - b[j][0]);
    }
    if (a[i][1] < b[j][1]) i++;
    else j++;
  }
  return { pNum, rNum, a: a.length, b: b.length };
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
