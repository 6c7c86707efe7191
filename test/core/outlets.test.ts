import { describe, expect, it } from 'vitest';
import type { AnnotationRecord } from '../../src/core/model';
import {
  groupPhrases,
  labelRatesPerOutlet,
  normalizePhrase,
  outletPhrases,
  phraseStem,
  relationTargets,
} from '../../src/core/outlets';
import { buildLexicon, findSuggestions } from '../../src/core/suggestions';

const docs = [
  { id: 'a1', text: 'The terrorist  Riots spread. Terrorist riots again.', meta: { outlet: 'PressTV', story: 's' } },
  {
    id: 'b1',
    text: 'Protests 😀 continued; deadly clashes followed the protests.',
    meta: { outlet: 'MENAFN', story: 's' },
  },
  { id: 'c1', text: 'Terrorist riots, said nobody.', meta: { story: 'other' } },
];
/** Code-point offsets of the n-th occurrence of a phrase in a document of `docs`. */
const at = (id: string, phrase: string, n = 0): [number, number] => {
  const text = docs.find((d) => d.id === id)!.text;
  let i = -1;
  for (let k = 0; k <= n; k++) i = text.indexOf(phrase, i + 1);
  const start = Array.from(text.slice(0, i)).length;
  return [start, start + Array.from(phrase).length];
};
const rec = (document: string, annotator: string, spans: [number, number, string][]): AnnotationRecord => ({
  document,
  annotator,
  textHash: 'sha256:x',
  codebookVersion: 1,
  status: 'done',
  spans: spans.map(([start, end, label]) => ({ start, end, label })),
  docLabels: {},
  updatedAt: '',
});
const records = [
  rec('a1', 'alice', [
    [...at('a1', 'terrorist  Riots'), 'Naming'],
    [...at('a1', 'Terrorist riots'), 'Naming'],
  ]),
  rec('a1', 'bob', [[...at('a1', 'terrorist  Riots'), 'Naming']]),
  rec('b1', 'alice', [
    [...at('b1', 'Protests'), 'Naming'],
    [...at('b1', 'deadly clashes'), 'Violence'],
    [...at('b1', 'protests'), 'Naming'],
  ]),
  rec('c1', 'alice', [[...at('c1', 'Terrorist riots'), 'Naming']]),
];

