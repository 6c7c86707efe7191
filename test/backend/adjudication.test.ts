import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acceptUnanimous, decide, decideRelation } from '../../src/backend/adjudication';
import { importIntoProject } from '../../src/backend/importer';
import { Project } from '../../src/backend/project';
import { tempDir } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

describe('gold layer', () => {
  it('accepts unanimous spans of a generated three-annotator corpus and leaves decisions untouched', async () => {
    const project = await Project.create(join(dir, 'p'), 'P');
    const lines: string[] = [];
    const text = 'one two three four five six seven eight nine ten eleven twelve';
    for (let d = 0; d < 6; d++)
      for (const a of ['ann', 'ben', 'cat']) {
        const spans = [{ start: 0, end: 3, label: 'X' }];
        if (a !== 'cat') spans.push({ start: 4, end: 7, label: 'Y' });
        if (a === 'ann') spans.push({ start: 8, end: 13, label: 'X' });
        lines.push(JSON.stringify({ id: `d${d}`, text: `${text} ${d}`, annotator: a, status: 'done', spans }));
      }
    await writeFile(join(dir, 'c.jsonl'), lines.join('\n'));
    await importIntoProject(project, { paths: [join(dir, 'c.jsonl')], format: 'jsonl' });
    // The lead already rejected the unanimous span of d0.
    await decide(project, 'd0', [
      {
        action: 'reject',
        span: { start: 0, end: 3, label: 'X' },
        sources: ['ann', 'ben', 'cat'],
        by: 'lead',
        reason: 'guideline-gap',
      },
    ]);
    const all = await acceptUnanimous(project, { by: 'lead' });
    expect(all).toMatchObject({ documents: 5, accepted: 5, alreadyDecided: 1 });
    expect((await project.readRecord('gold', 'd0'))?.spans).toEqual([]);
    expect((await project.readRecord('gold', 'd1'))?.spans).toEqual([{ id: 's1', start: 0, end: 3, label: 'X' }]);
    const two = await acceptUnanimous(project, { by: 'lead', min: 2 });
    expect(two.accepted).toBe(6);
    const gold = await project.readRecord('gold', 'd1');
    expect(gold?.spans.map((s) => s.label)).toEqual(['X', 'Y']);
    expect(gold?.decisions?.map((d) => [d.action, d.reason, d.by, d.sources.join()])).toEqual([
      ['accept', 'unanimous', 'lead', 'ann,ben,cat'],
      ['accept', 'unanimous', 'lead', 'ann,ben'],
    ]);
  });
});

describe('relations into gold', () => {
  it('go to gold only once both spans are there, with who and why, and the gold file keeps them', async () => {
    const project = await Project.create(join(dir, 'p'), 'P');
    const line = {
      id: 'd1',
      text: 'Officials blamed foreign agents.',
      annotator: 'ann',
      status: 'done',
      spans: [
        { start: 0, end: 9, label: 'Actor' },
        { start: 17, end: 31, label: 'Actor' },
      ],
      relations: [{ from: 0, to: 1, type: 'blames' }],
    };
    await writeFile(join(dir, 'c.jsonl'), JSON.stringify(line));
    await importIntoProject(project, { paths: [join(dir, 'c.jsonl')], format: 'jsonl' });
    const relation = {
      type: 'blames',
      from: { start: 0, end: 9, label: 'Actor' },
      to: { start: 17, end: 31, label: 'Actor' },
    };
    const input = { action: 'accept' as const, relation, sources: ['ann'], by: 'lead', reason: 'coder-error' as const };
    await expect(decideRelation(project, 'd1', input)).rejects.toThrow(/refused: a relation goes to gold only when/);
    await decide(project, 'd1', [
      { action: 'accept', span: relation.from, sources: ['ann'], by: 'lead', reason: 'unanimous' },
      { action: 'accept', span: relation.to, sources: ['ann'], by: 'lead', reason: 'unanimous' },
    ]);
    const gold = await decideRelation(project, 'd1', input);
    const [a, b] = gold.spans;
    expect(gold.relations).toEqual([{ from: a.id, to: b.id, type: 'blames' }]);
    const again = await project.readRecord('gold', 'd1');
    expect(again?.relations).toEqual(gold.relations);
    expect(again?.relationDecisions?.[0]).toMatchObject({ action: 'accept', by: 'lead', reason: 'coder-error' });
  });
});

describe('accept all unanimous: document labels', () => {
  it('settles a stance and a frame list every coder gave, with the spans, and leaves a split or decided group alone', async () => {
    const project = await Project.create(join(dir, 'p'), 'P');
    const text = 'Protesters gathered in the capital on Friday.';
    const line = (id: string, annotator: string, doc_labels: Record<string, string | string[]>) =>
      JSON.stringify({
        id,
        text: `${text} ${id}`,
        annotator,
        status: 'done',
        spans: [{ start: 0, end: 10, label: 'X' }],
        doc_labels,
      });
    const lines = [
      line('d0', 'ann', { Stance: 'critical', Frames: ['Economic', 'Security'] }),
      line('d0', 'ben', { Stance: 'critical', Frames: ['Security', 'Economic'] }),
      line('d1', 'ann', { Stance: 'critical' }),
      line('d1', 'ben', { Stance: 'neutral' }),
    ];
    await writeFile(join(dir, 'c.jsonl'), lines.join('\n'));
    await importIntoProject(project, { paths: [join(dir, 'c.jsonl')], format: 'jsonl' });
    const report = await acceptUnanimous(project, { by: 'lead' });
    expect(report).toMatchObject({ documents: 2, accepted: 2, acceptedDocLabels: 2, alreadyDecided: 0 });
    const d0 = await project.readRecord('gold', 'd0');
    expect(d0?.docLabels).toEqual({ Stance: 'critical', Frames: ['Economic', 'Security'] });
    expect(d0?.spans.map((s) => s.label)).toEqual(['X']);
    expect(d0?.docLabelDecisions?.map((d) => [d.group, d.reason, d.by, d.sources.join()])).toEqual([
      ['Frames', 'unanimous', 'lead', 'ann,ben'],
      ['Stance', 'unanimous', 'lead', 'ann,ben'],
    ]);
    expect((await project.readRecord('gold', 'd1'))?.docLabels).toEqual({});
    const again = await acceptUnanimous(project, { by: 'lead' });
    expect(again).toMatchObject({ documents: 0, accepted: 0, acceptedDocLabels: 0, alreadyDecided: 4 });
  });
});
