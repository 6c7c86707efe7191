import { describe, expect, it } from 'vitest';
import { coderVersusGold, meetsRequirement } from '../../../src/core/study/training';
import { rec } from '../agreement/helpers';

const documents = [
  { id: 'd1', length: 40 },
  { id: 'd2', length: 40 },
];
// gold: X [0,10) and Y [20,30) in d1, X [5,15) in d2; Stance pro, con
const gold = [
  rec(
    'd1',
    'gold',
    [
      [0, 10, 'X'],
      [20, 30, 'Y'],
    ],
    { docLabels: { Stance: 'pro' } },
  ),
  rec('d2', 'gold', [[5, 15, 'X']], { docLabels: { Stance: 'con' } }),
];
// carol: X exact in both; Y missed; stance right once
const carol = [
  rec('d1', 'carol', [[0, 10, 'X']], { docLabels: { Stance: 'pro' } }),
  rec('d2', 'carol', [[5, 15, 'X']], { docLabels: { Stance: 'pro' } }),
];
const input = {
  documents,
  records: [...gold, ...carol],
  docLabelGroups: [{ name: 'Stance', kind: 'single' as const, options: ['pro', 'con'] }],
};

describe('training against gold', () => {
  it('scores a coder per label against gold', () => {
    const t = coderVersusGold(input, 'carol');
    expect(t.documents).toBe(2);
    const x = t.labels.find((l) => l.label === 'X')!;
    const y = t.labels.find((l) => l.label === 'Y')!;
    expect(x.f1_exact.value).toBe(1);
    expect(x.alpha_u.value).toBe(1);
    // Y: gold 1 span, carol none → exact F1 = 2·0/(0 + 1) = 0
    expect(y.f1_exact.value).toBe(0);
    // overall exact F1: TP 2 of |A| 2 + |B| 3 → 4/5
    expect(t.overall.f1_exact.value).toBeCloseTo(0.8, 12);
    expect(t.documentLabels).toEqual([
      { variable: 'Stance', percent_agreement: { value: 0.5 }, cohen_kappa: { value: 0 } },
    ]);
  });

  it('checks the minimum to join main coding, listing where the coder falls short', () => {
    const t = coderVersusGold(input, 'carol');
    expect(meetsRequirement(t, { measure: 'f1_exact', minimum: 0.75, scope: 'overall' })).toEqual({
      passed: true,
      shortfalls: [],
    });
    const every = meetsRequirement(t, { measure: 'f1_exact', minimum: 0.75, scope: 'every-label' });
    expect(every.passed).toBe(false);
    expect(every.shortfalls).toEqual([{ variable: 'Y', measure: 'f1_exact', value: 0, minimum: 0.75 }]);
    const stance = meetsRequirement(t, {
      measure: 'f1_exact',
      minimum: 0.5,
      scope: 'overall',
      documentLabels: { measure: 'percent_agreement', minimum: 0.8 },
    });
    expect(stance.shortfalls.map((s) => s.variable)).toEqual(['Stance']);
  });

  it('without gold or without the coder’s records: nothing to compare, and the coder does not pass', () => {
    const noGold = coderVersusGold({ ...input, records: carol }, 'carol');
    expect(noGold.documents).toBe(0);
    expect(noGold.overall.f1_overlap).toEqual({ value: null, reason: 'no gold on these documents yet' });
    const r = meetsRequirement(noGold, { measure: 'f1_overlap', minimum: 0.5, scope: 'overall' });
    expect(r.passed).toBe(false);
    expect(r.shortfalls[0].reason).toBe('no gold on these documents yet');
    expect(coderVersusGold({ ...input, records: gold }, 'dan').overall.alpha_u.reason).toBe(
      'no record of this coder on these documents',
    );
  });
});
