// Limited-memory BFGS (Nocedal & Wright, Numerical Optimization, 2nd ed., Algorithm 7.4 and 7.5) with a
// backtracking line search on the Armijo condition. Deterministic: no randomness, a fixed order of sums.

/** Writes the gradient at x into g and returns the objective's value. */
export type Objective = (x: Float64Array, g: Float64Array) => number;

/** Stopping rules and memory. */
export interface LbfgsOptions {
  memory?: number;
  maxIterations?: number;
  /** Stop when ‖g‖ ≤ gradientTolerance · max(1, ‖x‖). */
  gradientTolerance?: number;
  /** Stop when the objective falls by less than this fraction of its value in one iteration. */
  relativeDecrease?: number;
}

/** The minimum found, its value, and how the run ended. */
export interface LbfgsResult {
  x: Float64Array;
  value: number;
  iterations: number;
  converged: boolean;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Minimizes f from x0 (not modified). */
export function lbfgs(f: Objective, x0: Float64Array, options: LbfgsOptions = {}): LbfgsResult {
  const m = options.memory ?? 10;
  const maxIterations = options.maxIterations ?? 200;
  const gtol = options.gradientTolerance ?? 1e-6;
  const ftol = options.relativeDecrease ?? 1e-10;
  const n = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let value = f(x, g);
  // ring buffers of the last m steps s = Δx and gradient changes y (allocated once: no garbage per iteration)
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const spareS: Float64Array[] = [];
  const spareY: Float64Array[] = [];
  const d = new Float64Array(n);
  const alpha = new Array<number>(m);
  let xNew = new Float64Array(n);
  let gNew = new Float64Array(n);
  for (let iter = 0; iter < maxIterations; iter++) {
    const gnorm = Math.sqrt(dot(g, g));
    if (gnorm <= gtol * Math.max(1, Math.sqrt(dot(x, x)))) return { x, value, iterations: iter, converged: true };
    // two-loop recursion: d = −H·g
    d.set(g);
    for (let i = S.length - 1; i >= 0; i--) {
      alpha[i] = rho[i] * dot(S[i], d);
      const y = Y[i];
      for (let j = 0; j < n; j++) d[j] -= alpha[i] * y[j];
    }
    const gamma = S.length ? dot(S[S.length - 1], Y[Y.length - 1]) / dot(Y[Y.length - 1], Y[Y.length - 1]) : 1 / gnorm;
    for (let j = 0; j < n; j++) d[j] *= gamma;
    for (let i = 0; i < S.length; i++) {
      const beta = rho[i] * dot(Y[i], d);
      const s = S[i];
      for (let j = 0; j < n; j++) d[j] += s[j] * (alpha[i] - beta);
    }
    for (let j = 0; j < n; j++) d[j] = -d[j];
    let slope = dot(g, d);
    if (!(slope < 0)) {
      // not a descent direction (curvature information went stale): restart from steepest descent
      spareS.push(...S.splice(0));
      spareY.push(...Y.splice(0));
      rho.length = 0;
      for (let j = 0; j < n; j++) d[j] = -g[j] / gnorm;
      slope = dot(g, d);
    }
    let step = 1;
    let newValue = Number.POSITIVE_INFINITY;
    for (let tries = 0; tries < 60; tries++) {
      for (let j = 0; j < n; j++) xNew[j] = x[j] + step * d[j];
      newValue = f(xNew, gNew);
      if (Number.isFinite(newValue) && newValue <= value + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(newValue <= value)) return { x, value, iterations: iter, converged: false };
    if (S.length === m) {
      spareS.push(S.shift()!);
      spareY.push(Y.shift()!);
      rho.shift();
    }
    const s = spareS.pop() ?? new Float64Array(n);
    const y = spareY.pop() ?? new Float64Array(n);
    for (let j = 0; j < n; j++) {
      s[j] = xNew[j] - x[j];
      y[j] = gNew[j] - g[j];
    }
    const sy = dot(s, y);
    if (sy > 1e-12) {
      S.push(s);
      Y.push(y);
      rho.push(1 / sy);
    } else {
      spareS.push(s);
      spareY.push(y);
    }
    const decrease = value - newValue;
    [x, xNew] = [xNew, x];
    [g, gNew] = [gNew, g];
    value = newValue;
    if (decrease <= ftol * Math.max(1, Math.abs(value))) return { x, value, iterations: iter + 1, converged: true };
  }
  return { x, value, iterations: maxIterations, converged: false };
}
