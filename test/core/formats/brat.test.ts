import { describe, expect, it } from 'vitest';
import { bratTypeNames, formatBrat, parseBrat, parseBratDocument } from '../../../src/core/formats/brat';
import { record, spanOf, TRICKY } from './helpers';

describe('brat', () => {
  const txt = { path: 'doc1.txt', text: 'Citibank moved $100 million 😀 to Raul.\r\nمتن فارسی' };

  it('reads T lines in code points, discontinuous spans as fragments with a note, AnnotatorNotes, and counts what it skips', () => {
    const ann = [
      'T1\tOrganization 0 8\tCitibank',
      'T2\tMoney 15 27;30 32\t$100 million to',
      'T3\tPerson 33 37\tRaul',
      'T4\tLang 40 43\tمتن',
      'R1\tOrigin Arg1:T1 Arg2:T3\t',
      'E1\tTransfer:T1 Giver:T3',
      'A1\tNegation E1',
      '#1\tAnnotatorNotes T1\tIs this the bank?',
      '#2\tAnnotatorNotes R1\tskip me',
    ].join('\r\n');
    const r = parseBratDocument(txt, { path: 'doc1.ann', text: ann }, { annotator: 'al' });
    expect(r.line.annotator).toBe('al');
    expect(r.line.spans).toEqual([
      { start: 0, end: 8, label: 'Organization', note: 'Is this the bank?' },
      { start: 15, end: 27, label: 'Money', note: 'brat T2: fragment 1 of 2 of a discontinuous span' },
      { start: 30, end: 32, label: 'Money', note: 'brat T2: fragment 2 of 2 of a discontinuous span' },
      { start: 33, end: 37, label: 'Person' },
      { start: 40, end: 43, label: 'Lang' },
    ]);
    expect(r.warnings.join('\n')).toMatch(/relations \(R\) skipped: 1/);
    expect(r.warnings.join('\n')).toMatch(/events \(E\) skipped.*: 1/);
    expect(r.warnings.join('\n')).toMatch(/attributes \(A\/M\) skipped: 1/);
    expect(r.warnings.join('\n')).toMatch(/notes on relations or events skipped: 1/);
    expect(r.warnings.join('\n')).not.toMatch(/differs/);
  });

  it('names the line of a broken .ann and refuses an .ann without its .txt', () => {
    expect(() => parseBratDocument(txt, { path: 'd.ann', text: 'T1\tOrg 0 8\tCitibank\nT2\tOrg eight 9' })).toThrow(
      /^d\.ann:2: T2: offsets "eight 9"/,
    );
    expect(() => parseBratDocument(txt, { path: 'd.ann', text: 'X1\tfoo' })).toThrow(
      /^d\.ann:1: not a brat annotation line/,
    );
    expect(() => parseBrat([{ path: 'a/x.ann', text: '' }])).toThrow(/no x\.txt beside/);
  });

  it('writes T lines, notes, annotation.conf and a visual.conf that restores labels with spaces', () => {
    const span = spanOf(TRICKY, 'Protesters', 'Protest naming', 'line one\nline two');
    const out = formatBrat({
      documents: [{ id: 'a1', text: TRICKY, meta: {} }],
      records: [record('a1', 'al', [span, spanOf(TRICKY, '😀', 'Emoji')])],
    });
    expect(out.files['a1.ann']).toBe(
      'T1\tProtest_naming 0 10\tProtesters\nT2\tEmoji 11 12\t😀\n#1\tAnnotatorNotes T1\tline one line two\n',
    );
    expect(out.files['annotation.conf']).toContain('[entities]\nEmoji\nProtest_naming\n');
    expect(out.files['a1.txt']).toBe(TRICKY);
    const back = parseBrat(
      Object.entries(out.files).map(([path, text]) => ({ path, text })),
      { annotator: 'al' },
    );
    expect(back.lines[0].spans[0]).toEqual({ ...span, note: 'line one line two' });
    expect(bratTypeNames(['a b', 'a_b', 'a|b'])).toEqual(
      new Map([
        ['a b', 'a_b'],
        ['a_b', 'a_b-2'],
        ['a|b', 'a_b-3'],
      ]),
    );
  });
});
