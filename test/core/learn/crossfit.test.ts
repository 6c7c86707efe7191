import { describe, expect, it } from 'vitest';
import { agreementReport } from '../../../src/core/agreement';
import { committeeDisagreement, crossFit, foldPlan, uncertaintyOrder } from '../../../src/core/learn/crossfit';
import { MODEL } from '../../../src/core/learn/targets';
import { predictDocument } from '../../../src/core/learn/train';
import { syntheticProject } from './synthetic';

describe('fold plan', () => {
  it('puts every document in exactly one fold, the same way for the same seed', () => {
    const ids = Array.from({ length: 23 }, (_, i) => `d${i}`);
    const plan = foldPlan(ids, 5, 1);
    expect(plan.flat().sort()).toEqual([...ids].sort());
    expect(plan.map((f) => f.length).sort()).toEqual([4, 5, 5, 5, 4].sort());
    expect(foldPlan([...ids].reverse(), 5, 1)).toEqual(plan);
    expect(foldPlan(ids, 5, 2)).not.toEqual(plan);
    expect(() => foldPlan(ids, 1, 1)).toThrow(/at least 2/);
  });
});

describe('cross-fitting', () => {
  const p = syntheticProject(24, { words: 120, coders: ['alice', 'bob'], gold: false });
  // 6 more documents nobody coded
  const extra = syntheticProject(30, { words: 120, gold: false }).documents.slice(24);
  const input = { ...p, documents: [...p.documents, ...extra.map((d, i) => ({ ...d, id: `new-${i}` }))] };

  it('never predicts a coded document with a model that learned from it', async () => {
    const r = await crossFit(input, { folds: 4, epochs: 3 });
    expect(r.folds).toBe(4);
    const coded = p.documents.map((d) => d.id);
    expect(r.heldOut.flat().sort()).toEqual(coded);
    r.heldOut.forEach((held, f) => {
      // what fold f's model actually trained on (read from the model, not from the plan)
      for (const d of held) expect(r.trainedOn[f]).not.toContain(d);
      expect([...r.trainedOn[f], ...held].sort()).toEqual(coded);
    });
    expect(r.model.documents).toEqual(coded);
    for (const u of r.uncertainty) {
      if (u.coded) {
        expect(r.heldOut[u.fold!]).toContain(u.document);
        expect(u.committee).toBe(1);
        expect(u.disagreement).toBeNull();
      } else {
        expect(u.fold).toBeNull();
        expect(u.committee).toBe(4);
        expect(u.disagreement).not.toBeNull();
      }
    }
  });

  it('cannot recall a phrase only the held-out document taught, which the full model recalls', async () => {
    // a made-up phrase marked in one document only: a leak would let its own fold model find it
    const target = p.documents[5];
    const phrase = 'zyxqua vrommel';
    const text = `${target.text} Then ${phrase} again.`;
    const start = [...text].length - `${phrase} again.`.length;
    const documents = p.documents.map((d) => (d.id === target.id ? { ...d, text } : d));
    const records = p.records.map((r) =>
      r.document === target.id
        ? { ...r, spans: [...r.spans, { start, end: start + phrase.length, label: 'Morality' }] }
        : r,
    );
    const r = await crossFit({ ...p, documents, records }, { folds: 3, epochs: 6 });
    const own = r.records.find((x) => x.document === target.id)!;
    const hit = (spans: { start: number; end: number; label: string }[]) =>
      spans.some((s) => s.start === start && s.end === start + phrase.length && s.label === 'Morality');
    expect(hit(predictDocument(r.model, text).spans)).toBe(true);
    expect(hit(own.spans)).toBe(false);
  });

  it('produces one read-only model record per document, usable by the agreement figures', async () => {
    const r = await crossFit(input, { folds: 3, epochs: 3, updatedAt: '2025-06-01T00:00:00.000Z' });
    expect(r.records.map((x) => x.document).sort()).toEqual(input.documents.map((d) => d.id).sort());
    for (const rec of r.records) {
      expect(rec.annotator).toBe(MODEL);
      expect(rec.updatedAt).toBe('2025-06-01T00:00:00.000Z');
      expect(rec.textHash).toBe(input.documents.find((d) => d.id === rec.document)!.textHash);
    }
    const report = agreementReport({
      documents: input.documents.map((d) => ({ id: d.id, length: [...d.text].length })),
      records: [...p.records, ...r.records],
      annotators: ['alice', 'bob', MODEL],
      docLabelGroups: p.codebook.docLabels,
    });
    expect(report.annotators).toEqual(['alice', 'bob', MODEL]);
    expect(report.documents).toBe(24);
    const pair = report.spans.pairs.find((x) => x.a === 'alice' && x.b === MODEL)!;
    expect(pair.documents).toBe(24);
    expect(pair.f1_overlap.overall).toEqual(expect.any(Number));
    expect(pair.cohen_kappa_char.overall).toEqual(expect.any(Number));
    expect(report.spans.alpha_u.overall).toEqual(expect.any(Number));
    expect(report.excluded.count).toBe(0);
    expect(report.document_labels.Stance).toBeDefined();
  });

  it('is deterministic for a seed', async () => {
    const a = await crossFit(input, { folds: 3, epochs: 2, seed: 9 });
    const b = await crossFit(input, { folds: 3, epochs: 2, seed: 9 });
    expect(b.records).toEqual(a.records);
    expect(b.uncertainty).toEqual(a.uncertainty);
  });

  it('leaves out records whose text hash or spans do not fit the document, and says so', async () => {
    const records = p.records.map((r) =>
      r.document === p.documents[0].id && r.annotator === 'alice'
        ? { ...r, textHash: 'sha256:other' }
        : r.document === p.documents[1].id && r.annotator === 'bob'
          ? { ...r, spans: [...r.spans, { start: 5, end: 999_999, label: 'Morality' }] }
          : r,
    );
    const r = await crossFit({ ...p, records }, { folds: 2, epochs: 1 });
    expect(r.excluded).toEqual([
      { document: p.documents[0].id, annotator: 'alice', reason: 'the text hash does not match the document' },
      { document: p.documents[1].id, annotator: 'bob', reason: expect.stringMatching(/outside the text/) },
    ]);
  });

  it('needs two coded documents, and uses fewer folds than documents', async () => {
    const two = { ...p, documents: p.documents.slice(0, 2) };
    const r = await crossFit(two, { folds: 5, epochs: 1 });
    expect(r.folds).toBe(2);
    await expect(crossFit({ ...p, documents: p.documents.slice(0, 1) }, {})).rejects.toThrow(/at least 2 coded/);
  });
});

