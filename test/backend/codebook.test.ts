import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteLabel, labelUsage, mergeLabels, renameLabel } from '../../src/backend/codebook';
import { Project } from '../../src/backend/project';
import { sampleProject, tempDir } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
let project: Project;

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  project = await sampleProject(dir);
  const v = project.codebook.version;
  await project.saveCodebook(
    { ...project.codebook, spanLabels: [...project.codebook.spanLabels, { name: 'Actor', color: '#123456' }] },
    v,
  );
  const doc = await project.getDocument('doc1');
  await project.saveRecord({
    document: 'doc1',
    annotator: 'bob',
    textHash: doc.textHash,
    status: 'in_progress',
    spans: [
      { start: 0, end: 7, label: 'Naming' },
      { start: 0, end: 7, label: 'Actor' },
      { start: 24, end: 34, label: 'Naming', note: 'kept' },
    ],
    docLabels: {},
  });
});
afterEach(() => cleanup());

const onDisk = async (annotator: string, doc: string) =>
  JSON.parse(await readFile(join(dir, 'p', 'annotations', annotator, `${doc}.json`), 'utf8'));
const reopen = () => Project.open(join(dir, 'p'));

describe('label operations', () => {
  it('counts usage over every layer, and the memos on the label', async () => {
    expect(await labelUsage(project, 'Naming')).toEqual({
      label: 'Naming',
      spans: 3,
      documents: 1,
      annotators: ['alice', 'bob'],
      memos: 0,
    });
    await project.saveMemo({
      id: '00000000-0000-4000-8000-000000000001',
      annotator: 'bob',
      target: { kind: 'label', label: 'Naming' },
      text: 'names used for the protesters',
    });
    expect((await labelUsage(project, 'Naming')).memos).toBe(1);
  });

  it('renames in the codebook and in every annotation file, bumping the version once', async () => {
    const v = project.codebook.version;
    const next = await renameLabel(project, 'Naming', 'Labelling', v);
    expect(next.version).toBe(v + 1);
    expect(next.spanLabels.map((l) => l.name)).toEqual(['Labelling', 'Actor']);
    expect((await onDisk('alice', 'doc1')).spans).toEqual([{ id: 's1', start: 0, end: 7, label: 'Labelling' }]);
    const bob = await onDisk('bob', 'doc1');
    expect(bob.spans.map((s: { id: string; label: string }) => `${s.id} ${s.label}`)).toEqual([
      's1 Actor',
      's2 Labelling',
      's3 Labelling',
    ]);
    expect(bob.spans.find((s: { note?: string }) => s.note)).toMatchObject({ label: 'Labelling', note: 'kept' });
    expect(bob.codebookVersion).toBe(v + 1);
    expect((await reopen()).codebook).toEqual(next);
    await expect(renameLabel(project, 'Labelling', 'Actor', next.version)).rejects.toThrow(/exists/);
    await expect(renameLabel(project, 'Labelling', 'X', v)).rejects.toThrow(/codebook changed/);
  });

  it('merges (duplicates collapse) and deletes', async () => {
    const v = project.codebook.version;
    const merged = await mergeLabels(project, 'Actor', 'Naming', v);
    expect(merged.spanLabels.map((l) => l.name)).toEqual(['Naming']);
    // s1 (Actor) lands where s2 already had the target label: the span that had it keeps its id.
    expect((await onDisk('bob', 'doc1')).spans.map((s: { id: string }) => s.id)).toEqual(['s2', 's3']);
    const deleted = await deleteLabel(project, 'Naming', merged.version);
    expect(deleted.version).toBe(v + 2);
    expect((await onDisk('bob', 'doc1')).spans).toEqual([]);
    expect((await onDisk('alice', 'doc1')).spans).toEqual([]);
    expect((await reopen()).codebook.spanLabels).toEqual([]);
  });
});