describe('outletPhrases', () => {
  it('counts case-folded, whitespace-collapsed phrases per outlet, highest first', () => {
    const r = outletPhrases(docs, records);
    expect(r.labels.Naming.PressTV).toEqual([{ phrase: 'terrorist riots', count: 3, documents: ['a1'] }]);
    expect(r.labels.Naming.MENAFN).toEqual([{ phrase: 'protests', count: 2, documents: ['b1'] }]);
    expect(r.labels.Naming['(unknown)']).toEqual([{ phrase: 'terrorist riots', count: 1, documents: ['c1'] }]);
    expect(Object.keys(r.labels)).toEqual(['Naming', 'Violence']);
    expect(r.labels.Violence.MENAFN[0].phrase).toBe('deadly clashes');
  });

  it('filters by label and story', () => {
    const r = outletPhrases(docs, records, { label: 'Naming', story: 's' });
    expect(Object.keys(r.labels)).toEqual(['Naming']);
    expect(Object.keys(r.labels.Naming).sort()).toEqual(['MENAFN', 'PressTV']);
  });

  it('normalizes phrases and simple plurals', () => {
    expect(normalizePhrase('  Terrorist\n Riots ')).toBe('terrorist riots');
    expect(phraseStem('terrorist riots')).toBe('terrorist riot');
    expect(phraseStem('the crisis')).toBe('the crisis');
    expect(phraseStem('riots spread')).toBe('riot spread');
    expect(phraseStem('police marched')).toBe('police marched');
    expect(phraseStem('bus')).toBe('bus');
  });

  it('groups phrases with their documents once each and in order, the rows left as they were', () => {
    const rows = [
      { phrase: 'police', count: 3, documents: ['d2', 'd1', 'd2'] },
      { phrase: 'riots', count: 2, documents: ['d3'] },
      { phrase: 'crowd', count: 2, documents: ['d1', 'd4'] },
      { phrase: 'riot', count: 1, documents: ['d9', 'd3'] },
    ];
    const copy = structuredClone(rows);
    const grouped = groupPhrases(rows, true);
    expect(grouped).toEqual([
      { phrase: 'police', variants: ['police'], count: 3, documents: ['d1', 'd2'] },
      { phrase: 'riots', variants: ['riots', 'riot'], count: 3, documents: ['d3', 'd9'] },
      { phrase: 'crowd', variants: ['crowd'], count: 2, documents: ['d1', 'd4'] },
    ]);
    expect(grouped[2]!.documents).not.toBe(rows[2]!.documents);
    expect(groupPhrases(rows, false).map((g) => [g.phrase, g.count, g.documents])).toEqual([
      ['police', 3, ['d1', 'd2']],
      ['crowd', 2, ['d1', 'd4']],
      ['riots', 2, ['d3']],
      ['riot', 1, ['d3', 'd9']],
    ]);
    expect(rows).toEqual(copy);
  });

  it('folds every kind of text as the root locale and the Unicode whitespace class do', () => {
    const texts = [
      'Riot Police',
      'İSTANBUL Işık',
      'ΟΔΥΣΣΕΥΣ',
      'Köln  São\u00a0Paulo',
      'a\u2003b\u3000c',
      '\ufeffStart',
      'tab\there',
      'end ',
      'x\u0085y',
      'ǅemal ß ﬁ',
      '𝐀𝐁 emoji 😀',
      '',
    ];
    for (const t of texts) expect(normalizePhrase(t)).toBe(t.toLocaleLowerCase('und').replace(/\s+/gu, ' ').trim());
  });

  it("lists each phrase's documents once, sorted, however its spans interleave", () => {
    const doc = (id: string) => ({ id, text: 'riot riot', meta: { outlet: 'A' } });
    const span = (start: number) => ({ start, end: start + 4, label: 'X' });
    const rec = (document: string, annotator: string) => ({
      document,
      annotator,
      textHash: 'h',
      codebookVersion: 1,
      status: 'done' as const,
      spans: [span(0), span(5)],
      docLabels: {},
      updatedAt: '',
    });
    const r = outletPhrases([doc('d2'), doc('d1')], [rec('d2', 'a'), rec('d1', 'a'), rec('d2', 'b')]);
    expect(r.labels.X.A).toEqual([{ phrase: 'riot', count: 6, documents: ['d1', 'd2'] }]);
  });

  it('orders an outlet’s phrases by count, then by UTF-16 code units among equal counts', () => {
    const words = ['zeta', 'éclat', 'alpha', 'Beta', 'zeta', 'alpha', 'zeta', 'gamma', 'éclat', 'delta'];
    const text = words.join(' ');
    const spans: [number, number, string][] = [];
    let at = 0;
    for (const w of words) {
      spans.push([at, at + w.length, 'X']);
      at += w.length + 1;
    }
    const r = outletPhrases([{ id: 'd', text, meta: { outlet: 'A' } }], [rec('d', 'alice', spans)]);
    expect(r.labels.X.A.map((row) => [row.phrase, row.count])).toEqual([
      ['zeta', 3],
      ['alpha', 2],
      ['éclat', 2],
      ['beta', 1],
      ['delta', 1],
      ['gamma', 1],
    ]);
  });

  it('gives label rates per 1,000 words per outlet', () => {
    const rates = labelRatesPerOutlet(docs, records);
    expect(rates.PressTV.words).toBe(7);
    expect(rates.PressTV.perThousandWords.Naming).toBeCloseTo((3 / 7) * 1000);
  });
});

