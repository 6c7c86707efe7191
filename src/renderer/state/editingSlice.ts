import type { SearchHit } from '../../core/api';
import type { DocumentSummary, Relation, Span } from '../../core/model';
import { fitProblem, relationTypesOf } from '../../core/relations';
import { errorText } from '../ui/errors';
import { listWithRecord, rowOf } from './documentsSlice';
import { emptyHistory, type HistoryEntry, pushEdit, takeRedo, takeUndo } from './history';
import {
  fromRecord,
  fromSaved,
  relationsAt,
  type WorkingRecord,
  withDocLabel,
  withKnownIds,
  withoutRelation,
  withoutSpan,
  withRelation,
  withSavedIds,
  withSpan,
  withSpanChanged,
  withSpans,
  withStatus,
} from './record';
import { indexOfSpan, spanIdentity } from './spans';
import { quote } from './textMap';
import type { AppState, EditingSlice, SliceCreator } from './types';

const NO_ANNOTATOR = 'Choose an annotator (top right) before annotating.';

export const createEditingSlice: SliceCreator<EditingSlice> =
  ({ api, queue }) =>
  (set, get, store) => {
    // A record read later makes the answer of one read before it stale.
    let reading = 0;
    // The id the backend gave each span sent without one, so an undo to a record from before the save
    // restores the spans with their ids.
    const given = new WeakMap<Span, string>();
    // A span changed before it had an id is a new object: each points at the span as it was first made,
    // the object its id is remembered under.
    const origin = new WeakMap<Span, Span>();
    const rootOf = (s: Span) => origin.get(s) ?? s;

    /** Shows a record in its document's list row and queues its save, in one store update. */
    const commit = (
      document: string,
      annotator: string,
      textHash: string,
      next: WorkingRecord,
      extra: Partial<AppState> = {},
    ) => {
      set({ ...extra, list: listWithRecord(get().list, document, next) });
      queue.enqueue({
        document,
        annotator,
        textHash,
        status: next.status,
        spans: next.spans,
        docLabels: next.docLabels,
        relations: next.relations,
      });
    };

    /** Applies an edit to the open record, records it for undo, and saves it. */
    const edit = (
      change: (rec: WorkingRecord) => WorkingRecord,
      what: string,
      extra: (next: WorkingRecord) => Partial<AppState> = () => ({}),
      toast = false,
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
      if (toast) get().showToast(what, 'undo');
      return true;
    };

    const words = (span: Span) => quote(get().doc?.text ?? '', span);
    const spanOf = (identity: string | null) => {
      const spans = get().record?.spans ?? [];
      return spans[indexOfSpan(spans, identity)];
    };
    const byId = (id: string) => get().record?.spans.find((s) => s.id === id);

    /** Restores one side of a history entry in its own document, switching to it first. */
    const restore = async (entry: HistoryEntry, taken: WorkingRecord, verb: string) => {
      if (entry.annotator !== get().annotator) return;
      const rec = withKnownIds(taken, given, rootOf);
      commit(entry.document, entry.annotator, entry.textHash, rec);
      if (get().doc?.id === entry.document) set({ record: rec, selectedSpan: null, cursor: null, relating: null });
      else await get().selectDocument(entry.document);
      get().showToast(`${verb}: ${entry.what}`, verb === 'Undone' ? 'redo' : 'undo');
    };

    /** Undo or redo the last edit (one entry per document it touched), saying so. */
    const step = async (way: 'undo' | 'redo') => {
      const taken = way === 'undo' ? takeUndo(get().history) : takeRedo(get().history);
      if (!taken) {
        set({ notice: `Nothing to ${way}.` });
        return;
      }
      const verb = way === 'undo' ? 'Undone' : 'Redone';
      set({ history: taken.history });
      for (const entry of taken.entries) await restore(entry, way === 'undo' ? entry.before : entry.after, verb);
      if (taken.entries.length > 1)
        get().showToast(`${verb}: ${taken.entries.length} documents of one edit`, way === 'undo' ? 'redo' : 'undo');
    };

    return {
      record: null,
      selectedSpan: null,
      cursor: null,
      history: emptyHistory(),

      setCursor(cursor) {
        set(cursor ? { cursor, selectedSpan: null } : { cursor: null });
      },

      async loadRecord(pending) {
        const { doc, annotator, list } = get();
        if (!doc) return;
        const seq = ++reading;
        const unsaved = queue.unsaved(doc.id, annotator);
        if (unsaved) {
          set({ record: fromSaved(unsaved), selectedSpan: null, relating: null });
          return;
        }
        const fallback = rowOf(list, doc.id)?.status ?? 'todo';
        const baseBefore = annotator ? queue.base(doc.id, annotator) : undefined;
        try {
          const rec = annotator ? await (pending ?? api.getAnnotations(doc.id, annotator)) : null;
          if (seq !== reading) return;
          // An edit of the record shown was made (and maybe saved) while it was read: what was read is older than
          // what is shown, and taking it would base the next save on a version this window already replaced.
          if (
            annotator &&
            get().record &&
            (queue.unsaved(doc.id, annotator) || queue.base(doc.id, annotator) !== baseBefore)
          )
            return;
          if (annotator) queue.setBase(doc.id, annotator, rec?.updatedAt ?? null);
          const record = fromRecord(rec, annotator ? fallback : 'todo');
          // A reload of the record shown (the change feed saw the project change) keeps the span the coder has
          // selected, perhaps while dragging its edge, as long as the record read still holds it.
          const { selectedSpan } = get();
          set({
            record,
            docError: null,
            selectedSpan: indexOfSpan(record.spans, selectedSpan) >= 0 ? selectedSpan : null,
            relating: null,
          });
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
          `Added ${words(span)} as ${span.label}`,
          () => ({ selectedSpan: spanIdentity(span), cursor: null }),
          true,
        );
      },

      removeSpan(identity) {
        const span = spanOf(identity);
        const record = get().record;
        if (!span || !record) return;
        const linked = relationsAt(record, span.id).length;
        edit(
          (rec) => withoutSpan(rec, identity),
          `Deleted ${words(span)} (${span.label})${linked ? ` and its ${linked} relation${linked === 1 ? '' : 's'}` : ''}`,
          () => (get().selectedSpan === identity ? { selectedSpan: null } : {}),
          true,
        );
      },

      updateSpan(identity, next) {
        const spans = get().record?.spans ?? [];
        const old = spans[indexOfSpan(spans, identity)];
        if (!old) return;
        const follow = (rec: WorkingRecord) => {
          if (old.id !== undefined) return;
          const made = rec.spans[indexOfSpan(rec.spans, spanIdentity(next))];
          if (made && made !== old) origin.set(made, rootOf(old));
        };
        const what =
          old.label !== next.label
            ? `Relabelled ${words(old)}: ${old.label} → ${next.label}`
            : old.start !== next.start || old.end !== next.end
              ? `Resized ${old.label}: ${words(old)} → ${words(next)}`
              : `Note on ${words(old)} (${old.label}) saved`;
        edit(
          (rec) => withSpanChanged(rec, identity, next),
          what,
          (rec) => {
            follow(rec);
            return { selectedSpan: spanIdentity({ ...next, id: old.id }) };
          },
          true,
        );
      },

      takeSavedIds(document, annotator, saved) {
        const { doc, record, selectedSpan } = get();
        if (doc?.id === document && get().annotator === annotator && record) {
          const next = withSavedIds(record, saved, given, rootOf);
          if (next === record) return;
          const i = indexOfSpan(record.spans, selectedSpan);
          set({ record: next, selectedSpan: i >= 0 ? spanIdentity(next.spans[i]) : selectedSpan });
          return;
        }
        // Another document (labelled from the corpus search): only remembered for its undo.
        const entry = get().history.past.findLast((e) => e.document === document && e.annotator === annotator);
        if (entry) withSavedIds(entry.after, saved, given, rootOf);
      },

      relating: null,

      startRelation() {
        const { selectedSpan, project } = get();
        const from = spanOf(selectedSpan);
        if (!from || !selectedSpan) {
          set({ notice: 'Select a span first (click it), then press R to link it to another.' });
          return false;
        }
        if (relationTypesOf(project?.codebook).length === 0) {
          set({ notice: 'The codebook has no relation types yet: add one in the codebook editor first.' });
          return false;
        }
        if (from.id === undefined) {
          set({ notice: 'This span is still being saved; press R again in a moment.' });
          return false;
        }
        set({ relating: { from: selectedSpan, target: null }, notice: null });
        get().announce(`Linking ${words(from)}: Tab picks the target span, Enter confirms, Esc cancels`);
        return true;
      },

      setRelationTarget(identity) {
        const draft = get().relating;
        if (!draft || identity === draft.from) return;
        set({ relating: { ...draft, target: identity } });
        const target = spanOf(identity);
        if (target) get().announce(`Target: ${words(target)} (${target.label})`);
      },

      cancelRelation() {
        if (get().relating)
          set({ relating: null, overlay: get().overlay?.kind === 'relation-type' ? null : get().overlay });
      },

      addRelation(type) {
        const draft = get().relating;
        const from = spanOf(draft?.from ?? null);
        const to = spanOf(draft?.target ?? null);
        const kind = relationTypesOf(get().project?.codebook).find((t) => t.name === type);
        if (!draft || !from || !to || !kind) return false;
        if (from.id === undefined || to.id === undefined) {
          set({ notice: 'A span of this relation is still being saved; try again in a moment.' });
          return false;
        }
        const misfit = fitProblem(kind, from, to);
        if (misfit) {
          set({ notice: `Not linked: ${misfit}.` });
          return false;
        }
        const relation: Relation = { from: from.id, to: to.id, type };
        const done = edit(
          (rec) => withRelation(rec, relation),
          `Linked ${words(from)} → ${words(to)} (${type})`,
          () => ({ relating: null, overlay: null }),
          true,
        );
        if (!done) set({ relating: null, overlay: null, notice: 'These spans already have that relation.' });
        return done;
      },

      removeRelation(relation) {
        const from = byId(relation.from);
        const to = byId(relation.to);
        edit(
          (rec) => withoutRelation(rec, relation),
          `Unlinked ${from ? words(from) : relation.from} → ${to ? words(to) : relation.to} (${relation.type})`,
          () => ({}),
          true,
        );
      },

      selectSpan(identity) {
        set(
          identity === null
            ? { selectedSpan: null }
            : { selectedSpan: identity, cursor: null, selectedSuggestion: null },
        );
      },

      setStatus(status) {
        edit((rec) => withStatus(rec, status), `Status ${status.replace('_', ' ')}`);
      },

      setDocLabel(group, value) {
        edit(
          (rec) => withDocLabel(rec, group, value),
          `${group}: ${Array.isArray(value) ? value.join(', ') || 'none' : (value ?? 'none')}`,
        );
      },

      undo: () => step('undo'),
      redo: () => step('redo'),

      async labelHits(hits, label) {
        const { annotator } = get();
        if (!annotator) {
          set({ notice: NO_ANNOTATOR });
          return 0;
        }
        const byDoc = new Map<string, SearchHit[]>();
        for (const h of hits) byDoc.set(h.document, [...(byDoc.get(h.document) ?? []), h]);
        let added = 0;
        let history = get().history;
        // One undo takes back every document of a "label all".
        const group = Date.now();
        let rows: Map<string, DocumentSummary>;
        try {
          rows = await get().documentRows([...byDoc.keys()]);
        } catch (err) {
          set({ notice: `Could not read the document list: ${errorText(err)}` });
          return 0;
        }
        for (const [document, list] of byDoc) {
          const summary = rows.get(document);
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
          const after = withSpans(
            before,
            list.map((h) => ({ start: h.start, end: h.end, label })),
          );
          if (after === before) continue;
          added += after.spans.length - before.spans.length;
          history = pushEdit(history, {
            document,
            annotator,
            textHash: summary.textHash,
            before,
            after,
            what: `Labelled ${after.spans.length - before.spans.length} match(es) as ${label} in ${document}`,
            group,
          });
          if (get().doc?.id === document) set({ record: after });
          commit(document, annotator, summary.textHash, after);
        }
        set({ history });
        get().showToast(`Labelled ${added} match(es) as ${label} in ${byDoc.size} document(s)`, 'undo');
        return added;
      },
    };
  };
