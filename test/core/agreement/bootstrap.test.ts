import { describe, expect, it } from 'vitest';
import { bootstrapIntervals, quantile } from '../../../src/core/agreement/bootstrap';
import { mulberry32 } from '../../../src/core/agreement/prng';
import { agreementReport } from '../../../src/core/agreement/report';
import { rec } from './helpers';

const input = {
  documents: ['d1', 'd2', 'd3', 'd4'].map((id) => ({ id, length: 30 })),
  records: ['d1', 'd2', 'd3', 'd4'].flatMap((d, i) => [
    rec(d, 'a', [[i, i + 10, 'X']], { docLabels: { Stance: i % 2 ? 'pro' : 'con' } }),
    rec(d, 'b', [[i + 1, i + 9 + (i % 3), 'X']], { docLabels: { Stance: i === 3 ? 'con' : i % 2 ? 'pro' : 'con' } }),
  ]),
};

describe('bootstrap', () => {
  it('mulberry32 is deterministic per seed and in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 100 }, () => a());
    expect(xs).toEqual(Array.from({ length: 100 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(43)()).not.toBe(xs[0]);
  });

  it('quantile interpolates linearly (type 7)', () => {
    // sorted [1, 2, 3, 4]: p = 0.5 → h = 1.5 → 2 + 0.5·(3 − 2) = 2.5
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0)).toBe(1);
  });

  it('is reproducible, brackets the point estimate, and matches the report’s estimate', () => {
    const r1 = bootstrapIntervals(input, { draws: 200, seed: 9 });
    const r2 = bootstrapIntervals(input, { draws: 200, seed: 9 });
    expect(r1).toEqual(r2);
    const report = agreementReport(input);
    expect(r1.alpha_u.overall.estimate).toBe(report.spans.alpha_u.overall);
    const ci = r1.alpha_u.overall;
    expect(ci.valid_draws).toBe(200);
    expect(ci.lower!).toBeLessThanOrEqual(ci.upper!);
    expect(ci.lower!).toBeLessThanOrEqual(1);
    const stance = r1.document_labels.Stance as { estimate: number | null; lower: number | null };
    expect(stance.estimate).toBe(
      (report.document_labels.Stance as { krippendorff_alpha: number | null }).krippendorff_alpha,
    );
    expect(bootstrapIntervals(input, { draws: 200, seed: 10 })).not.toEqual(r1);
  });

  it('one annotator: null intervals with a reason', () => {
    const solo = bootstrapIntervals(
      { documents: input.documents, records: input.records.filter((r) => r.annotator === 'a') },
      { draws: 10 },
    );
    expect(solo.alpha_u.overall).toEqual({
      estimate: null,
      lower: null,
      upper: null,
      valid_draws: 0,
      reason: 'needs at least two annotators',
    });
  });
});
