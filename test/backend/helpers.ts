// Test helpers: temp project folders built through the real backend.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importIntoProject } from '../../src/backend/importer';
import { Project } from '../../src/backend/project';

/** A fresh temp folder per test, removed afterwards. */
export async function tempDir(prefix = 'framelens-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true, maxRetries: 5 }) };
}

/** A project with two documents and alice's record of the first, via a real JSONL import. */
export async function sampleProject(dir: string): Promise<Project> {
  const project = await Project.create(join(dir, 'p'), 'Sample');
  const jsonl = join(dir, 'in.jsonl');
  await writeFile(
    jsonl,
    [
      JSON.stringify({
        id: 'doc1',
        text: 'Rioters attacked banks. Protesters marched.',
        meta: { outlet: 'A' },
        annotator: 'alice',
        status: 'done',
        spans: [{ start: 0, end: 7, label: 'Naming' }],
        doc_labels: { Stance: 'critical' },
      }),
      JSON.stringify({ id: 'doc2', text: 'Demonstrations 😀 continued.', meta: { outlet: 'B' } }),
    ].join('\n'),
  );
  await importIntoProject(project, { paths: [jsonl], format: 'jsonl' });
  return project;
}
