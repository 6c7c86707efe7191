import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SaveAnnotationsInput } from '../../../src/core/api';
import { ANNOTATOR_KEY } from '../../../src/renderer/state/annotator';
import { rowOf } from '../../../src/renderer/state/documentsSlice';
import { createAppStore } from '../../../src/renderer/state/store';
import { createFakeApi } from '../fakeApi';

beforeEach(() => {
  localStorage.clear();
  localStorage.setItem(ANNOTATOR_KEY, 'alice');
});

async function ready() {
  const api = createFakeApi();
  const store = createAppStore(api);
  await store.getState().init();
  await vi.waitFor(() => expect(store.getState().record).not.toBeNull());
  return { api, store };
}

const saved = async (store: Awaited<ReturnType<typeof ready>>['store']) =>
  vi.waitFor(() => expect(store.getState().save.state).toBe('saved'));

describe('undo/redo', () => {
  it('undoes and redoes span, label, note, doc-label and status edits, saving each step', async () => {
    const { api, store } = await ready();
    const s = () => store.getState();
    s().addSpan({ start: 0, end: 6, label: 'Economic' });
    s().updateSpan('0:6:Economic', { start: 0, end: 6, label: 'Security' });
    s().updateSpan('0:6:Security', { start: 0, end: 6, label: 'Security', note: 'check' });
    s().setDocLabel('stance', 'pro');
    s().setStatus('done');
    await saved(store);
    expect(api.records.get('doc-1/alice')).toMatchObject({
      status: 'done',
      spans: [{ start: 0, end: 6, label: 'Security', note: 'check' }],
      docLabels: { stance: 'pro' },
    });
    await s().undo(); // status
    await s().undo(); // doc label
    await s().undo(); // note
    await saved(store);
    expect(api.records.get('doc-1/alice')).toMatchObject({
      status: 'in_progress',
      spans: [{ start: 0, end: 6, label: 'Security' }],
      docLabels: {},
    });
    expect(api.records.get('doc-1/alice')?.spans[0].note).toBeUndefined();
    await s().undo(); // relabel
    await s().undo(); // add
    await saved(store);
    expect(api.records.get('doc-1/alice')?.spans).toEqual([]);
    expect(s().record?.spans).toEqual([]);
    await s().redo();
    await s().redo();
    await saved(store);
    expect(api.records.get('doc-1/alice')?.spans).toEqual([{ id: 's1', start: 0, end: 6, label: 'Security' }]);
    // A new edit clears the redo future.
    s().removeSpan('s1');
    expect(s().history.future).toEqual([]);
    await s().redo();
    expect(s().notice).toBe('Nothing to redo.');
  });

  it('undoes an edit made in another document by switching to it and saving there', async () => {
    const { api, store } = await ready();
    const s = () => store.getState();
    s().addSpan({ start: 0, end: 6, label: 'Economic' });
    await s().selectDocument('doc-2');
    s().setDocLabel('stance', 'contra');
    await s().undo();
    expect(s().currentId).toBe('doc-2');
    expect(s().record?.docLabels).toEqual({});
    await s().undo();
    expect(s().currentId).toBe('doc-1');
    expect(s().record?.spans).toEqual([]);
    await saved(store);
    expect(api.records.get('doc-1/alice')?.spans).toEqual([]);
    expect(api.records.get('doc-2/alice')?.docLabels).toEqual({});
    expect(rowOf(s().list, 'doc-1')?.spans).toBe(0);
  });

  it('never loses a save: undo while the previous save is in flight ends with the undone record on disk', async () => {
    const { api, store } = await ready();
    const releases: Array<() => void> = [];
    const seen: SaveAnnotationsInput[] = [];
    const original = api.saveAnnotations;
    api.saveAnnotations = vi.fn(async (input: SaveAnnotationsInput) => {
      seen.push(input);
      await new Promise<void>((r) => releases.push(r));
      return original(input);
    });
    store.getState().addSpan({ start: 0, end: 6, label: 'Economic' });
    await vi.waitFor(() => expect(releases.length).toBe(1));
    await store.getState().undo();
    releases[0]();
    await vi.waitFor(() => expect(releases.length).toBe(2));
    releases[1]();
    await saved(store);
    expect(seen.map((i) => i.spans.length)).toEqual([1, 0]);
    expect(api.records.get('doc-1/alice')?.spans).toEqual([]);
  });

  it('reopening a document whose save is still in flight shows the edit, not the older file', async () => {
    const { api, store } = await ready();
    store.getState().addSpan({ start: 0, end: 6, label: 'Economic' });
    await saved(store);
    const releases: Array<() => void> = [];
    const original = api.saveAnnotations;
    api.saveAnnotations = vi.fn(async (input: SaveAnnotationsInput) => {
      await new Promise<void>((r) => releases.push(r));
      return original(input);
    });
    store.getState().addSpan({ start: 7, end: 11, label: 'Security' });
    await vi.waitFor(() => expect(releases.length).toBe(1));
    await store.getState().selectDocument('doc-2');
    await store.getState().selectDocument('doc-1');
    expect(store.getState().record?.spans).toHaveLength(2);
    // An edit now must keep both spans.
    store.getState().setDocLabel('stance', 'pro');
    releases[0]();
    await vi.waitFor(() => expect(releases.length).toBe(2));
    releases[1]();
    await saved(store);
    expect(api.records.get('doc-1/alice')?.spans).toHaveLength(2);
  });

  it('forgets history when the annotator changes', async () => {
    const { store } = await ready();
    store.getState().addSpan({ start: 0, end: 6, label: 'Economic' });
    store.getState().setAnnotator('bob');
    expect(store.getState().history.past).toEqual([]);
  });
});

