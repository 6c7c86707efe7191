import { describe, expect, it } from 'vitest';
import { formatDoccano, parseDoccano } from '../../../src/core/formats/doccano';
import { record } from './helpers';

describe('doccano', () => {
  it('reads the label layout, the entities layout, renamed columns, and a pretty-printed file', () => {
    const jsonl = [
      '{"text": "EU 😀 rejects German call", "label": [[0, 2, "ORG"], [13, 19, "MISC"]]}',
      '{"column_data": "Peter Blackburn", "column_label": [[0, 15, "PERSON"]]}',
      '{"text": "Google was founded", "entities": [{"id": 0, "start_offset": 0, "end_offset": 6, "label": "ORG"}], "relations": [{"from_id": 0, "to_id": 0, "type": "x"}]}',
      '{"id": 7, "text": "positive text", "label": ["pos"]}',
    ].join('\r\n');
    const r = parseDoccano('ex.jsonl', jsonl, { annotator: 'al' });
    expect(r.lines.map((l) => l.id)).toEqual(['ex-1', 'ex-2', 'ex-3', '7']);
    expect(r.lines[0].spans).toEqual([
      { start: 0, end: 2, label: 'ORG' },
      { start: 13, end: 19, label: 'MISC' },
    ]);
    expect([...r.lines[0].text].slice(13, 19).join('')).toBe('German');
    expect(r.lines[1].spans).toEqual([{ start: 0, end: 15, label: 'PERSON' }]);
    expect(r.lines[2].spans).toEqual([{ start: 0, end: 6, label: 'ORG' }]);
    expect(r.lines[3].docLabels).toEqual({ label: ['pos'] });
    expect(r.warnings.join()).toMatch(/relations skipped: 1/);
    const pretty =
      '{\n  "text": "abc",\n  "entities": [\n    {"start_offset": 0, "end_offset": 1, "label": "A"}\n  ]\n}\n';
    expect(parseDoccano('p.jsonl', pretty).lines[0].spans).toEqual([{ start: 0, end: 1, label: 'A' }]);
  });

  it('merges duplicate spans with a warning and refuses a line without text, naming it', () => {
    const r = parseDoccano('o.jsonl', '{"text": "exampleA", "label": [[0, 1, "LOC"], [0, 1, "LOC"]]}');
    expect(r.lines[0].spans).toHaveLength(1);
    expect(r.warnings.join()).toMatch(/duplicate/);
    expect(() => parseDoccano('e.jsonl', '{"text": "a", "label": []}\n{"label": [[0, 1, "PER"]]}')).toThrow(
      /^e\.jsonl:2: no text/,
    );
    expect(() => parseDoccano('e.jsonl', '{"text": "a", "label": [[0, "1", "PER"]]}')).toThrow(/whole numbers/);
  });

  it('writes both layouts in code points (or UTF-16 when asked)', () => {
    const input = {
      documents: [{ id: 'd1', text: '😀 riots', meta: { outlet: 'X' } }],
      records: [record('d1', 'al', [{ start: 2, end: 7, label: 'P' }])],
    };
    expect(formatDoccano(input)).toBe(
      '{"id":"d1","text":"😀 riots","label":[[2,7,"P"]],"annotator":"al","status":"done","meta":{"outlet":"X"}}\n',
    );
    expect(formatDoccano(input, { layout: 'entities', offsets: 'utf16' })).toContain(
      '"entities":[{"id":0,"start_offset":3,"end_offset":8,"label":"P"}]',
    );
  });
});
