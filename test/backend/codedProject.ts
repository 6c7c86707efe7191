// A generated, coded project folder for the model's tests (backend, CLI, E2E): the synthetic corpus of the
// learn tests imported as JSONL, coded by alice and bob (done), with gold on a few documents and some
// documents nobody coded.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { importIntoProject } from '../../src/backend/importer';
import { Project } from '../../src/backend/project';
import { syntheticProject } from '../core/learn/synthetic';

export interface CodedProjectOptions {
  documents?: number;
  uncoded?: number;
  gold?: number;
  words?: number;
}

/** Creates the project at `dir` and returns it open. */
export async function codedProject(dir: string, options: CodedProjectOptions = {}): Promise<Project> {
  const coded = options.documents ?? 20;
  const uncoded = options.uncoded ?? 5;
  const goldCount = options.gold ?? 4;
  const p = syntheticProject(coded + uncoded, { words: options.words ?? 150, coders: ['alice', 'bob'] });
  const project = await Project.create(dir, 'Coded');
  const lines: string[] = [];
  p.documents.forEach((d, i) => {
    const mine = p.records.filter((r) => r.document === d.id);
    if (i >= coded) {
      lines.push(JSON.stringify({ id: d.id, text: d.text }));
      return;
    }
    for (const r of mine) {
      if (r.annotator === 'gold' && i >= goldCount) continue;
      lines.push(
        JSON.stringify({
          id: d.id,
          text: d.text,
          annotator: r.annotator,
          status: 'done',
          spans: r.spans.map(({ start, end, label }) => ({ start, end, label })),
          doc_labels: r.docLabels,
        }),
      );
    }
  });
  const file = join(dir, '..', `${dir.split(/[/\\]/).pop()}-in.jsonl`);
  await writeFile(file, `${lines.join('\n')}\n`);
  await importIntoProject(project, { paths: [file], format: 'jsonl' });
  return Project.open(dir);
}
