import { describe, expect, it } from 'vitest';
import { lbfgs } from '../../../src/core/learn/lbfgs';
import { fitLogistic, probabilities, type SparseExample } from '../../../src/core/learn/logistic';

// Wikipedia, "Logistic regression", worked example "Probability of passing an exam versus hours of study":
// 20 students; maximum-likelihood fit β0 = −4.1 (−4.0777), β1 = 1.5 (1.5046).
const HOURS = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 1.75, 2, 2.25, 2.5, 2.75, 3, 3.25, 3.5, 4, 4.25, 4.5, 4.75, 5, 5.5];
const PASS = [0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1];
const exam: SparseExample[] = HOURS.map((h, i) => ({
  ids: Int32Array.of(0),
  values: Float64Array.of(h),
  label: PASS[i],
}));

describe('logistic regression', () => {
  it('reproduces the published maximum-likelihood fit of the exam example', () => {
    const m = fitLogistic(exam, 2, 1, { l2: 0 });
    expect(m.converged).toBe(true);
    expect(m.biases[0]).toBeCloseTo(-4.0777, 3);
    expect(m.weights[0]).toBeCloseTo(1.5046, 3);
    // the article's table: 2 hours of study → p(pass) = 0.26, 4 hours → 0.87
    expect(probabilities(m, Int32Array.of(0), Float64Array.of(2))[1]).toBeCloseTo(0.26, 2);
    expect(probabilities(m, Int32Array.of(0), Float64Array.of(4))[1]).toBeCloseTo(0.87, 2);
  });

  it('shrinks the slope as the L2 penalty grows, and leaves the bias unpenalized', () => {
    const slopes = [0, 1, 10].map((l2) => fitLogistic(exam, 2, 1, { l2 }).weights[0]);
    expect(slopes[0]).toBeGreaterThan(slopes[1]);
    expect(slopes[1]).toBeGreaterThan(slopes[2]);
    // with a huge penalty the slope vanishes and the bias alone fits the base rate 10/20
    const flat = fitLogistic(exam, 2, 1, { l2: 1e9 });
    expect(probabilities(flat, Int32Array.of(0), Float64Array.of(3))[1]).toBeCloseTo(0.5, 3);
  });

  it('multinomial: with one-hot features and no penalty the fit gives each group its observed class shares', () => {
    // group 0: classes 0,0,1,2 → 1/2, 1/4, 1/4; group 1: classes 1,1,1,2 → 0, 3/4, 1/4 (0 is approached)
    const rows: [number, number][] = [
      [0, 0],
      [0, 0],
      [0, 1],
      [0, 2],
      [1, 1],
      [1, 1],
      [1, 1],
      [1, 2],
    ];
    const data = rows.map(([g, y]) => ({ ids: Int32Array.of(g), values: Float64Array.of(1), label: y }));
    const m = fitLogistic(data, 3, 2, { l2: 0, maxIterations: 2000 });
    const p0 = probabilities(m, Int32Array.of(0), Float64Array.of(1));
    const p1 = probabilities(m, Int32Array.of(1), Float64Array.of(1));
    expect([...p0].map((x) => Number(x.toFixed(3)))).toEqual([0.5, 0.25, 0.25]);
    expect(p1[1]).toBeCloseTo(0.75, 2);
    expect(p1[2]).toBeCloseTo(0.25, 2);
    expect(p1[0]).toBeLessThan(0.01);
  });

  it('refuses fewer than two classes', () => {
    expect(() => fitLogistic(exam, 1, 1, { l2: 1 })).toThrow(/two classes/);
  });
});

describe('L-BFGS', () => {
  it('finds the minimum of the Rosenbrock function at (1, 1)', () => {
    const r = lbfgs(
      (x, g) => {
        const [a, b] = x;
        g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
        g[1] = 200 * (b - a * a);
        return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
      },
      Float64Array.of(-1.2, 1),
      { maxIterations: 500, gradientTolerance: 1e-10, relativeDecrease: 0 },
    );
    expect(r.x[0]).toBeCloseTo(1, 5);
    expect(r.x[1]).toBeCloseTo(1, 5);
  });
});
