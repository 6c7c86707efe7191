import { describe, expect, it } from 'vitest';
import { defaultStatus, formatInterchangeLine, parseInterchangeLine } from '../../../src/core/formats/jsonl';
import type { AnnotationRecord } from '../../../src/core/model';

describe('parseInterchangeLine', () => {
  it('reads the example line of interchange.md', () => {
    const line = parseInterchangeLine(
      '{"id": "article111111111", "text": "Full text ...", "meta": {"title": "T", "outlet": "MENAFN", "published": "2026-01-16", "url": "https://x", "story": "s"}, "annotator": "alice", "status": "done", "spans": [{"start": 0, "end": 4, "label": "Protest naming", "note": "n"}], "doc_labels": {"Stance": "critical", "Frames": ["Economic"]}}',
      1,
    );
    expect(line.id).toBe('article111111111');
    expect(line.meta.outlet).toBe('MENAFN');
    expect(line.spans).toEqual([{ start: 0, end: 4, label: 'Protest naming', note: 'n' }]);
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
    expect(parseInterchangeLine(raw, 1, { offsets: 'utf16' }).spans[0]).toEqual({ start: 2, end: 7, label: 'x' });
    expect(
      parseInterchangeLine(raw.replace('"start":3', '"start":2').replace('"end":8', '"end":7'), 1).spans[0],
    ).toEqual({
      start: 2,
      end: 7,
      label: 'x',
    });
  });

  it('names the line and the problem', () => {
    expect(() => parseInterchangeLine('{"id": "d"', 7)).toThrow(/^line 7: not valid JSON/);
    expect(() =>
      parseInterchangeLine(
        '{"id": "d", "text": "abc", "annotator": "a", "spans": [{"start": 1, "end": 9, "label": "x"}]}',
        3,
      ),
    ).toThrow(/line 3: spans\[0\]: end 9 is past the end of the text \(3 code points\)/);
    expect(() =>
      parseInterchangeLine('{"id": "d", "text": "abc", "spans": [{"start": 0, "end": 1, "label": "x"}]}', 2),
    ).toThrow(/without an annotator/);
    expect(() => parseInterchangeLine('{"id": "a/b", "text": "abc"}', 1)).toThrow(/id/);
    expect(() => parseInterchangeLine('[1]', 1)).toThrow(/one JSON object/);
  });

  it('applies --annotator to lines without one', () => {
    const line = parseInterchangeLine(
      '{"id": "d", "text": "abc", "spans": [{"start": 0, "end": 1, "label": "x"}]}',
      1,
      {
        annotator: 'bob',
      },
    );
    expect(line.annotator).toBe('bob');
    expect(defaultStatus(line)).toBe('in_progress');
    expect(defaultStatus({ spans: [], docLabels: {} })).toBe('todo');
  });
});

describe('formatInterchangeLine', () => {
  const record: AnnotationRecord = {
    document: 'd',
    annotator: 'alice',
    textHash: 'sha256:x',
    codebookVersion: 1,
    status: 'done',
    spans: [{ start: 2, end: 7, label: 'Naming' }],
    docLabels: { Stance: 'critical' },
    updatedAt: '2026-01-01T00:00:00Z',
  };

  it('writes id and text first, then sorted keys, and round-trips', () => {
    const out = formatInterchangeLine({ id: 'd', text: '😀 riots', meta: { outlet: 'X' } }, record);
    expect(out.startsWith('{"id":"d","text":"😀 riots",')).toBe(true);
    const back = parseInterchangeLine(out, 1);
    expect(back.spans).toEqual(record.spans);
    expect(back.annotator).toBe('alice');
    expect(back.meta).toEqual({ outlet: 'X' });
  });

  it('writes UTF-16 offsets when asked', () => {
    const out = JSON.parse(formatInterchangeLine({ id: 'd', text: '😀 riots', meta: {} }, record, 'utf16'));
    expect(out.spans[0]).toEqual({ start: 3, end: 8, label: 'Naming' });
  });

  it('writes a bare document line without annotation keys', () => {
    expect(JSON.parse(formatInterchangeLine({ id: 'd', text: 't', meta: {} }, null))).toEqual({
      id: 'd',
      text: 't',
      meta: {},
    });
  });
});
