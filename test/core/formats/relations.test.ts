import { describe, expect, it } from 'vitest';
import { formatNamed } from '../../../src/core/formats/registry';
import { verifyRoundTrip } from '../../../src/core/formats/verify';
import { asFiles, parse, record, write } from './helpers';

const TEXT = 'Officials blamed foreign agents for the riots; the rioters, protesters, marched.';
const spans = [
  { start: 0, end: 9, label: 'Actor' },
  { start: 10, end: 16, label: 'Foreign attribution' },
  { start: 17, end: 31, label: 'Actor' },
  { start: 51, end: 58, label: 'Naming' },
  { start: 60, end: 70, label: 'Actor' },
];
const relations = [
  { from: 1, to: 2, type: 'attributes responsibility to', note: 'explicit, "quoted"' },
  { from: 3, to: 4, type: 'refers to' },
];
const input = () => ({
  documents: [{ id: 'a1', text: TEXT, meta: {} }],
  records: [record('a1', 'alice', spans, { relations })],
});

describe('relations in the interchange JSONL', () => {
  it('are written after the spans with indexes into them and read back identically', () => {
    const out = write('jsonl', input()) as string;
    const line = out.trim();
    expect(line.indexOf('"relations"')).toBeGreaterThan(line.indexOf('"spans"'));
    expect(JSON.parse(line).relations).toEqual(relations);
    const back = parse('jsonl', asFiles(out, 'x.jsonl')).lines[0];
    expect(back.spans).toEqual(spans);
    expect(back.relations).toEqual(relations);
  });

  it('refuse an index outside the line and a self-link in one line naming the place', () => {
    const bad = (r: unknown) =>
      JSON.stringify({
        id: 'a',
        text: 'ab',
        annotator: 'x',
        spans: [{ start: 0, end: 1, label: 'L' }],
        relations: [r],
      });
    expect(() => parse('jsonl', [{ path: 'r.jsonl', text: bad({ from: 0, to: 1, type: 't' }) }])).toThrow(
      /r\.jsonl:1.*relations\[0\]: to 1 is not an index/,
    );
    expect(() => parse('jsonl', [{ path: 'r.jsonl', text: bad({ from: 0, to: 0, type: 't' }) }])).toThrow(
      /links span 0 to itself/,
    );
    expect(() => parse('jsonl', [{ path: 'r.jsonl', text: bad({ from: 0, to: 0 }) }])).toThrow(/type must be/);
  });

  it('that point at a dropped empty span are refused unless relations may be dropped', () => {
    const text = JSON.stringify({
      id: 'a',
      text: 'abc',
      annotator: 'x',
      spans: [
        { start: 1, end: 1, label: 'E' },
        { start: 0, end: 1, label: 'L' },
        { start: 2, end: 3, label: 'M' },
      ],
      relations: [
        { from: 0, to: 1, type: 't' },
        { from: 1, to: 2, type: 'u' },
      ],
    });
    const r = parse('jsonl', [{ path: 'e.jsonl', text }]);
    expect(r.lines[0].relations).toEqual([{ from: 0, to: 1, type: 'u' }]);
    expect(r.dropped.map((d) => [d.kind, d.count])).toEqual([
      ['empty-spans', 1],
      ['relations', 1],
    ]);
  });
});

