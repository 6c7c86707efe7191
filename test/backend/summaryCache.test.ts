import { readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/backend/dispatch';
import { Project } from '../../src/backend/project';
import { FrameLensService } from '../../src/backend/service';
import { CACHE_DIR } from '../../src/backend/summaryCache';
import { sampleProject, tempDir } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
let project: Project;

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  project = await sampleProject(dir);
});
afterEach(() => cleanup());

const cacheFile = () => project.summaryCache.pathOf('alice');

/** What the summaries feed, as a user sees it: alice's list and the project's statistics. */
async function answers(root: string) {
  const service = await FrameLensService.start({ projectDir: root, configDir: join(dir, 'cfg') });
  const out = { list: await service.listDocuments('alice'), stats: await service.stats() };
  await service.close();
  return out;
}

describe('the record summaries (a derived cache, never the only copy)', () => {
  it('are persisted, used at the next open without reading any annotation file, and follow saves', async () => {
    const before = await answers(project.layout.root);
    expect(before.list.map((d) => [d.id, d.status, d.spans, d.labels])).toEqual([
      ['doc1', 'done', 1, ['Naming']],
      ['doc2', 'todo', 0, undefined],
    ]);
    expect(before.stats).toMatchObject({ spans: 1, labels: { Naming: 1 }, progress: { alice: { done: 1, todo: 1 } } });
    expect(await readFile(join(project.summaryCache.dir, '.gitignore'), 'utf8')).toBe('*\n');

    const reopened = await Project.open(project.layout.root);
    expect(await reopened.listDocuments('alice')).toEqual(before.list);
    expect(reopened.summaryCache.lastLoad).toEqual({ fromCache: true, problem: null });
    expect(reopened.summaryCache.reads).toBe(0);

    await reopened.saveRecord({
      document: 'doc2',
      annotator: 'alice',
      textHash: reopened.entry('doc2').textHash,
      status: 'in_progress',
      spans: [
        { start: 0, end: 14, label: 'Naming' },
        { start: 17, end: 26, label: 'Naming' },
      ],
      docLabels: {},
    });
    const doc2 = (await reopened.listDocuments('alice'))[1];
    expect(doc2).toMatchObject({ status: 'in_progress', spans: 2, labels: ['Naming'] });
    expect(reopened.summaryCache.reads).toBe(0);
  });

  it('share one empty set of document labels among the rows, made here or read from the cache', async () => {
    for (const annotator of ['bob', 'carol'])
      await project.saveRecord({
        document: 'doc2',
        annotator,
        textHash: project.entry('doc2').textHash,
        status: 'done',
        spans: [],
        docLabels: {},
      });
    const emptyLabels = (p: Project) =>
      ['bob', 'carol'].map((a) => p.summaryCache.rows(a).get('doc2')?.summary?.docLabels);
    const first = await Project.open(project.layout.root);
    await first.allSummaries();
    const [bob, carol] = emptyLabels(first);
    expect(bob).toEqual({});
    expect(bob).toBe(carol);
    await first.flushCaches();
    const again = await Project.open(project.layout.root);
    await again.allSummaries();
    expect(again.summaryCache.reads).toBe(0);
    expect(emptyLabels(again)).toEqual([bob, bob]);
    expect(emptyLabels(again)[0]).toBe(bob);
  });

  it('read again a file changed by another program, and only that one', async () => {
    await answers(project.layout.root);
    const file = project.layout.annotationFile('alice', 'doc1');
    const stored = JSON.parse(await readFile(file, 'utf8'));
    await writeFile(file, JSON.stringify({ ...stored, status: 'skipped', spans: [] }));
    const reopened = await Project.open(project.layout.root);
    expect((await reopened.listDocuments('alice'))[0]).toMatchObject({ status: 'skipped', spans: 0 });
    expect(reopened.summaryCache.lastLoad.fromCache).toBe(true);
    expect(reopened.summaryCache.reads).toBe(1);
  });

  it('keep every row on disk when a save comes before the cache was ever read (a command that only saves)', async () => {
    await answers(project.layout.root);
    const service = await FrameLensService.start({ projectDir: project.layout.root, configDir: join(dir, 'cfg2') });
    const saver = service.current();
    await service.saveAnnotations({
      document: 'doc2',
      annotator: 'alice',
      textHash: saver.entry('doc2').textHash,
      status: 'in_progress',
      spans: [{ start: 0, end: 14, label: 'Naming' }],
      docLabels: {},
    });
    await service.close();
    const reopened = await Project.open(project.layout.root);
    expect((await reopened.listDocuments('alice')).map((d) => [d.id, d.status, d.spans])).toEqual([
      ['doc1', 'done', 1],
      ['doc2', 'in_progress', 1],
    ]);
    expect(reopened.summaryCache.lastLoad.fromCache).toBe(true);
    expect(reopened.summaryCache.reads).toBe(0);
  });

  it('are rebuilt when the cache is deleted or corrupt, and the answers do not change', async () => {
    const before = await answers(project.layout.root);
    await rm(join(project.layout.root, CACHE_DIR), { recursive: true });
    expect(await answers(project.layout.root)).toEqual(before);

    const text = await readFile(cacheFile(), 'utf8');
    // The same length and valid JSON, but a different body: the checksum catches it.
    await writeFile(cacheFile(), text.replace('"done"', '"todo"'));
    const corrupt = await Project.open(project.layout.root);
    expect(await corrupt.listDocuments('alice')).toEqual(before.list);
    expect(corrupt.summaryCache.lastLoad).toEqual({ fromCache: false, problem: 'checksum mismatch' });
    // alice's one file is summarised again, from the record cache (its own checksum intact), not from disk
    expect(corrupt.summaryCache.reads).toBe(0);
    expect(corrupt.recordFileCache.hits).toBe(1);

    await writeFile(cacheFile(), 'not a cache');
    const garbage = await Project.open(project.layout.root);
    expect(await garbage.listDocuments('alice')).toEqual(before.list);
    expect(garbage.summaryCache.lastLoad.problem).toBe('no header');
  });

  it('follow an edit in place the change feed reports while the app runs (the folder itself unchanged)', async () => {
    const service = await FrameLensService.start({ projectDir: project.layout.root, configDir: join(dir, 'cfg') });
    try {
      const first = await service.changes(0);
      expect((await service.listDocuments('alice'))[0]).toMatchObject({ status: 'done', spans: 1 });
      const file = project.layout.annotationFile('alice', 'doc1');
      const stored = JSON.parse(await readFile(file, 'utf8'));
      await writeFile(file, JSON.stringify({ ...stored, status: 'in_progress', spans: [] }));
      await expect
        .poll(async () => (await service.changes(first.cursor)).changes.map((c) => c.path), { timeout: 5000 })
        .toContain('annotations/alice/doc1.json');
      expect((await service.listDocuments('alice'))[0]).toMatchObject({ status: 'in_progress', spans: 0 });
      expect((await service.stats()).progress.alice).toMatchObject({ in_progress: 1, done: 0 });
    } finally {
      await service.close();
    }
  });

  it('keep a broken annotation file out of every count and reported, from the cache too', async () => {
    await writeFile(project.layout.annotationFile('alice', 'doc2'), '{"schema": 1, "document": "doc2"');
    const first = await answers(project.layout.root);
    expect(first.stats.problems).toBe(1);
    expect(first.list[1]).toMatchObject({ status: 'todo', spans: 0 });
    const reopened = await Project.open(project.layout.root);
    await reopened.listDocuments('alice');
    expect(reopened.summaryCache.reads).toBe(0);
    expect([...reopened.problems.keys()]).toEqual(['annotations/alice/doc2.json']);
  });
});

