import { describe, expect, it } from 'vitest';
import { formatDoccano } from '../../../src/core/formats/doccano';
import { asFiles, parse, record, write } from './helpers';

const parseDoccano = (path: string, text: string, options = {}) => parse('doccano', [{ path, text }], options);

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
    expect(r.lines[2].spans).toEqual([{ id: '0', start: 0, end: 6, label: 'ORG' }]);
    expect(r.lines[3].docLabels).toEqual({ label: ['pos'] });
    expect(r.dropped).toMatchObject([{ kind: 'relations', count: 1 }]);
    const pretty =
      '{\n  "text": "abc",\n  "entities": [\n    {"start_offset": 0, "end_offset": 1, "label": "A"}\n  ]\n}\n';
    expect(parseDoccano('p.jsonl', pretty).lines[0].spans).toEqual([{ start: 0, end: 1, label: 'A' }]);
  });

  it('reads intent detection (entities as lists, cats) and writes it back in that layout', () => {
    const file =
      '{"text": "Find a flight from Memphis to Tacoma", "entities": [[0, 26, "City"], [30, 36, "City"]], "cats": ["flight"]}\n';
    const r = parseDoccano('intent.jsonl', file, { annotator: 'al' });
    expect(r.lines[0].spans).toEqual([
      { start: 0, end: 26, label: 'City' },
      { start: 30, end: 36, label: 'City' },
    ]);
    expect(r.lines[0].docLabels).toEqual({ cats: ['flight'] });
    expect(r.detected).toEqual({ layout: 'entities-lists' });
    const out = formatDoccano(
      {
        documents: [{ id: 'intent-1', text: r.lines[0].text, meta: {} }],
        records: [record('intent-1', 'al', r.lines[0].spans, { docLabels: r.lines[0].docLabels })],
      },
      { layout: 'entities-lists' },
    );
    expect(JSON.parse(out)).toMatchObject({
      entities: [
        [0, 26, 'City'],
        [30, 36, 'City'],
      ],
      cats: ['flight'],
    });
  });

  it('writes text classification back with its classes under "label", not as metadata', () => {
    const r = parseDoccano('tc.jsonl', '{"id": 1, "text": "Terrible customer service.", "label": ["negative"]}\n', {
      annotator: 'al',
    });
    expect(r.detected).toEqual({});
    const out = write('doccano', {
      documents: [{ id: '1', text: r.lines[0].text, meta: {} }],
      records: [record('1', 'al', [], { docLabels: r.lines[0].docLabels })],
    });
    expect(JSON.parse(out as string)).toMatchObject({ id: '1', label: ['negative'] });
    expect(JSON.parse(out as string).doc_labels).toBeUndefined();
  });

  it('keeps duplicate spans, counts comments and unknown fields as drops, refuses a line without text', () => {
    const r = parseDoccano(
      'o.jsonl',
      '{"text": "exampleA", "label": [[0, 1, "LOC"], [0, 1, "LOC"]], "meta": {"wikiPageID": 1}, "Comments": ["check"]}',
    );
    expect(r.lines[0].spans).toHaveLength(2);
    expect(r.dropped.map((d) => d.kind).sort()).toEqual(['comments', 'metadata']);
    expect(() => parseDoccano('e.jsonl', '{"text": "a", "label": []}\n{"label": [[0, 1, "PER"]]}')).toThrow(
      /^e\.jsonl:2: no text/,
    );
    expect(() => parseDoccano('e.jsonl', '{"text": "a", "label": [[0, "1", "PER"]]}')).toThrow(/whole numbers/);
  });

  it('writes the layouts in code points (or UTF-16 when asked), keeping entity ids', () => {
    const input = {
      documents: [{ id: 'd1', text: '😀 riots', meta: { outlet: 'X' } }],
      records: [record('d1', 'al', [{ id: '12', start: 2, end: 7, label: 'P' }])],
    };
    expect(formatDoccano(input, {})).toBe(
      '{"id":"d1","text":"😀 riots","label":[[2,7,"P"]],"annotator":"al","status":"done","meta":{"outlet":"X"}}\n',
    );
    const entities = formatDoccano(input, { layout: 'entities', offsets: 'utf16' });
    expect(entities).toContain('"entities":[{"id":12,"start_offset":3,"end_offset":8,"label":"P"}]');
    expect(parse('doccano', asFiles(entities, 'x.jsonl'), { offsets: 'utf16' }).lines[0].spans).toEqual(
      input.records[0].spans,
    );
  });

  it('names each file\u2019s annotator after the file with annotatorFromFile (doccano\u2019s per-member export)', () => {
    const r = parse(
      'doccano',
      [
        { path: 'export/alice.jsonl', text: '{"id": 1, "text": "ab", "label": [[0, 1, "X"]]}\n' },
        { path: 'export/bob.jsonl', text: '{"id": 1, "text": "ab", "label": []}\n' },
      ],
      { annotatorFromFile: true },
    );
    expect(r.lines.map((l) => [l.id, l.annotator])).toEqual([
      ['1', 'alice'],
      ['1', 'bob'],
    ]);
  });
});
