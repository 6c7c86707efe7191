import { describe, expect, it } from 'vitest';
import { agreementReport } from '../../../src/core/agreement/report';
import { alphaUnitizing } from '../../../src/core/agreement/unitizing';
import { nonFinite, rec } from './helpers';

const doc = (id: string, length: number) => ({ id, length });

describe('agreementReport: hand-computed example', () => {
  // d1 has 20 code points. alice: X[0,5) Y[10,15); bob: X[0,5) Y[10,14).
  const input = {
    documents: [doc('d1', 20)],
    records: [
      rec('d1', 'alice', [
        [0, 5, 'X'],
        [10, 15, 'Y'],
      ]),
      rec('d1', 'bob', [
        [0, 5, 'X'],
        [10, 14, 'Y'],
      ]),
    ],
  };
  const r = agreementReport(input);
  const p = r.spans.pairs[0];

  it('exact-match F1', () => {
    // TP = 1 (X only), |A| = |B| = 2 → 2·1/4 = 0.5; X: 2·1/2 = 1; Y: 2·0/2 = 0
    expect(p.f1_exact).toEqual({ overall: 0.5, per_label: { X: 1, Y: 0 } });
  });

  it('overlap F1', () => {
    // Y: |s∩t| = 4, P = 4/5, R = 4/4 → F1 = 2·0.8·1/1.8 = 0.8888…
    // overall: P = (1 + 0.8)/2 = 0.9, R = (1 + 1)/2 = 1 → F1 = 1.8/1.9 = 0.947368…
    expect(p.f1_overlap.per_label.X).toBe(1);
    expect(p.f1_overlap.per_label.Y).toBeCloseTo(1.6 / 1.8, 12);
    expect(p.f1_overlap.overall).toBeCloseTo(1.8 / 1.9, 12);
  });

  it('character-level Cohen κ', () => {
    // X: identical coverage → κ = 1.
    // Y: n11 = 4, n10 = 1, n00 = 15; p_o = 19/20; p_e = (5·4 + 15·16)/400 = 0.65 → κ = 0.3/0.35
    // overall: sets {X}: 5/5, {}: 10/11, {Y}: 5/4; p_o = 19/20; p_e = (25 + 110 + 20)/400 = 0.3875
    expect(p.cohen_kappa_char.per_label.X).toBe(1);
    expect(p.cohen_kappa_char.per_label.Y).toBeCloseTo(0.3 / 0.35, 12);
    expect(p.cohen_kappa_char.overall).toBeCloseTo((0.95 - 0.3875) / (1 - 0.3875), 12);
  });

  it('character-level Fleiss κ', () => {
    // overall: P̄ = 19/20; p = {X}: 10/40, {}: 21/40, {Y}: 9/40 → P̄_e = 0.0625 + 0.275625 + 0.050625 = 0.38875
    expect(r.spans.fleiss_kappa_char.overall).toBeCloseTo((0.95 - 0.38875) / (1 - 0.38875), 12);
    // Y: P̄ = 19/20; p_1 = 9/40, p_0 = 31/40 → P̄_e = (81 + 961)/1600 = 0.65125
    expect(r.spans.fleiss_kappa_char.per_label.Y).toBeCloseTo((0.95 - 0.65125) / (1 - 0.65125), 12);
  });

  it('α_U equals DKPro-shaped α_U on the same units, per document too', () => {
    const study = alphaUnitizing({
      continuum: { begin: 0, length: 20 },
      raters: 2,
      units: [
        { begin: 0, length: 5, rater: 0, category: 'X' },
        { begin: 10, length: 5, rater: 0, category: 'Y' },
        { begin: 0, length: 5, rater: 1, category: 'X' },
        { begin: 10, length: 4, rater: 1, category: 'Y' },
      ],
    });
    expect(r.spans.alpha_u.overall).toBe(study.overall.value);
    expect(r.spans.alpha_u.per_label.Y).toBe(study.perCategory.get('Y')?.value);
    expect(r.spans.alpha_u.per_label.X).toBe(1);
    expect(r.per_document).toHaveLength(1);
    expect(r.per_document[0].alpha_u).toEqual(r.spans.alpha_u);
  });
});

describe('agreementReport: the continuum concatenates documents in id order', () => {
  it('matches α_U on a hand-shifted continuum (d-a before d-b, offsets shifted by 10)', () => {
    const input = {
      documents: [doc('d-b', 12), doc('d-a', 10)],
      records: [
        rec('d-a', 'x', [[2, 6, 'L']]),
        rec('d-a', 'y', [[3, 6, 'L']]),
        rec('d-b', 'x', [[0, 4, 'L']]),
        rec('d-b', 'y', [
          [1, 4, 'L'],
          [2, 8, 'L'], // overlaps [1, 4): merged into [1, 8) before α_U
        ]),
      ],
    };
    const expected = alphaUnitizing({
      continuum: { begin: 0, length: 22 },
      raters: 2,
      units: [
        { begin: 2, length: 4, rater: 0, category: 'L' },
        { begin: 3, length: 3, rater: 1, category: 'L' },
        { begin: 10, length: 4, rater: 0, category: 'L' },
        { begin: 11, length: 7, rater: 1, category: 'L' },
      ],
    });
    const r = agreementReport(input);
    expect(r.spans.alpha_u.overall).toBe(expected.overall.value);
    expect(r.per_document.map((d) => d.id)).toEqual(['d-a', 'd-b']);
  });
});

