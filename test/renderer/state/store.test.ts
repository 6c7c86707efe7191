import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SaveAnnotationsInput } from '../../../src/core/api';
import { ANNOTATOR_KEY } from '../../../src/renderer/state/annotator';
import { createAppStore } from '../../../src/renderer/state/store';
import { createFakeApi } from '../fakeApi';

beforeEach(() => {
  localStorage.clear();
  localStorage.setItem(ANNOTATOR_KEY, 'alice');
});

/** A store over the fake API with the first document open. */
async function ready() {
  const api = createFakeApi();
  const store = createAppStore(api);
  await store.getState().init();
  await vi.waitFor(() => expect(store.getState().record).not.toBeNull());
  return { api, store };
}

describe('save queue', () => {
  it('saves one at a time, and only the latest record after a burst of edits', async () => {
    const { api, store } = await ready();
    let inFlight = 0;
    let maxInFlight = 0;
    const releases: Array<() => void> = [];
    const seen: SaveAnnotationsInput[] = [];
    api.saveAnnotations = vi.fn(async (input: SaveAnnotationsInput) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      seen.push(input);
      await new Promise<void>((r) => releases.push(r));
      inFlight--;
      return { record: { ...input, codebookVersion: 3, updatedAt: 'now' } };
    });
    const s = store.getState();
    s.addSpan({ start: 0, end: 6, label: 'Economic' });
    s.addSpan({ start: 7, end: 11, label: 'Security' });
    expect(store.getState().save.state).toBe('saving');
    await vi.waitFor(() => expect(releases.length).toBe(1));
    // Two more edits while the first save is in flight: they wait, and only the latest is sent.
    s.addSpan({ start: 15, end: 22, label: 'Source' });
    s.addSpan({ start: 23, end: 25, label: 'Source' });
    await new Promise((r) => setTimeout(r, 10));
    expect(releases.length).toBe(1);
    releases[0]();
    await vi.waitFor(() => expect(releases.length).toBe(2));
    releases[1]();
    await vi.waitFor(() => expect(store.getState().save.state).toBe('saved'));
    expect(maxInFlight).toBe(1);
    // The first burst was sent as one save (the queue starts after the current task).
    expect(seen.map((i) => i.spans.length)).toEqual([2, 4]);
  });

  it('keeps a failed edit when switching documents and restores it on return', async () => {
    const { api, store } = await ready();
    api.failSaves = 'permission denied';
    store.getState().addSpan({ start: 0, end: 6, label: 'Economic' });
    await vi.waitFor(() => expect(store.getState().save.state).toBe('failed'));
    expect(store.getState().save.error).toBe('permission denied');
    await store.getState().selectDocument('doc-2');
    expect(store.getState().record?.spans).toEqual([]);
    await store.getState().selectDocument('doc-1');
    expect(store.getState().record?.spans).toEqual([{ start: 0, end: 6, label: 'Economic' }]);
    api.failSaves = null;
    store.getState().retrySave();
    await vi.waitFor(() => expect(store.getState().save.state).toBe('saved'));
    expect(api.records.get('doc-1/alice')?.spans.length).toBe(1);
  });
});

describe('spans with ids', () => {
  it('keeps a stored span’s id and selection through relabel and resize, and saves the id', async () => {
    const api = createFakeApi({
      records: [
        {
          document: 'doc-1',
          annotator: 'alice',
          textHash: `sha256:${'a'.repeat(64)}`,
          codebookVersion: 3,
          status: 'in_progress',
          spans: [{ id: 'sp-1', start: 0, end: 6, label: 'Economic' }],
          docLabels: {},
          updatedAt: 't1',
        },
      ],
    });
    const store = createAppStore(api);
    await store.getState().init();
    await vi.waitFor(() => expect(store.getState().record?.spans).toHaveLength(1));
    const s = store.getState();
    s.selectSpan('sp-1');
    s.updateSpan('sp-1', { id: 'sp-1', start: 0, end: 6, label: 'Security' });
    expect(store.getState().selectedSpan).toBe('sp-1');
    store.getState().updateSpan('sp-1', { start: 0, end: 11, label: 'Security' });
    expect(store.getState().selectedSpan).toBe('sp-1');
    expect(store.getState().record?.spans).toEqual([{ id: 'sp-1', start: 0, end: 11, label: 'Security' }]);
    await vi.waitFor(() => expect(store.getState().save.state).toBe('saved'));
    expect(api.records.get('doc-1/alice')?.spans).toEqual([{ id: 'sp-1', start: 0, end: 11, label: 'Security' }]);
    store.getState().removeSpan('sp-1');
    expect(store.getState().record?.spans).toEqual([]);
    expect(store.getState().selectedSpan).toBeNull();
  });
});

describe('opening a document', () => {
  it('asks for the record alongside the text, and shows the record once both are there', async () => {
    const { api, store } = await ready();
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const getDocument = api.getDocument;
    api.getDocument = vi.fn(async (id: string) => {
      await gate;
      return getDocument(id);
    });
    const annotations = vi.mocked(api.getAnnotations);
    annotations.mockClear();
    const opening = store.getState().selectDocument('doc-2');
    // The text is still on its way, and the record has already been asked for.
    expect(annotations).toHaveBeenCalledWith('doc-2', 'alice');
    expect(store.getState().doc?.id).toBe('doc-1');
    release();
    await opening;
    expect(store.getState().doc?.id).toBe('doc-2');
    expect(store.getState().record).not.toBeNull();
    expect(annotations).toHaveBeenCalledTimes(1);
  });

  it('keeps an unsaved edit of the document over what the backend has', async () => {
    const { api, store } = await ready();
    api.failSaves = 'disk full';
    store.getState().addSpan({ start: 0, end: 6, label: 'Economic' });
    await vi.waitFor(() => expect(store.getState().save.state).toBe('failed'));
    await store.getState().selectDocument('doc-2');
    vi.mocked(api.getAnnotations).mockClear();
    await store.getState().selectDocument('doc-1');
    expect(api.getAnnotations).not.toHaveBeenCalledWith('doc-1', 'alice');
    expect(store.getState().record?.spans.map((s) => [s.start, s.end, s.label])).toEqual([[0, 6, 'Economic']]);
  });
});
