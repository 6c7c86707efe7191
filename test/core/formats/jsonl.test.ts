import { describe, expect, it } from 'vitest';
import { defaultStatus, formatInterchangeLine, parseInterchangeRecord } from '../../../src/core/formats/jsonl';
import { ParseContext } from '../../../src/core/formats/types';
import { parse, type TestRecord } from './helpers';

function one(raw: string, line = 1, options = {}) {
  return parseInterchangeRecord(JSON.parse(raw), 'in.jsonl', line, options, new ParseContext());
}

describe('interchange records', () => {
  it('reads the interchange format\u2019s example line, span ids included', () => {
    const line = one(
      '{"id": "article111111111", "text": "Full text ...", "meta": {"title": "T", "outlet": "MENAFN", "published": "2026-01-16", "url": "https://x", "story": "s"}, "annotator": "alice", "status": "done", "spans": [{"id": "s7", "start": 0, "end": 4, "label": "Protest naming", "note": "n"}], "doc_labels": {"Stance": "critical", "Frames": ["Economic"]}}',
    );
    expect(line.id).toBe('article111111111');
    expect(line.meta.outlet).toBe('MENAFN');
    expect(line.spans).toEqual([{ id: 's7', start: 0, end: 4, label: 'Protest naming', note: 'n' }]);
    expect(line.docLabels).toEqual({ Stance: 'critical', Frames: ['Economic'] });
    expect(line.status).toBe('done');
  });

  it('converts UTF-16 offsets to code points when asked', () => {
    const raw = JSON.stringify({
      id: 'd',
      text: '😀 riots',
      annotator: 'a',
      spans: [{ start: 3, end: 8, label: 'x' }],
    });
    expect(one(raw, 1, { offsets: 'utf16' }).spans[0]).toEqual({ start: 2, end: 7, label: 'x' });
    expect(one(raw.replace('"start":3', '"start":2').replace('"end":8', '"end":7')).spans[0]).toEqual({
      start: 2,
      end: 7,
      label: 'x',
    });
  });

  it('names the file, the line and the problem', () => {
    expect(() => parse('jsonl', [{ path: 'in.jsonl', text: '{"id":"a","text":"x"}\n{"id": "d"' }])).toThrow(
      /^in\.jsonl:2: not valid JSON/,
    );
    expect(() =>
      one('{"id": "d", "text": "abc", "annotator": "a", "spans": [{"start": 1, "end": 9, "label": "x"}]}', 3),
    ).toThrow(/in\.jsonl:3: spans\[0\]: end 9 is past the end of the text \(3 code points\)/);
    expect(() => one('{"id": "d", "text": "abc", "spans": [{"start": 0, "end": 1, "label": "x"}]}', 2)).toThrow(
      /without an annotator/,
    );
    expect(() => one('{"id": "a/b", "text": "abc"}')).toThrow(/id/);
    expect(() => one('[1]')).toThrow(/one JSON object/);
  });

  it('names the line of the bad record in a JSON array, not line 1', () => {
    const text = '[\n  {"id": "a", "text": "x"},\n  {"id": "b", "text": "y"},\n  {"id": "c/d",\n   "text": "z"}\n]\n';
    expect(() => parse('jsonl', [{ path: 'arr.json', text }])).toThrow(/^arr\.json:4: document id may only hold/);
    const broken = '[\n  {"id": "a", "text": "x"},\n\n  {"id": "b", "text": }\n]';
    expect(() => parse('jsonl', [{ path: 'arr.json', text: broken }])).toThrow(/^arr\.json:4: not valid JSON/);
  });

  it('applies --annotator to lines without one', () => {
    const line = one('{"id": "d", "text": "abc", "spans": [{"start": 0, "end": 1, "label": "x"}]}', 1, {
      annotator: 'bob',
    });
    expect(line.annotator).toBe('bob');
    expect(defaultStatus(line)).toBe('in_progress');
    expect(defaultStatus({ spans: [], docLabels: {} })).toBe('todo');
  });

  it('keeps the text exactly: BOM, CRLF, non-NFC, astral, trailing space', () => {
    const text = '\uFEFFCafe\u0301 😀\r\nline two  ';
    const { lines } = parse('jsonl', [{ path: 'x.jsonl', text: `\uFEFF${JSON.stringify({ id: 'd', text })}\n` }]);
    expect(lines[0].text).toBe(text);
  });

  it('counts unknown fields as drops, never silently, and keeps relations', () => {
    const { dropped, lines } = parse('jsonl', [
      {
        path: 'x.jsonl',
        text: `${JSON.stringify({
          id: 'd',
          text: 'abc',
          annotator: 'a',
          spans: [
            { start: 0, end: 1, label: 'x' },
            { start: 1, end: 2, label: 'y' },
          ],
          relations: [{ from: 0, to: 1, type: 'r' }],
          extra: 1,
          meta: { weird: 'w' },
        })}\n`,
      },
    ]);
    expect(dropped.map((d) => [d.kind, d.count])).toEqual([['metadata', 2]]);
    expect(lines[0].relations).toEqual([{ from: 0, to: 1, type: 'r' }]);
  });
});

describe('formatInterchangeLine', () => {
  const record: TestRecord = {
    document: 'd',
    annotator: 'alice',
    textHash: 'sha256:x',
    codebookVersion: 1,
    status: 'done',
    spans: [{ id: 's1', start: 2, end: 7, label: 'Naming' }],
    docLabels: { Stance: 'critical' },
    updatedAt: '2026-01-01T00:00:00Z',
  };

  it('writes id and text first, then sorted keys, and round-trips', () => {
    const out = formatInterchangeLine({ id: 'd', text: '😀 riots', meta: { outlet: 'X' } }, record);
    expect(out.startsWith('{"id":"d","text":"😀 riots",')).toBe(true);
    const back = one(out);
    expect(back.spans).toEqual(record.spans);
    expect(back.annotator).toBe('alice');
    expect(back.meta).toEqual({ outlet: 'X' });
  });

  it('writes UTF-16 offsets when asked', () => {
    const out = JSON.parse(formatInterchangeLine({ id: 'd', text: '😀 riots', meta: {} }, record, 'utf16'));
    expect(out.spans[0]).toEqual({ id: 's1', start: 3, end: 8, label: 'Naming' });
  });

  it('writes a bare document line without annotation keys', () => {
    expect(JSON.parse(formatInterchangeLine({ id: 'd', text: 't', meta: {} }, null))).toEqual({
      id: 'd',
      text: 't',
      meta: {},
    });
  });
});
