import { describe, expect, it } from 'vitest';
import { formatLabelStudio } from '../../../src/core/formats/labelStudio';
import { parse, record } from './helpers';

const parseLabelStudio = (path: string, text: string, options = {}) => parse('label-studio', [{ path, text }], options);

const TEXT = 'Putin 😀 called Pezeshkian.';

describe('label-studio', () => {
  it('reads the current layout: labels, choices, region notes, annotators from completed_by', () => {
    const tasks = [
      {
        id: 9,
        data: { text: TEXT, title: 'Call' },
        annotations: [
          {
            completed_by: { email: 'alice@example.org' },
            result: [
              {
                id: 'r1X',
                from_name: 'label',
                to_name: 'text',
                type: 'labels',
                value: { start: 15, end: 25, text: 'Pezeshkian', labels: ['PER', 'Actor'] },
                meta: { text: ['check'] },
              },
              { from_name: 'stance', to_name: 'text', type: 'choices', value: { choices: ['critical'] } },
              { from_name: 'rel', to_name: 'text', type: 'relation' },
            ],
          },
          { completed_by: 3, result: [] },
        ],
        predictions: [{ result: [] }],
      },
    ];
    const r = parseLabelStudio('ls.json', JSON.stringify(tasks));
    expect(r.lines.map((l) => [l.id, l.annotator])).toEqual([
      ['9', 'alice'],
      ['9', 'user-3'],
    ]);
    expect(r.lines[0].meta).toEqual({ title: 'Call' });
    expect(r.lines[0].spans).toEqual([
      { id: 'r1X:2', start: 15, end: 25, label: 'Actor', note: 'check' },
      { id: 'r1X', start: 15, end: 25, label: 'PER', note: 'check' },
    ]);
    expect(r.lines[0].docLabels).toEqual({ stance: 'critical' });
    expect(r.dropped.map((d) => [d.kind, d.count])).toEqual([
      ['predictions', 1],
      ['relations', 1],
    ]);
  });

  it('reads the old completions layout and detects UTF-16 offsets from value.text', () => {
    const task = {
      id: 1,
      data: { text: TEXT },
      completions: [
        {
          id: 1,
          result: [
            {
              from_name: 'ner',
              to_name: 'text',
              type: 'labels',
              value: { start: 16, end: 26, text: 'Pezeshkian', labels: ['PER'] },
            },
          ],
        },
      ],
    };
    const r = parseLabelStudio('old.json', JSON.stringify(task), { annotator: 'bob' });
    expect(r.lines[0].annotator).toBe('bob');
    expect(r.lines[0].spans).toEqual([{ start: 15, end: 25, label: 'PER' }]);
    expect(r.warnings.join()).toMatch(/matched only as UTF-16/);
    expect(parseLabelStudio('old.json', JSON.stringify(task), { offsets: 'utf16' }).warnings).toEqual([]);
  });

  it('reads flat task lists without "data", as Label Studio’s import docs show them', () => {
    const r = parseLabelStudio('flat.json', JSON.stringify([{ text: TEXT }, { id: 'k2', text: 'second', title: 'T' }]));
    expect(r.lines.map((l) => [l.id, l.text, l.meta])).toEqual([
      ['flat-1', TEXT, {}],
      ['k2', 'second', { title: 'T' }],
    ]);
    expect(r.dropped).toEqual([]);
  });

  it('reads the JSON-MIN export (region lists beside the text)', () => {
    const min = [{ id: 3, text: TEXT, annotator: 5, label: [{ start: 0, end: 5, text: 'Putin', labels: ['PER'] }] }];
    const r = parseLabelStudio('min.json', JSON.stringify(min));
    expect(r.lines[0]).toMatchObject({ id: '3', annotator: 'user-5', spans: [{ start: 0, end: 5, label: 'PER' }] });
  });

  it('refuses a region whose value.text is not what its offsets cover in either unit', () => {
    const task = {
      data: { text: TEXT },
      annotations: [{ result: [{ type: 'labels', value: { start: 0, end: 5, text: 'Pezes', labels: ['X'] } }] }],
    };
    expect(() => parseLabelStudio('w.json', JSON.stringify([task]), { annotator: 'a' })).toThrow(
      /^w\.json:1: task 1, annotation 1, result 1: the offsets cover "Putin", value\.text is "Pezes"/,
    );
  });

  it('writes tasks that read back, with doc labels single or multiple', () => {
    const input = {
      documents: [{ id: 'd1', text: TEXT, meta: {} }],
      records: [
        record('d1', 'gold', [{ start: 0, end: 5, label: 'PER', note: 'n' }], {
          docLabels: { Frames: ['Economic'], Stance: 'critical' },
        }),
      ],
    };
    const json = formatLabelStudio(input, {});
    const task = JSON.parse(json)[0];
    expect(task.data).toEqual({ text: TEXT, doc_id: 'd1' });
    expect(task.annotations[0]).toMatchObject({ created_username: 'gold', ground_truth: true });
    const back = parseLabelStudio('x.json', json);
    expect(back.lines[0]).toMatchObject({
      id: 'd1',
      annotator: 'gold',
      spans: [{ id: 's1', start: 0, end: 5, label: 'PER', note: 'n' }],
      docLabels: { Frames: ['Economic'], Stance: 'critical' },
    });
    expect(
      formatLabelStudio(
        { ...input, records: [{ ...input.records[0], spans: [{ id: 'kEy9', start: 0, end: 5, label: 'PER' }] }] },
        {},
      ),
    ).toContain('"id": "kEy9"');
  });

  it('refuses bad tasks with the file and the task named', () => {
    expect(() => parseLabelStudio('b.json', '[{"data": {}}]')).toThrow(/^b\.json:1: task 1: no text/);
    expect(() =>
      parseLabelStudio(
        'b.json',
        '[{"data": {"text": "ab"}, "annotations": [{"result": [{"type": "labels", "value": {"start": 0, "end": 1.5, "labels": ["A"]}}]}]}]',
      ),
    ).toThrow(/whole numbers/);
    expect(() => parseLabelStudio('b.json', '[{"data"')).toThrow(/^b\.json:1: not valid JSON/);
  });
});
