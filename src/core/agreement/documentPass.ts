// The report's span figures in one pass over the documents, on the packed spans of the corpus (no per-span
// objects): per document α_U, the overall α_U of the fully annotated documents, exact and overlap F1 counts of
// every annotator pair, and the character-level tally of Cohen's and Fleiss' κ. Every figure is computed as
// unitizing.ts, spanF1.ts and charKappa.ts define it, with the same floating-point operations in the same
// order, so the numbers are identical to theirs.
import { type CharFigure, CharTally, MaskTally } from './charKappa';
import type { Corpus } from './corpus';
import { ok, undef, type Value } from './result';
import { addOverlapNumerators, exactTp } from './spanF1';

/** The overall value and one value per label of one α_U. */
export interface AlphaValues {
  overall: Value;
  perLabel: Value[];
}

/** Pooled span F1 counts of one annotator pair, per label (index = label). */
export interface PairCounts {
  a: number;
  b: number;
  documents: number;
  exactTp: Float64Array;
  exactA: Float64Array;
  exactB: Float64Array;
  overlapP: Float64Array;
  overlapR: Float64Array;
  overlapA: Float64Array;
  overlapB: Float64Array;
}

export interface DocumentPassResult {
  /** Documents with at least two annotators: index into docIds, the annotators present, α_U of the document. */
  perDocument: { doc: number; present: number[]; alpha: AlphaValues }[];
  /** α_U over the continuum of the fully annotated documents, with every annotator. */
  alpha: AlphaValues;
  /** The documents every selected annotator annotated (indices into docIds, in order). */
  full: number[];
  pairs: PairCounts[];
  tally: { cohen(a: number, b: number): CharFigure; fleiss(): CharFigure };
}

function same(labels: number, v: Value): AlphaValues {
  return { overall: v, perLabel: new Array<Value>(labels).fill(v) };
}

/** 1 − D_o/D_e with DKPro's conventions, as alphaFromDisagreement, reduced to a Value. */
function alphaValue(observed: number, expected: number, hasPositiveUnit: boolean): Value {
  if (!Number.isFinite(observed) || !Number.isFinite(expected))
    return undef('disagreement is undefined (empty continuum)');
  if (observed === expected) return { value: observed === 0 && hasPositiveUnit ? 1 : 0 };
  if (expected === 0) return undef('expected disagreement is 0');
  return ok(1 - observed / expected);
}

/** Σ and count of the gaps of length ≥ l (unitizing.ts's bucketTail / sortedTail), buffers reused. */
class GapTail {
  private count = new Float64Array(64);
  private sum = new Float64Array(64);
  private sorted = new Float64Array(64);
  private suffix = new Float64Array(65);
  private n = 0;
  private top = 0;
  private bucketed = true;

  /** Starts a tail for gaps of a category whose longest unit is maxLength, gapCount gaps to come. */
  start(maxLength: number, gapCount: number, units: number): void {
    this.bucketed = maxLength <= 4 * (gapCount + units) + 64;
    this.n = 0;
    if (this.bucketed) {
      this.top = maxLength + 1;
      const size = this.top + 2;
      if (this.count.length < size) {
        this.count = new Float64Array(size * 2);
        this.sum = new Float64Array(size * 2);
      } else {
        this.count.fill(0, 0, size);
        this.sum.fill(0, 0, size);
      }
    } else if (this.sorted.length < gapCount) {
      this.sorted = new Float64Array(gapCount * 2);
      this.suffix = new Float64Array(gapCount * 2 + 1);
    }
  }

  add(g: number): void {
    if (this.bucketed) {
      const k = Math.min(g, this.top);
      this.count[k] += 1;
      this.sum[k] += g;
    } else this.sorted[this.n++] = g;
  }

  finish(): void {
    if (this.bucketed) {
      const { count, sum } = this;
      for (let k = this.top - 1; k >= 0; k--) {
        count[k] += count[k + 1];
        sum[k] += sum[k + 1];
      }
    } else {
      const n = this.n;
      this.sorted.subarray(0, n).sort();
      this.suffix[n] = 0;
      for (let i = n - 1; i >= 0; i--) this.suffix[i] = this.suffix[i + 1] + this.sorted[i];
    }
  }

