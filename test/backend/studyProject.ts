// A project for reliability studies, built through the real import: n documents from two outlets, coded by
// alice, bob and carol, who mostly agree (seeded), with a span label and two document-label groups.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { importIntoProject } from '../../src/backend/importer';
import { Project } from '../../src/backend/project';
import { mulberry32, randomIndex } from '../../src/core/prng';

export const CODERS = ['alice', 'bob', 'carol'];
const WORDS = ['talks', 'riot', 'police', 'crowd', 'market', 'bank', 'vote', 'army', 'border', 'court'];
const STANCES = ['pro', 'con', 'neutral'];
const FRAMES = ['Economic', 'Security'];

/** The documents' text: forty words, the first word naming the document so texts differ. */
export function textOf(i: number): string {
  const next = mulberry32(1000 + i);
  return [`Report${i}`, ...Array.from({ length: 39 }, () => WORDS[randomIndex(next, WORDS.length)])].join(' ');
}

/** Writes the project (folder `p` in dir) and returns it open. */
export async function studyProject(dir: string, n = 40, coders = CODERS): Promise<Project> {
  const project = await Project.create(join(dir, 'p'), 'Protest coverage');
  const next = mulberry32(7);
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = `doc-${String(i).padStart(3, '0')}`;
    const text = textOf(i);
    const meta = { outlet: i % 3 === 0 ? 'Daily' : 'Weekly' };
    lines.push(JSON.stringify({ id, text, meta }));
    const start = text.indexOf(' ') + 1;
    const truth = { start, end: start + 10 + randomIndex(next, 20) };
    const stance = STANCES[randomIndex(next, 3)];
    const frames = FRAMES.filter(() => next() < 0.5);
    for (const annotator of coders) {
      const spans = next() < 0.9 ? [{ ...truth, end: truth.end + randomIndex(next, 3), label: 'Threat' }] : [];
      lines.push(
        JSON.stringify({
          id,
          text,
          meta,
          annotator,
          status: 'done',
          spans,
          doc_labels: {
            Stance: next() < 0.8 ? stance : STANCES[randomIndex(next, 3)],
            Frames: next() < 0.85 ? frames : ['Economic'],
          },
        }),
      );
    }
  }
  const file = join(dir, 'study.jsonl');
  await writeFile(file, `${lines.join('\n')}\n`);
  await importIntoProject(project, { paths: [file], format: 'jsonl' });
  return Project.open(join(dir, 'p'));
}
