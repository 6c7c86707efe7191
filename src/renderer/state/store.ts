// One store per <App>, built around the API it talks to, from the slices in this folder.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FrameLensApi } from '../../core/api';
import { CHANGE_POLL_MS } from './changeFeed';
import { createDocumentsSlice } from './documentsSlice';
import { createEditingSlice } from './editingSlice';
import { ProjectEpoch } from './epoch';
import { createModelSlice } from './modelSlice';
import { createProjectSlice } from './projectSlice';
import { SaveQueue } from './saveQueue';
import { createSyncSlice } from './syncSlice';
import type { AppState, AppStore, StoreDeps } from './types';
import { createUiSlice } from './uiSlice';

interface StoreOptions {
  /** How often the change feed is polled while a project is open; 0: only when `pollChanges()` is called. */
  pollMs?: number;
}

export function createAppStore(api: FrameLensApi, options: StoreOptions = {}): AppStore {
  let store: StoreApi<AppState> | null = null;
  const queue = new SaveQueue({
    save: (input) => api.saveAnnotations(input),
    onStatus: (save) => store?.setState({ save }),
    onConflict: (document, annotator) => void store?.getState().noteConflict(document, annotator),
    onSaved: (sent, record) => store?.getState().takeSavedIds(sent.document, sent.annotator, record.spans),
  });
  const deps: StoreDeps = { api, queue, pollMs: options.pollMs ?? CHANGE_POLL_MS, epoch: new ProjectEpoch() };
  store = createStore<AppState>()((...a) => ({
    ...createProjectSlice(deps)(...a),
    ...createDocumentsSlice(deps)(...a),
    ...createEditingSlice(deps)(...a),
    ...createSyncSlice(deps)(...a),
    ...createUiSlice(deps)(...a),
    ...createModelSlice(deps)(...a),
  }));
  return Object.assign(store, { api });
}
