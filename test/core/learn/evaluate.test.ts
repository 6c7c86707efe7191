import { describe, expect, it } from 'vitest';
import { agreementReport } from '../../../src/core/agreement';
import { evaluatePredictions } from '../../../src/core/learn/evaluate';
import type { AnnotationRecord } from '../../../src/core/model';

function rec(annotator: string, document: string, spans: [number, number, string][], docLabels = {}): AnnotationRecord {
  return {
    document,
    annotator,
    textHash: '',
    codebookVersion: 1,
    status: 'done',
    spans: spans.map(([start, end, label]) => ({ start, end, label })),
    docLabels,
    updatedAt: '2025-01-01T00:00:00.000Z',
  };
}

const groups = [
  { name: 'Stance', kind: 'single' as const, options: ['pro', 'con'] },
  { name: 'Frames', kind: 'multiple' as const, options: ['A', 'B'] },
];
const model = [
  rec(
    'model',
    'd1',
    [
      [0, 10, 'X'],
      [20, 30, 'Y'],
    ],
    { Stance: 'pro', Frames: ['A'] },
  ),
  rec('model', 'd2', [[0, 4, 'X']], { Stance: 'con', Frames: ['A', 'B'] }),
  rec('model', 'd3', [], { Stance: 'pro', Frames: [] }),
];
const gold = [
  rec(
    'gold',
    'd1',
    [
      [0, 10, 'X'],
      [25, 30, 'Y'],
    ],
    { Stance: 'pro', Frames: ['A'] },
  ),
  rec('gold', 'd2', [[2, 4, 'X']], { Stance: 'pro', Frames: ['B'] }),
  rec('gold', 'd4', [[0, 1, 'X']], { Stance: 'pro' }),
];

describe('evaluation of the model against a reference layer', () => {
  it('computes span and document-label F1 by hand over the documents both coded', () => {
    const e = evaluatePredictions(model, gold, { groups, draws: 200 });
    expect(e.predicted).toBe('model');
    expect(e.reference).toBe('gold');
    expect(e.documents).toBe(2);
    // exact: TP 1 (d1 X) of 3 model + 3 gold spans → 2/6
    expect(e.spans.f1_exact.estimate).toBeCloseTo(1 / 3, 12);
    // overlap: P = (1 + 0.5 + 0.5)/3, R = (1 + 1 + 1)/3 → F1 = 2·(2/3)·1/(5/3) = 0.8
    expect(e.spans.f1_overlap.estimate).toBeCloseTo(0.8, 12);
    expect(e.spans.per_label.Y.f1_exact.estimate).toBe(0);
    expect(e.spans.per_label.X.reference_spans).toBe(2);
    // Stance: d1 right, d2 wrong → micro F1 = accuracy = 0.5; pro: tp1 fn1 → 2/3; con: fp1 → 0; macro 1/3
    expect(e.document_labels.Stance.micro_f1.estimate).toBe(0.5);
    expect(e.document_labels.Stance.macro_f1.estimate).toBeCloseTo(1 / 3, 12);
    // Frames: A tp1 fp1, B tp1 → micro 2·2/(4 + 1) = 0.8
    expect(e.document_labels.Frames.micro_f1.estimate).toBeCloseTo(0.8, 12);
    expect(e.document_labels.Frames.per_value.B.estimate).toBe(1);
  });

  it('gives seeded percentile intervals that hold the estimate', () => {
    // two documents: the rule that withholds such intervals is lowered here to see the percentiles themselves
    const a = evaluatePredictions(model, gold, { groups, draws: 300, seed: 4, minUnits: 2 });
    const b = evaluatePredictions(model, gold, { groups, draws: 300, seed: 4, minUnits: 2 });
    expect(b).toEqual(a);
    const ci = a.spans.f1_overlap;
    expect(ci.valid_draws).toBe(300);
    expect(ci.lower!).toBeLessThanOrEqual(ci.estimate!);
    expect(ci.upper!).toBeGreaterThanOrEqual(ci.estimate!);
    expect(ci.lower!).toBeLessThan(ci.upper!);
  });

  it('withholds an interval, saying why, where too few documents carry the figure or no resample varies', () => {
    const e = evaluatePredictions(model, gold, { groups, draws: 300 });
    expect(e.spans.f1_overlap).toMatchObject({
      estimate: 0.8,
      lower: null,
      upper: null,
      units: 2,
      reason: '2 documents carry this figure; an interval needs at least 10',
    });
    expect(e.spans.per_label.Y.f1_exact.reason).toBe('1 document carries this figure; an interval needs at least 10');
    expect(e.document_labels.Stance.micro_f1.lower).toBeNull();

    // twelve documents where the model finds exactly what gold marked: F1 = 1 in every resample
    const same = (who: string) =>
      Array.from({ length: 12 }, (_, i) => rec(who, `e${String(i).padStart(2, '0')}`, [[0, 5, 'X']]));
    const perfect = evaluatePredictions(same('model'), same('gold'), { draws: 200 });
    expect(perfect.spans.f1_exact).toMatchObject({ estimate: 1, lower: null, units: 12 });
    expect(perfect.spans.f1_exact.reason).toMatch(/every resample gives F1 = 1\.000/);

    // twelve documents, half found: the interval is given and holds the estimate
    const half = same('gold').map((r, i) =>
      i % 2 ? { ...r, annotator: 'model', spans: [] } : { ...r, annotator: 'model' },
    );
    const mixed = evaluatePredictions(half, same('gold'), { draws: 500 });
    expect(mixed.spans.f1_exact.units).toBe(12);
    expect(mixed.spans.f1_exact.lower!).toBeLessThan(mixed.spans.f1_exact.estimate!);
    expect(mixed.spans.f1_exact.upper!).toBeGreaterThan(mixed.spans.f1_exact.estimate!);
  });

  it('says why a figure is undefined instead of giving NaN', () => {
    const e = evaluatePredictions([rec('model', 'd9', [])], [rec('gold', 'd9', [])], { groups });
    expect(e.spans.f1_exact).toMatchObject({ estimate: null, lower: null, reason: 'neither layer marked a span' });
    expect(e.document_labels.Stance.micro_f1.reason).toMatch(/no document/);
    const none = evaluatePredictions(model, [rec('gold', 'zz', [])]);
    expect(none.documents).toBe(0);
    expect(none.spans.f1_exact.reason).toMatch(/no document coded by both/);
    expect(() => evaluatePredictions([...model, ...gold], gold)).toThrow(/one layer per side/);
  });

  it('agrees with the agreement report on the exact and overlap F1 of the same pair', () => {
    const e = evaluatePredictions(model, gold, { draws: 10 });
    const report = agreementReport({
      documents: ['d1', 'd2', 'd3', 'd4'].map((id) => ({ id, length: 40 })),
      records: [...model, ...gold],
      annotators: ['gold', 'model'],
    });
    const pair = report.spans.pairs[0];
    expect(pair.f1_exact.overall).toBeCloseTo(e.spans.f1_exact.estimate!, 12);
    expect(pair.f1_overlap.overall).toBeCloseTo(e.spans.f1_overlap.estimate!, 12);
  });
});
