import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { searchCorpus } from '../../src/backend/corpusSearch';
import { deleteLabel, labelUsage, mergeLabels, renameLabel } from '../../src/backend/labelOps';
import { Project } from '../../src/backend/project';
import { searchText } from '../../src/core/search';
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
  it('counts usage over every layer', async () => {
    expect(await labelUsage(project, 'Naming')).toEqual({
      label: 'Naming',
      spans: 3,
      documents: 1,
      annotators: ['alice', 'bob'],
    });
  });

  it('renames in the codebook and in every annotation file, bumping the version once', async () => {
    const v = project.codebook.version;
    const next = await renameLabel(project, 'Naming', 'Labelling', v);
    expect(next.version).toBe(v + 1);
    expect(next.spanLabels.map((l) => l.name)).toEqual(['Labelling', 'Actor']);
    expect((await onDisk('alice', 'doc1')).spans).toEqual([{ start: 0, end: 7, label: 'Labelling' }]);
    const bob = await onDisk('bob', 'doc1');
    expect(bob.spans.map((s: { label: string }) => s.label).sort()).toEqual(['Actor', 'Labelling', 'Labelling']);
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
    expect((await onDisk('bob', 'doc1')).spans).toHaveLength(2);
    const deleted = await deleteLabel(project, 'Naming', merged.version);
    expect(deleted.version).toBe(v + 2);
    expect((await onDisk('bob', 'doc1')).spans).toEqual([]);
    expect((await onDisk('alice', 'doc1')).spans).toEqual([]);
    expect((await reopen()).codebook.spanLabels).toEqual([]);
  });
});

describe('corpus search', () => {
  it('finds matches case-insensitively with code-point offsets after an emoji, and context', async () => {
    const hits = await searchCorpus(project, 'CONTINUED');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ document: 'doc2', start: 17, end: 26 });
    expect(hits[0].context).toEqual({ before: 'Demonstrations 😀 ', match: 'continued', after: '.' });
    expect(await searchCorpus(project, '   ')).toEqual([]);
  });

  it('folds accents, respects whole words, and handles right-to-left text', () => {
    expect(searchText('d', 'Köln and koln', 'koln').map((h) => h.start)).toEqual([0, 9]);
    expect(searchText('d', 'banks bank', 'bank', { wholeWords: true }).map((h) => h.start)).toEqual([6]);
    const fa = 'وزیر Ali Rezaei در سال ۱۴۰۲ گفت';
    const [hit] = searchText('d', fa, 'سال ۱۴۰۲');
    expect([...fa].slice(hit.start, hit.end).join('')).toBe('سال ۱۴۰۲');
  });
});