describe('agreementReport: document labels (hand-computed)', () => {
  // Stance over 4 documents: alice pro, pro, con, con; bob pro, con, con, con.
  const stance = [
    ['pro', 'pro'],
    ['pro', 'con'],
    ['con', 'con'],
    ['con', 'con'],
  ];
  const documents = stance.map((_, i) => doc(`d${i}`, 5));
  const records = stance.flatMap(([a, b], i) => [
    rec(`d${i}`, 'alice', [], { docLabels: { Stance: a } }),
    rec(`d${i}`, 'bob', [], { docLabels: { Stance: b } }),
  ]);
  // Frames (multi): d0 alice [Economic] / bob [Economic, Security]; d1 alice [] / bob no group; d2 both [Security]
  records[0].docLabels.Frames = ['Economic'];
  records[1].docLabels.Frames = ['Economic', 'Security'];
  records[2].docLabels.Frames = [];
  records[4].docLabels.Frames = ['Security'];
  records[5].docLabels.Frames = ['Security'];
  const r = agreementReport({
    documents,
    records,
    docLabelGroups: [
      { name: 'Stance', kind: 'single', options: ['pro', 'con', 'neutral'] },
      { name: 'Frames', kind: 'multiple', options: ['Economic', 'Security'] },
    ],
  });
  const s = r.document_labels.Stance as import('../../../src/core/agreement/report').DocLabelFigures;

  it('single-choice group', () => {
    // Cohen: p_o = 3/4; p_e = (2·1 + 2·3)/16 = 0.5 → κ = 0.5
    expect(s.pairs[0].cohen_kappa).toBeCloseTo(0.5, 12);
    // Scott: pooled pro 3/8, con 5/8 → p_e = 34/64 → π = (0.75 − 0.53125)/0.46875
    expect(s.pairs[0].scott_pi).toBeCloseTo(0.21875 / 0.46875, 12);
    // Fleiss with two raters = Scott's π
    expect(s.fleiss_kappa).toBeCloseTo(0.21875 / 0.46875, 12);
    // α: n = 8, disagreeing pairable values 2, n_pro = 3, n_con = 5 → 1 − 7·2/(64 − 34)
    expect(s.krippendorff_alpha).toBeCloseTo(1 - 14 / 30, 12);
    // AC1 with q = 3 options: p_e = (15/64 + 15/64)/2 = 0.234375 → (0.75 − 0.234375)/0.765625
    expect(s.gwet_ac1).toBeCloseTo(0.515625 / 0.765625, 12);
    expect(s.percent_agreement).toBeCloseTo(0.75, 12);
    expect(s.documents).toBe(4);
  });

  it('multi-choice group: one binary variable per option; a record without the group is missing', () => {
    const f = r.document_labels.Frames as import('../../../src/core/agreement/report').DocLabelOptionsReport;
    expect(Object.keys(f.options)).toEqual(['Economic', 'Security']);
    // Economic over d0, d2 (bob has no Frames on d1): (1,1), (0,0) → κ = 1
    expect(f.options.Economic.pairs[0].documents).toBe(2);
    expect(f.options.Economic.pairs[0].cohen_kappa).toBe(1);
    // Security: (0,1), (1,1) → p_o = 0.5, p_e = (1·0 + 1·2)/4 = 0.5 → κ = 0
    expect(f.options.Security.pairs[0].cohen_kappa).toBe(0);
  });
});

