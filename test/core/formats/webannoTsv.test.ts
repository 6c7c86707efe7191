import { describe, expect, it } from 'vitest';
import { ParseContext } from '../../../src/core/formats/types';
import {
  escapeTsvText,
  escapeTsvValue,
  formatWebannoTsvDocument,
  unescapeTsvText,
  unescapeTsvValue,
} from '../../../src/core/formats/webannoTsv';
import { asFiles, parse, record, write } from './helpers';

const parseWebannoTsv = (path: string, text: string, options = {}) => parse('webanno-tsv', [{ path, text }], options);

// Written by us after the layout of INCEpTION's tsv3-suite (the real files are checked by scripts/conformance.ts).
const STACKED = [
  '#FORMAT=WebAnno TSV 3.3',
  '#T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|identifier|value',
  '#T_SP=webanno.custom.Flag|',
  '#T_RL=webanno.custom.Rel|role|BT_webanno.custom.Flag',
  '',
  '',
  '#Text=Hi 😀 there',
  '#Text=you\\tall .',
  '1-1\t0-2\tHi\t_\tGREET[1]|*\t*\t_\t_\t',
  '1-2\t3-5\t😀\t_\tGREET[1]\t_\t_\t_\t',
  '1-3\t6-11\tthere\t_\t_\t_\tx\t1-1\t',
  '1-3.1\t6-8\tth\tQ1\tLOC\\_X\t_\t_\t_\t',
  '1-4\t12-15\tyou\t_\t_\t_\t_\t_\t',
  '1-5\t16-19\tall\t_\tA\\|B\t_\t_\t_\t',
  '1-6\t20-21\t.\t_\t_\t_\t_\t_\t',
  '',
  '#Text=Next .',
  '2-1\t22-26\tNext\t_\t_\t*\t_\t_\t',
  '2-2\t27-28\t.\t_\t_\t_\t_\t_\t',
  '',
].join('\n');