describe('the paged document list', () => {
  it('answers a window of the list with the total, the same rows as the whole list, and refuses a bad window', async () => {
    const service = await FrameLensService.start({ projectDir: project.layout.root, configDir: join(dir, 'cfg') });
    try {
      const all = await service.listDocuments('alice');
      expect(await dispatch(service, 'documentPage', [{ offset: 1, limit: 5 }, 'alice'])).toEqual({
        total: 2,
        offset: 1,
        documents: [all[1]],
        all: 2,
        counts: { todo: 1, in_progress: 0, done: 1, skipped: 0 },
        outlets: ['A', 'B'],
      });
      const filtered = { text: '', status: 'todo', outlet: '', label: '' };
      expect(
        await dispatch(service, 'documentPage', [{ offset: 0, limit: 5, filters: filtered }, 'alice']),
      ).toMatchObject({ total: 1, all: 2, documents: [all.find((d) => d.status === 'todo')] });
      const step = { from: all[0].id, by: 'next' };
      expect(
        (await dispatch(service, 'documentPage', [{ offset: 0, limit: 0, step }, 'alice'])) as { step: unknown },
      ).toMatchObject({ documents: [], step: { id: all[1].id, index: 1 } });
      expect(
        (await dispatch(service, 'documentPage', [{ offset: 0, limit: 1, ids: [all[1].id] }])) as object,
      ).toMatchObject({ total: 1, documents: [{ id: all[1].id }] });
      await expect(dispatch(service, 'documentPage', [{ offset: 0, limit: 1, ids: ['../x'] }])).rejects.toThrow();
      expect(await service.documentPage({ offset: 0, limit: 1 })).toMatchObject({
        total: 2,
        documents: [{ id: 'doc1', status: 'todo', spans: 0 }],
      });
      await expect(dispatch(service, 'documentPage', [{ offset: -1, limit: 5 }])).rejects.toThrow();
      await expect(dispatch(service, 'documentPage', [{ offset: 0, limit: 100_000 }])).rejects.toThrow();
    } finally {
      await service.close();
    }
  });
});