describe('uncertainty', () => {
  const pred = (spans: [number, number][], stance: string) => ({
    spans: spans.map(([start, end]) => ({ start, end, label: 'L' })),
    docLabels: { Stance: stance },
    probabilities: {},
    spanMargins: {},
    docLabelMargin: null,
  });
  it('committee disagreement: 0 when all agree, 1 when nothing is shared', () => {
    expect(committeeDisagreement([pred([[0, 4]], 'a'), pred([[0, 4]], 'a')])).toBe(0);
    expect(committeeDisagreement([pred([[0, 4]], 'a'), pred([[6, 9]], 'b')])).toBe(1);
    // spans half-overlapping (overlap F1 = 0.5), same stance: (0.5 + 0) / 2
    expect(committeeDisagreement([pred([[0, 4]], 'a'), pred([[2, 6]], 'a')])).toBeCloseTo(0.25, 12);
    expect(committeeDisagreement([pred([], 'a')])).toBeNull();
  });

  it('orders uncoded documents first, most disputed first; then coded ones by smallest margin', () => {
    const u = (document: string, coded: boolean, disagreement: number | null, spanMargin: number) => ({
      document,
      coded,
      fold: coded ? 0 : null,
      committee: coded ? 1 : 3,
      disagreement,
      spanMargin,
      docLabelMargin: null,
    });
    expect(
      uncertaintyOrder([
        u('c1', true, null, 0.5),
        u('n1', false, 0.1, 9),
        u('c2', true, null, 0.1),
        u('n2', false, 0.7, 9),
      ]),
    ).toEqual(['n2', 'n1', 'c2', 'c1']);
  });
});
