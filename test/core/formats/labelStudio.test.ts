import { describe, expect, it } from 'vitest';
import { formatLabelStudio, parseLabelStudio } from '../../../src/core/formats/labelStudio';
import { record } from './helpers';

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
      { start: 15, end: 25, label: 'Actor', note: 'check' },
      { start: 15, end: 25, label: 'PER', note: 'check' },
    ]);
    expect(r.lines[0].docLabels).toEqual({ stance: 'critical' });
    expect(r.warnings.join()).toMatch(/predictions skipped/);
    expect(r.warnings.join()).toMatch(/"relation" skipped/);
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

  it('writes tasks that read back, with doc labels single or multiple', () => {
    const input = {
      documents: [{ id: 'd1', text: TEXT, meta: {} }],
      records: [
        record('d1', 'gold', [{ start: 0, end: 5, label: 'PER', note: 'n' }], {
          docLabels: { Frames: ['Economic'], Stance: 'critical' },
        }),
      ],
    };
    const json = formatLabelStudio(input);
    const task = JSON.parse(json)[0];
    expect(task.data).toEqual({ text: TEXT, doc_id: 'd1' });
    expect(task.annotations[0]).toMatchObject({ created_username: 'gold', ground_truth: true });
    const back = parseLabelStudio('x.json', json);
    expect(back.lines[0]).toMatchObject({
      id: 'd1',
      annotator: 'gold',
      spans: [{ start: 0, end: 5, label: 'PER', note: 'n' }],
      docLabels: { Frames: ['Economic'], Stance: 'critical' },
    });
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
