import { describe, expect, it } from 'vitest';
import {
  documentOrderSentence,
  orderByUncertainty,
  suggestionShare,
  suggestionsFor,
} from '../../../src/core/learn/suggest';
import { rec } from './helpers';

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