describe('relations in brat', () => {
  it('become R lines with their notes, a relation type with spaces gets a brat type name and comes back', () => {
    const out = write('brat', input());
    if (typeof out === 'string') throw new Error('brat writes a folder');
    expect(out.files['a1.ann']).toContain('R1\tattributes_responsibility_to Arg1:T2 Arg2:T3\t\n');
    expect(out.files['a1.ann']).toContain('R2\trefers_to Arg1:T4 Arg2:T5\t\n');
    expect(out.files['a1.ann']).toContain('AnnotatorNotes R1\texplicit, "quoted"');
    const back = parse('brat', asFiles(out), { annotator: 'alice' }).lines[0];
    expect(back.spans.map(({ id: _id, ...s }) => s)).toEqual(spans);
    expect(back.relations).toEqual(relations);
  });

  it('pass the import verification of every format that carries them', () => {
    for (const name of ['jsonl', 'brat', 'webanno-tsv', 'label-studio']) {
      const f = formatNamed(name)!;
      expect(f.carries).toContain('relations');
      const lines = parse(name, asFiles(write(name, input()) as never, 'x.jsonl'), { annotator: 'alice' }).lines;
      expect(verifyRoundTrip(f, lines, { annotator: 'alice' }, {})).toEqual([]);
    }
  });

  it('a relation to an event is refused, and dropped when named', () => {
    const txt = { path: 'd.txt', text: 'Bank moved money.' };
    const ann = {
      path: 'd.ann',
      text: 'T1\tOrg 0 4\tBank\nT2\tMove 5 10\tmoved\nE1\tMove:T2\nR1\tBy Arg1:T1 Arg2:E1\t\n',
    };
    const r = parse('brat', [txt, ann], { annotator: 'a' });
    expect(r.lines[0].relations).toBeUndefined();
    const drop = r.dropped.find((d) => d.kind === 'relations');
    expect(drop?.count).toBe(1);
    expect(drop?.first).toMatchObject({ file: 'd.ann', line: 4 });
  });
});

describe('relations in WebAnno TSV 3', () => {
  const tsv = [
    '#FORMAT=WebAnno TSV 3.3',
    '#T_SP=webanno.custom.Span|value',
    '#T_RL=webanno.custom.Relation|value|BT_webanno.custom.Span',
    '',
    '',
    '#Text=Officials blamed foreign agents .',
    '1-1\t0-9\tOfficials\tActor\t_\t_\t',
    '1-2\t10-16\tblamed\tBlame[1]|Verb[2]\t_\t_\t',
    '1-3\t17-24\tforeign\tActor[3]\tblames\t1-2[1_3]\t',
    '1-4\t25-31\tagents\tActor[3]\t_\t_\t',
    '1-5\t32-33\t.\tEnd[4]\t*|speaks\t1-1|1-2[2_4]\t',
  ];
  const file = tsv.join('\n');

  it('reads `row` and `row[gov_dep]` references, stacked relations and untyped ones (the layer name)', () => {
    const line = parse('webanno-tsv', [{ path: 'd.tsv', text: file }], { annotator: 'al' }).lines[0];
    const named = (line.relations ?? []).map((r) => [line.spans[r.from].label, r.type, line.spans[r.to].label]);
    expect(named).toEqual([
      ['Blame', 'blames', 'Actor'],
      ['Actor', 'Relation', 'End'],
      ['Verb', 'speaks', 'End'],
    ]);
    expect(line.spans.find((s) => s.label === 'Actor' && s.start > 0)).toMatchObject({ start: 17, end: 31 });
  });

  it('writes a relation layer and reads back the same relations between the same spans', () => {
    const out = write('webanno-tsv', input());
    if (typeof out === 'string') throw new Error('WebAnno TSV writes a folder');
    const text = Object.values(out.files)[0];
    expect(text).toContain('#T_RL=webanno.custom.Relation|label|note|BT_webanno.custom.Span');
    const back = parse('webanno-tsv', asFiles(out), { annotator: 'alice' }).lines[0];
    expect(back.spans).toEqual(spans);
    expect(back.relations).toEqual(relations);
  });

  it('a reference to no span of the attached layer is counted as a dropped relation', () => {
    const bad = file.replace('1-2[1_3]', '1-4[9_3]');
    const r = parse('webanno-tsv', [{ path: 'd.tsv', text: bad }], { annotator: 'al' });
    expect(r.lines[0].relations).toHaveLength(2);
    expect(r.dropped.find((d) => d.kind === 'relations')).toMatchObject({ count: 1, first: { line: 9 } });
  });
});

