// L2-regularized logistic regression over sparse features, fitted by L-BFGS to the exact optimum (so a
// published fit can be reproduced): binary (one weight vector) for two classes, multinomial (softmax, one
// vector per class) for more. Objective: Σ −log p(yᵢ | xᵢ) + λ/2 · ‖W‖², the biases not penalized.
import { lbfgs } from './lbfgs';

/** One example: sparse features (feature index, value) and its class index. */
export interface SparseExample {
  ids: Int32Array;
  values: Float64Array;
  label: number;
}

/** A fitted model: weights[feature·C + c] and biases[c], C = 1 for two classes (class 1's score), else K. */
export interface LogisticWeights {
  classes: number;
  features: number;
  weights: Float64Array;
  biases: Float64Array;
}

/** Settings of the fit. */
export interface LogisticOptions {
  l2: number;
  maxIterations?: number;
  /** L-BFGS stopping rules (defaults tight enough to reproduce published fits to 4 decimals). */
  gradientTolerance?: number;
  relativeDecrease?: number;
}

function vectors(K: number): number {
  return K === 2 ? 1 : K;
}

/** Class probabilities of one example. */
export function probabilities(m: LogisticWeights, ids: Int32Array, values: Float64Array): Float64Array {
  const C = vectors(m.classes);
  const z = Float64Array.from(m.biases);
  for (let j = 0; j < ids.length; j++) {
    const f = ids[j];
    if (f < 0) continue;
    const v = values[j];
    for (let c = 0; c < C; c++) z[c] += m.weights[f * C + c] * v;
  }
  if (m.classes === 2) {
    const p1 = 1 / (1 + Math.exp(-z[0]));
    return Float64Array.from([1 - p1, p1]);
  }
  let max = Number.NEGATIVE_INFINITY;
  for (const v of z) max = Math.max(max, v);
  let sum = 0;
  for (let c = 0; c < C; c++) {
    z[c] = Math.exp(z[c] - max);
    sum += z[c];
  }
  for (let c = 0; c < C; c++) z[c] /= sum;
  return z;
}

/** Fits the model to the examples; `features` is one more than the largest feature index. */
export function fitLogistic(
  examples: readonly SparseExample[],
  classes: number,
  features: number,
  options: LogisticOptions,
): LogisticWeights & { converged: boolean; iterations: number } {
  if (classes < 2) throw new Error('logistic regression needs at least two classes');
  const C = vectors(classes);
  const nw = features * C;
  const lambda = options.l2;
  // one contiguous (CSR) copy of the examples: the objective runs over it dozens of times
  const rowStart = new Int32Array(examples.length + 1);
  for (let i = 0; i < examples.length; i++) rowStart[i + 1] = rowStart[i] + examples[i].ids.length;
  const col = new Int32Array(rowStart[examples.length]);
  const val = new Float64Array(rowStart[examples.length]);
  const label = new Int32Array(examples.length);
  examples.forEach((ex, i) => {
    col.set(ex.ids, rowStart[i]);
    val.set(ex.values, rowStart[i]);
    label[i] = ex.label;
  });
  const z = new Float64Array(C);
  const binary = (x: Float64Array, g: Float64Array): number => {
    let loss = 0;
    const bias = x[nw];
    let gBias = 0;
    for (let i = 0; i < label.length; i++) {
      let s = bias;
      for (let j = rowStart[i]; j < rowStart[i + 1]; j++) s += x[col[j]] * val[j];
      // −log σ(s) for y = 1, −log σ(−s) for y = 0, computed without overflow
      const m = label[i] === 1 ? s : -s;
      loss += m > 0 ? Math.log1p(Math.exp(-m)) : -m + Math.log1p(Math.exp(m));
      const d = 1 / (1 + Math.exp(-s)) - label[i];
      gBias += d;
      for (let j = rowStart[i]; j < rowStart[i + 1]; j++) g[col[j]] += d * val[j];
    }
    g[nw] = gBias;
    return loss;
  };
  const multinomial = (x: Float64Array, g: Float64Array): number => {
    let loss = 0;
    for (let i = 0; i < label.length; i++) {
      for (let c = 0; c < C; c++) z[c] = x[nw + c];
      for (let j = rowStart[i]; j < rowStart[i + 1]; j++) {
        const base = col[j] * C;
        const v = val[j];
        for (let c = 0; c < C; c++) z[c] += x[base + c] * v;
      }
      let max = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < C; c++) max = Math.max(max, z[c]);
      let sum = 0;
      for (let c = 0; c < C; c++) sum += Math.exp(z[c] - max);
      const logZ = max + Math.log(sum);
      loss += logZ - z[label[i]];
      for (let c = 0; c < C; c++) z[c] = Math.exp(z[c] - logZ) - (c === label[i] ? 1 : 0);
      for (let c = 0; c < C; c++) g[nw + c] += z[c];
      for (let j = rowStart[i]; j < rowStart[i + 1]; j++) {
        const base = col[j] * C;
        const v = val[j];
        for (let c = 0; c < C; c++) g[base + c] += z[c] * v;
      }
    }
    return loss;
  };
  const objective = (x: Float64Array, g: Float64Array): number => {
    g.fill(0);
    let loss = classes === 2 ? binary(x, g) : multinomial(x, g);
    if (lambda > 0) {
      let sq = 0;
      for (let i = 0; i < nw; i++) {
        sq += x[i] * x[i];
        g[i] += lambda * x[i];
      }
      loss += 0.5 * lambda * sq;
    }
    return loss;
  };
  const result = lbfgs(objective, new Float64Array(nw + C), {
    maxIterations: options.maxIterations ?? 300,
    gradientTolerance: options.gradientTolerance ?? 1e-7,
    relativeDecrease: options.relativeDecrease ?? 1e-12,
  });
  return {
    classes,
    features,
    weights: result.x.slice(0, nw),
    biases: result.x.slice(nw),
    converged: result.converged,
    iterations: result.iterations,
  };
}
