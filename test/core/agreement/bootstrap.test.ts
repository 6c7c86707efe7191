import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type BootstrapReport,
  bootstrapIntervals,
  type ConfidenceInterval,
  intervalNullReasons,
  quantile,
  verdictOf,
} from '../../../src/core/agreement/bootstrap';
import type { AgreementInput } from '../../../src/core/agreement/corpus';
import { mulberry32 } from '../../../src/core/agreement/prng';
import { agreementReport } from '../../../src/core/agreement/report';
import { corpusArb, nonFinite, rec } from './helpers';

/** n documents of 100 code points: alice marks X [10, 30), bob the same with a jittered start; stance mostly agreed. */
function study(n: number, opts: { stanceAgree?: (i: number) => boolean; jitter?: (i: number) => number } = {}) {
  const ids = Array.from({ length: n }, (_, i) => `d${String(i).padStart(3, '0')}`);
  const jitter = opts.jitter ?? ((i: number) => (i * 7) % 5);
  const agree = opts.stanceAgree ?? ((i: number) => i % 4 !== 0);
  return {
    documents: ids.map((id) => ({ id, length: 100 })),
    records: ids.flatMap((d, i) => {
      const stance = i % 2 ? 'pro' : 'con';
      return [
        rec(d, 'alice', [[10, 30, 'X']], { docLabels: { Stance: stance } }),
        rec(d, 'bob', [[10 + jitter(i), 30, 'X']], {
          docLabels: { Stance: agree(i) ? stance : stance === 'pro' ? 'con' : 'pro' },
        }),
      ];
    }),
    docLabelGroups: [{ name: 'Stance', kind: 'single' as const, options: ['pro', 'con'] }],
  } satisfies AgreementInput;
}

const stanceOf = (r: BootstrapReport) => r.document_labels.Stance as ConfidenceInterval;

describe('bootstrap helpers', () => {
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
    expect(quantile([1, 2, 3, 4], 1)).toBe(4);
  });

  it('verdicts follow the bounds: the lower one must reach a minimum, the upper one must miss the last', () => {
    expect(verdictOf(0.81, 0.95)).toBe('reliable');
    expect(verdictOf(0.8, 0.95)).toBe('reliable');
    expect(verdictOf(0.7, 0.95)).toBe('tentative');
    expect(verdictOf(0.6, 0.95)).toBe('inconclusive');
    expect(verdictOf(0.3, 0.66)).toBe('unreliable');
    expect(verdictOf(0.5, 0.7, [0.6, 0.4])).toBe('tentative');
  });
});

