import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Project } from '../../src/backend/project';
import { sampleProject, tempDir } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

describe('Project', () => {
  it('creates a folder that opens again with its settings, codebook and documents', async () => {
    await sampleProject(dir);
    const project = await Project.open(join(dir, 'p'));
    expect(project.settings).toEqual({ name: 'Sample', selectionUnit: 'word' });
    expect([...project.index.keys()]).toEqual(['doc1', 'doc2']);
    expect(project.codebook.spanLabels.map((l) => l.name)).toEqual(['Naming']);
    expect(await project.annotators()).toEqual(['alice']);
    expect(project.problems.size).toBe(0);
  });

  it('refuses to create a project where one exists, and to open a folder that is none', async () => {
    await sampleProject(dir);
    await expect(Project.create(join(dir, 'p'), 'x')).rejects.toThrow(/already holds/);
    await expect(Project.open(dir)).rejects.toThrow(/not a Frame Lens project/);
  });

  it("lists documents without reading their text, with the annotator's status", async () => {
    const project = await sampleProject(dir);
    await writeFile(project.layout.documentFile('doc2'), 'not json'); // would fail if read
    const docs = await project.listDocuments('alice');
    expect(docs.map((d) => [d.id, d.status, d.spans, d.length])).toEqual([
      ['doc1', 'done', 1, 43],
      ['doc2', 'todo', 0, 27],
    ]);
  });

  it('saves a record durably, in stable form, and reads it back', async () => {
    const project = await sampleProject(dir);
    const entry = project.entry('doc2');
    const record = await project.saveRecord({
      document: 'doc2',
      annotator: 'bob',
      textHash: entry.textHash,
      status: 'in_progress',
      spans: [
        { start: 17, end: 26, label: 'Naming' },
        { start: 0, end: 14, label: 'Naming' },
      ],
      docLabels: {},
    });
    expect(record.spans.map((s) => s.start)).toEqual([0, 17]);
    expect(record.codebookVersion).toBe(project.codebook.version);
    const raw = await readFile(project.layout.annotationFile('bob', 'doc2'), 'utf8');
    expect(raw.indexOf('"annotator"')).toBeLessThan(raw.indexOf('"document"'));
    expect(JSON.parse(raw).schema).toBe(1);
    expect((await project.readRecord('bob', 'doc2'))?.spans).toEqual(record.spans);
  });

  it('refuses saves that do not fit the document or the codebook', async () => {
    const project = await sampleProject(dir);
    const { textHash } = project.entry('doc1');
    const base = { document: 'doc1', annotator: 'bob', textHash, status: 'done' as const, docLabels: {} };
    await expect(project.saveRecord({ ...base, spans: [{ start: 0, end: 99, label: 'Naming' }] })).rejects.toThrow(
      /past the end/,
    );
    await expect(project.saveRecord({ ...base, spans: [{ start: 0, end: 3, label: 'Nope' }] })).rejects.toThrow(
      /not in the codebook/,
    );
    await expect(project.saveRecord({ ...base, textHash: `sha256:${'0'.repeat(64)}`, spans: [] })).rejects.toThrow(
      /different text/,
    );
    await expect(project.saveRecord({ ...base, spans: [], docLabels: { Stance: 'nope' } })).rejects.toThrow(
      /not an option/,
    );
    await expect(project.saveRecord({ ...base, spans: [], docLabels: { Stance: ['critical'] } })).rejects.toThrow(
      /one value/,
    );
  });

  it('reports a broken annotation file, keeps the rest open, and never overwrites it', async () => {
    const project = await sampleProject(dir);
    const path = project.layout.annotationFile('alice', 'doc1');
    await writeFile(path, '{"schema": 1, "truncated');
    const reopened = await Project.open(join(dir, 'p'));
    expect(await reopened.readRecord('alice', 'doc1')).toBeNull();
    expect([...reopened.problems.values()][0]).toMatchObject({ path: join('annotations', 'alice', 'doc1.json') });
    expect([...reopened.problems.values()][0].reason).toMatch(/not valid JSON/);
    await expect(
      reopened.saveRecord({
        document: 'doc1',
        annotator: 'alice',
        textHash: reopened.entry('doc1').textHash,
        status: 'done',
        spans: [],
        docLabels: {},
      }),
    ).rejects.toThrow(/refused to overwrite/);
    expect(await readFile(path, 'utf8')).toBe('{"schema": 1, "truncated');
    expect((await reopened.listDocuments()).length).toBe(2);
  });

  it('reports an annotation file made on a different text instead of showing shifted spans', async () => {
    const project = await sampleProject(dir);
    const path = project.layout.annotationFile('alice', 'doc1');
    const data = JSON.parse(await readFile(path, 'utf8'));
    data.textHash = `sha256:${'1'.repeat(64)}`;
    await writeFile(path, JSON.stringify(data));
    expect(await project.readRecord('alice', 'doc1')).toBeNull();
    expect([...project.problems.values()].map((p) => p.reason).join()).toMatch(/different text/);
  });

  it('opens with a broken codebook, reports it, and refuses to overwrite it', async () => {
    const project = await sampleProject(dir);
    await writeFile(project.layout.codebookFile, '{"schema": 2}');
    const reopened = await Project.open(join(dir, 'p'));
    expect([...reopened.problems.keys()]).toEqual(['codebook.json']);
    await expect(reopened.saveCodebook(reopened.codebook, reopened.codebook.version)).rejects.toThrow(
      /refused to overwrite/,
    );
    expect(await readFile(project.layout.codebookFile, 'utf8')).toBe('{"schema": 2}');
  });

  it('bumps the codebook version on every change and refuses a stale edit', async () => {
    const project = await sampleProject(dir);
    const v = project.codebook.version;
    const next = await project.saveCodebook(
      { ...project.codebook, spanLabels: [...project.codebook.spanLabels, { name: 'New', color: '#112233' }] },
      v,
    );
    expect(next.version).toBe(v + 1);
    await expect(project.saveCodebook(next, v)).rejects.toThrow(/changed/);
  });

  it('never turns ids into paths', async () => {
    const project = await sampleProject(dir);
    expect(() => project.layout.annotationFile('../../etc', 'doc1')).toThrow(/annotator/);
    expect(() => project.layout.documentFile('/abs')).toThrow(/document id/);
    expect(() => project.entry('../doc1')).toThrow(/no document/);
  });
});

