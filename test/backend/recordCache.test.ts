import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { projectAgreement } from '../../src/backend/agreement';
import { Project, stampOf } from '../../src/backend/project';
import { shardOf } from '../../src/backend/recordCache';
import { sampleProject, tempDir } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
let project: Project;

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  project = await sampleProject(dir);
});
afterEach(() => cleanup());

async function recordsOf(root: string, annotator = 'alice') {
  const p = await Project.open(root);
  const records = await p.records(annotator);
  await p.flushCaches();
  return { p, records };
}

describe('the persisted annotation files (a derived cache, never the only copy)', () => {
  it('serve the next open without reading any annotation file, with the same records and report', async () => {
    const first = await recordsOf(project.layout.root);
    expect(first.p.recordFileCache.reads).toBeGreaterThan(0);
    const report = await projectAgreement(first.p);

    const again = await recordsOf(project.layout.root);
    expect(again.p.recordFileCache.reads).toBe(0);
    expect(again.p.recordFileCache.hits).toBe(first.records.length);
    expect(again.records).toEqual(first.records);
    expect(await projectAgreement(again.p)).toEqual(report);
  });

  it('are kept after a listing of a small folder, for the reports that follow', async () => {
    const p = await Project.open(project.layout.root);
    await p.listDocuments('alice');
    const stamp = await stampOf(project.layout.annotationFile('alice', 'doc1'));
    expect(p.recordFileCache.get('alice', 'doc1', stamp)).toBeDefined();
  });

  it('are let go once a listing summarised a large folder, and the next project-wide read takes them from the shards', async () => {
    const p = await Project.open(project.layout.root);
    p.releaseAfter = 1;
    await p.listDocuments('alice');
    expect(p.summaryCache.reads).toBeGreaterThan(0);
    const stamp = await stampOf(project.layout.annotationFile('alice', 'doc1'));
    expect(p.recordFileCache.get('alice', 'doc1', stamp)).toBeUndefined();
    const records = await p.records('alice');
    expect(p.recordFileCache.reads).toBe(0);
    expect(p.recordFileCache.hits).toBe(records.length);
    expect(records.map((r) => r.document)).toContain('doc1');
  });

  it('read again a file changed by another program, and only that one', async () => {
    const first = await recordsOf(project.layout.root);
    const file = project.layout.annotationFile('alice', 'doc1');
    const stored = JSON.parse(await readFile(file, 'utf8'));
    await writeFile(file, JSON.stringify({ ...stored, status: 'skipped', spans: [] }));
    const again = await recordsOf(project.layout.root);
    expect(again.p.recordFileCache.reads).toBe(1);
    expect(again.records.find((r) => r.document === 'doc1')).toMatchObject({ status: 'skipped', spans: [] });
    expect(again.records.length).toBe(first.records.length);
  });

  it('follow saves made here: the saved version is taken from memory and persisted', async () => {
    const { p } = await recordsOf(project.layout.root);
    await p.saveRecord({
      document: 'doc2',
      annotator: 'alice',
      textHash: p.entry('doc2').textHash,
      status: 'in_progress',
      spans: [{ start: 0, end: 14, label: 'Naming' }],
      docLabels: {},
    });
    await p.flushCaches();
    const again = await recordsOf(project.layout.root);
    expect(again.p.recordFileCache.reads).toBe(0);
    expect(again.records.find((r) => r.document === 'doc2')).toMatchObject({
      status: 'in_progress',
      spans: [{ start: 0, end: 14, label: 'Naming' }],
    });
  });

  it('drop a deleted file, and a corrupt or deleted shard is read again from the files, never trusted', async () => {
    const first = await recordsOf(project.layout.root);
    const shardDir = first.p.recordFileCache.dir('alice');
    const shard = join(shardDir, `${shardOf('doc1')}.json`);
    const text = await readFile(shard, 'utf8');
    await writeFile(shard, text.replace('"alice"', '"alicf"'));
    const corrupt = await recordsOf(project.layout.root);
    expect(corrupt.records).toEqual(first.records);
    expect(corrupt.p.recordFileCache.reads).toBeGreaterThan(0);

    await rm(join(project.layout.root, '.framelens-cache'), { recursive: true });
    expect((await recordsOf(project.layout.root)).records).toEqual(first.records);
    expect((await readdir(shardDir)).length).toBeGreaterThan(0);

    await rm(project.layout.annotationFile('alice', 'doc1'));
    const gone = await recordsOf(project.layout.root);
    expect(gone.records.map((r) => r.document)).not.toContain('doc1');
    expect(gone.p.recordFileCache.get('alice', 'doc1', 'none')).toBeUndefined();
  });
});
