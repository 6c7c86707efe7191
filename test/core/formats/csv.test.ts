import { describe, expect, it } from 'vitest';
import { formatCsv, guessFieldMapping, parseCsvRows } from '../../../src/core/formats/csv';
import { parse, record, sampleInput, spanOf, TRICKY } from './helpers';

const parseCsv = (path: string, text: string, options = {}) => parse('csv', [{ path, text }], options);

describe('csv', () => {
  it('parses RFC 4180: quotes, doubled quotes, line breaks in fields, CRLF, BOM, blank lines', () => {
    const rows = parseCsvRows('\uFEFFa,b\r\n"x, y","he said ""hi"""\r\n"multi\r\nline",z\n\n1,\n');
    expect(rows.map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['x, y', 'he said "hi"'],
      ['multi\r\nline', 'z'],
      ['1', ''],
    ]);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 6]);
  });

  it('writes one row per span with metadata and span text, a record row, and a document row', () => {
    const csv = formatCsv(sampleInput());
    const rows = parseCsvRows(csv);
    expect(rows[0].cells.slice(0, 9)).toEqual([
      'document_id',
      'annotator',
      'status',
      'label',
      'start',
      'end',
      'span_id',
      'span_text',
      'note',
    ]);
    const script = rows.find((r) => r.cells[3] === 'Security and defense')!;
    expect(script.cells[7]).toBe('<script>alert(1)</script>');
    expect(rows.find((r) => r.cells[0] === 'article333')!.cells[1]).toBe('');
    // The text is written once per document.
    expect(rows.filter((r) => r.cells[18] === TRICKY)).toHaveLength(1);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('keeps a record without spans (status and doc labels) through a record row', () => {
    const input = {
      documents: [{ id: 'd1', text: 'abc', meta: {} }],
      records: [record('d1', 'al', [], { status: 'skipped', docLabels: { Stance: 'neutral' } })],
    };
    const back = parseCsv('x.csv', formatCsv(input));
    expect(back.lines).toEqual([
      {
        id: 'd1',
        text: 'abc',
        meta: {},
        annotator: 'al',
        status: 'skipped',
        spans: [],
        docLabels: { Stance: 'neutral' },
        where: { file: 'x.csv', line: 2 },
      },
    ]);
  });

  it('reads a generic CSV of documents with a guessed mapping', () => {
    const headers = ['Article ID', 'Headline', 'Body', 'Publisher', 'Publish Date', 'Link'];
    expect(guessFieldMapping(headers)).toEqual({
      id: 'Article ID',
      text: 'Body',
      url: 'Link',
      title: 'Headline',
      date: 'Publish Date',
      outlet: 'Publisher',
    });
    expect(guessFieldMapping(['id', 'text', 'title', 'source', 'date', 'url'])).toEqual({
      id: 'id',
      text: 'text',
      title: 'title',
      outlet: 'source',
      date: 'date',
      url: 'url',
    });
    const { lines } = parseCsv(
      'news.csv',
      'id;title;content;date\nn1;T;"Body; with <script>x</script>";16/01/20267\nn2;U;B;2026-01-16\n',
    );
    expect(lines[0]).toEqual({
      id: 'n1',
      text: 'Body; with <script>x</script>',
      meta: { title: 'T', publishedRaw: '16/01/20267' },
      spans: [],
      docLabels: {},
      raw: true,
      where: { file: 'news.csv', line: 2 },
    });
    expect(lines[1].meta.published).toBe('2026-01-16');
    const mapped = parseCsv('news.csv', 'a,b\nfoo,bar\n', { mapping: { text: 'b' } });
    expect(mapped.lines[0]).toMatchObject({ id: 'news-1', text: 'bar' });
  });

  it('refuses what it cannot trust, naming the line', () => {
    expect(() => parseCsv('n.csv', 'title,date\nx,y\n')).toThrow(/^n\.csv:1: no column holds the text/);
    expect(() => parseCsv('n.csv', 'id,text\na/b,x\n')).toThrow(/^n\.csv:2: document id may only hold/);
    const csv = 'document_id,annotator,status,label,start,end,text\nd1,al,done,X,0,1,abc\nd1,al,done,X,1,2,abd\n';
    expect(() => parseCsv('s.csv', csv)).toThrow(/^s\.csv:3: document d1 has a different text/);
    expect(() => parseCsv('s.csv', 'document_id,annotator,status,label,start,end,text\nd1,,,X,0,1,abc\n')).toThrow(
      /without an annotator/,
    );
  });

  it('refuses a row whose span_text disagrees with the offsets (a unit mix-up)', () => {
    const input = {
      documents: [{ id: 'd1', text: TRICKY, meta: {} }],
      records: [record('d1', 'al', [spanOf(TRICKY, 'said', 'X')])],
    };
    const csv = formatCsv(input).replace(',said,', ',sai,');
    expect(() => parseCsv('s.csv', csv)).toThrow(/^s\.csv:2: span_text "sai" differs/);
  });

  it('keeps span ids through the span_id column', () => {
    const input = {
      documents: [{ id: 'd1', text: TRICKY, meta: {} }],
      records: [record('d1', 'al', [{ ...spanOf(TRICKY, 'said', 'X'), id: 'T4' }])],
    };
    expect(parseCsv('s.csv', formatCsv(input)).lines[0].spans).toEqual(input.records[0].spans);
  });
});