describe('crash leftovers', () => {
  it('removes stale temp files on open and keeps fresh ones (a write may be in flight)', async () => {
    const { utimes } = await import('node:fs/promises');
    const project = await sampleProject(dir);
    const stale = join(project.layout.annotatorDir('alice'), '.doc1.json.0123456789ab.tmp');
    const fresh = join(project.layout.annotatorDir('alice'), '.doc1.json.ba9876543210.tmp');
    await writeFile(stale, '{"half');
    await writeFile(fresh, '{"half');
    const old = new Date(Date.now() - 3_600_000);
    await utimes(stale, old, old);
    await Project.open(join(dir, 'p'));
    const { readdir } = await import('node:fs/promises');
    const left = await readdir(project.layout.annotatorDir('alice'));
    expect(left).toContain('.doc1.json.ba9876543210.tmp');
    expect(left).not.toContain('.doc1.json.0123456789ab.tmp');
  });
});

describe('conflicts', () => {
  it('refuses a save whose file changed since the edit began, and never overwrites it', async () => {
    const project = await sampleProject(dir);
    const base = await project.readRecord('alice', 'doc1');
    const input = {
      document: 'doc1',
      annotator: 'alice',
      textHash: project.entry('doc1').textHash,
      status: 'done' as const,
      docLabels: {},
    };
    // Another machine's save lands first (a git pull).
    const theirs = await project.saveRecord({ ...input, spans: [{ start: 8, end: 16, label: 'Naming' }] });
    await expect(
      project.saveRecord({ ...input, spans: [{ start: 0, end: 7, label: 'Naming' }], baseUpdatedAt: base!.updatedAt }),
    ).rejects.toThrow(/^conflict: .*changed on disk/);
    expect((await project.readRecord('alice', 'doc1'))?.spans).toEqual(theirs.spans);
    // Starting from what is on disk now, the save goes through.
    await project.saveRecord({ ...input, spans: [], baseUpdatedAt: theirs.updatedAt });
    await expect(project.saveRecord({ ...input, spans: [], baseUpdatedAt: null })).rejects.toThrow(/conflict/);
  });
});