  /** Σ_{g ≥ l} (g − l + 1) = S(l) − (l − 1)·C(l). */
  tail(l: number): number {
    if (this.bucketed) {
      const k = Math.max(l, 0);
      return this.sum[k] - (l - 1) * this.count[k];
    }
    let lo = 0;
    let hi = this.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sorted[mid] < l) lo = mid + 1;
      else hi = mid;
    }
    return this.suffix[lo] - (l - 1) * (this.n - lo);
  }
}

/** DKPro's observed-disagreement sweep of two raters' sorted, disjoint units (see observedPairSum): Σ over
 * overlapping pairs of Δbegin² + Δend², plus len² for every unit that overlaps no unit of the other rater. */
function pairSum(S: Int32Array, E: Int32Array, i: number, iEnd: number, j: number, jEnd: number): number {
  let sum = 0;
  let hitI = false;
  let hitJ = false;
  while (i < iEnd && j < jEnd) {
    const si = S[i];
    const ei = E[i];
    const sj = S[j];
    const ej = E[j];
    if (si < ej && sj < ei) {
      const db = si - sj;
      const de = ei - ej;
      sum += db * db + de * de;
      hitI = true;
      hitJ = true;
    }
    if (ei <= ej) {
      if (!hitI) sum += (ei - si) * (ei - si);
      i++;
      hitI = false;
    } else {
      if (!hitJ) sum += (ej - sj) * (ej - sj);
      j++;
      hitJ = false;
    }
  }
  for (; i < iEnd; i++) {
    if (!hitI) sum += (E[i] - S[i]) * (E[i] - S[i]);
    hitI = false;
  }
  for (; j < jEnd; j++) {
    if (!hitJ) sum += (E[j] - S[j]) * (E[j] - S[j]);
    hitJ = false;
  }
  return sum;
}

const NO_SHIFT = new Float64Array(1);

/** α_U label by label, and overall from the labels' summed disagreements. `label` gives null for a label no one marked. */
function alphaOverLabels(L: number, label: (l: number) => { observed: number; expected: number } | null): AlphaValues {
  const perLabel: Value[] = [];
  let sumObs = 0;
  let sumExp = 0;
  let anyUnit = false;
  for (let l = 0; l < L; l++) {
    const t = label(l);
    if (t === null) {
      perLabel.push(undef('no annotator marked this label'));
      continue;
    }
    anyUnit = true;
    sumObs += t.observed;
    sumExp += t.expected;
    perLabel.push(alphaValue(t.observed, t.expected, true));
  }
  return { overall: anyUnit ? alphaValue(sumObs, sumExp, true) : undef('no annotator marked any span'), perLabel };
}

/**
 * Closes the segment of one mask combination that ended at a change: first notes the present raters' masks not
 * seen before (interned afterwards, in CharTally's order), then tallies the segment. A plain function over the
 * arrays, so both sweeps below share it and the JIT inlines it.
 */
function endSegment(
  tally: MaskTally,
  key: number,
  length: number,
  present: Int32Array,
  P: number,
  mask: Int32Array,
  pendingRater: number[],
  pendingMask: number[],
): void {
  for (let x = 0; x < P; x++)
    if (tally.isNew(mask[present[x]])) {
      pendingRater.push(present[x]);
      pendingMask.push(mask[present[x]]);
    }
  if (length > 0) tally.add(key, length);
}

/** The gaps between one label's units, reused from call to call (the bootstrap makes thousands). */
let gaps = new Float64Array(1024);

function keepGap(at: number, length: number): void {
  if (at === gaps.length) {
    const grown = new Float64Array(at * 2);
    grown.set(gaps);
    gaps = grown;
  }
  gaps[at] = length;
}

