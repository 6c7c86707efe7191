import { describe, expect, it } from 'vitest';
import { ConllOverlapError, formatConll } from '../../../src/core/formats/conll';
import { asFiles, parse, record } from './helpers';

describe('conll', () => {
  it('writes IOB2 tokens from Intl.Segmenter, with DOCSTART lines and sentence breaks', () => {
    const text = 'پوتین با پزشکیان گفت‌وگو کرد. EU rejects 😀 calls.';
    const s = (needle: string, label: string) => {
      const start = [...text.slice(0, text.indexOf(needle))].length;
      return { start, end: start + [...needle].length, label };
    };
    const out = formatConll({
      documents: [{ id: 'd1', text, meta: {} }],
      records: [record('d1', 'al', [s('با پزشکیان', 'PER'), s('EU', 'ORG')])],
    });
    expect(out).toBe(
      '-DOCSTART-\td1\tal\n\nپوتین\tO\nبا\tB-PER\nپزشکیان\tI-PER\nگفت‌وگو\tO\nکرد\tO\n.\tO\n\nEU\tB-ORG\nrejects\tO\n😀\tO\ncalls\tO\n.\tO\n\n',
    );
  });

  it('refuses overlapping spans, naming the document, annotator and both spans', () => {
    const input = {
      documents: [{ id: 'd1', text: 'a b c', meta: {} }],
      records: [
        record('d1', 'al', [
          { start: 0, end: 3, label: 'X' },
          { start: 2, end: 5, label: 'Y' },
        ]),
      ],
    };
    expect(() => formatConll(input)).toThrow(ConllOverlapError);
    expect(() => formatConll(input)).toThrow(/document d1 \(annotator al\): span 0-3 "X" overlaps span 2-5 "Y"/);
  });

  it('reads CoNLL-2003 columns (IOB1): -DOCSTART- -X- O O starts a document and names no annotator', () => {
    const c2003 =
      '-DOCSTART- -X- -X- O\n\nSOCCER NN B-NP O\nJAPAN NNP B-NP I-LOC\nGET VB B-VP O\n\nUnited NNP B-NP I-LOC\nArab NNP I-NP I-LOC\n';
    const r = parse('conll', [{ path: 'eng.txt', text: c2003 }], { annotator: 'ann', drop: ['columns'] });
    expect(r.lines[0]).toMatchObject({ id: 'eng-1', text: 'SOCCER JAPAN GET\nUnited Arab', annotator: 'ann' });
    expect(r.lines[0].spans).toEqual([
      { start: 7, end: 12, label: 'LOC' },
      { start: 17, end: 28, label: 'LOC' },
    ]);
    expect(r.lines[0].tokens).toEqual([
      [
        [0, 6],
        [7, 12],
        [13, 16],
      ],
      [
        [17, 23],
        [24, 28],
      ],
    ]);
    expect(r.dropped).toMatchObject([{ kind: 'columns', count: 10 }]);
  });

  it('reads IOB2 and BIOES, and names the line of a bad tag', () => {
    const bioes = 'a\tS-X\nb\tB-Y\nc\tE-Y\nd\tB-Y\n';
    expect(parse('conll', [{ path: 'b.conll', text: bioes }]).lines[0]).toMatchObject({
      id: 'b',
      spans: [
        { start: 0, end: 1, label: 'X' },
        { start: 2, end: 5, label: 'Y' },
        { start: 6, end: 7, label: 'Y' },
      ],
    });
    expect(() => parse('conll', [{ path: 'bad.conll', text: 'SOCCERO SOCCERO SOCCERO\n' }])).toThrow(
      /^bad\.conll:1: a tag is not O or B-/,
    );
    expect(() => parse('conll', [{ path: 'bad.conll', text: 'lonely\n' }])).toThrow(
      /^bad\.conll:1: expected a token and a tag/,
    );
  });

  it('reads GermEval 2014: comment lines are not tokens, an index column, two tag columns with --tag-columns', () => {
    const germeval = [
      '#\thttp://de.wikipedia.org/wiki/Manfred_Korfmann\t[2009-10-17]',
      '1\tAufgrund\tO\tO',
      '2\tseiner\tO\tO',
      '3\tBerliner\tB-LOCderiv\tB-LOC',
      '4\tUniversität\tI-LOCderiv\tO',
      '',
    ].join('\n');
    const last = parse('conll', [{ path: 'g.tsv', text: germeval }], { annotator: 'g' });
    expect(last.lines[0].text).toBe('Aufgrund seiner Berliner Universität');
    expect(last.lines[0].spans).toEqual([{ start: 16, end: 24, label: 'LOC' }]);
    expect(last.dropped.map((d) => [d.kind, d.count])).toEqual([
      ['comments', 1],
      ['columns', 4],
    ]);
    const both = parse('conll', [{ path: 'g.tsv', text: germeval }], { annotator: 'g', tagColumns: '3,4' });
    expect(both.lines[0].spans).toEqual([
      { start: 16, end: 24, label: 'LOC' },
      { start: 16, end: 36, label: 'LOCderiv' },
    ]);
    expect(both.dropped.map((d) => d.kind)).toEqual(['comments']);
  });

  it('writes back the tokens it was given (U.N., \u2019s), not Intl.Segmenter\u2019s', () => {
    const given = "-DOCSTART-\td1\tal\n\nThe\tO\nU.N.\tB-ORG\n's\tO\nchief\tO\n.\tO\n\n";
    const r = parse('conll', [{ path: 'x.conll', text: given }]);
    const out = formatConll({
      documents: [{ id: 'd1', text: r.lines[0].text, meta: {}, tokens: r.lines[0].tokens }],
      records: [record('d1', 'al', r.lines[0].spans)],
    });
    expect(out).toBe(given);
    const again = parse('conll', asFiles(out, 'x.conll'));
    expect(again.lines[0].spans).toEqual(r.lines[0].spans);
  });
});