describe('the first listing of a large project, answered from the cache and checked after', () => {
  /** The app's open (the service, its feed's first poll), with a list from the cached rows at any size. */
  async function openApp(root: string) {
    const service = await FrameLensService.start({ projectDir: root, configDir: join(dir, 'cfg') });
    service.current().checkAfterFrom = 0;
    const cursor = (await service.changes(0)).cursor;
    return { service, cursor };
  }

  it('catches a file edited in place while the app was closed (same size, new mtime) before any report uses it', async () => {
    await answers(project.layout.root);
    const file = project.layout.annotationFile('alice', 'doc1');
    const text = await readFile(file, 'utf8');
    const edited = text.replace('"status": "done"', '"status": "todo"');
    expect(edited).not.toBe(text);
    expect(edited.length).toBe(text.length);
    const { mtime } = await stat(file);
    await writeFile(file, edited);
    // an mtime other than the one cached (earlier, as a restored copy may have)
    const earlier = new Date(mtime.getTime() - 10_000);
    await utimes(file, earlier, earlier);

    const { service, cursor } = await openApp(project.layout.root);
    try {
      // the check is held where it reads the edited file again, so the statistics are asked while it runs
      const p = service.current() as unknown as { summarize: (...args: unknown[]) => Promise<void> };
      const summarize = p.summarize.bind(p);
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let reached = () => {};
      const reading = new Promise<void>((resolve) => {
        reached = resolve;
      });
      p.summarize = async (...args) => {
        reached();
        await held;
        return summarize(...args);
      };
      expect((await service.listDocuments('alice'))[0]).toMatchObject({ id: 'doc1' });
      await reading;
      const stats = service.stats();
      // time for the statistics to get as far as they can while the check is held
      await new Promise((resolve) => setTimeout(resolve, 300));
      release();
      // the statistics waited for the check and count the file as it is now
      expect((await stats).progress.alice).toMatchObject({ done: 0, todo: 2 });
      await service.current().settled();
      expect((await service.listDocuments('alice'))[0]).toMatchObject({ id: 'doc1', status: 'todo' });
      // the row the first listing showed from the cache is reported as changed, so the app reads it again
      const changed = (await service.changes(cursor)).changes.map((c) => c.path);
      expect(changed).toEqual(['annotations/alice/doc1.json']);
    } finally {
      await service.close();
    }
  });

  it('holds the records a report reads until the check is done', async () => {
    await answers(project.layout.root);
    const file = project.layout.annotationFile('alice', 'doc1');
    const text = await readFile(file, 'utf8');
    const { mtime } = await stat(file);
    await writeFile(file, text.replace('"status": "done"', '"status": "todo"'));
    const earlier = new Date(mtime.getTime() - 10_000);
    await utimes(file, earlier, earlier);
    // the record cache as it was before the edit, so only the version check can tell
    const { service } = await openApp(project.layout.root);
    try {
      await service.listDocuments('alice');
      const records = await service.current().records('alice');
      expect(records.find((r) => r.document === 'doc1')?.status).toBe('todo');
    } finally {
      await service.close();
    }
  });

  it('lists nothing unchecked from a corrupt cache: it is rebuilt first, and the list is right at once', async () => {
    const before = await answers(project.layout.root);
    const text = await readFile(cacheFile(), 'utf8');
    await writeFile(cacheFile(), text.replace('"done"', '"todo"'));
    const { service, cursor } = await openApp(project.layout.root);
    try {
      expect(await service.listDocuments('alice')).toEqual(before.list);
      const p = service.current();
      expect(p.summaryCache.lastLoad).toEqual({ fromCache: false, problem: 'checksum mismatch' });
      await p.settled();
      expect((await service.changes(cursor)).changes).toEqual([]);
    } finally {
      await service.close();
    }
  });

  it('a save before the annotator’s cached rows were read keeps them in the file it writes', async () => {
    await answers(project.layout.root);
    const saver = await Project.open(project.layout.root);
    await saver.saveRecord({
      document: 'doc2',
      annotator: 'alice',
      textHash: saver.entry('doc2').textHash,
      status: 'in_progress',
      spans: [],
      docLabels: {},
    });
    await saver.flushCaches();
    const reopened = await Project.open(project.layout.root);
    await reopened.summaryCache.load('alice');
    expect([...reopened.summaryCache.rows('alice').keys()].sort()).toEqual(['doc1', 'doc2']);
    expect((await reopened.listDocuments('alice')).map((d) => d.status)).toEqual(['done', 'in_progress']);
  });

  it('reads only the listed annotator’s cached rows', async () => {
    await answers(project.layout.root);
    const reopened = await Project.open(project.layout.root);
    await reopened.listDocuments('alice');
    expect(reopened.summaryCache.isLoaded('alice')).toBe(true);
    expect(reopened.summaryCache.isLoaded('bob')).toBe(false);
  });
});
