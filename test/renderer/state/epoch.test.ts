// Closing a project while its first loads are on their way: the backend refuses every later call ("no project
// is open"), and the browser logs each refusal as an error, so nothing may be asked after the close.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { FrameLensApi } from '../../../src/core/api';
import { ANNOTATOR_KEY } from '../../../src/renderer/state/annotator';
import { TRAINING_POLL_MS } from '../../../src/renderer/state/modelSlice';
import { createAppStore } from '../../../src/renderer/state/store';
import { createFakeApi, DOCS, type FakeApi } from '../fakeApi';

beforeEach(() => {
  localStorage.clear();
  localStorage.setItem(ANNOTATOR_KEY, 'alice');
});

/** Calls that need no open project. */
const WITHOUT_PROJECT = new Set<keyof FrameLensApi>([
  'session',
  'recentProjects',
  'rememberAnnotator',
  'closeProject',
  'openProject',
  'createProject',
  'newProject',
  'openSample',
  'pickProject',
]);

/** The fake, refusing project calls between a close and the next open as the backend does, and counting them. */
function closable(api: FakeApi) {
  const refused: string[] = [];
  let open = true;
  for (const name of Object.keys(api) as (keyof FrameLensApi)[]) {
    const inner = api[name];
    if (typeof inner !== 'function' || !vi.isMockFunction(inner)) continue;
    Object.assign(api, {
      [name]: vi.fn(async (...args: unknown[]) => {
        if (name === 'closeProject') open = false;
        if (name === 'openProject') open = true;
        if (!open && !WITHOUT_PROJECT.has(name)) {
          refused.push(name);
          throw new Error('no project is open');
        }
        return (inner as (...a: unknown[]) => unknown)(...args);
      }),
    });
  }
  return refused;
}

/** Holds one method's answers until released (the backend has already answered: the answer is late). */
function hold<K extends keyof FrameLensApi>(api: FakeApi, name: K) {
  const inner = api[name] as (...a: unknown[]) => Promise<unknown>;
  let release!: () => void;
  const gate = new Promise<void>((r) => {
    release = r;
  });
  const asked = vi.fn();
  Object.assign(api, {
    [name]: async (...args: unknown[]) => {
      asked();
      const answer = inner(...args);
      answer.catch(() => {});
      await gate;
      return answer;
    },
  });
  return { asked, release };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('closing a project while it loads', () => {
  it('asks nothing more when the document list answers after the close', async () => {
    const api = createFakeApi();
    const refused = closable(api);
    const list = hold(api, 'documentPage');
    const store = createAppStore(api, { pollMs: 0 });
    void store.getState().init();
    await vi.waitFor(() => expect(list.asked).toHaveBeenCalled());
    await store.getState().closeProject();
    list.release();
    await settle();
    expect(refused).toEqual([]);
    expect(api.getDocument).not.toHaveBeenCalled();
    expect(store.getState()).toMatchObject({ project: null, doc: null, currentId: null, projectError: null });
  });

  it('asks nothing more when the first document answers after the close, and opens fresh on reopen', async () => {
    const api = createFakeApi();
    const refused = closable(api);
    const text = hold(api, 'getDocument');
    const store = createAppStore(api, { pollMs: 0 });
    void store.getState().init();
    await vi.waitFor(() => expect(text.asked).toHaveBeenCalled());
    await store.getState().closeProject();
    text.release();
    await settle();
    expect(refused).toEqual([]);
    expect(api.modelSuggestions).not.toHaveBeenCalled();
    expect(store.getState()).toMatchObject({ project: null, doc: null, notice: null, docError: null });

    await store.getState().openProject('/data/framing');
    await vi.waitFor(() => expect(store.getState().doc?.id).toBe(DOCS[0].id));
    expect(store.getState().record).not.toBeNull();
    expect(refused).toEqual([]);
  });

  it('a change-feed reload under way at the close asks nothing more', async () => {
    const api = createFakeApi();
    const refused = closable(api);
    const store = createAppStore(api, { pollMs: 0 });
    await store.getState().init();
    await vi.waitFor(() => expect(store.getState().record).not.toBeNull());
    const project = hold(api, 'getProject');
    const reload = store.getState().reloadAll();
    await vi.waitFor(() => expect(project.asked).toHaveBeenCalled());
    await store.getState().closeProject();
    project.release();
    await reload;
    await settle();
    expect(refused).toEqual([]);
    expect(store.getState()).toMatchObject({ project: null, projectError: null });
  });
});

describe('a reload of the open project', () => {
  it('keeps the selected span selected when the record read back still holds it', async () => {
    const api = createFakeApi({
      records: [
        {
          document: DOCS[0].id,
          annotator: 'alice',
          textHash: DOCS[0].textHash,
          codebookVersion: 3,
          updatedAt: '2026-01-01T00:00:00.000Z',
          status: 'in_progress',
          spans: [{ start: 0, end: 6, label: 'Economic' }],
          docLabels: {},
        },
      ],
    });
    const store = createAppStore(api, { pollMs: 0 });
    await store.getState().init();
    await vi.waitFor(() => expect(store.getState().record?.spans).toHaveLength(1));
    const id = store.getState().record!.spans[0].id!;
    store.getState().selectSpan(id);
    // What the change feed does when another program changed the codebook: the whole project is read again.
    await store.getState().reloadAll();
    expect(store.getState().selectedSpan).toBe(id);
    // A span that is gone is no longer selected.
    api.records.set(`${DOCS[0].id}/alice`, { ...api.records.get(`${DOCS[0].id}/alice`)!, spans: [] });
    await store.getState().reloadAll();
    expect(store.getState().selectedSpan).toBeNull();
  });

  it('follows a training no more once its project is closed', async () => {
    const api = createFakeApi();
    const refused = closable(api);
    const store = createAppStore(api, { pollMs: 0 });
    await store.getState().init();
    vi.useFakeTimers();
    try {
      await store.getState().startTraining();
      expect(store.getState().model?.training?.state).toBe('running');
      await store.getState().closeProject();
      await vi.advanceTimersByTimeAsync(TRAINING_POLL_MS * 4);
    } finally {
      vi.useRealTimers();
    }
    expect(refused).toEqual([]);
    expect(store.getState().notice).toBeNull();
  });

  it('shows the newest model status when an older read of it answers last', async () => {
    const api = createFakeApi();
    const store = createAppStore(api, { pollMs: 0 });
    await store.getState().init();
    const job = { id: 'job1', stage: 'learning span labels', done: 3, total: 10, startedAt: 'now' } as const;
    let release!: () => void;
    vi.mocked(api.modelStatus)
      .mockImplementationOnce(
        () =>
          new Promise((done) => {
            release = () => done({ model: null, training: { ...job, state: 'running' } });
          }),
      )
      .mockImplementationOnce(async () => ({ model: null, training: { ...job, state: 'cancelled', done: 10 } }));
    const older = store.getState().loadModel();
    await store.getState().loadModel();
    release();
    await older;
    expect(store.getState().model?.training?.state).toBe('cancelled');
  });
});
