import { describe, expect, it } from 'vitest';
import { crossFit } from '../../../src/core/learn/crossfit';
import {
  documentOrderSentence,
  layerFromCrossFit,
  layerStaleness,
  modelLayerSchema,
  orderByUncertainty,
  suggestionShare,
  suggestionsFor,
} from '../../../src/core/learn/layer';
import type { AnnotationRecord } from '../../../src/core/model';
import { syntheticProject } from './synthetic';

const rec = (
  annotator: string,
  spans: AnnotationRecord['spans'],
  extra: Partial<AnnotationRecord> = {},
): AnnotationRecord => ({
  document: 'd1',
  annotator,
  textHash: 'sha256:0',
  codebookVersion: 1,
  status: 'done',
  spans,
  docLabels: {},
  updatedAt: '2025-01-01T00:00:00.000Z',
  ...extra,
});

describe('the layer file', () => {
  const p = syntheticProject(8, { words: 80, coders: ['alice'] });
  const extra = { id: 'uncoded', text: 'Nobody coded this one. It waits.', textHash: `sha256:${'1'.repeat(64)}` };
  const input = { ...p, documents: [...p.documents, extra] };

  it('keeps the cross-fitted records with span ids, what they learned from, and reads back through its schema', async () => {
    const fit = await crossFit(input, { folds: 2, epochs: 2 });
    const layer = layerFromCrossFit(
      fit,
      { records: input.records, codebookVersion: 1, modelDigest: 'x' },
      '2026-01-02T03:04:05.000Z',
    );
    const back = modelLayerSchema.parse(JSON.parse(JSON.stringify(layer)));
    expect(back.records).toHaveLength(9);
    expect(back.records.every((r) => r.annotator === 'model' && r.updatedAt === '2026-01-02T03:04:05.000Z')).toBe(true);
    expect(back.records.flatMap((r) => r.spans).every((s) => typeof s.id === 'string')).toBe(true);
    // gold and alice's records of the 8 coded documents, statuses as learned from
    expect(back.trainedOn).toHaveLength(16);
    expect(back.statuses).toEqual(['done']);
    expect(back.uncertainty.find((u) => u.document === 'uncoded')?.coded).toBe(false);
    expect(
      layerStaleness(back, { records: input.records, codebookVersion: 1, documents: input.documents.map((d) => d.id) }),
    ).toEqual({
      stale: false,
      changedRecords: 0,
      codebookChanged: false,
      newDocuments: 0,
      reasons: [],
    });
    const bad = { ...layer, records: [{ ...layer.records[0], annotator: 'alice' }, ...layer.records.slice(1)] };
    expect(modelLayerSchema.safeParse(bad).success).toBe(false);
  });

  it('is stale when learned-from records or the codebook change, not when unfinished work changes', async () => {
    const fit = await crossFit(input, { folds: 2, epochs: 1 });
    const layer = layerFromCrossFit(
      fit,
      { records: input.records, codebookVersion: 1, modelDigest: 'x' },
      '2026-01-02T03:04:05.000Z',
    );
    const docs = input.documents.map((d) => d.id);
    const edited = input.records.map((r, i) => (i === 0 ? { ...r, updatedAt: '2026-02-01T00:00:00.000Z' } : r));
    expect(layerStaleness(layer, { records: edited, codebookVersion: 1, documents: docs })).toMatchObject({
      stale: true,
      changedRecords: 1,
      reasons: ['1 coded record changed since training (added, edited or removed)'],
    });
    const unfinished = [...input.records, rec('bob', [], { document: p.documents[0].id, status: 'in_progress' })];
    expect(layerStaleness(layer, { records: unfinished, codebookVersion: 1, documents: docs }).stale).toBe(false);
    const newer = layerStaleness(layer, { records: input.records, codebookVersion: 2, documents: [...docs, 'later'] });
    expect(newer).toMatchObject({ stale: true, codebookChanged: true, newDocuments: 1 });
    expect(newer.reasons).toEqual([
      'the codebook changed since training (version 1, now 2)',
      '1 document imported since training have no prediction',
    ]);
  });
});

