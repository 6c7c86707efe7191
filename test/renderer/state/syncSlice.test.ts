// Files changing underneath the app: saves carry the disk version they were made on, the change feed
// reloads what changed when nothing is unsaved, and a real conflict is shown and never overwritten.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChangeFeedPage, SaveAnnotationsInput } from '../../../src/core/api';
import type { AnnotationRecord } from '../../../src/core/model';
import { ANNOTATOR_KEY } from '../../../src/renderer/state/annotator';
import { summarize } from '../../../src/renderer/state/changeFeed';
import { rowOf } from '../../../src/renderer/state/documentsSlice';
import { createAppStore } from '../../../src/renderer/state/store';
import { createFakeApi, DOCS, type FakeApi } from '../fakeApi';

type Store = ReturnType<typeof createAppStore>;
const stores: Store[] = [];

beforeEach(() => {
  localStorage.clear();
  localStorage.setItem(ANNOTATOR_KEY, 'alice');
});
afterEach(() => {
  for (const s of stores.splice(0)) s.getState().stopWatching();
});

const rec = (annotator: string, updatedAt: string, spans: AnnotationRecord['spans']): AnnotationRecord => ({
  document: 'doc-1',
  annotator,
  textHash: DOCS[0].textHash,
  codebookVersion: 3,
  status: 'in_progress',
  spans,
  docLabels: {},
  updatedAt,
});

/** A store over the fake API with doc-1 open, the feed primed, and a feed the test fills. */
async function ready(records: AnnotationRecord[] = [rec('alice', 't1', [{ start: 0, end: 6, label: 'Economic' }])]) {
  const api = createFakeApi({ records });
  let seq = 0;
  const queue: ChangeFeedPage['changes'] = [];
  api.changes = vi.fn(async () => ({ cursor: seq, changes: queue.splice(0), reset: false }));
  const store = createAppStore(api, { pollMs: 0 });
  stores.push(store);
  await store.getState().init();
  await vi.waitFor(() => expect(store.getState().record).not.toBeNull());
  await store.getState().pollChanges(); // the first answer only sets the cursor
  /** Writes a record "from another machine" and announces it in the feed. */
  const external = (r: AnnotationRecord) => {
    api.records.set(`${r.document}/${r.annotator}`, r);
    queue.push({
      seq: ++seq,
      kind: 'annotation',
      path: `annotations/${r.annotator}/${r.document}.json`,
      annotator: r.annotator,
      document: r.document,
    });
  };
  /** Makes saves behave like the backend: refused with `conflict:` when the disk moved since the edit's base. */
  const strictSaves = (fake: FakeApi) => {
    let n = 0;
    fake.saveAnnotations = vi.fn(async (input: SaveAnnotationsInput & { baseUpdatedAt?: string | null }) => {
      const key = `${input.document}/${input.annotator}`;
      const cur = fake.records.get(key)?.updatedAt ?? null;
      if (input.baseUpdatedAt !== undefined && input.baseUpdatedAt !== cur)
        throw new Error(`conflict: annotations/${input.annotator}/${input.document}.json changed on disk`);
      const { baseUpdatedAt: _b, ...rest } = input;
      const record: AnnotationRecord = { ...rest, codebookVersion: 3, updatedAt: `saved-${++n}` };
      fake.records.set(key, record);
      return { record };
    });
  };
  return { api, store, external, strictSaves };
}