/**
 * The observed and expected disagreement of one label on a continuum [0, T) coded by R raters. Rater r's
 * units are the merged spans of the blocks `blocks[r·S + s]` (s < S, S = shift.length), block s shifted by
 * `shift[s]`: one block per rater for a document, one per document for documents laid end to end.
 * `observedSum` gives Σ over rater pairs of the observed disagreement; null when no rater has a unit.
 */
function labelTerms(
  MS: Int32Array,
  ME: Int32Array,
  MO: Int32Array,
  blocks: Int32Array,
  shift: Float64Array,
  R: number,
  T: number,
  gapTail: GapTail,
  observedSum: () => number,
): { observed: number; expected: number } | null {
  const S = shift.length;
  let units = 0;
  let maxLength = 0;
  let squaredLengths = 0;
  let gapCount = 0;
  for (let r = 0; r < R; r++) {
    let prev = 0;
    for (let s = 0; s < S; s++) {
      const b = blocks[r * S + s];
      const o = shift[s];
      for (let i = MO[b]; i < MO[b + 1]; i++) {
        const len = ME[i] - MS[i];
        if (len > maxLength) maxLength = len;
        squaredLengths += len * (len - 1);
        if (o + MS[i] > prev) keepGap(gapCount++, o + MS[i] - prev);
        prev = o + ME[i];
      }
      units += MO[b + 1] - MO[b];
    }
    if (prev < T) keepGap(gapCount++, T - prev);
  }
  if (units === 0) return null;
  const obs = observedSum();
  // The tail is sized by the gap count and the longest unit, known only once every gap has been seen.
  gapTail.start(maxLength, gapCount, units);
  for (let g = 0; g < gapCount; g++) gapTail.add(gaps[g]);
  gapTail.finish();
  let sum = 0;
  for (let k = 0; k < R * S; k++) {
    const b = blocks[k];
    for (let i = MO[b]; i < MO[b + 1]; i++) {
      const len = ME[i] - MS[i];
      const sum1 = ((units - 1) * (2 * len * len * len - 3 * len * len + len)) / 3;
      sum += sum1 + len * len * gapTail.tail(len);
    }
  }
  return {
    observed: (2 * obs) / (R * (R - 1) * T * T),
    expected: (sum * 2) / T / (R * T * (R * T - 1) - squaredLengths),
  };
}