describe('relations in Label Studio', () => {
  it('become relation results with the type as their label, read back between the same spans', () => {
    const json = write('label-studio', input()) as string;
    const results = JSON.parse(json)[0].annotations[0].result;
    expect(results.filter((r: { type: string }) => r.type === 'relation')).toEqual([
      { from_id: 's2', to_id: 's3', type: 'relation', direction: 'right', labels: ['attributes responsibility to'] },
      { from_id: 's4', to_id: 's5', type: 'relation', direction: 'right', labels: ['refers to'] },
    ]);
    const back = parse('label-studio', asFiles(json, 'x.json')).lines[0];
    expect(back.relations).toEqual(relations.map(({ note: _n, ...r }) => r));
  });

  it('reads direction left reversed, one relation per label, and refuses one without a label or both ways', () => {
    const region = (id: string, start: number, end: number) => ({
      id,
      from_name: 'label',
      to_name: 'text',
      type: 'labels',
      value: { start, end, text: 'abcdef'.slice(start, end), labels: ['L'] },
    });
    const task = {
      data: { text: 'abcdef' },
      annotations: [
        {
          completed_by: 'al',
          result: [
            { from_id: 'r1', to_id: 'r2', type: 'relation', direction: 'left', labels: ['x', 'y'] },
            { from_id: 'r1', to_id: 'r2', type: 'relation', direction: 'right', labels: [] },
            { from_id: 'r2', to_id: 'r1', type: 'relation', direction: 'bi', labels: ['z'] },
            region('r1', 0, 2),
            region('r2', 3, 5),
          ],
        },
      ],
    };
    const r = parse('label-studio', [{ path: 't.json', text: JSON.stringify([task]) }]);
    expect(r.lines[0].relations).toEqual([
      { from: 1, to: 0, type: 'x' },
      { from: 1, to: 0, type: 'y' },
    ]);
    const dropped = r.dropped.find((d) => d.kind === 'relations');
    expect(dropped?.count).toBe(2);
    expect(dropped?.first.what).toMatch(/no label/);
  });
});

describe('relations in the span CSV and the Hugging Face export', () => {
  it('CSV: one row per relation after the span rows, ends by span id, read back identically', () => {
    const out = write('csv', input()) as string;
    const rows = out.trim().split('\r\n');
    expect(rows[0].endsWith(',relation_type,relation_from,relation_to')).toBe(true);
    expect(rows).toHaveLength(1 + spans.length + relations.length);
    expect(rows[6].endsWith(',attributes responsibility to,s2,s3')).toBe(true);
    const back = parse('csv', asFiles(out, 'x.csv')).lines[0];
    expect(back.spans.map(({ id: _id, ...s }) => s)).toEqual(spans);
    expect(back.relations).toEqual(relations);
  });

  it('CSV: a relation naming a span id the record lacks is refused with its line', () => {
    const out = (write('csv', input()) as string).replace(',s2,s3\r\n', ',s2,s9\r\n');
    expect(() => parse('csv', asFiles(out, 'x.csv'))).toThrow(/x\.csv:7.*span_id "s9" is no span/);
  });

  it('HF: every line has relations indexing its spans, and the card counts the types', () => {
    const out = write('hf', input());
    if (typeof out === 'string') throw new Error('hf writes a folder');
    const line = JSON.parse(out.files['data/train.jsonl'].trim());
    expect(line.relations).toEqual(relations.map((r) => ({ ...r, note: r.note ?? null })));
    expect(line.spans[line.relations[0].from].label).toBe('Foreign attribution');
    expect(out.files['README.md']).toContain('| refers to | 1 |');
  });
});

describe('relations in doccano', () => {
  it('the relation-extraction layout reads from_id/to_id by entity id and writes them back in the entities layout', () => {
    const out = write('doccano', input(), { layout: 'entities' }) as string;
    const obj = JSON.parse(out.trim());
    expect(obj.relations).toEqual([
      { id: 0, from_id: 1, to_id: 2, type: 'attributes responsibility to' },
      { id: 1, from_id: 3, to_id: 4, type: 'refers to' },
    ]);
    const back = parse('doccano', asFiles(out, 'x.jsonl')).lines[0];
    expect(back.relations).toEqual(relations.map(({ note: _n, ...r }) => r));
    const r = parse('doccano', [{ path: 'y.jsonl', text: out.replace('"to_id":4', '"to_id":9') }]);
    expect(r.dropped.find((d) => d.kind === 'relations')?.first.what).toMatch(/names no entity/);
  });
});