describe('agreementReport: selection, exclusion, status, duplicates', () => {
  const base = {
    documents: [doc('d1', 10), doc('d2', 10)],
    records: [
      rec('d1', 'alice', [[0, 3, 'X']]),
      rec('d1', 'bob', [[0, 3, 'X']]),
      rec('d2', 'alice', [[0, 30, 'X']]), // outside the text
      rec('d2', 'bob', [[5, 5, 'Y']]), // end ≤ start
      rec('d2', 'carol', [[1, 2, 'Z']], { status: 'todo' }),
    ],
  };

  it('leaves invalid records out, counts them, and echoes the caller’s exclusions', () => {
    const r = agreementReport({
      ...base,
      excluded: [{ document: 'd9', annotator: 'bob', reason: 'text hash mismatch' }],
    });
    expect(r.excluded.count).toBe(3);
    expect(r.excluded.records.map((e) => e.reason)).toEqual([
      'text hash mismatch',
      expect.stringContaining('outside the text'),
      expect.stringContaining('end ≤ start'),
    ]);
    expect(r.documents).toBe(1);
    expect(r.labels).toEqual(['X']);
    expect(agreementReport({ ...base, excluded: 4 }).excluded.count).toBe(6);
  });

  it('todo and skipped records count as absent; carol (todo only) is not a default annotator', () => {
    const r = agreementReport(base);
    expect(r.annotators).toEqual(['alice', 'bob']);
    const withCarol = agreementReport({ ...base, annotators: ['carol', 'alice'] });
    expect(withCarol.annotators).toEqual(['alice', 'carol']);
    expect(withCarol.documents).toBe(0);
  });

  it('unknown names throw one clear line naming the bad name and the known ones', () => {
    expect(() => agreementReport({ ...base, annotators: ['alice', 'zed'] })).toThrow(
      'unknown annotator "zed" (known: alice, bob, carol)',
    );
    expect(() => agreementReport({ ...base, labels: ['Q'] })).toThrow('unknown label "Q" (known: X)');
  });

  it('duplicate identical spans of one annotator count once', () => {
    const once = agreementReport(base);
    const twice = agreementReport({
      ...base,
      records: [
        rec('d1', 'alice', [
          [0, 3, 'X'],
          [0, 3, 'X'],
        ]),
        ...base.records.slice(1),
      ],
    });
    expect(twice).toEqual(once);
    expect(once.spans.pairs[0].f1_exact.overall).toBe(1);
  });

  it('label selection restricts every figure', () => {
    const input = {
      documents: [doc('d1', 10)],
      records: [
        rec('d1', 'a', [
          [0, 3, 'X'],
          [5, 8, 'Y'],
        ]),
        rec('d1', 'b', [[0, 3, 'X']]),
      ],
    };
    const r = agreementReport({ ...input, labels: ['X'] });
    expect(r.labels).toEqual(['X']);
    expect(r.spans.pairs[0].f1_exact.overall).toBe(1);
    expect(agreementReport(input).spans.pairs[0].f1_exact.overall).toBeCloseTo(2 / 3, 12);
  });
});

describe('agreementReport: degenerate cases give null with a reason, never NaN', () => {
  it('one annotator', () => {
    const r = agreementReport({ documents: [doc('d1', 10)], records: [rec('d1', 'solo', [[0, 3, 'X']])] });
    expect(r.spans.pairs).toEqual([]);
    expect(r.spans.alpha_u.overall).toBeNull();
    expect(r.null_reasons['/spans/alpha_u/overall']).toBe('needs at least two annotators');
    expect(r.spans.fleiss_kappa_char.overall).toBeNull();
    expect(r.null_reasons['/spans/fleiss_kappa_char/overall']).toBe('needs at least two annotators');
    expect(nonFinite(r)).toEqual([]);
  });

  it('no spans at all', () => {
    const r = agreementReport({
      documents: [doc('d1', 10)],
      records: [rec('d1', 'a', []), rec('d1', 'b', [])],
    });
    expect(r.labels).toEqual([]);
    expect(r.spans.alpha_u.overall).toBeNull();
    expect(r.null_reasons['/spans/alpha_u/overall']).toMatch(/no annotator marked any span/);
    expect(r.spans.pairs[0].f1_exact.overall).toBeNull();
    expect(r.null_reasons['/spans/pairs/0/f1_exact/overall']).toMatch(/neither annotator/);
    // every position is "no label" for both: chance agreement 1
    expect(r.spans.pairs[0].cohen_kappa_char.overall).toBeNull();
    expect(nonFinite(r)).toEqual([]);
  });

  it('a label only one annotator used; a document nobody shares', () => {
    const r = agreementReport({
      documents: [doc('d1', 10), doc('d2', 10)],
      records: [rec('d1', 'a', [[0, 10, 'X']]), rec('d1', 'b', [[0, 10, 'X']]), rec('d2', 'a', [[1, 2, 'Y']])],
    });
    // d1: both cover the whole text with X: D_o = 0; the Y category has no unit in the continuum
    expect(r.spans.alpha_u.per_label.Y).toBeNull();
    expect(r.null_reasons['/spans/alpha_u/per_label/Y']).toBe('no annotator marked this label');
    expect(r.spans.pairs[0].cohen_kappa_char.per_label.X).toBeNull();
    expect(r.spans.pairs[0].f1_exact.per_label.Y).toBeNull();
    expect(nonFinite(r)).toEqual([]);
  });

  it('one document-label category only', () => {
    const r = agreementReport({
      documents: [doc('d1', 5), doc('d2', 5)],
      records: ['d1', 'd2'].flatMap((d) => ['a', 'b'].map((n) => rec(d, n, [], { docLabels: { Stance: 'pro' } }))),
    });
    const s = r.document_labels.Stance as import('../../../src/core/agreement/report').DocLabelFigures;
    expect(s.krippendorff_alpha).toBeNull();
    expect(r.null_reasons['/document_labels/Stance/krippendorff_alpha']).toMatch(/only one category/);
    expect(s.pairs[0].cohen_kappa).toBeNull();
    expect(s.percent_agreement).toBe(1);
    expect(nonFinite(r)).toEqual([]);
  });
});
