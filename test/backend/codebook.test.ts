import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  deleteLabel,
  deleteRelationType,
  labelUsage,
  mergeLabels,
  mergeRelationTypes,
  relationTypeUsage,
  renameLabel,
  renameRelationType,
} from '../../src/backend/codebook';
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
      relations: 0,
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

describe('relations through label and relation-type operations', () => {
  // bob's doc1: s1 Actor 0-7, s2 Naming 0-7, s3 Naming 24-34.
  beforeEach(async () => {
    await project.saveCodebook(
      {
        ...project.codebook,
        relationTypes: [
          { name: 'refers to', color: '#010101', source: ['Naming'], target: ['Actor'] },
          { name: 'same as', color: '#020202', symmetric: true },
          { name: 'names', color: '#030303' },
        ],
      },
      project.codebook.version,
    );
    const bob = (await project.readRecord('bob', 'doc1'))!;
    await project.saveRecord({
      ...bob,
      relations: [
        { from: 's2', to: 's1', type: 'refers to' },
        { from: 's3', to: 's1', type: 'refers to' },
        { from: 's3', to: 's1', type: 'names' },
        { from: 's2', to: 's3', type: 'same as' },
      ],
    });
  });

  it('a label says how many relations its spans have before a delete, and the delete removes them', async () => {
    expect(await labelUsage(project, 'Actor')).toMatchObject({ spans: 1, relations: 3 });
    const next = await deleteLabel(project, 'Actor', project.codebook.version);
    expect((await onDisk('bob', 'doc1')).relations).toEqual([{ from: 's2', to: 's3', type: 'same as' }]);
    // The only allowed target is gone: the type then allows any.
    expect(next.relationTypes?.[0]).toEqual({ name: 'refers to', color: '#010101', source: ['Naming'] });
  });

  it('a merge that makes two spans one keeps every relation of both on the survivor', async () => {
    await mergeLabels(project, 'Actor', 'Naming', project.codebook.version);
    const bob = await onDisk('bob', 'doc1');
    expect(bob.spans.map((s: { id: string }) => s.id)).toEqual(['s2', 's3']);
    // s1 became s2: s2 → s1 would link s2 to itself and goes; s3 → s1 moves to s3 → s2.
    expect(bob.relations).toEqual([
      { from: 's2', to: 's3', type: 'same as' },
      { from: 's3', to: 's2', type: 'names' },
      { from: 's3', to: 's2', type: 'refers to' },
    ]);
    expect((await reopen()).codebook.relationTypes?.[0].target).toEqual(['Naming']);
  });

  it('a label rename follows into the allowed labels of relation types', async () => {
    const next = await renameLabel(project, 'Actor', 'Group', project.codebook.version);
    expect(next.relationTypes?.[0].target).toEqual(['Group']);
    expect((await onDisk('bob', 'doc1')).relations).toHaveLength(4);
  });

  it('relation types are renamed, merged and deleted in every record, saying how many first', async () => {
    expect(await relationTypeUsage(project, 'refers to')).toEqual({
      type: 'refers to',
      relations: 2,
      documents: 1,
      annotators: ['bob'],
    });
    const v = project.codebook.version;
    const renamed = await renameRelationType(project, 'refers to', 'denotes', v);
    expect(renamed.version).toBe(v + 1);
    expect(renamed.relationTypes?.map((t) => t.name)).toEqual(['denotes', 'same as', 'names']);
    expect(renamed.relationTypes?.[0]).toMatchObject({ color: '#010101', source: ['Naming'], target: ['Actor'] });
    await expect(renameRelationType(project, 'denotes', 'names', renamed.version)).rejects.toThrow(/exists/);
    const merged = await mergeRelationTypes(project, 'names', 'denotes', renamed.version);
    expect(merged.relationTypes?.map((t) => t.name)).toEqual(['denotes', 'same as']);
    expect((await onDisk('bob', 'doc1')).relations).toEqual([
      { from: 's2', to: 's1', type: 'denotes' },
      { from: 's2', to: 's3', type: 'same as' },
      { from: 's3', to: 's1', type: 'denotes' },
    ]);
    const deleted = await deleteRelationType(project, 'denotes', merged.version);
    expect(deleted.relationTypes?.map((t) => t.name)).toEqual(['same as']);
    expect((await onDisk('bob', 'doc1')).relations).toEqual([{ from: 's2', to: 's3', type: 'same as' }]);
    expect((await reopen()).codebook).toEqual(deleted);
    await expect(deleteRelationType(project, 'nope', deleted.version)).rejects.toThrow(/no relation type "nope"/);
  });
});
