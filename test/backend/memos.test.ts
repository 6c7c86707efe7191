// Memos in a project folder (memos/<annotator>.json): saved durably, refused on a stale base, following a
// label rename, searchable; and the coded segments and co-occurrence of the project's layers.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renameLabel } from '../../src/backend/codebook';
import { exportProject } from '../../src/backend/exporter';
import { importIntoProject } from '../../src/backend/importer';
import { Project } from '../../src/backend/project';
import { searchProjectMemos } from '../../src/backend/search';
import { projectCooccurrence, projectSegments } from '../../src/backend/segments';
import type { Memo } from '../../src/core/model';
import { sampleProject, tempDir } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir('framelens-memos-')));
afterEach(() => cleanup());

const G = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const memo = (n: number, target: Memo['target'], text: string, annotator = 'alice'): Memo => ({
  id: G(n),
  annotator,
  target,
  text,
});

describe('memos', () => {
  it('are kept per annotator, survive a reopen, and a save on a stale version is a conflict', async () => {
    const project = await sampleProject(dir);
    const first = await project.saveMemo(
      memo(1, { kind: 'document', document: 'doc1' }, 'Banks framed as victims'),
      null,
    );
    await project.saveMemo(memo(2, { kind: 'project' }, 'Coding rules v2', 'bob'), null);
    const file = JSON.parse(await readFile(project.layout.memosFile('alice'), 'utf8'));
    expect(file.annotator).toBe('alice');
    expect(file.memos.map((m: Memo) => m.id)).toEqual([G(1)]);

    const edited = await project.saveMemo({ ...first, text: 'Banks as victims, rioters as agents' }, first.updatedAt);
    expect(edited.updatedAt).not.toBe(first.updatedAt);
    await expect(project.saveMemo({ ...first, text: 'stale' }, first.updatedAt)).rejects.toThrow(/conflict/);

    const reopened = await Project.open(project.layout.root);
    expect((await reopened.memos()).map((m) => [m.annotator, m.text])).toEqual([
      ['alice', 'Banks as victims, rioters as agents'],
      ['bob', 'Coding rules v2'],
    ]);
  });

  it('refuses a memo on a document or label the project lacks, or a range outside the text', async () => {
    const project = await sampleProject(dir);
    await expect(project.saveMemo(memo(1, { kind: 'document', document: 'nope' }, 'x'))).rejects.toThrow(
      /document "nope" is not in this project/,
    );
    await expect(project.saveMemo(memo(2, { kind: 'label', label: 'Nope' }, 'x'))).rejects.toThrow(
      /not in the codebook/,
    );
    await expect(
      project.saveMemo(memo(3, { kind: 'range', document: 'doc2', start: 0, end: 999 }, 'x')),
    ).rejects.toThrow(/lies outside doc2/);
    expect(await project.memos()).toEqual([]);
  });

  it('on a label follow its rename, and are found by corpus search', async () => {
    const project = await sampleProject(dir);
    await project.saveMemo(memo(1, { kind: 'label', label: 'Naming' }, 'Naming the actors: Énergie'));
    await renameLabel(project, 'Naming', 'Labelling', project.codebook.version);
    expect((await project.memos())[0].target).toEqual({ kind: 'label', label: 'Labelling' });
    const hits = await searchProjectMemos(project, 'energie');
    expect(hits.map((h) => [h.memo.id, h.where, h.context.match])).toEqual([[G(1), 'text', 'Énergie']]);
  });
});

describe('memos in JSONL', () => {
  it('ride as a memos key on the annotator line and come back the same, ranges in the offset unit asked for', async () => {
    const project = await sampleProject(dir);
    await project.saveMemo(memo(1, { kind: 'project' }, 'Whole study'));
    await project.saveMemo(memo(2, { kind: 'range', document: 'doc2', start: 15, end: 24 }, 'after the emoji'));
    await project.saveMemo({ ...memo(3, { kind: 'label', label: 'Naming' }, 'Labels', 'bob'), title: 'Rule' });
    const out = join(dir, 'out.jsonl');
    await exportProject(project, { format: 'jsonl', out, offsets: 'utf16' });
    const lines = (await readFile(out, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const doc2 = lines.find((l) => l.id === 'doc2' && l.annotator === 'alice');
    expect(doc2.memos).toEqual([
      expect.objectContaining({ id: G(2), on: 'range', start: 15, end: 25, text: 'after the emoji' }),
    ]);
    expect(doc2.spans).toBeUndefined();
    const bob = lines.find((l) => l.annotator === 'bob');
    expect(bob.memos).toEqual([expect.objectContaining({ on: 'label', label: 'Naming', title: 'Rule' })]);

    const again = await Project.create(join(dir, 'again'), 'Again');
    await importIntoProject(again, { paths: [out], format: 'jsonl', offsets: 'utf16' });
    const strip = (ms: Memo[]) => ms.map(({ updatedAt: _u, ...m }) => m).sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(strip(await again.memos())).toEqual(strip(await project.memos()));
    expect(await again.records('bob')).toEqual([]);
  });
});

describe('coded segments and co-occurrence over a project', () => {
  it('lists each span with its context and metadata, and counts overlaps per record', async () => {
    const project = await sampleProject(dir);
    const doc = await project.getDocument('doc1');
    await project.saveCodebook(
      {
        ...project.codebook,
        spanLabels: [...project.codebook.spanLabels, { name: 'Conflict', color: '#aa0000' }],
      },
      project.codebook.version,
    );
    await project.saveRecord({
      document: 'doc1',
      annotator: 'bob',
      textHash: doc.textHash,
      status: 'done',
      spans: [
        { start: 0, end: 7, label: 'Naming' },
        { start: 0, end: 22, label: 'Conflict' },
      ],
      docLabels: {},
    });
    const all = await projectSegments(project, {});
    expect(all.total).toBe(3);
    const conflict = await projectSegments(project, { labels: ['Conflict'] });
    expect(conflict.segments).toMatchObject([
      {
        document: 'doc1',
        annotator: 'bob',
        text: 'Rioters attacked banks',
        before: '',
        after: '. Protesters marched.',
      },
    ]);
    expect(conflict.segments[0].meta).toMatchObject({ outlet: 'A' });

    const table = await projectCooccurrence(project, {});
    const i = table.labels.indexOf('Naming');
    const j = table.labels.indexOf('Conflict');
    expect(table.records).toBe(2);
    expect(table.spans[i]).toBe(2);
    expect(table.overlaps[i][j]).toBe(1);
    expect(table.together[i][j]).toBe(1);
    expect(table.together[i][i]).toBe(2);
    const alone = await projectCooccurrence(project, { annotator: 'alice' });
    expect(alone.overlaps[i][j]).toBe(0);
  });
});
