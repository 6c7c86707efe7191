import type { DocFilters, DocumentPage } from '../../core/api';
import { NO_FILTERS, statusCounts } from '../../core/documentQuery';
import type { DocumentMeta, DocumentSummary } from '../../core/model';
import { errorText } from '../ui/errors';
import { storeLayerChoice } from './layers';
import type { WorkingRecord } from './record';
import type { DocList, DocumentsSlice, SliceCreator } from './types';

/** Rows of the document list one answer carries. */
export const PAGE_ROWS = 100;
/** Loaded pages read again when the list is reloaded under the same filters. */
const RELOADED_PAGES = 8;

export const EMPTY_LIST: DocList = {
  query: 0,
  total: 0,
  all: 0,
  counts: statusCounts([]),
  outlets: [],
  pages: {},
  currentIndex: null,
  loaded: false,
};

/** Row `index` of the filtered list, when its page is loaded. */
export function rowAt(list: DocList, index: number): DocumentSummary | undefined {
  return list.pages[Math.floor(index / PAGE_ROWS)]?.[index % PAGE_ROWS];
}

/** A document's row, when a loaded page holds it. */
export function rowOf(list: DocList, id: string | null): DocumentSummary | undefined {
  if (id === null) return undefined;
  for (const rows of Object.values(list.pages)) {
    const row = rows.find((d) => d.id === id);
    if (row) return row;
  }
  return undefined;
}

function withRows(list: DocList, change: (d: DocumentSummary) => DocumentSummary): DocList {
  const pages: DocList['pages'] = {};
  for (const [n, rows] of Object.entries(list.pages)) pages[Number(n)] = rows.map(change);
  return { ...list, pages };
}

/** A reloaded page with each row that came back unchanged kept as the object it was, so its row is not drawn again. */
function keptRows(before: DocList, rows: DocumentSummary[]): DocumentSummary[] {
  return rows.map((row) => {
    const old = rowOf(before, row.id);
    return old && JSON.stringify(old) === JSON.stringify(row) ? old : row;
  });
}

