import { beforeAll, describe, expect, it } from 'vitest';
import { type AgreementInput, agreementReport } from '../../../src/core/agreement';
import { crossFit } from '../../../src/core/learn/crossfit';
import { modelAgreement } from '../../../src/core/learn/modelAgreement';
import { rec } from './helpers';
import { syntheticProject } from './synthetic';

const p = syntheticProject(30, { words: 120, coders: ['alice', 'bob'] });
let input: AgreementInput;

beforeAll(async () => {
  const fit = await crossFit(p, { folds: 3, epochs: 3 });
  input = {
    documents: p.documents.map((d) => ({ id: d.id, length: [...d.text].length })),
    records: [...p.records, ...fit.records],
    docLabelGroups: p.codebook.docLabels,
    codebookLabels: p.codebook.spanLabels.map((l) => l.name),
  };
}, 60_000);

describe('the model as a coder, pair by pair', () => {
  it('leaves the model out of the default selection of the agreement report (DEFINITIONS.md keys unchanged)', () => {
    const report = agreementReport(input);
    expect(report.annotators).toEqual(['alice', 'bob']);
    expect(report.spans.pairs.map((x) => [x.a, x.b])).toEqual([['alice', 'bob']]);
    expect(agreementReport({ ...input, annotators: ['alice', 'bob', 'model'] }).annotators).toEqual([
      'alice',
      'bob',
      'model',
    ]);
  });

  it('gives each pair the figures of its own two-annotator report', () => {
    const m = modelAgreement(input);
    expect(m.coders).toEqual(['alice', 'bob']);
    expect(m.pairs.map((x) => x.coder)).toEqual(['alice', 'bob', 'gold']);
    for (const pair of m.pairs) {
      const own = agreementReport({ ...input, annotators: [pair.coder, 'model'], labels: m.labels });
      expect(pair.alpha_u).toEqual(own.spans.alpha_u);
      expect(pair.f1_overlap).toEqual(own.spans.pairs[0].f1_overlap);
      expect(pair.cohen_kappa_char).toEqual(own.spans.pairs[0].cohen_kappa_char);
      expect(pair.documents).toBe(30);
      const stance = own.document_labels.Stance;
      expect('options' in stance).toBe(false);
      if (!('options' in stance))
        expect(pair.document_labels.Stance).toMatchObject({ cohen_kappa: stance.pairs[0].cohen_kappa });
    }
    expect(m.coder_pairs).toHaveLength(1);
    expect(m.coder_pairs[0]).toMatchObject({ a: 'alice', b: 'bob' });
  });

  it('compares the coders’ mean with the model’s mean and says where the model is below', () => {
    const m = modelAgreement(input);
    const row = m.comparison.find((r) => r.measure === 'f1_overlap' && r.label === null)!;
    expect(row.humans).toBe(m.coder_pairs[0].f1_overlap.overall);
    expect(row.model).toBeCloseTo(
      ((m.pairs[0].f1_overlap.overall ?? 0) + (m.pairs[1].f1_overlap.overall ?? 0)) / 2,
      12,
    );
    expect(row.model_vs_gold).toBe(m.pairs[2].f1_overlap.overall);
    expect(row.below).toBe((row.model as number) < (row.humans as number));
    for (const r of m.comparison)
      if (r.below) expect(m.shortfalls.some((s) => s.includes('less than they agree with each other'))).toBe(true);
    const frames = m.comparison.filter((r) => r.group === 'Frames');
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.every((r) => r.measure === 'cohen_kappa' && typeof r.option === 'string')).toBe(true);
  });

  it('says plainly when the model falls short, figure by figure', () => {
    // the model marks nothing where two coders agree perfectly
    const doc = { id: 'd1', length: 40 };
    const span = { start: 0, end: 7, label: 'Naming' };
    const m = modelAgreement({
      documents: [doc],
      records: [rec('alice', [span]), rec('bob', [span]), rec('model', [{ start: 20, end: 30, label: 'Naming' }])],
    });
    const row = m.comparison.find((r) => r.measure === 'f1_exact' && r.label === null)!;
    expect(row).toMatchObject({ humans: 1, model: 0, below: true });
    expect(m.shortfalls[0]).toMatch(/^α_U: the model agrees with the coders less than they agree with each other/);
    expect(m.shortfalls).toContain(
      'span F1 (exact): the model agrees with the coders less than they agree with each other (model–coder 0.00, coder–coder 1.00, all labels); below the coders on 1 of 1 labels (Naming 0.00 vs 1.00).',
    );
  });

  it('counts accepted suggestions per coder and warns that they lift the model’s agreement', () => {
    const records = input.records.map((r) =>
      r.annotator === 'alice'
        ? { ...r, spans: r.spans.map((s, i) => (i === 0 ? { ...s, origin: 'suggestion' as const } : s)) }
        : r,
    );
    const m = modelAgreement({ ...input, records });
    const alice = m.pairs.find((x) => x.coder === 'alice')!;
    expect(alice.accepted_suggestions).toBe(records.filter((r) => r.annotator === 'alice' && r.spans.length).length);
    expect(alice.coder_spans).toBe(
      records.filter((r) => r.annotator === 'alice').reduce((s, r) => s + r.spans.length, 0),
    );
    expect(m.pairs.find((x) => x.coder === 'bob')!.accepted_suggestions).toBe(0);
    expect(m.shortfalls.at(-1)).toMatch(/accepted suggestions of the model/);
  });

  it('with one coder says there is no coders’ agreement to compare with', () => {
    const m = modelAgreement({ ...input, annotators: ['alice'] });
    expect(m.coders).toEqual(['alice']);
    expect(m.coder_pairs).toEqual([]);
    expect(m.comparison.every((r) => r.below === null)).toBe(true);
    expect(m.shortfalls[0]).toMatch(/^Only one coder \(alice\)/);
  });

  it('refuses without a model layer and with an unknown coder', () => {
    expect(() => modelAgreement({ ...input, records: p.records })).toThrow(/no model layer/);
    expect(() => modelAgreement({ ...input, annotators: ['carol'] })).toThrow(/unknown annotator "carol"/);
  });

  it('adds intervals by the same bootstrap as the agreement report, per pair', () => {
    const m = modelAgreement(input, { intervals: true, draws: 40, seed: 3 });
    expect(m.intervals?.pairs.map((x) => x.a)).toEqual(['alice', 'bob', 'gold']);
    const alice = m.intervals!.pairs[0];
    expect(alice.alpha_u.overall.estimate).toBeCloseTo(m.pairs[0].alpha_u.overall as number, 12);
    expect(alice.f1_overlap.overall.estimate).toBeCloseTo(m.pairs[0].f1_overlap.overall as number, 12);
    const { lower, upper, estimate } = alice.alpha_u.overall;
    if (lower !== null && upper !== null)
      expect(lower <= (estimate as number) && (estimate as number) <= upper).toBe(true);
    expect(m.intervals!.coder_pairs).toHaveLength(1);
    expect(modelAgreement(input, { intervals: true, draws: 40, seed: 3 })).toEqual(m);
  });
});