export function documentPass(c: Corpus): DocumentPassResult {
  const p = c.packed;
  const A = c.annotators.length;
  const L = c.labels.length;
  const L1 = L + 1;
  const { recordOf, rawStart, rawEnd, rawOff, mergedStart: MS, mergedEnd: ME, mergedOff: MO } = p;
  const D = c.docIds.length;
  const docLength = new Float64Array(D);
  for (let d = 0; d < D; d++) docLength[d] = c.lengths.get(c.docIds[d]) ?? 0;

  const fast = MaskTally.fits(L, A);
  const maskTally = fast ? new MaskTally(L, A) : null;
  const charTally = fast ? null : new CharTally(L, A);
  const pow = maskTally ? maskTally.pow : new Float64Array(0);

  const pairs: PairCounts[] = [];
  const pairIndex = new Int32Array(A * A).fill(-1);
  for (let a = 0; a < A; a++)
    for (let b = a + 1; b < A; b++) {
      pairIndex[a * A + b] = pairs.length;
      pairs.push({
        a,
        b,
        documents: 0,
        exactTp: new Float64Array(L),
        exactA: new Float64Array(L),
        exactB: new Float64Array(L),
        overlapP: new Float64Array(L),
        overlapR: new Float64Array(L),
        overlapA: new Float64Array(L),
        overlapB: new Float64Array(L),
      });
    }

  const perDocument: DocumentPassResult['perDocument'] = [];
  const full: number[] = [];
  const obsTotal = new Float64Array(L);
  const gapTail = new GapTail();
  const overlapNums = new Float64Array(2);
  const present = new Int32Array(A);
  const base = new Int32Array(A);
  // char κ sweep buffers: events (position·A·L + rater·L + label), masks, pending first sightings of masks
  const S = A * L;
  let events = new Float64Array(256);
  let flags = new Uint8Array(0);
  let toggles = new Int32Array(0);
  const mask = new Int32Array(A);
  const pendingRater: number[] = [];
  const pendingMask: number[] = [];

  for (let d = 0; d < D; d++) {
    let P = 0;
    for (let a = 0; a < A; a++) {
      const k = recordOf[d * A + a];
      if (k >= 0) {
        present[P] = a;
        base[P++] = k * L1;
      }
    }
    if (P < 2) continue;
    const T = docLength[d];
    const isFull = P === A;
    if (isFull) full.push(d);

    // exact-match and overlap F1 counts of every pair present
    for (let x = 0; x < P; x++)
      for (let y = x + 1; y < P; y++) {
        const pc = pairs[pairIndex[present[x] * A + present[y]]];
        pc.documents++;
        const bx = base[x];
        const by = base[y];
        for (let l = 0; l < L; l++) {
          let i = rawOff[bx + l];
          const iEnd = rawOff[bx + l + 1];
          let j = rawOff[by + l];
          const jEnd = rawOff[by + l + 1];
          pc.exactA[l] += iEnd - i;
          pc.exactB[l] += jEnd - j;
          pc.exactTp[l] += exactTp(rawStart, rawEnd, i, iEnd, j, jEnd);
          i = MO[bx + l];
          const mEnd = MO[bx + l + 1];
          j = MO[by + l];
          const nEnd = MO[by + l + 1];
          pc.overlapA[l] += mEnd - i;
          pc.overlapB[l] += nEnd - j;
          overlapNums[0] = 0;
          overlapNums[1] = 0;
          addOverlapNumerators(overlapNums, MS, ME, i, mEnd, j, nEnd);
          pc.overlapP[l] += overlapNums[0];
          pc.overlapR[l] += overlapNums[1];
        }
      }

    // character-level tally: each rater's label-set mask changes where its merged spans start or end
    if (T > 0) {
      if (maskTally) {
        let n = 0;
        for (let x = 0; x < P; x++) n += 2 * (MO[base[x] + L] - MO[base[x]]);
        let key = 0;
        for (let x = 0; x < P; x++) {
          mask[present[x]] = 0;
          key += pow[present[x]];
        }
        let segStart = 0;
        if (T <= 8 * n + 4096) {
          // dense: XOR each span's label bit into its rater's toggle at start and end, then scan the positions
          if (flags.length < T + 1) {
            flags = new Uint8Array(2 * T + 2);
            toggles = new Int32Array(A * flags.length);
          }
          const stride = flags.length;
          for (let x = 0; x < P; x++) {
            const row = present[x] * stride;
            for (let l = 0; l < L; l++) {
              const bit = 1 << l;
              for (let i = MO[base[x] + l]; i < MO[base[x] + l + 1]; i++) {
                toggles[row + MS[i]] ^= bit;
                toggles[row + ME[i]] ^= bit;
                flags[MS[i]] = 1;
                flags[ME[i]] = 1;
              }
            }
          }
          for (let pos = 0; pos < T; pos++) {
            if (flags[pos] === 0) continue;
            flags[pos] = 0;
            let next = key;
            for (let x = 0; x < P; x++) {
              const r = present[x];
              const t = toggles[r * stride + pos];
              if (t !== 0) {
                toggles[r * stride + pos] = 0;
                const old = mask[r];
                mask[r] = old ^ t;
                next += ((old ^ t) - old) * pow[r];
              }
            }
            if (next !== key) {
              endSegment(maskTally, key, pos - segStart, present, P, mask, pendingRater, pendingMask);
              segStart = pos;
              key = next;
            }
          }
          flags[T] = 0;
          for (let x = 0; x < P; x++) toggles[present[x] * stride + T] = 0;
        } else {
          // sparse (a long document with few spans): sort the events
          if (events.length < n) events = new Float64Array(n * 2);
          n = 0;
          for (let x = 0; x < P; x++) {
            const rl = present[x] * L;
            for (let l = 0; l < L; l++)
              for (let i = MO[base[x] + l]; i < MO[base[x] + l + 1]; i++) {
                events[n++] = MS[i] * S + rl + l;
                events[n++] = ME[i] * S + rl + l;
              }
          }
          events.subarray(0, n).sort();
          let i = 0;
          while (i < n) {
            const pos = Math.floor(events[i] / S);
            if (pos >= T) break;
            const limit = (pos + 1) * S;
            let next = key;
            while (i < n && events[i] < limit) {
              const rl = events[i++] - pos * S;
              const r = Math.floor(rl / L);
              const old = mask[r];
              const now = old ^ (1 << (rl - r * L));
              mask[r] = now;
              next += (now - old) * pow[r];
            }
            if (next !== key) {
              endSegment(maskTally, key, pos - segStart, present, P, mask, pendingRater, pendingMask);
              segStart = pos;
              key = next;
            }
          }
        }
        maskTally.add(key, T - segStart);
        if (pendingRater.length > 0) {
          // first sightings in CharTally's order: rater by rater, each by position
          for (let x = 0; x < P; x++)
            for (let q = 0; q < pendingRater.length; q++)
              if (pendingRater[q] === present[x]) maskTally.internMask(pendingMask[q]);
          pendingRater.length = 0;
          pendingMask.length = 0;
        }
      } else {
        const row = c.records.get(c.docIds[d])!;
        charTally!.addDocument(
          T,
          row.map((rec) => rec?.perLabel.map((ls) => ls.merged)),
        );
      }
    }

    // α_U of this document (continuum [0, T), the raters present)
    if (T <= 0) {
      perDocument.push({
        doc: d,
        present: Array.from(present.subarray(0, P)),
        alpha: same(L, undef('the continuum is empty')),
      });
      continue;
    }
    const blocks = new Int32Array(P);
    const alpha = alphaOverLabels(L, (l) => {
      for (let x = 0; x < P; x++) blocks[x] = base[x] + l;
      return labelTerms(MS, ME, MO, blocks, NO_SHIFT, P, T, gapTail, () => {
        let obs = 0;
        for (let x = 0; x < P; x++)
          for (let y = x + 1; y < P; y++)
            obs += pairSum(MS, ME, MO[base[x] + l], MO[base[x] + l + 1], MO[base[y] + l], MO[base[y] + l + 1]);
        if (isFull) obsTotal[l] += obs;
        return obs;
      });
    });
    perDocument.push({ doc: d, present: Array.from(present.subarray(0, P)), alpha });
  }

  const tally = maskTally ?? charTally!;
  if (A < 2) return { perDocument, alpha: same(L, undef('needs at least two annotators')), full, pairs, tally };
  if (full.length === 0)
    return { perDocument, alpha: same(L, undef('no document annotated by every annotator')), full, pairs, tally };
  return { perDocument, alpha: continuumAlpha(c, full, docLength, obsTotal, gapTail), full, pairs, tally };
}

/** α_U over the fully annotated documents concatenated in id order, every annotator a rater; the observed
 * sums were gathered per document (no unit crosses a document, so they add up), the gaps cross documents. */
function continuumAlpha(
  c: Corpus,
  full: readonly number[],
  docLength: Float64Array,
  obsTotal: Float64Array,
  gapTail: GapTail,
): AlphaValues {
  const p = c.packed;
  const { recordOf, mergedStart: MS, mergedEnd: ME, mergedOff: MO } = p;
  const A = c.annotators.length;
  const L = c.labels.length;
  const L1 = L + 1;
  const offset = new Float64Array(full.length);
  let T = 0;
  for (let f = 0; f < full.length; f++) {
    offset[f] = T;
    T += docLength[full[f]];
  }
  if (T <= 0) return same(L, undef('the continuum is empty'));
  const F = full.length;
  const blocks = new Int32Array(A * F);
  return alphaOverLabels(L, (l) => {
    for (let r = 0; r < A; r++) for (let f = 0; f < F; f++) blocks[r * F + f] = recordOf[full[f] * A + r] * L1 + l;
    return labelTerms(MS, ME, MO, blocks, offset, A, T, gapTail, () => obsTotal[l]);
  });
}
