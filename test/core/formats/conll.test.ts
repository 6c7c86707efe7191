import { describe, expect, it } from 'vitest';
import { ConllOverlapError, formatConll, parseConll } from '../../../src/core/formats/conll';
import { record } from './helpers';

describe('conll', () => {
  it('writes IOB2 tokens from Intl.Segmenter, with DOCSTART lines and sentence breaks', () => {
    const text = 'پوتین با پزشکیان گفت‌وگو کرد. EU rejects 😀 calls.';
    const cps = [...text];
    const s = (needle: string, label: string) => {
      const start = cps.join('').indexOf(needle);
      return {
        start: [...text.slice(0, start)].length,
        end: [...text.slice(0, start)].length + [...needle].length,
        label,
      };
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

  it('reads CoNLL-2003 columns (IOB1), IOB2, BIOES, DOCSTART ids, and rebuilds the text', () => {
    const c2003 =
      '-DOCSTART- -X- -X- O\n\nSOCCER NN B-NP O\nJAPAN NNP B-NP I-LOC\nGET VB B-VP O\n\nUnited NNP B-NP I-LOC\nArab NNP I-NP I-LOC\n';
    const r = parseConll('eng.txt', c2003);
    expect(r.lines[0]).toMatchObject({ id: 'eng-1', text: 'SOCCER JAPAN GET\nUnited Arab' });
    expect(r.lines[0].spans).toEqual([
      { start: 7, end: 12, label: 'LOC' },
      { start: 17, end: 28, label: 'LOC' },
    ]);
    const bioes = 'a\tS-X\nb\tB-Y\nc\tE-Y\nd\tB-Y\n';
    expect(parseConll('b.conll', bioes).lines[0]).toMatchObject({
      id: 'b',
      spans: [
        { start: 0, end: 1, label: 'X' },
        { start: 2, end: 5, label: 'Y' },
        { start: 6, end: 7, label: 'Y' },
      ],
    });
    expect(() => parseConll('bad.conll', 'SOCCERO SOCCERO SOCCERO\n')).toThrow(/^bad\.conll:1: tag "SOCCERO"/);
    expect(() => parseConll('bad.conll', 'lonely\n')).toThrow(/^bad\.conll:1: expected a token and a tag/);
  });
});
