import { describe, expect, it } from 'vitest';
import { bratTypeNames, parseBratDocument } from '../../../src/core/formats/brat';
import { ParseContext } from '../../../src/core/formats/types';
import { asFiles, parse, record, spanOf, TRICKY, write } from './helpers';

describe('brat', () => {
  const txt = { path: 'doc1.txt', text: 'Citibank moved $100 million 😀 to Raul.\r\nمتن فارسی' };
  const ann = [
    'T1\tOrganization 0 8\tCitibank',
    'T2\tMoney 15 27;30 32\t$100 million to',
    'T3\tPerson 33 37\tRaul',
    'T4\tLang 40 43\tمتن',
    'R1\tOrigin Arg1:T1 Arg2:T3\t',
    'E1\tTransfer:T1 Giver:T3',
    'A1\tNegation E1',
    '#1\tAnnotatorNotes T1\tIs this the bank?',
    '#2\tLemma T3\traul',
    '#3\tAnnotatorNotes R1\ton a relation',
  ].join('\r\n');

  it('reads T lines with their ids in code points, fragments as T2:1 and T2:2, notes of every type', () => {
    const ctx = new ParseContext();
    const line = parseBratDocument(txt, { path: 'doc1.ann', text: ann }, 'al', undefined, ctx);
    expect(line.annotator).toBe('al');
    expect(line.spans).toEqual([
      { id: 'T1', start: 0, end: 8, label: 'Organization', note: 'Is this the bank?' },
      { id: 'T2:1', start: 15, end: 27, label: 'Money' },
      { id: 'T2:2', start: 30, end: 32, label: 'Money' },
      { id: 'T3', start: 33, end: 37, label: 'Person', note: '[Lemma] raul' },
      { id: 'T4', start: 40, end: 43, label: 'Lang' },
    ]);
    expect(line.relations).toEqual([{ from: 0, to: 3, type: 'Origin', note: 'on a relation' }]);
    expect(ctx.dropped().map((d) => [d.kind, d.count])).toEqual([
      ['events', 1],
      ['attributes', 1],
    ]);
  });

  it('writes back the T ids, the discontinuous span as one T line and the note types', () => {
    const ctx = new ParseContext();
    const line = parseBratDocument(txt, { path: 'doc1.ann', text: ann }, 'al', undefined, ctx);
    const out = write('brat', {
      documents: [{ id: 'doc1', text: txt.text, meta: {} }],
      records: [record('doc1', 'al', line.spans, { relations: line.relations })],
    });
    if (typeof out === 'string') throw new Error('brat writes a folder');
    expect(out.files['doc1.ann']).toBe(
      [
        'T1\tOrganization 0 8\tCitibank',
        'T2\tMoney 15 27;30 32\t$100 million to',
        'T3\tPerson 33 37\tRaul',
        'T4\tLang 40 43\tمتن',
        'R1\tOrigin Arg1:T1 Arg2:T3\t',
        '#1\tAnnotatorNotes T1\tIs this the bank?',
        '#2\tLemma T3\traul',
        '#3\tAnnotatorNotes R1\ton a relation',
        '',
      ].join('\n'),
    );
    expect(out.files['annotation.conf']).toContain('[relations]\nOrigin\tArg1:<ENTITY>, Arg2:<ENTITY>\n');
  });

  it('keeps a BOM as part of the text, as brat\u2019s offsets count it', () => {
    const text = '\uFEFFa devastating letter';
    const { lines } = parse(
      'brat',
      [
        { path: 'b.txt', text },
        { path: 'b.ann', text: 'T1\tX 1 2\ta\nT2\tX 3 14\tdevastating\n' },
      ],
      { annotator: 'x' },
    );
    expect(lines[0].text).toBe(text);
    expect(lines[0].spans.map((s) => [s.start, s.end])).toEqual([
      [1, 2],
      [3, 14],
    ]);
  });

  it('refuses a T line whose text is not what its offsets cover (a bad byte, a changed .txt)', () => {
    expect(() =>
      parse('brat', [
        { path: 'b.txt', text: 'Citibank' },
        { path: 'b.ann', text: 'T1\tOrg 1 8\tCitibank\n' },
      ]),
    ).toThrow(/^b\.ann:1: T1: the offsets cover "itibank", the line says "Citibank"/);
  });

  it('names the line of a broken .ann and refuses an .ann without its .txt', () => {
    const ctx = new ParseContext();
    expect(() =>
      parseBratDocument(
        txt,
        { path: 'd.ann', text: 'T1\tOrg 0 8\tCitibank\nT2\tOrg eight 9' },
        undefined,
        undefined,
        ctx,
      ),
    ).toThrow(/^d\.ann:2: T2: offsets are not "start end"$/);
    expect(() => parseBratDocument(txt, { path: 'd.ann', text: 'X1\tfoo' }, undefined, undefined, ctx)).toThrow(
      /^d\.ann:1: not a brat annotation line/,
    );
    expect(() => parse('brat', [{ path: 'a/x.ann', text: 'T1\tX 0 1\ta' }])).toThrow(/no x\.txt beside/);
  });

  it('writes T lines, notes line by line, annotation.conf and a visual.conf that restores labels with spaces', () => {
    const span = spanOf(TRICKY, 'Protesters', 'Protest naming', 'line one\nline two');
    const out = write('brat', {
      documents: [{ id: 'a1', text: TRICKY, meta: {} }],
      records: [record('a1', 'al', [span, spanOf(TRICKY, '😀', 'Emoji')])],
    });
    if (typeof out === 'string') throw new Error('brat writes a folder');
    expect(out.files['a1.ann']).toBe(
      'T1\tProtest_naming 0 10\tProtesters\nT2\tEmoji 11 12\t😀\n#1\tAnnotatorNotes T1\tline one\n#2\tAnnotatorNotes T1\tline two\n',
    );
    expect(out.files['annotation.conf']).toContain('[entities]\nEmoji\nProtest_naming\n');
    expect(out.files['a1.txt']).toBe(TRICKY);
    const back = parse('brat', asFiles(out), { annotator: 'al' });
    expect(back.lines[0].spans[0]).toEqual({ ...span, id: 'T1' });
    expect(bratTypeNames(['a b', 'a_b', 'a|b'])).toEqual(
      new Map([
        ['a b', 'a_b'],
        ['a_b', 'a_b-2'],
        ['a|b', 'a_b-3'],
      ]),
    );
  });

  it('reads a per-annotator export back with annotatorFromFolder', () => {
    const out = write('brat', {
      documents: [{ id: 'a1', text: TRICKY, meta: {} }],
      records: [
        record('a1', 'al', [spanOf(TRICKY, 'said', 'X')]),
        record('a1', 'bo', [spanOf(TRICKY, 'Protesters', 'Y')]),
      ],
    });
    const back = parse('brat', asFiles(out), { annotatorFromFolder: true });
    expect(back.lines.map((l) => [l.annotator, l.spans.map((s) => s.label)])).toEqual([
      ['al', ['X']],
      ['bo', ['Y']],
    ]);
  });
});