describe('suggestions', () => {
  const codebook = {
    spanLabels: [{ name: 'Naming' }, { name: 'Blame' }],
    docLabels: [
      { name: 'Stance', options: ['critical', 'neutral'] },
      { name: 'Frames', options: ['Economic', 'Security'] },
    ],
  };
  const model = rec(
    'model',
    [
      { id: 's1', start: 0, end: 7, label: 'Naming' },
      { id: 's2', start: 0, end: 7, label: 'Blame' },
      { id: 's3', start: 10, end: 15, label: 'Naming' },
      { id: 's4', start: 20, end: 25, label: 'Retired label' },
    ],
    { docLabels: { Stance: 'critical', Frames: ['Economic'] } },
  );

  it('leaves out what the coder marked with the same label (even with other boundaries) and labels no longer in the codebook', () => {
    const coder = rec('alice', [{ id: 's1', start: 2, end: 9, label: 'Naming' }], { docLabels: { Stance: 'neutral' } });
    const s = suggestionsFor(model, coder, codebook);
    expect(s.spans.map((x) => x.id)).toEqual(['s2', 's3']);
    expect(s.docLabels).toEqual({ Frames: ['Economic'] });
    expect(suggestionsFor(model, null, codebook).spans.map((x) => x.id)).toEqual(['s1', 's2', 's3']);
    expect(suggestionsFor(model, null, codebook).docLabels).toEqual({ Stance: 'critical', Frames: ['Economic'] });
  });

  it('drops a document label the codebook no longer offers, and an empty choice', () => {
    const m = { ...model, docLabels: { Stance: 'supportive', Frames: [] } };
    expect(suggestionsFor(m, null, codebook).docLabels).toEqual({});
  });

  it('reports the share of each coder’s spans that were accepted suggestions (counted records only)', () => {
    const share = suggestionShare([
      rec('alice', [
        { start: 0, end: 1, label: 'Naming', origin: 'suggestion' },
        { start: 2, end: 3, label: 'Naming' },
      ]),
      rec('alice', [{ start: 0, end: 1, label: 'Naming', origin: 'suggestion' }], { document: 'd2', status: 'todo' }),
      rec('bob', []),
      rec('gold', [{ start: 0, end: 1, label: 'Naming', origin: 'suggestion' }]),
      rec('model', [{ start: 0, end: 1, label: 'Naming' }]),
    ]);
    expect(share).toEqual({
      alice: { spans: 2, accepted: 1, share: 0.5 },
      bob: { spans: 0, accepted: 0, share: null },
    });
  });
});

describe('document order', () => {
  it('puts uncoded documents by disagreement first, then coded by margin, then documents the layer never saw', () => {
    const u = (document: string, coded: boolean, disagreement: number | null, spanMargin: number | null) => ({
      document,
      coded,
      fold: coded ? 0 : null,
      committee: coded ? 1 : 3,
      disagreement,
      spanMargin,
      docLabelMargin: null,
    });
    const order = orderByUncertainty(
      [
        u('a', true, null, 5),
        u('b', false, 0.2, 1),
        u('c', false, 0.6, 9),
        u('d', true, null, 0.5),
        u('gone', false, 1, 0),
      ],
      ['a', 'b', 'c', 'd', 'e', 'f'],
    );
    expect(order).toEqual(['c', 'b', 'd', 'a', 'e', 'f']);
  });

  it('says in one sentence which order coders followed', () => {
    expect(documentOrderSentence('uncertainty')).toMatch(/model’s uncertainty/);
    expect(documentOrderSentence(undefined)).toMatch(/order of the document list/);
    expect(documentOrderSentence('list')).toBe(documentOrderSentence(undefined));
  });
});