describe('suggestions', () => {
  it('suggests unlabelled whole-word occurrences of coded phrases, with their sources', () => {
    const texts = new Map(docs.map((d) => [d.id, d.text]));
    const lexicon = buildLexicon(texts, [rec('c1', 'alice', [[...at('c1', 'Terrorist riots'), 'Naming']])]);
    expect(lexicon).toEqual([
      { phrase: 'terrorist riots', label: 'Naming', sources: [{ document: 'c1', annotator: 'alice' }] },
    ]);
    const [s0, e0] = at('a1', 'terrorist  Riots');
    const existing = new Map([['a1', [{ start: s0, end: e0, label: 'Naming' }]]]);
    const found = findSuggestions(lexicon, docs, existing);
    expect(found.map((s) => [s.document, s.start, s.end])).toEqual([
      ['a1', ...at('a1', 'Terrorist riots')],
      ['c1', ...at('c1', 'Terrorist riots')],
    ]);
  });

  it('reports code-point offsets after emoji', () => {
    const lexicon = buildLexicon(new Map([['b1', docs[1].text]]), [
      rec('b1', 'alice', [[...at('b1', 'deadly clashes'), 'Violence']]),
    ]);
    const [s] = findSuggestions(lexicon, [{ id: 'x', text: '😀😀 deadly clashes' }], new Map());
    expect([s.start, s.end]).toEqual([3, 17]);
  });
});

describe('countWords', () => {
  it('counts runs of letters, digits and marks in any script', async () => {
    const { countWords } = await import('../../src/core/outlets');
    expect(countWords('Terrorist riots, 2026 — again!')).toBe(4);
    expect(countWords('اعتراضات در تهران 😀 ۱۴۰۴')).toBe(4);
    expect(countWords('café naïve')).toBe(2);
    expect(countWords('')).toBe(0);
  });
});

describe('docLabelCounts', () => {
  it('counts stance and frames per outlet and per month', async () => {
    const { docLabelCounts } = await import('../../src/core/outlets');
    const r = (document: string, annotator: string, docLabels: AnnotationRecord['docLabels']): AnnotationRecord => ({
      ...rec(document, annotator, []),
      docLabels,
    });
    const counts = docLabelCounts(
      [
        { id: 'a', text: '', meta: { outlet: 'X', published: '2026-01-16' } },
        { id: 'b', text: '', meta: {} },
      ],
      [
        r('a', 'alice', { Stance: 'critical', Frames: ['Economic', 'Political'] }),
        r('a', 'bob', { Stance: 'neutral' }),
        r('b', 'alice', { Stance: 'critical' }),
      ],
    );
    expect(counts.byOutlet.Stance).toEqual({ X: { critical: 1, neutral: 1 }, '(unknown)': { critical: 1 } });
    expect(counts.byMonth.Frames).toEqual({ '2026-01': { Economic: 1, Political: 1 } });
    expect(counts.byMonth.Stance['(undated)']).toEqual({ critical: 1 });
  });
});

describe('suggestion contexts', () => {
  it('carry the line around each occurrence, so no document text has to be fetched', () => {
    const texts = new Map([['c1', 'Terrorist riots, said nobody.']]);
    const lexicon = buildLexicon(texts, [rec('c1', 'alice', [[0, 15, 'Naming']])]);
    const [s] = findSuggestions(
      lexicon,
      [{ id: 'x', text: 'First line.\nThen terrorist riots broke out.\nLast.' }],
      new Map(),
    );
    expect(s.context).toEqual({ before: 'Then ', match: 'terrorist riots', after: ' broke out.' });
  });
});

describe('relation targets per outlet', () => {
  it('counts the text of the spans relations point at, per type and outlet', () => {
    const docs = [
      { id: 'a', text: 'Officials blamed Foreign agents.', meta: { outlet: 'A' } },
      { id: 'b', text: 'Police blamed foreign  agents.', meta: {} },
    ];
    const rec = (document: string, spans: [number, number, string][], to: number) => ({
      document,
      annotator: 'x',
      textHash: 'sha256:0',
      codebookVersion: 1,
      status: 'done' as const,
      spans: spans.map(([start, end, label], i) => ({ id: `s${i}`, start, end, label })),
      relations: [{ from: 's0', to: `s${to}`, type: 'blames' }],
      docLabels: {},
      updatedAt: 'now',
    });
    const out = relationTargets(docs, [
      rec(
        'a',
        [
          [10, 16, 'Blame'],
          [17, 31, 'Actor'],
        ],
        1,
      ),
      rec(
        'b',
        [
          [7, 13, 'Blame'],
          [14, 29, 'Actor'],
        ],
        1,
      ),
    ]);
    expect(out).toEqual({
      blames: {
        '(unknown)': [{ phrase: 'foreign agents', count: 1, documents: ['b'] }],
        A: [{ phrase: 'foreign agents', count: 1, documents: ['a'] }],
      },
    });
  });
});
