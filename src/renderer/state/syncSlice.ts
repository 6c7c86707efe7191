import type { AnnotationRecord } from '../../core/model';
import { errorText } from '../ui/errors';
import { type ChangeWatch, type FeedChange, type FeedListener, summarize, watchChanges } from './changeFeed';
import { rowOf } from './documentsSlice';
import { withoutDocument } from './history';
import { fromRecord } from './record';
import { indexOfSpan } from './spans';
import type { SliceCreator, SyncSlice } from './types';

export const createSyncSlice: SliceCreator<SyncSlice> =
  ({ api, queue, pollMs, epoch }) =>
  (set, get) => {
    let watch: ChangeWatch | null = null;
    const listeners = new Set<FeedListener>();

    /** Replaces one document's record with the version on disk; returns whether it is the one shown. */
    const takeDisk = (document: string, annotator: string, disk: AnnotationRecord | null) => {
      queue.setBase(document, annotator, disk?.updatedAt ?? null);
      const summary = rowOf(get().list, document);
      const rec = fromRecord(disk, disk ? 'todo' : (summary?.status ?? 'todo'));
      get().showInList(document, rec);
      const shown = get().doc?.id === document && get().annotator === annotator;
      const selected = get().selectedSpan;
      set({
        // Older edits of this record must not be restored over the version just taken.
        history: withoutDocument(get().history, document, annotator),
        ...(shown
          ? { record: rec, selectedSpan: selected && indexOfSpan(rec.spans, selected) >= 0 ? selected : null }
          : {}),
      });
      return shown;
    };

    /** One of this annotator's files changed on disk: reload it, or keep the local edit and show a conflict. */
    const onFileChanged = async (mark: number, document: string, annotator: string, version?: string) => {
      // A save of it being written may be the change itself: decide once it has answered.
      if (queue.isWriting(document, annotator)) await get().flushSaves();
      if (!epoch.holds(mark)) return;
      const conflicted = () => get().conflicts.some((c) => c.document === document && c.annotator === annotator);
      // The feed names the version on disk: when it is the one this window's last save got back, the change is
      // that save, and reading the record again (megabytes for a long article) would only stall the reader.
      if (
        version !== undefined &&
        queue.base(document, annotator) === version &&
        !queue.unsaved(document, annotator) &&
        !conflicted()
      )
        return;
      let disk: AnnotationRecord | null;
      try {
        disk = await api.getAnnotations(document, annotator);
      } catch {
        return;
      }
      if (!epoch.holds(mark) || get().annotator !== annotator) return;
      const diskAt = disk?.updatedAt ?? null;
      const known = conflicted();
      if (queue.unsaved(document, annotator) || known) {
        // Someone else's version and an edit not on disk: never overwrite, never drop; show both choices.
        if (known || queue.base(document, annotator) !== diskAt) await get().noteConflict(document, annotator);
        return;
      }
      if (queue.base(document, annotator) === diskAt) return; // our own save, seen by the watcher
      if (takeDisk(document, annotator, disk)) set({ notice: `reloaded: changed on disk (${document})` });
    };

    const onChanges = async (changes: FeedChange[], reset: boolean) => {
      const mark = epoch.mark();
      for (const listener of listeners) listener(changes, reset);
      const { annotator, doc } = get();
      const shown = doc?.id ?? null;
      const what = summarize(changes, annotator, shown);
      const reloaded = reset || what.project;
      if (reloaded) {
        await get().flushSaves();
        await get().reloadAll();
      }
      if (!epoch.holds(mark)) return;
      if (annotator) {
        const docs = reset && shown ? new Set([...what.mine, shown]) : what.mine;
        const versions = new Map<string, string | undefined>();
        for (const c of changes)
          if (c.kind === 'annotation' && c.annotator === annotator && c.document) versions.set(c.document, c.version);
        // A reload may have read a record while a save of it was under way: read it again, trusting no version.
        for (const document of docs)
          await onFileChanged(mark, document, annotator, reloaded ? undefined : versions.get(document));
      }
      if (!epoch.holds(mark)) return;
      if (what.othersOnShown && get().showOthers) await get().loadOthers();
      if (what.model && !what.project && !reset) await get().loadModel();
    };

    return {
      save: queue.status,
      conflicts: [],

      flushSaves: () => queue.flush(),
      retrySave: () => queue.retry(),

      startWatching() {
        watch?.stop();
        watch = watchChanges(api, onChanges, pollMs);
        return watch.ready;
      },

      stopWatching() {
        watch?.stop();
        watch = null;
      },

      pollChanges() {
        return watch ? watch.poll() : Promise.resolve();
      },

      subscribeChanges(listener) {
        listeners.add(listener);
        return () => {
          listeners.delete(listener);
        };
      },

      async noteConflict(document, annotator) {
        let disk: AnnotationRecord | null;
        try {
          disk = await api.getAnnotations(document, annotator);
        } catch {
          return;
        }
        const local = queue.unsaved(document, annotator);
        if (!local) return;
        const others = get().conflicts.filter((c) => c.document !== document || c.annotator !== annotator);
        set({
          conflicts: [
            ...others,
            {
              document,
              annotator,
              diskUpdatedAt: disk?.updatedAt ?? null,
              diskSpans: disk?.spans.length ?? 0,
              localSpans: local.spans.length,
            },
          ],
        });
      },

      async resolveConflict(document, choice) {
        const conflict = get().conflicts.find((c) => c.document === document && c.annotator === get().annotator);
        if (!conflict) return;
        const { annotator } = conflict;
        const drop = () =>
          set({ conflicts: get().conflicts.filter((c) => c.document !== document || c.annotator !== annotator) });
        if (choice === 'mine') {
          drop();
          queue.keepMine(document, annotator, conflict.diskUpdatedAt);
          return;
        }
        await get().flushSaves();
        queue.discard(document, annotator);
        try {
          const disk = await api.getAnnotations(document, annotator);
          drop();
          takeDisk(document, annotator, disk);
          set({ notice: `Took the version on disk of ${document}; your edits of it were dropped.` });
        } catch (err) {
          set({ notice: `Could not read ${document}: ${errorText(err)}` });
        }
      },
    };
  };
