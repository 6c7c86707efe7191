import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalQuantile } from '../../../src/core/study/normal';
import {
  evenShare,
  minimumUnits,
  minimumUnitsTable,
  rarestShare,
  sampleSizeAdvice,
} from '../../../src/core/study/sampleSize';

describe('normalQuantile (AS 241)', () => {
  it('gives the published quantiles to 15 digits', () => {
    // R 4.x qnorm(): the values every statistics table rounds
    const cases: [number, number][] = [
      [0.5, 0],
      [0.9, 1.2815515655446004],
      [0.95, 1.6448536269514722],
      [0.975, 1.959963984540054],
      [0.99, 2.3263478740408408],
      [0.995, 2.5758293035489004],
      [0.999, 3.090232306167813],
      [1e-10, -6.361340902404056],
      [1e-20, -9.26234008979841],
    ];
    for (const [p, z] of cases) expect(normalQuantile(p)).toBeCloseTo(z, 13);
  });

  it('is odd around 0.5 and never decreasing (1 − p is exact enough down to p = 1e-6)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-6, max: 0.5, noNaN: true }),
        fc.double({ min: 1e-6, max: 0.5, noNaN: true }),
        (p, r) => {
          expect(normalQuantile(p)).toBeCloseTo(-normalQuantile(1 - p), 6);
          if (p < r) expect(normalQuantile(p)).toBeLessThanOrEqual(normalQuantile(r));
        },
      ),
    );
  });

  it('refuses 0, 1 and what is not a probability', () => {
    for (const p of [0, 1, -0.1, 2, Number.NaN]) expect(() => normalQuantile(p)).toThrow(RangeError);
  });
});

describe("Krippendorff's minimum sample size", () => {
  it('matches the published table: four equally common codes (P_c = 0.25), p = 0.05', () => {
    // ATLAS.ti's manual, "Sample Size and Decision Rules", reproducing Krippendorff's table: 139 values for
    // α_min = 0.800 and 81 for α_min = 0.667
    expect(minimumUnits({ alphaMin: 0.8, significance: 0.05, rarestShare: 0.25 })).toBe(139);
    expect(minimumUnits({ alphaMin: 0.667, significance: 0.05, rarestShare: 0.25 })).toBe(81);
  });

  it('follows the formula by hand for a binary variable', () => {
    // P_c = 0.5, α_min = 0.8, z = 1.6449: 2·2.7055·(1.8·2.2/(4·0.2·0.25) − 0.8) = 5.4110·19 = 102.8 → 103
    expect(minimumUnits({ alphaMin: 0.8, significance: 0.05, rarestShare: 0.5 })).toBe(103);
    // α_min = 0.9, p = 0.01, P_c = 0.1: z² = 5.4119; 1.9·2.1/(4·0.1·0.09) = 110.83; 2·5.4119·109.93 = 1189.9 → 1190
    expect(minimumUnits({ alphaMin: 0.9, significance: 0.01, rarestShare: 0.1 })).toBe(1190);
  });

  it('asks for more units as α_min rises, as p falls and as the rarest category gets rarer', () => {
    const arb = fc.record({
      alphaMin: fc.double({ min: 0.3, max: 0.95, noNaN: true }),
      significance: fc.double({ min: 0.001, max: 0.2, noNaN: true }),
      rarestShare: fc.double({ min: 0.01, max: 0.5, noNaN: true }),
    });
    fc.assert(
      fc.property(arb, (q) => {
        const n = minimumUnits(q);
        expect(minimumUnits({ ...q, alphaMin: Math.min(0.99, q.alphaMin + 0.02) })).toBeGreaterThanOrEqual(n);
        expect(minimumUnits({ ...q, significance: q.significance / 2 })).toBeGreaterThanOrEqual(n);
        expect(minimumUnits({ ...q, rarestShare: q.rarestShare / 2 })).toBeGreaterThanOrEqual(n);
      }),
    );
  });

  it('prints the table over α_min × p × P_c', () => {
    const t = minimumUnitsTable();
    expect(t).toHaveLength(5 * 3 * 4);
    expect(t.find((r) => r.rarestShare === 0.25 && r.alphaMin === 0.8 && r.significance === 0.05)?.units).toBe(139);
  });

  it('refuses questions outside the formula', () => {
    expect(() => minimumUnits({ alphaMin: 1, significance: 0.05, rarestShare: 0.25 })).toThrow(/α_min/);
    expect(() => minimumUnits({ alphaMin: 0.8, significance: 0.5, rarestShare: 0.25 })).toThrow(/significance/);
    expect(() => minimumUnits({ alphaMin: 0.8, significance: 0.05, rarestShare: 0.6 })).toThrow(/rarest/);
  });

  it('reads the rarest share from counts, and an even share from the number of categories', () => {
    expect(rarestShare({ pro: 30, con: 10, neutral: 0 })).toBe(0.25);
    expect(rarestShare({ pro: 30 })).toBeNull();
    expect(evenShare(2)).toBe(0.5);
    expect(evenShare(4)).toBe(0.25);
    expect(() => evenShare(1)).toThrow();
  });
});

describe('sample size advice for a codebook', () => {
  const groups = [
    { name: 'Stance', kind: 'single' as const, options: ['pro', 'con', 'neutral', 'mixed'] },
    { name: 'Frames', kind: 'multiple' as const, options: ['Economic'] },
  ];

  it('without a pilot: equally common categories (1/k; a multi-choice option is binary)', () => {
    const a = sampleSizeAdvice({ groups });
    expect(a.perVariable).toEqual([
      { variable: 'Stance', rarestShare: 0.25, source: 'even', units: 139 },
      { variable: 'Frames: Economic', rarestShare: 0.5, source: 'even', units: 103 },
    ]);
    expect(a.units).toBe(139);
  });

  it('with a pilot: the rarest category observed, which a rare frame makes much larger', () => {
    const a = sampleSizeAdvice({
      groups,
      pilot: { 'Frames: Economic': { 0: 90, 1: 10 }, Stance: { pro: 5, con: 5 } },
      alphaMin: 0.667,
    });
    expect(a.perVariable.map((v) => [v.variable, v.source, v.rarestShare])).toEqual([
      ['Stance', 'pilot', 0.5],
      ['Frames: Economic', 'pilot', 0.1],
    ]);
    expect(a.units).toBe(minimumUnits({ alphaMin: 0.667, significance: 0.05, rarestShare: 0.1 }));
  });
});