function sameLabels(a: readonly string[] | undefined, b: readonly string[]): boolean {
  if (!a || a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((l) => set.has(l));
}

/**
 * The list with one document's row showing a record's status, span count and labels; the counts follow. An
 * edit that changes none of them (a relation, a note, a span moved) gives the same list, so the list is not
 * drawn again.
 */
export function listWithRecord(list: DocList, id: string, rec: WorkingRecord): DocList {
  const row = rowOf(list, id);
  if (row === undefined) return list;
  const before = row.status;
  const labels = [...new Set(rec.spans.map((s) => s.label))];
  if (before === rec.status && row.spans === rec.spans.length && sameLabels(row.labels, labels)) return list;
  const next = withRows(list, (d) => (d.id === id ? { ...d, status: rec.status, spans: rec.spans.length, labels } : d));
  const counts = { ...list.counts, [before]: list.counts[before] - 1 };
  counts[rec.status] += 1;
  return { ...next, counts };
}

export const createDocumentsSlice: SliceCreator<DocumentsSlice> =
  ({ api, queue, epoch }) =>
  (set, get) => {
    // A document opened later makes the answers of one opened before it stale.
    let opening = 0;
    // A list asked for later makes the answers of one asked for before it stale.
    let asked = 0;
    let othersAsked = 0;
    // The filters the shown list answers, and its pages on their way.
    let listFilters: DocFilters = NO_FILTERS;
    const pending = new Set<string>();

    const pageOf = (offset: number, limit: number, filters: DocFilters, extra: object = {}): Promise<DocumentPage> => {
      const { annotator } = get();
      const page = { offset, limit, filters, ...extra };
      return annotator ? api.documentPage(page, annotator) : api.documentPage(page);
    };

    return {
      list: EMPTY_LIST,
      documentsError: null,
      filters: NO_FILTERS,
      currentId: null,
      doc: null,
      docError: null,
      showOthers: false,
      hiddenLayers: [],
      others: [],

      setFilters(patch) {
        set({ filters: { ...get().filters, ...patch } });
        void get().loadDocuments();
      },

      async goDocument(which) {
        const { currentId, filters } = get();
        // "Next unfinished" and a status filter read statuses on disk: this window's edits must be there first.
        if (which === 'unfinished' || filters.status) await get().flushSaves();
        let answer: DocumentPage;
        try {
          answer = await pageOf(0, 0, filters, { step: { from: currentId, by: which } });
        } catch (err) {
          set({ notice: `Could not read the document list: ${errorText(err)}` });
          return;
        }
        const step = answer.step;
        if (!step) {
          set({ notice: which === 'unfinished' ? 'Every shown document is done or skipped.' : 'No documents shown.' });
          return;
        }
        if (JSON.stringify(filters) === JSON.stringify(listFilters)) {
          set({ list: { ...get().list, currentIndex: step.index } });
          void get().loadPage(step.index);
        }
        if (step.id !== currentId) await get().selectDocument(step.id);
      },

      async selectDocument(id) {
        // Choosing the open document again changes nothing (and never blanks the record mid-work).
        if (id === get().currentId && get().doc?.id === id && get().record) return;
        if (!get().project) return;
        const mark = epoch.mark();
        const seq = ++opening;
        set({ currentId: id, docError: null, selectedSpan: null, selectedSuggestion: null, suggestions: null });
        // The record is asked for alongside the text, not after it: a long record takes as long to read as its text.
        const { annotator } = get();
        const record = annotator && !queue.unsaved(id, annotator) ? api.getAnnotations(id, annotator) : undefined;
        record?.catch(() => {});
        try {
          const doc = await api.getDocument(id);
          if (seq !== opening || !epoch.holds(mark)) return;
          set({ doc, record: null, others: [] });
          await Promise.all([
            get().loadRecord(get().annotator === annotator ? record : undefined),
            get().loadOthers(),
            get().loadSuggestions(),
          ]);
        } catch (err) {
          if (seq !== opening || !epoch.holds(mark)) return;
          set({ doc: null, record: null, docError: `Could not open document ${id}: ${errorText(err)}` });
        }
      },

      setShowOthers(show) {
        set({ showOthers: show });
        const { project, hiddenLayers } = get();
        if (project) storeLayerChoice(project.path, { show, hidden: hiddenLayers });
        void get().loadOthers();
      },

      setLayerShown(annotator, shown) {
        const { hiddenLayers, project, showOthers, others, annotator: me } = get();
        const all = annotator === null ? [...others.map((r) => r.annotator), me] : [annotator];
        const hidden = shown
          ? hiddenLayers.filter((a) => !all.includes(a))
          : [...new Set([...hiddenLayers, ...all.filter((a) => a !== me || annotator === me)])];
        set({ hiddenLayers: hidden });
        // A hidden own span must not stay selected: keys act only on what is on screen.
        if (annotator === me && !shown) set({ selectedSpan: null });
        if (project) storeLayerChoice(project.path, { show: showOthers, hidden });
      },

      async loadDocuments() {
        if (!get().project) return;
        const mark = epoch.mark();
        const { annotator, filters, list } = get();
        const seq = ++asked;
        const same = JSON.stringify(filters) === JSON.stringify(listFilters) && list.loaded;
        const numbers = [
          0,
          ...(same
            ? Object.keys(list.pages)
                .map(Number)
                .filter((n) => n > 0)
            : []),
        ].slice(0, RELOADED_PAGES);
        try {
          const answers = await Promise.all(numbers.map((n) => pageOf(n * PAGE_ROWS, PAGE_ROWS, filters)));
          if (seq !== asked || !epoch.holds(mark) || get().annotator !== annotator) return;
          const first = answers[0];
          listFilters = filters;
          set({
            list: {
              query: seq,
              total: first.total,
              all: first.all,
              counts: first.counts,
              outlets: first.outlets,
              pages: Object.fromEntries(
                numbers.map((n, i) => [n, same ? keptRows(get().list, answers[i].documents) : answers[i].documents]),
              ),
              currentIndex: same ? list.currentIndex : null,
              loaded: true,
            },
            documentsError: null,
          });
          if (!get().currentId && first.documents.length > 0) await get().selectDocument(first.documents[0].id);
        } catch (err) {
          if (seq === asked && epoch.holds(mark)) set({ documentsError: errorText(err) });
        }
      },

      async loadPage(index) {
        const { list } = get();
        const n = Math.floor(index / PAGE_ROWS);
        const key = `${list.query}:${n}`;
        if (!list.loaded || list.pages[n] || pending.has(key) || index < 0 || index >= list.total) return;
        pending.add(key);
        try {
          const answer = await pageOf(n * PAGE_ROWS, PAGE_ROWS, listFilters);
          const now = get().list;
          if (now.query !== list.query) return;
          set({ list: { ...now, counts: answer.counts, pages: { ...now.pages, [n]: answer.documents } } });
        } catch (err) {
          set({ documentsError: errorText(err) });
        } finally {
          pending.delete(key);
        }
      },

      async documentRows(ids) {
        const rows = new Map<string, DocumentSummary>();
        const missing: string[] = [];
        for (const id of ids) {
          const row = rowOf(get().list, id);
          if (row) rows.set(id, row);
          else missing.push(id);
        }
        for (let i = 0; i < missing.length; i += 5000) {
          const answer = await pageOf(0, 5000, NO_FILTERS, { ids: missing.slice(i, i + 5000) });
          for (const d of answer.documents) rows.set(d.id, d);
        }
        return rows;
      },

      async shownDocuments() {
        const rows: DocumentSummary[] = [];
        const filters = listFilters;
        for (let offset = 0; ; offset += 5000) {
          const answer = await pageOf(offset, 5000, filters);
          rows.push(...answer.documents);
          if (answer.documents.length < 5000) return rows;
        }
      },

      async loadOthers() {
        const { doc, annotator, showOthers } = get();
        const seq = ++othersAsked;
        const mark = epoch.mark();
        if (!doc || !showOthers) {
          set({ others: [] });
          return;
        }
        // Only the newest read lands: an older one (before another coder's save, or before the layers were hidden
        // or the annotator changed) answering last would bring back what is no longer so.
        const newest = () => seq === othersAsked && epoch.holds(mark) && get().doc?.id === doc.id;
        try {
          // on a document the annotator codes blind in an open round, the backend returns only their own
          const all = await api.listAnnotations(doc.id, annotator || undefined);
          if (!newest()) return;
          set({ others: all.filter((r) => r.annotator !== annotator) });
        } catch (err) {
          if (newest()) set({ others: [], notice: `Could not load other annotators: ${errorText(err)}` });
        }
      },

      showInList(document, rec) {
        set({ list: listWithRecord(get().list, document, rec) });
      },

      async editMeta(edits) {
        const { list, doc: open } = get();
        const baseOf = (id: string) => rowOf(list, id)?.meta ?? (open?.id === id ? open.meta : undefined);
        try {
          const saved = await api.setDocumentsMeta(
            edits.map((e) => {
              const base = e.base ?? baseOf(e.document);
              return { document: e.document, meta: e.meta, ...(base ? { base } : {}) };
            }),
          );
          const byId = new Map(saved.map((d) => [d.id, d.meta]));
          const { doc } = get();
          set({
            list: withRows(get().list, (d) => (byId.has(d.id) ? { ...d, meta: byId.get(d.id) as DocumentMeta } : d)),
            ...(doc && byId.has(doc.id) ? { doc: { ...doc, meta: byId.get(doc.id) as DocumentMeta } } : {}),
          });
          // The outlets named and what the filters keep may have changed with the metadata.
          void get().loadDocuments();
          return null;
        } catch (err) {
          await get().loadDocuments();
          return errorText(err);
        }
      },
    };
  };