describe('saves carry the disk version they were made on', () => {
  it('sends baseUpdatedAt from the record read, then from each save', async () => {
    const { api, store } = await ready();
    const sent: Array<string | null | undefined> = [];
    api.saveAnnotations = vi.fn(async (input: SaveAnnotationsInput & { baseUpdatedAt?: string | null }) => {
      sent.push(input.baseUpdatedAt);
      return { record: { ...input, codebookVersion: 3, updatedAt: `v${sent.length}` } };
    });
    store.getState().addSpan({ start: 7, end: 11, label: 'Security' });
    await vi.waitFor(() => expect(store.getState().save.state).toBe('saved'));
    store.getState().addSpan({ start: 15, end: 22, label: 'Source' });
    await vi.waitFor(() => expect(sent.length).toBe(2));
    expect(sent).toEqual(['t1', 'v1']);
  });

  it('sends null for a document with no file yet', async () => {
    const { api, store } = await ready([]);
    store.getState().addSpan({ start: 0, end: 6, label: 'Economic' });
    await vi.waitFor(() => expect(store.getState().save.state).toBe('saved'));
    expect(vi.mocked(api.saveAnnotations).mock.calls[0][0]).toMatchObject({ baseUpdatedAt: null });
  });
});

describe('the change feed', () => {
  it('has its cursor before the document list is asked for, so a change recorded while the list is answered is seen', async () => {
    const api = createFakeApi({ records: [rec('alice', 't1', [])] });
    const order: string[] = [];
    api.changes = vi.fn(async (cursor: number) => {
      order.push('changes asked');
      await new Promise((r) => setTimeout(r, 20));
      order.push('changes answered');
      return { cursor, changes: [], reset: false };
    });
    const page = api.documentPage;
    api.documentPage = vi.fn(async (...args: Parameters<typeof page>) => {
      order.push('list asked');
      return page(...args);
    }) as typeof page;
    const store = createAppStore(api, { pollMs: 0 });
    stores.push(store);
    await store.getState().init();
    await vi.waitFor(() => expect(order).toContain('list asked'));
    expect(order.slice(0, 3)).toEqual(['changes asked', 'changes answered', 'list asked']);
  });

  it('reloads the shown document silently when nothing is unsaved', async () => {
    const { store, external } = await ready();
    external(
      rec('alice', 't2', [
        { start: 0, end: 6, label: 'Economic' },
        { start: 7, end: 11, label: 'Security' },
      ]),
    );
    await store.getState().pollChanges();
    expect(store.getState().record?.spans.map((s) => s.label)).toEqual(['Economic', 'Security']);
    expect(store.getState().notice).toMatch(/^reloaded: changed on disk/);
    expect(store.getState().conflicts).toEqual([]);
    expect(rowOf(store.getState().list, 'doc-1')?.spans).toBe(2);
  });

  it('ignores its own saves seen by the watcher', async () => {
    const { api, store, strictSaves } = await ready();
    strictSaves(api);
    store.getState().addSpan({ start: 7, end: 11, label: 'Security' });
    await vi.waitFor(() => expect(store.getState().save.state).toBe('saved'));
    // The watcher reports the file the app just wrote.
    vi.mocked(api.changes).mockResolvedValueOnce({
      cursor: 9,
      changes: [
        { seq: 9, kind: 'annotation', path: 'annotations/alice/doc-1.json', annotator: 'alice', document: 'doc-1' },
      ],
      reset: false,
    });
    store.getState().setNotice(null);
    await store.getState().pollChanges();
    expect(store.getState().notice).toBeNull();
    expect(store.getState().conflicts).toEqual([]);
    expect(store.getState().record?.spans.length).toBe(2);
  });

  it('does not read the record back when the feed names the version its own save got back', async () => {
    const { api, store, strictSaves } = await ready();
    strictSaves(api);
    store.getState().addSpan({ start: 7, end: 11, label: 'Security' });
    await vi.waitFor(() => expect(store.getState().save.state).toBe('saved'));
    const own = api.records.get('doc-1/alice')?.updatedAt;
    expect(own).toBe('saved-1');
    const reads = vi.mocked(api.getAnnotations).mock.calls.length;
    const change = { seq: 9, kind: 'annotation' as const, path: 'annotations/alice/doc-1.json' };
    vi.mocked(api.changes).mockResolvedValueOnce({
      cursor: 9,
      changes: [{ ...change, annotator: 'alice', document: 'doc-1', version: own, writtenHere: true }],
      reset: false,
    });
    await store.getState().pollChanges();
    expect(vi.mocked(api.getAnnotations).mock.calls.length).toBe(reads);
    expect(store.getState().record?.spans.length).toBe(2);

    // Another writer's version of the same file (another window, the CLI): read and shown.
    api.records.set('doc-1/alice', rec('alice', 't7', [{ start: 23, end: 25, label: 'Source' }]));
    vi.mocked(api.changes).mockResolvedValueOnce({
      cursor: 10,
      changes: [{ ...change, seq: 10, annotator: 'alice', document: 'doc-1', version: 't7' }],
      reset: false,
    });
    await store.getState().pollChanges();
    expect(vi.mocked(api.getAnnotations).mock.calls.length).toBe(reads + 1);
    expect(store.getState().record?.spans).toEqual([{ start: 23, end: 25, label: 'Source' }]);
    expect(store.getState().notice).toMatch(/^reloaded: changed on disk/);
  });

  it("after a project reload, reads its own saved record once more but shows no change; another writer's is shown", async () => {
    const { api, store, strictSaves } = await ready();
    strictSaves(api);
    store.getState().addSpan({ start: 7, end: 11, label: 'Security' });
    await vi.waitFor(() => expect(store.getState().save.state).toBe('saved'));
    const own = api.records.get('doc-1/alice')?.updatedAt;
    const reads = () => vi.mocked(api.getAnnotations).mock.calls.filter((c) => c[1] === 'alice').length;
    const before = reads();
    const page = (seq: number, version: string, writtenHere?: boolean) => ({
      cursor: seq,
      changes: [
        { seq: seq - 1, kind: 'codebook' as const, path: 'codebook.json' },
        {
          seq,
          kind: 'annotation' as const,
          path: 'annotations/alice/doc-1.json',
          annotator: 'alice',
          document: 'doc-1',
          version,
          ...(writtenHere ? { writtenHere } : {}),
        },
      ],
      reset: false,
    });
    store.getState().setNotice(null);
    vi.mocked(api.changes).mockResolvedValueOnce(page(11, own!, true));
    await store.getState().pollChanges();
    // The reload's read and one more, which the version named cannot spare after a reload; nothing else happens.
    expect(reads()).toBe(before + 2);
    expect(store.getState().notice).toBeNull();
    expect(store.getState().conflicts).toEqual([]);
    expect(store.getState().record?.spans.map((x) => x.label)).toEqual(['Economic', 'Security']);

    api.records.set('doc-1/alice', rec('alice', 't8', [{ start: 23, end: 25, label: 'Source' }]));
    vi.mocked(api.changes).mockResolvedValueOnce(page(13, 't8'));
    await store.getState().pollChanges();
    expect(store.getState().record?.spans).toEqual([{ start: 23, end: 25, label: 'Source' }]);
    expect(store.getState().conflicts).toEqual([]);
  });

  it('after a reload that read the record while a save of it was under way, shows the saved version', async () => {
    const { api, store, strictSaves } = await ready();
    strictSaves(api);
    const read = vi.mocked(api.getAnnotations).getMockImplementation()!;
    // The reload's read of the record answers with the version before the save, after the save has landed.
    let answer!: () => void;
    api.getAnnotations = vi.fn(async (id: string, annotator: string) => {
      const stale = await read(id, annotator);
      await new Promise<void>((r) => {
        answer = r;
      });
      return stale;
    });
    vi.mocked(api.changes).mockResolvedValueOnce({
      cursor: 12,
      changes: [{ seq: 12, kind: 'codebook', path: 'codebook.json' }],
      reset: false,
    });
    const polled = store.getState().pollChanges();
    await vi.waitFor(() => expect(answer).toBeDefined());
    api.getAnnotations = vi.fn(read);
    store.getState().addSpan({ start: 7, end: 11, label: 'Security' });
    await vi.waitFor(() => expect(store.getState().save.state).toBe('saved'));
    const saved = api.records.get('doc-1/alice')?.updatedAt;
    answer();
    await polled;
    expect(store.getState().record?.spans.map((x) => x.label)).toEqual(['Economic', 'Security']);
    expect(store.getState().conflicts).toEqual([]);
    // The next edit goes on top of the saved version, not the stale one the reload read.
    store.getState().addSpan({ start: 15, end: 22, label: 'Source' });
    await vi.waitFor(() => expect(api.records.get('doc-1/alice')?.spans).toHaveLength(3));
    expect(vi.mocked(api.saveAnnotations).mock.calls.at(-1)?.[0]).toMatchObject({ baseUpdatedAt: saved });
    expect(store.getState().conflicts).toEqual([]);
  });

  it('keeps an unsaved edit and shows a conflict; "Keep mine" overwrites exactly the version shown', async () => {
    const { api, store, external, strictSaves } = await ready();
    strictSaves(api);
    // A save that has not reached the disk yet when the other version lands.
    const failing = vi.mocked(api.saveAnnotations).getMockImplementation()!;
    let release!: () => void;
    api.saveAnnotations = vi.fn(async (input) => {
      await new Promise<void>((r) => {
        release = r;
      });
      return failing(input);
    });
    store.getState().addSpan({ start: 7, end: 11, label: 'Security' });
    await vi.waitFor(() => expect(release).toBeDefined());
    external(rec('alice', 't2', [{ start: 23, end: 25, label: 'Source' }]));
    const polled = store.getState().pollChanges();
    release();
    await polled;
    await vi.waitFor(() => expect(store.getState().conflicts).toHaveLength(1));
    expect(store.getState().conflicts[0]).toMatchObject({ document: 'doc-1', diskUpdatedAt: 't2', diskSpans: 1 });
    // Nothing overwritten, the local edit kept.
    expect(api.records.get('doc-1/alice')?.updatedAt).toBe('t2');
    expect(store.getState().record?.spans.map((s) => s.label)).toEqual(['Economic', 'Security']);
    expect(store.getState().save.state).toBe('failed');

    api.saveAnnotations = vi.fn(failing);
    await store.getState().resolveConflict('doc-1', 'mine');
    await vi.waitFor(() => expect(store.getState().save.state).toBe('saved'));
    expect(vi.mocked(api.saveAnnotations).mock.calls[0][0]).toMatchObject({ baseUpdatedAt: 't2' });
    expect(api.records.get('doc-1/alice')?.spans.map((s) => s.label)).toEqual(['Economic', 'Security']);
    expect(store.getState().conflicts).toEqual([]);
  });

  it('shows a conflict when a save is refused with conflict:, and "Take theirs" drops the local edit', async () => {
    const { api, store } = await ready();
    api.records.set('doc-1/alice', rec('alice', 't9', [{ start: 23, end: 25, label: 'Source' }]));
    api.saveAnnotations = vi.fn(async () => {
      throw new Error('conflict: annotations/alice/doc-1.json changed on disk since this edit began');
    });
    store.getState().addSpan({ start: 7, end: 11, label: 'Security' });
    await vi.waitFor(() => expect(store.getState().conflicts).toHaveLength(1));
    expect(store.getState().record?.spans).toHaveLength(2);
    await store.getState().resolveConflict('doc-1', 'theirs');
    expect(store.getState().conflicts).toEqual([]);
    expect(store.getState().record?.spans).toEqual([{ start: 23, end: 25, label: 'Source' }]);
    expect(store.getState().save.state).toBe('saved');
    // Undo cannot bring the dropped edit back over the disk version.
    await store.getState().undo();
    expect(store.getState().notice).toBe('Nothing to undo.');
  });

  it("refreshes another annotator's faded layer on their change", async () => {
    const { api, store, external } = await ready();
    store.getState().setShowOthers(true);
    await vi.waitFor(() => expect(api.listAnnotations).toHaveBeenCalled());
    expect(store.getState().others).toEqual([]);
    external(rec('bob', 'b1', [{ start: 0, end: 6, label: 'Security' }]));
    await store.getState().pollChanges();
    expect(store.getState().others.map((r) => r.annotator)).toEqual(['bob']);
    expect(store.getState().record?.spans).toHaveLength(1);
  });

  it('re-reads project and document list on a codebook or index change', async () => {
    const { api, store } = await ready();
    api.info.codebook = { ...api.info.codebook, version: 4 };
    vi.mocked(api.changes).mockResolvedValueOnce({
      cursor: 5,
      changes: [
        { seq: 4, kind: 'codebook', path: 'codebook.json' },
        { seq: 5, kind: 'index', path: 'document-index.json' },
      ],
      reset: false,
    });
    const lists = vi.mocked(api.documentPage).mock.calls.length;
    await store.getState().pollChanges();
    expect(store.getState().project?.codebook.version).toBe(4);
    expect(vi.mocked(api.documentPage).mock.calls.length).toBe(lists + 1);
  });

  it('hands each page to subscribers before reacting to it, until they unsubscribe', async () => {
    const { store, external } = await ready();
    const pages: string[][] = [];
    const stop = store.getState().subscribeChanges((changes, reset) => {
      pages.push([...changes.map((c) => `${c.kind}:${c.annotator}/${c.document}`), ...(reset ? ['reset'] : [])]);
      // The store has not re-read the record yet when a subscriber hears of the change.
      expect(store.getState().record?.spans).toHaveLength(1);
    });
    external(
      rec('alice', 't2', [
        { start: 0, end: 6, label: 'Security' },
        { start: 7, end: 11, label: 'Source' },
      ]),
    );
    await store.getState().pollChanges();
    expect(pages).toEqual([['annotation:alice/doc-1']]);
    expect(store.getState().record?.spans).toHaveLength(2);
    stop();
    external(rec('bob', 'b1', []));
    await store.getState().pollChanges();
    expect(pages).toHaveLength(1);
  });

  it('polls every interval while a project is open and starts over on a project switch', async () => {
    vi.useFakeTimers();
    try {
      const api = createFakeApi();
      const store = createAppStore(api, { pollMs: 2000 });
      stores.push(store);
      await store.getState().init();
      await vi.advanceTimersByTimeAsync(0);
      const calls = () => vi.mocked(api.changes).mock.calls.map((c) => c[0]);
      expect(calls()).toEqual([0]);
      vi.mocked(api.changes).mockResolvedValue({ cursor: 7, changes: [], reset: false });
      await vi.advanceTimersByTimeAsync(2000);
      await vi.advanceTimersByTimeAsync(2000);
      expect(calls()).toEqual([0, 0, 7]);
      await store.getState().openProject('/data/other');
      await vi.advanceTimersByTimeAsync(0);
      // A new project: a new cursor (the old poller stopped).
      expect(calls().slice(3)).toEqual([0]);
      await vi.advanceTimersByTimeAsync(2000);
      expect(calls().slice(3)).toEqual([0, 7]);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('summarize', () => {
  it('sorts changes by what must be re-read', () => {
    const s = summarize(
      [
        { seq: 1, kind: 'annotation', path: 'a', annotator: 'alice', document: 'd1' },
        { seq: 2, kind: 'annotation', path: 'b', annotator: 'bob', document: 'd2' },
        { seq: 3, kind: 'annotation', path: 'c', annotator: 'bob', document: 'd3' },
      ],
      'alice',
      'd2',
    );
    expect([...s.mine]).toEqual(['d1']);
    expect(s.othersOnShown).toBe(true);
    expect(s.project).toBe(false);
    expect(summarize([{ seq: 1, kind: 'codebook', path: 'codebook.json' }], 'alice', null).project).toBe(true);
    const model = summarize([{ seq: 1, kind: 'model', path: 'models/layer.json' }], 'alice', null);
    expect(model).toMatchObject({ model: true, project: false });
  });
});
