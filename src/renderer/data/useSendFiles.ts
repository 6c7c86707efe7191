// Dropped or picked files: uploaded, then handed to the import wizard, which opens on them.
import { useCallback } from 'react';
import { useAppStore } from '../state/context';
import { errorText } from '../ui/errors';
import { type PickedFile, uploadFiles } from './upload';

export function useSendFiles(): (files: PickedFile[] | Promise<PickedFile[]>) => Promise<void> {
  const store = useAppStore();
  return useCallback(
    async (picked) => {
      const state = store.getState();
      if (!state.project) {
        state.setNotice('Open or create a project first, then drop the articles on the window.');
        return;
      }
      try {
        const files = await picked;
        state.setNotice(`Sending ${files.length} file${files.length === 1 ? '' : 's'}…`);
        const source = await uploadFiles(store.api, files);
        store.getState().setImportSource(source);
        store.getState().setNotice(null);
        store.getState().setView('data');
      } catch (err) {
        store.getState().setNotice(`Could not take these files: ${errorText(err)}`);
      }
    },
    [store],
  );
}

/** Asks the native open dialog (the Electron app) and hands its grant to the import wizard. */
export function usePickFiles(): (kind: 'files' | 'folder') => Promise<void> {
  const store = useAppStore();
  return useCallback(
    async (kind) => {
      try {
        const picked = await store.api.pickImport(kind);
        if (!picked) return;
        const n = picked.paths.length;
        store.getState().setImportSource({
          paths: picked.paths,
          grant: picked.grant,
          summary: kind === 'folder' ? picked.paths[0] : `${n} file${n === 1 ? '' : 's'}`,
        });
        store.getState().setView('data');
      } catch (err) {
        store.getState().setNotice(`Could not open the files: ${errorText(err)}`);
      }
    },
    [store],
  );
}
