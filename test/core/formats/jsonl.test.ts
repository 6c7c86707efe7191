import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultStatus, formatInterchangeLine, parseInterchangeRecord } from '../../../src/core/formats/jsonl';
import { ParseContext } from '../../../src/core/formats/types';
import type { Memo } from '../../../src/core/model';
import { OffsetMap } from '../../../src/core/offsets';
import { stableLine } from '../../../src/core/stableJson';
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

  it('writes every key but id, text and relations in sorted order, each value as written in', () => {
    const str = fc.constantFrom('a', 'riots "q"', '😀\n', '10', '', '\u2028');
    const meta = fc.record(
      { title: str, outlet: str, published: str, publishedRaw: str, author: str, url: str, story: str, source: str },
      { requiredKeys: [] },
    );
    const span = fc.record(
      {
        start: fc.nat(3),
        end: fc.integer({ min: 4, max: 8 }),
        label: str,
        id: fc.constantFrom('s1', 's2'),
        note: str,
        origin: fc.constant('suggestion' as const),
      },
      { requiredKeys: ['start', 'end', 'label'] },
    );
    const recordArb = fc.option(
      fc.record({
        annotator: fc.constantFrom('alice', 'bob'),
        status: fc.constantFrom('todo' as const, 'done' as const),
        spans: fc.array(span, { maxLength: 3 }),
        docLabels: fc.dictionary(fc.constantFrom('Stance', '2', '10', 'b a'), fc.oneof(str, fc.array(str))),
        relations: fc.array(fc.record({ from: fc.nat(2), to: fc.nat(2), type: str }), { maxLength: 2 }),
      }),
    );
    const memoArb = fc.record({
      id: fc.constant('5bccd648-9d72-84a0-be92-e9c6dbf18624'),
      annotator: fc.constantFrom('alice', 'bob'),
      target: fc.constantFrom(
        { kind: 'project' as const },
        { kind: 'document' as const, document: 'd' },
        { kind: 'range' as const, document: 'd', start: 1, end: 3 },
      ),
      text: str,
    });
    fc.assert(
      fc.property(
        meta,
        recordArb,
        fc.array(memoArb, { maxLength: 2 }),
        fc.constantFrom('codepoint' as const, 'utf16' as const),
        (m, record, memos: Memo[], offsets) => {
          const doc = { id: 'd', text: '😀 riots 😀 and more', meta: m };
          const line = formatInterchangeLine(doc, record, offsets, memos);
          const { id, text, relations, ...rest } = JSON.parse(line);
          const sorted = stableLine(rest);
          const relationsPart = relations === undefined ? '' : `,"relations":${stableLine(relations)}`;
          expect(line).toBe(
            `{"id":${JSON.stringify(id)},"text":${JSON.stringify(text)},${sorted.slice(1, -1)}${relationsPart}}`,
          );
          expect([id, text]).toEqual([doc.id, doc.text]);
          const map = new OffsetMap(doc.text);
          const at = (n: number) => (offsets === 'utf16' ? map.toUtf16(n) : n);
          expect(rest.annotator).toBe(record?.annotator ?? memos[0]?.annotator);
          expect(rest.status).toBe(record?.status);
          expect(rest.doc_labels).toEqual(record?.docLabels);
          expect(rest.spans).toEqual(record?.spans.map((s) => ({ ...s, start: at(s.start), end: at(s.end) })));
          expect(relations).toEqual(record?.relations.length ? record.relations : undefined);
          expect(rest.memos?.length ?? 0).toBe(memos.length);
          const { publishedRaw, ...others } = m;
          expect(rest.meta).toEqual({
            ...others,
            ...(publishedRaw !== undefined ? { published_raw: publishedRaw } : {}),
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('writes a bare document line without annotation keys', () => {
    expect(JSON.parse(formatInterchangeLine({ id: 'd', text: 't', meta: {} }, null))).toEqual({
      id: 'd',
      text: 't',
      meta: {},
    });
  });
});