describe('webanno-tsv', () => {
  it('reads span layers: multi-token ids, stacking, sub-tokens, escapes, UTF-16 offsets, multi-line sentences', () => {
    const r = parseWebannoTsv('doc9.tsv', STACKED, { annotator: 'al' });
    const line = r.lines[0];
    expect(line.id).toBe('doc9');
    expect(line.text).toBe('Hi 😀 there\nyou\tall .\nNext .');
    const cps = [...line.text];
    const got = line.spans.map((s) => [cps.slice(s.start, s.end).join(''), s.label]);
    expect(got).toEqual([
      ['Hi', 'Flag'],
      ['Hi', 'NamedEntity'],
      ['Hi 😀', 'GREET'],
      ['th', 'LOC_X'],
      ['all', 'A|B'],
      ['Next', 'Flag'],
    ]);
    // The relation on "there" has no Flag span there to point at.
    expect(r.dropped.map((d) => [d.kind, d.count])).toEqual([
      ['features', 1],
      ['relations', 1],
    ]);
    expect(line.tokens?.[0]).toEqual([
      [0, 2],
      [3, 4],
      [5, 10],
      [11, 14],
      [15, 18],
      [19, 20],
    ]);
  });

  it('rebuilds gaps as INCEpTION does and refuses other TSV versions', () => {
    const gap =
      '#FORMAT=WebAnno TSV 3.2\n#T_SP=webanno.custom.Span|value\n\n\n#Text=a\n1-1\t0-1\ta\tX\t\n\n#Text=b\n2-1\t4-5\tb\t_\t\n';
    expect(parseWebannoTsv('g.tsv', gap).lines[0].text).toBe('a\n  b');
    expect(() => parseWebannoTsv('old.tsv', '#id=1\n#text=x\n1\tx\t_\n')).toThrow(
      /^old\.tsv:1: not a WebAnno TSV 3 file/,
    );
    expect(() => parseWebannoTsv('v2.tsv', '#FORMAT=WebAnno TSV 2.0\n')).toThrow(/WebAnno TSV 2 is not supported/);
    expect(() => parseWebannoTsv('t.tsv', '#FORMAT=WebAnno TSV 3.3\n#T_SP=a.B|v\n\n\n1-1\t0-1\ta\tX\t\n')).toThrow(
      /^t\.tsv:5: expected a sentence header/,
    );
    expect(() => parseWebannoTsv('t.tsv', '#FORMAT=WebAnno TSV 3.3\n#T_SP=a.B|v\n\n\n#Text=ab\n1-1\t0-1\ta\n')).toThrow(
      /^t\.tsv:6: expected 4 tab-separated fields, found 3/,
    );
  });

  it('escapes values and sentence text like INCEpTION', () => {
    const nasty = '#*\'"`´\t:;{}|[ ]()\\§$%?=&_\n->';
    expect(unescapeTsvValue(escapeTsvValue(nasty))).toBe(nasty);
    expect(escapeTsvValue('a|b[1]_*')).toBe('a\\|b\\[1\\]\\_\\*');
    const text = 'tab\there\rcr back\\slash \u0001ctl';
    expect(unescapeTsvText(escapeTsvText(text), 3)).toBe(text);
    expect(escapeTsvText('a\tb')).toBe('a\\tb');
  });

  it('writes a document INCEpTION can read: sentences, tokens cut at span edges, ids for multi-token spans, notes', () => {
    const text = 'Putin 😀 called Pezeshkian. The talks\nwent well.';
    const spans = [
      { start: 0, end: 7, label: 'Actor|x', note: 'a\nnote' },
      { start: 17, end: 20, label: 'Part' },
      { start: 27, end: 41, label: 'Cross' },
    ];
    const tsv = formatWebannoTsvDocument(text, spans);
    expect(tsv.split('\n').slice(0, 7)).toEqual([
      '#FORMAT=WebAnno TSV 3.3',
      '#T_SP=webanno.custom.Span|label|note',
      '',
      '',
      '#Text=Putin 😀 called Pezeshkian. ',
      '1-1\t0-5\tPutin\tActor\\|x[1]\ta\\nnote[1]\t',
      '1-2\t6-8\t😀\tActor\\|x[1]\ta\\nnote[1]\t',
    ]);
    expect(tsv).toContain('1-4\t16-18\tPe\t_\t_\t');
    expect(tsv).toContain('1-5\t18-21\tzes\tPart\t*\t');
    expect(tsv).toContain('#Text=The talks\n#Text=\n2-1\t28-31\tThe\tCross[2]\t*[2]\t');
    expect(tsv).toContain('#Text=went well.\n3-1\t38-42\twent\tCross[2]\t*[2]\t');
    const back = parseWebannoTsv('d.tsv', tsv, { annotator: 'a' }).lines[0];
    expect(back.text).toBe(text);
    expect(back.spans).toEqual([
      { start: 0, end: 7, label: 'Actor|x', note: 'a\nnote' },
      { start: 17, end: 20, label: 'Part' },
      { start: 27, end: 41, label: 'Cross' },
    ]);
  });

  it('writes the tokens it was given back, and reads per-annotator folders with annotatorFromFolder', () => {
    const first = parseWebannoTsv('doc9.tsv', STACKED, { annotator: 'al' }).lines[0];
    const doc = { id: 'doc9', text: first.text, meta: {}, tokens: first.tokens };
    const spans = [{ start: 0, end: 2, label: 'A' }];
    const tsv = formatWebannoTsvDocument(doc.text, spans, doc.tokens);
    expect(tsv).toContain('1-4\t12-15\tyou\t');
    const out = write('webanno-tsv', {
      documents: [doc],
      records: [record('doc9', 'al', spans), record('doc9', 'bo', spans)],
    });
    const back = parse('webanno-tsv', asFiles(out), { annotatorFromFolder: true });
    expect(back.lines.map((l) => [l.annotator, l.spans])).toEqual([
      ['al', spans],
      ['bo', spans],
    ]);
    expect(new ParseContext().dropped()).toEqual([]);
  });
});
