// A first-order sequence model over tags trained with Collins' (2002) averaged structured perceptron:
// Viterbi decoding under the current weights, then + the gold path's features and − the predicted path's.
// Averaging uses Daumé's trick: w and u = Σ c·Δ, averaged weights (c·w − u)/c, returned scaled by c so they
// are exact integers (the caller rounds them once, to the precision the model file keeps).
import { mulberry32 } from '../prng';
import type { Reporter } from './control';

/** A tag set: which transitions are allowed (row K is the start of the sequence), and each tag's group for margins. */
export interface TagSpace {
  tags: number;
  names: string[];
  /** allowed[from·K + to], from = K for the sequence start. */
  allowed: Uint8Array;
  /** Tags in one group count as the same decision when the margin is measured (B and I are both "inside"). */
  groups: Uint8Array;
}

/** O, B, I: an I only after a B or an I. */
export const BIO: TagSpace = (() => {
  const K = 3;
  const allowed = new Uint8Array((K + 1) * K).fill(1);
  allowed[0 * K + 2] = 0; // O → I
  allowed[K * K + 2] = 0; // start → I
  return { tags: K, names: ['O', 'B', 'I'], allowed, groups: Uint8Array.from([0, 1, 1]) };
})();

/** Averaged weights scaled by `scale`: emission[row·K + tag], transition[from·K + to] (from = K at the start). */
export interface SequenceWeights {
  tags: number;
  rows: number;
  emission: Float64Array;
  transition: Float64Array;
  scale: number;
}

/** Emission scores of every token and tag; a row id below 0 (a feature the model lacks) is skipped. */
export function emissionScores(
  emission: Float64Array,
  K: number,
  ids: Int32Array,
  offsets: Int32Array,
  out?: Float64Array,
): Float64Array {
  const n = offsets.length - 1;
  const scores = out && out.length >= n * K ? out : new Float64Array(n * K);
  scores.fill(0, 0, n * K);
  if (K === 3) {
    for (let t = 0; t < n; t++) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      for (let j = offsets[t]; j < offsets[t + 1]; j++) {
        const r = ids[j];
        if (r < 0) continue;
        const w = r * 3;
        s0 += emission[w];
        s1 += emission[w + 1];
        s2 += emission[w + 2];
      }
      scores[t * 3] = s0;
      scores[t * 3 + 1] = s1;
      scores[t * 3 + 2] = s2;
    }
    return scores;
  }
  for (let t = 0; t < n; t++) {
    const base = t * K;
    for (let j = offsets[t]; j < offsets[t + 1]; j++) {
      const r = ids[j];
      if (r < 0) continue;
      const w = r * K;
      for (let k = 0; k < K; k++) scores[base + k] += emission[w + k];
    }
  }
  return scores;
}

/** The best tag path under the allowed transitions (ties go to the lower tag id, so decoding is deterministic). */
export function viterbi(
  scores: Float64Array,
  n: number,
  transition: Float64Array,
  space: TagSpace,
  work?: { delta: Float64Array; back: Uint8Array; path: Uint8Array },
): Uint8Array {
  const K = space.tags;
  const reuse = work && work.path.length >= n && work.delta.length >= n * K;
  const path = reuse ? work.path.subarray(0, n) : new Uint8Array(n);
  if (n === 0) return path;
  const delta = reuse ? work.delta : new Float64Array(n * K);
  const back = reuse ? work.back : new Uint8Array(n * K);
  for (let k = 0; k < K; k++)
    delta[k] = space.allowed[K * K + k] ? transition[K * K + k] + scores[k] : Number.NEGATIVE_INFINITY;
  for (let t = 1; t < n; t++) {
    for (let k = 0; k < K; k++) {
      let best = Number.NEGATIVE_INFINITY;
      let arg = 0;
      for (let j = 0; j < K; j++) {
        if (!space.allowed[j * K + k]) continue;
        const v = delta[(t - 1) * K + j] + transition[j * K + k];
        if (v > best) {
          best = v;
          arg = j;
        }
      }
      delta[t * K + k] = best + scores[t * K + k];
      back[t * K + k] = arg;
    }
  }
  let best = Number.NEGATIVE_INFINITY;
  let arg = 0;
  for (let k = 0; k < K; k++)
    if (delta[(n - 1) * K + k] > best) {
      best = delta[(n - 1) * K + k];
      arg = k;
    }
  path[n - 1] = arg;
  for (let t = n - 1; t > 0; t--) path[t - 1] = back[t * K + path[t]];
  return path;
}

/**
 * For each token, how much worse the best path is that puts the token in another tag group than the best
 * path overall (max-marginal margin, forward and backward Viterbi); Infinity where no such path exists.
 */
