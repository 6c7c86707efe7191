import type { SearchHit } from '../../core/api';
import { errorText } from '../ui/errors';
import { listWithRecord } from './documentsSlice';
import { emptyHistory, type HistoryEntry, pushEdit, takeRedo, takeUndo } from './history';
import {
  fromRecord,
  fromSaved,
  type WorkingRecord,
  withDocLabel,
  withoutSpan,
  withSpan,
  withSpanChanged,
  withStatus,
} from './record';
import { indexOfSpan, spanIdentity } from './spans';
import type { AppState, EditingSlice, SliceCreator } from './types';

const NO_ANNOTATOR = 'Choose an annotator (top right) before annotating.';

export const createEditingSlice: SliceCreator<EditingSlice> =
  ({ api, queue }) =>
  (set, get, store) => {
    // A record read later makes the answer of one read before it stale.
    let reading = 0;

    /** Shows a record in its document's list row and queues its save, in one store update. */
    const commit = (
      document: string,
      annotator: string,
      textHash: string,
      next: WorkingRecord,
      extra: Partial<AppState> = {},
    ) => {
      set({ ...extra, documents: listWithRecord(get().documents, document, next) });
      queue.enqueue({
        document,
        annotator,
        textHash,
        status: next.status,
        spans: next.spans,
        docLabels: next.docLabels,
      });
    };

    /** Applies an edit to the open record, records it for undo, and saves it. */
    const edit = (
      change: (rec: WorkingRecord) => WorkingRecord,
      what: string,
      extra: (next: WorkingRecord) => Partial<AppState> = () => ({}),
    ): boolean => {
      const { doc, record, annotator } = get();
      if (!doc || !record) return false;
      if (!annotator) {
        set({ notice: NO_ANNOTATOR });
        return false;
      }
      const next = change(record);
      if (next === record) return false;
      commit(doc.id, annotator, doc.textHash, next, {
        record: next,
        notice: null,
        history: pushEdit(get().history, {
          document: doc.id,
          annotator,
          textHash: doc.textHash,
          before: record,
          after: next,
          what,
        }),
        ...extra(next),
      });
      return true;
    };

    /** Restores one side of a history entry in its own document, switching to it first. */
    const restore = async (entry: HistoryEntry, rec: WorkingRecord, verb: string) => {
      if (entry.annotator !== get().annotator) return;
      commit(entry.document, entry.annotator, entry.textHash, rec);
      if (get().doc?.id === entry.document) set({ record: rec, selectedSpan: null });
      else await get().selectDocument(entry.document);
      set({ notice: `${verb}: ${entry.what}` });
    };

    return {
      record: null,
      selectedSpan: null,
      history: emptyHistory(),

      async loadRecord() {
        const { doc, annotator, documents } = get();
        if (!doc) return;
        const seq = ++reading;
        const unsaved = queue.unsaved(doc.id, annotator);
        if (unsaved) {
          set({ record: fromSaved(unsaved), selectedSpan: null });
          return;
        }
        const fallback = documents.find((d) => d.id === doc.id)?.status ?? 'todo';
        try {
          const rec = annotator ? await api.getAnnotations(doc.id, annotator) : null;
          if (seq !== reading) return;
          if (annotator && !queue.unsaved(doc.id, annotator)) queue.setBase(doc.id, annotator, rec?.updatedAt ?? null);
          set({ record: fromRecord(rec, annotator ? fallback : 'todo'), docError: null, selectedSpan: null });
        } catch (err) {
          if (seq !== reading) return;
          set({ record: null, docError: `Could not load annotations: ${errorText(err)}` });
        }
      },

      recordReady() {
        if (get().record) return Promise.resolve(true);
        const docId = get().currentId;
        return new Promise<boolean>((resolve) => {
          const finish = (ok: boolean) => {
            clearTimeout(timer);
            unsubscribe();
            resolve(ok);
          };
          const timer = setTimeout(() => finish(false), 10_000);
          const unsubscribe = store.subscribe((s) => {
            if (s.currentId !== docId || s.docError) finish(false);
            else if (s.record) finish(true);
          });
        });
      },

      addSpan(span) {
        edit(
          (rec) => withSpan(rec, span),
          `add ${span.label}`,
          () => ({ selectedSpan: spanIdentity(span) }),
        );
      },

      removeSpan(identity) {
        const spans = get().record?.spans ?? [];
        const label = spans[indexOfSpan(spans, identity)]?.label ?? 'span';
        edit(
          (rec) => withoutSpan(rec, identity),
          `delete ${label}`,
          () => (get().selectedSpan === identity ? { selectedSpan: null } : {}),
        );
      },

      updateSpan(identity, next) {
        const spans = get().record?.spans ?? [];
        const old = spans[indexOfSpan(spans, identity)];
        if (!old) return;
        const what =
          old.label !== next.label
            ? `relabel ${old.label} → ${next.label}`
            : old.start !== next.start || old.end !== next.end
              ? `resize ${old.label}`
              : `note on ${old.label}`;
        edit(
          (rec) => withSpanChanged(rec, identity, next),
          what,
          () => ({ selectedSpan: spanIdentity({ ...next, id: old.id }) }),
        );
      },

      selectSpan(identity) {
        set({ selectedSpan: identity, ...(identity !== null ? { selectedSuggestion: null } : {}) });
      },

      setStatus(status) {
        edit((rec) => withStatus(rec, status), `status ${status.replace('_', ' ')}`);
      },

      setDocLabel(group, value) {
        edit((rec) => withDocLabel(rec, group, value), `${group} label`);
      },

      async undo() {
        const taken = takeUndo(get().history);
        if (!taken) {
          set({ notice: 'Nothing to undo.' });
          return;
        }
        set({ history: taken.history });
        await restore(taken.entry, taken.entry.before, 'Undone');
      },

      async redo() {
        const taken = takeRedo(get().history);
        if (!taken) {
          set({ notice: 'Nothing to redo.' });
          return;
        }
        set({ history: taken.history });
        await restore(taken.entry, taken.entry.after, 'Redone');
      },

      async labelHits(hits, label) {
        const { annotator, documents } = get();
        if (!annotator) {
          set({ notice: NO_ANNOTATOR });
          return 0;
        }
        const byDoc = new Map<string, SearchHit[]>();
        for (const h of hits) byDoc.set(h.document, [...(byDoc.get(h.document) ?? []), h]);
        let added = 0;
        let history = get().history;
        for (const [document, list] of byDoc) {
          const summary = documents.find((d) => d.id === document);
          if (!summary) continue;
          const current = get().doc?.id === document ? get().record : null;
          const unsaved = queue.unsaved(document, annotator);
          let before: WorkingRecord;
          try {
            before =
              current ??
              (unsaved
                ? fromSaved(unsaved)
                : await api.getAnnotations(document, annotator).then((r) => {
                    queue.setBase(document, annotator, r?.updatedAt ?? null);
                    return fromRecord(r, summary.status);
                  }));
          } catch (err) {
            set({ notice: `Could not read ${document}: ${errorText(err)}` });
            continue;
          }
          let after = before;
          for (const h of list) after = withSpan(after, { start: h.start, end: h.end, label });
          if (after === before) continue;
          added += after.spans.length - before.spans.length;
          history = pushEdit(history, {
            document,
            annotator,
            textHash: summary.textHash,
            before,
            after,
            what: `label ${list.length} match(es) ${label}`,
          });
          if (get().doc?.id === document) set({ record: after });
          commit(document, annotator, summary.textHash, after);
        }
        set({ history, notice: `Labelled ${added} match(es) as ${label} in ${byDoc.size} document(s).` });
        return added;
      },
    };
  };
