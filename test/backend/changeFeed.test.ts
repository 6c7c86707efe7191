import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChangeFeed, classifyChange } from '../../src/backend/changeFeed';
import { sampleProject, tempDir } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

describe('classifyChange', () => {
  it('knows the project files and ignores the rest', () => {
    expect(classifyChange('annotations/alice/doc1.json')).toEqual({
      kind: 'annotation',
      path: 'annotations/alice/doc1.json',
      annotator: 'alice',
      document: 'doc1',
    });
    expect(classifyChange('codebook.json')?.kind).toBe('codebook');
    expect(classifyChange('study.json')?.kind).toBe('study');
    expect(classifyChange('codebook-changelog.jsonl')?.kind).toBe('study');
    expect(classifyChange('rounds/01-r1.json')?.kind).toBe('study');
    expect(classifyChange('reports/01-r1/figures.json')).toBeNull();
    expect(classifyChange('documents/doc1.json')?.kind).toBe('document');
    expect(classifyChange('annotations/alice/.doc1.json.0123456789ab.tmp')).toBeNull();
    expect(classifyChange('.git/index')).toBeNull();
    // a retrained model: the layer is the file written last
    expect(classifyChange('models/layer.json')).toEqual({ kind: 'model', path: 'models/layer.json' });
    expect(classifyChange('models/model.json')).toBeNull();
  });
});

describe('ChangeFeed', () => {
  it('numbers changes and answers what changed since a cursor', () => {
    const feed = new ChangeFeed(dir);
    feed.record('annotations/alice/doc1.json');
    feed.record('annotations/alice/doc1.json');
    feed.record('codebook.json');
    const all = feed.since(0);
    expect(all.changes.map((c) => [c.seq, c.kind])).toEqual([
      [1, 'annotation'],
      [2, 'codebook'],
    ]);
    expect(feed.since(all.cursor).changes).toEqual([]);
  });

  it('reports a later write of the same file again', async () => {
    const feed = new ChangeFeed(dir);
    feed.record('annotations/alice/doc1.json');
    await new Promise((r) => setTimeout(r, 150));
    feed.record('annotations/alice/doc1.json');
    expect(feed.since(0).changes.map((c) => c.seq)).toEqual([1, 2]);
  });

  it('sees a file written by another process (a git pull, the CLI)', async () => {
    const project = await sampleProject(dir);
    const feed = new ChangeFeed(project.layout.root);
    feed.start();
    try {
      await new Promise((r) => setTimeout(r, 50));
      await writeFile(join(project.layout.annotatorDir('alice'), 'doc2.json'), '{}');
      await expect
        .poll(() => feed.since(0).changes.map((c) => c.path), { timeout: 3000 })
        .toContain('annotations/alice/doc2.json');
    } finally {
      feed.stop();
    }
  });

  it('watches folders, not files, and follows an annotator folder that appears later', async () => {
    const project = await sampleProject(dir);
    const feed = new ChangeFeed(project.layout.root);
    const seen: string[] = [];
    feed.subscribe((c) => seen.push(c.path));
    feed.start();
    try {
      const annotators = (await project.annotators()).length;
      // root, documents, annotations, memos (when present) and each annotator's folder: never one per file
      await expect.poll(() => feed.watchCount, { timeout: 3000 }).toBeGreaterThanOrEqual(3 + annotators);
      expect(feed.watchCount).toBeLessThanOrEqual(1 + 5 + annotators);
      await mkdir(join(project.layout.annotationsDir, 'zoe'));
      await expect.poll(() => feed.watchCount, { timeout: 3000 }).toBeGreaterThan(3 + annotators);
      await writeFile(join(project.layout.annotationsDir, 'zoe', 'doc1.json'), '{}');
      await expect.poll(() => seen, { timeout: 3000 }).toContain('annotations/zoe/doc1.json');
    } finally {
      feed.stop();
    }
    expect(feed.watchCount).toBe(0);
  });
});