export function tokenMargins(scores: Float64Array, n: number, transition: Float64Array, space: TagSpace): Float64Array {
  const K = space.tags;
  const margins = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  if (n === 0) return margins;
  const NEG = Number.NEGATIVE_INFINITY;
  const alpha = new Float64Array(n * K);
  const beta = new Float64Array(n * K);
  for (let k = 0; k < K; k++) alpha[k] = space.allowed[K * K + k] ? transition[K * K + k] + scores[k] : NEG;
  for (let t = 1; t < n; t++)
    for (let k = 0; k < K; k++) {
      let best = NEG;
      for (let j = 0; j < K; j++)
        if (space.allowed[j * K + k]) best = Math.max(best, alpha[(t - 1) * K + j] + transition[j * K + k]);
      alpha[t * K + k] = best + scores[t * K + k];
    }
  for (let t = n - 2; t >= 0; t--)
    for (let j = 0; j < K; j++) {
      let best = NEG;
      for (let k = 0; k < K; k++)
        if (space.allowed[j * K + k])
          best = Math.max(best, transition[j * K + k] + scores[(t + 1) * K + k] + beta[(t + 1) * K + k]);
      beta[t * K + j] = best;
    }
  for (let t = 0; t < n; t++) {
    let best = NEG;
    let bestGroup = 0;
    for (let k = 0; k < K; k++) {
      const v = alpha[t * K + k] + beta[t * K + k];
      if (v > best) {
        best = v;
        bestGroup = space.groups[k];
      }
    }
    let other = NEG;
    for (let k = 0; k < K; k++)
      if (space.groups[k] !== bestGroup) other = Math.max(other, alpha[t * K + k] + beta[t * K + k]);
    margins[t] = best - other;
  }
  return margins;
}

/** Training settings of the averaged perceptron. */
export interface PerceptronOptions {
  epochs: number;
  seed: number;
  reporter?: Reporter;
  /** Work units reported per sequence processed (default 1). */
  unitsPerSequence?: number;
  stage?: string;
}

/**
 * One training sequence: each token's feature rows (ids[offsets[t] .. offsets[t+1])) and its gold tag for
 * each of the models trained together (tags[t·M + m]).
 */
export interface MultiSequence {
  ids: Int32Array;
  offsets: Int32Array;
  tags: Uint8Array;
}

/**
 * Trains M independent taggers over the same features in one pass: each sees the same sequences in the
 * same order and is updated only by its own mistakes, so each equals what training it alone would give,
 * but the weights of one feature row sit side by side (row·M·K + m·K + tag) and are read once for all M.
 * `rows` is the number of distinct feature rows the ids index.
 */
export async function trainPerceptrons(
  sequences: readonly MultiSequence[],
  rows: number,
  M: number,
  space: TagSpace,
  options: PerceptronOptions,
): Promise<SequenceWeights[]> {
  const K = space.tags;
  const width = M * K;
  const w = new Int32Array(rows * width);
  const u = new Float64Array(rows * width);
  const tw = new Float64Array(M * (K + 1) * K);
  const tu = new Float64Array(M * (K + 1) * K);
  const next = mulberry32(options.seed);
  const order = sequences.map((_, i) => i);
  let c = 1;
  let scores = new Float64Array(0);
  let one = new Float64Array(0);
  let work = { delta: new Float64Array(0), back: new Uint8Array(0), path: new Uint8Array(0) };
  const STEP = 64;
  let pending = 0;
  const T = (K + 1) * K;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const index of order) {
      const s = sequences[index];
      const n = s.offsets.length - 1;
      if (scores.length < n * width) {
        scores = new Float64Array(n * width * 2);
        one = new Float64Array(n * K * 2);
        work = { delta: new Float64Array(n * K * 2), back: new Uint8Array(n * K * 2), path: new Uint8Array(n * 2) };
      }
      scores.fill(0, 0, n * width);
      for (let t = 0; t < n; t++) {
        const base = t * width;
        for (let j = s.offsets[t]; j < s.offsets[t + 1]; j++) {
          const r = s.ids[j] * width;
          for (let k = 0; k < width; k++) scores[base + k] += w[r + k];
        }
      }
      for (let m = 0; m < M; m++) {
        for (let t = 0; t < n; t++) for (let k = 0; k < K; k++) one[t * K + k] = scores[t * width + m * K + k];
        const trans = tw.subarray(m * T, (m + 1) * T);
        const pred = viterbi(one, n, trans, space, work);
        for (let t = 0; t < n; t++) {
          const g = s.tags[t * M + m];
          const p = pred[t];
          if (g !== p)
            for (let j = s.offsets[t]; j < s.offsets[t + 1]; j++) {
              const r = s.ids[j] * width + m * K;
              w[r + g] += 1;
              u[r + g] += c;
              w[r + p] -= 1;
              u[r + p] -= c;
            }
          const gFrom = t === 0 ? K : s.tags[(t - 1) * M + m];
          const pFrom = t === 0 ? K : pred[t - 1];
          if (gFrom !== pFrom || g !== p) {
            tw[m * T + gFrom * K + g] += 1;
            tu[m * T + gFrom * K + g] += c;
            tw[m * T + pFrom * K + p] -= 1;
            tu[m * T + pFrom * K + p] -= c;
          }
        }
      }
      c++;
      if (options.reporter && ++pending === STEP) {
        await options.reporter.step(options.stage ?? 'spans', pending * (options.unitsPerSequence ?? 1));
        pending = 0;
      }
    }
  }
  if (options.reporter && pending)
    await options.reporter.step(options.stage ?? 'spans', pending * (options.unitsPerSequence ?? 1));
  const out: SequenceWeights[] = [];
  for (let m = 0; m < M; m++) {
    const emission = new Float64Array(rows * K);
    for (let r = 0; r < rows; r++)
      for (let k = 0; k < K; k++) {
        const i = r * width + m * K + k;
        emission[r * K + k] = c * w[i] - u[i];
      }
    const transition = new Float64Array(T);
    for (let i = 0; i < T; i++) transition[i] = c * tw[m * T + i] - tu[m * T + i];
    out.push({ tags: K, rows, emission, transition, scale: c });
  }
  return out;
}