describe('span ids', () => {
  it('takes the ids a save returns into the record and the selection, and keeps them through undo', async () => {
    const { api, store } = await ready();
    const s = () => store.getState();
    s().addSpan({ start: 0, end: 6, label: 'Economic' });
    await saved(store);
    expect(s().record?.spans).toEqual([{ id: 's1', start: 0, end: 6, label: 'Economic' }]);
    expect(s().selectedSpan).toBe('s1');
    // A span relabelled before its first save answered: the id comes back for its first form too.
    s().addSpan({ start: 7, end: 11, label: 'Security' });
    s().updateSpan('7:11:Security', { start: 7, end: 11, label: 'Source' });
    await saved(store);
    expect(s().selectedSpan).toBe('s2');
    s().updateSpan('s2', { start: 7, end: 15, label: 'Source', note: 'wider' });
    await saved(store);
    expect(api.records.get('doc-1/alice')?.spans[1]).toEqual({
      id: 's2',
      start: 7,
      end: 15,
      label: 'Source',
      note: 'wider',
    });
    await s().undo(); // resize and note
    await s().undo(); // relabel: its record is from before the ids arrived
    await saved(store);
    const sent = vi.mocked(api.saveAnnotations).mock.lastCall?.[0];
    expect(sent?.spans).toEqual([
      { id: 's1', start: 0, end: 6, label: 'Economic' },
      { id: 's2', start: 7, end: 11, label: 'Security' },
    ]);
    expect(s().record?.spans.map((x) => x.id)).toEqual(['s1', 's2']);
  });
});

describe('autosave failure', () => {
  it('keeps the edit, says why, and a retry saves it', async () => {
    const { api, store } = await ready();
    api.failSaves = 'disk full';
    store.getState().addSpan({ start: 0, end: 6, label: 'Economic' });
    await vi.waitFor(() => expect(store.getState().save.state).toBe('failed'));
    expect(store.getState().save.error).toBe('disk full');
    expect(store.getState().record?.spans).toHaveLength(1);
    api.failSaves = null;
    store.getState().retrySave();
    await saved(store);
    expect(api.records.get('doc-1/alice')?.spans).toHaveLength(1);
  });
});