describe('bootstrap intervals', () => {
  it('two documents: the estimate, but no interval, no q, no verdict — and it says why', () => {
    const r = bootstrapIntervals(study(2), { draws: 200 });
    const report = agreementReport(study(2));
    expect(r.alpha_u.overall.estimate).toBe(report.spans.alpha_u.overall);
    for (const ci of [r.alpha_u.overall, r.alpha_u.per_label.X, stanceOf(r)]) {
      expect(ci.lower).toBeNull();
      expect(ci.upper).toBeNull();
      expect(ci.verdict).toBeNull();
      expect(ci.q.every((q) => q.q === null)).toBe(true);
      expect(ci.units).toBe(2);
      expect(ci.reason).toBe('2 documents carry this figure; an interval needs at least 10');
    }
  });

  it('enough documents: bounds, q for 0.800 and 0.667 from the same draws, a verdict the bounds support', () => {
    const input = study(60);
    const r = bootstrapIntervals(input, { draws: 400, seed: 3 });
    const report = agreementReport(input);
    const ci = r.alpha_u.overall;
    expect(ci.estimate).toBe(report.spans.alpha_u.overall);
    expect(ci.units).toBe(60);
    expect(ci.valid_draws).toBe(400);
    expect(ci.lower).not.toBeNull();
    expect(ci.lower!).toBeLessThanOrEqual(ci.estimate!);
    expect(ci.upper!).toBeGreaterThanOrEqual(ci.estimate!);
    expect(ci.q.map((q) => q.alpha_min)).toEqual([0.8, 0.667]);
    expect(ci.q[0].q!).toBeGreaterThanOrEqual(ci.q[1].q!);
    expect(ci.verdict).toBe(verdictOf(ci.lower!, ci.upper!));
    const stance = stanceOf(r);
    expect(stance.estimate).toBe(
      (report.document_labels.Stance as { krippendorff_alpha: number | null }).krippendorff_alpha,
    );
    expect(stance.lower).not.toBeNull();
    expect(r.method).toBe('percentile bootstrap over documents');
    expect(r.rule).toEqual({ min_units: 10, min_chance_disagreements: 15 });
  });

  it('q is the share of resamples below the minimum: at most the tail below the lower bound, most above the upper', () => {
    // bob 0–2 code points late on 20-point spans: α_U high in every resample
    const input = study(30, { jitter: (i) => i % 3 });
    const first = bootstrapIntervals(input, { draws: 300, seed: 5 }).alpha_u.overall;
    expect(first.verdict).toBe('reliable');
    const again = bootstrapIntervals(input, { draws: 300, seed: 5, alphaMin: [first.upper!, first.lower!] });
    const [atUpper, atLower] = again.alpha_u.overall.q.map((q) => q.q!);
    expect(atUpper).toBeGreaterThanOrEqual(0.975 - 1 / 300);
    expect(atLower).toBeLessThanOrEqual(0.025 + 1 / 300);
    expect(again.alpha_u.overall.verdict).toBe('tentative');
  });

  it('a rare category: too few disagreements expected by chance for an interval', () => {
    // 40 documents, "con" in only 3 of them (both coders agree): n·D_e = (80² − 6² − 74²)/79 ≈ 11.2
    const input = study(40, { stanceAgree: () => true });
    for (const r of input.records)
      r.docLabels = { Stance: ['d000', 'd001', 'd002'].includes(r.document) ? 'con' : 'pro' };
    const stance = stanceOf(bootstrapIntervals(input, { draws: 200 }));
    expect(stance.estimate).toBe(1);
    expect(stance.lower).toBeNull();
    expect(stance.reason).toBe(
      '11.2 disagreements expected by chance; an interval needs at least 15 (too few values of the rarer categories)',
    );
  });

  it('perfect agreement: no interval, since no resample can vary', () => {
    const stance = stanceOf(bootstrapIntervals(study(30, { stanceAgree: () => true }), { draws: 200 }));
    expect(stance.estimate).toBe(1);
    expect(stance.lower).toBeNull();
    expect(stance.reason).toBe(
      'every resample gives α = 1.000: nothing varies to resample, so the bootstrap cannot bound α',
    );
  });

  it('α undefined in more resamples than the tail holds: no interval', () => {
    // with the unit floor lowered, a label in 1 of 3 documents is missing from (2/3)³ ≈ 30% of the resamples
    const input = study(3);
    input.records[0].spans.push({ start: 50, end: 60, label: 'Y' });
    input.records[1].spans.push({ start: 52, end: 60, label: 'Y' });
    const r = bootstrapIntervals(input, { draws: 300, minUnits: 1 });
    expect(r.alpha_u.per_label.Y.units).toBe(1);
    expect(bootstrapIntervals(input, { draws: 10 }).alpha_u.per_label.Y.reason).toBe(
      '1 document carries this figure; an interval needs at least 10',
    );
    expect(r.alpha_u.per_label.Y.reason).toMatch(/^α is undefined in \d+ of 300 resamples, more than the 2\.5% tail$/);
  });

  it('is reproducible byte for byte, and another seed gives other draws', () => {
    const input = study(25);
    const a = JSON.stringify(bootstrapIntervals(input, { draws: 300, seed: 9 }));
    expect(JSON.stringify(bootstrapIntervals(input, { draws: 300, seed: 9 }))).toBe(a);
    expect(JSON.stringify(bootstrapIntervals(input, { draws: 300, seed: 10 }))).not.toBe(a);
  });

  it('reports progress up to every draw of both bootstraps', () => {
    const seen: [number, number][] = [];
    bootstrapIntervals(study(12), { draws: 100, onProgress: (d, t) => seen.push([d, t]) });
    expect(seen.at(-1)).toEqual([200, 200]);
    expect(seen.every(([d], i) => i === 0 || d > seen[i - 1][0])).toBe(true);
  });

  it('one annotator: null with a reason', () => {
    const input = study(12);
    const solo = bootstrapIntervals(
      { documents: input.documents, records: input.records.filter((r) => r.annotator === 'alice') },
      { draws: 10 },
    );
    expect(solo.alpha_u.overall).toMatchObject({
      estimate: null,
      lower: null,
      reason: 'needs at least two annotators',
    });
  });

  it('lists every withheld interval under its JSON Pointer', () => {
    const r = bootstrapIntervals(study(2), { draws: 20 });
    expect(intervalNullReasons(r)).toEqual({
      '/intervals/alpha_u/overall': '2 documents carry this figure; an interval needs at least 10',
      '/intervals/alpha_u/per_label/X': '2 documents carry this figure; an interval needs at least 10',
      '/intervals/document_labels/Stance': '2 documents carry this figure; an interval needs at least 10',
    });
  });

  it('never a non-finite number; bounds, q and verdict are all there or all withheld', () => {
    fc.assert(
      fc.property(corpusArb, fc.integer({ min: 1, max: 4 }), (input, minUnits) => {
        const r = bootstrapIntervals(input, { draws: 40, minUnits, minChanceDisagreements: 0 });
        expect(nonFinite(r)).toEqual([]);
        const all: ConfidenceInterval[] = [r.alpha_u.overall, ...Object.values(r.alpha_u.per_label)];
        for (const e of Object.values(r.document_labels))
          all.push(...('options' in e ? Object.values(e.options) : [e]));
        for (const ci of all) {
          if (ci.lower === null) {
            expect(ci.upper).toBeNull();
            expect(ci.verdict).toBeNull();
            expect(typeof ci.reason).toBe('string');
          } else {
            expect(ci.lower).toBeLessThanOrEqual(ci.upper!);
            expect(ci.verdict).not.toBeNull();
            for (const q of ci.q) expect(q.q! >= 0 && q.q! <= 1).toBe(true);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
