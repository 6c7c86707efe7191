import type { DocumentMeta, DocumentSummary } from '../../core/model';
import { errorText } from '../ui/errors';
import { activeOrder, NO_FILTERS, nextUnfinished, stepDocument, visibleDocuments } from './docFilter';
import { storeLayerChoice } from './layers';
import type { WorkingRecord } from './record';
import type { DocumentsSlice, SliceCreator } from './types';

/** The list with one document's row showing a record's status, span count and labels. */
export function listWithRecord(documents: DocumentSummary[], id: string, rec: WorkingRecord): DocumentSummary[] {
  return documents.map((d) =>
    d.id === id
      ? { ...d, status: rec.status, spans: rec.spans.length, labels: [...new Set(rec.spans.map((s) => s.label))] }
      : d,
  );
}

export const createDocumentsSlice: SliceCreator<DocumentsSlice> =
  ({ api, queue }) =>
  (set, get) => {
    // A document opened later makes the answers of one opened before it stale.
    let opening = 0;
    return {
      documents: [],
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
      },

      async goDocument(which) {
        const { documents, filters, currentId, order } = get();
        const shown = visibleDocuments(documents, filters, activeOrder(order));
        const id =
          which === 'unfinished'
            ? nextUnfinished(shown, currentId)
            : stepDocument(shown, currentId, which === 'next' ? 1 : -1);
        if (!id) {
          set({ notice: which === 'unfinished' ? 'Every shown document is done or skipped.' : 'No documents shown.' });
          return;
        }
        if (id !== currentId) await get().selectDocument(id);
      },

      async selectDocument(id) {
        // Choosing the open document again changes nothing (and never blanks the record mid-work).
        if (id === get().currentId && get().doc?.id === id && get().record) return;
        const seq = ++opening;
        set({ currentId: id, docError: null, selectedSpan: null, selectedSuggestion: null, suggestions: null });
        // The record is asked for alongside the text, not after it: a long record takes as long to read as its text.
        const { annotator } = get();
        const record = annotator && !queue.unsaved(id, annotator) ? api.getAnnotations(id, annotator) : undefined;
        record?.catch(() => {});
        try {
          const doc = await api.getDocument(id);
          if (seq !== opening) return;
          set({ doc, record: null, others: [] });
          await Promise.all([
            get().loadRecord(get().annotator === annotator ? record : undefined),
            get().loadOthers(),
            get().loadSuggestions(),
          ]);
        } catch (err) {
          if (seq !== opening) return;
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
        const { annotator } = get();
        try {
          const documents = annotator ? await api.listDocuments(annotator) : await api.listDocuments();
          if (get().annotator !== annotator) return;
          set({ documents, documentsError: null });
          if (!get().currentId && documents.length > 0) await get().selectDocument(documents[0].id);
        } catch (err) {
          set({ documentsError: errorText(err) });
        }
      },

      async loadOthers() {
        const { doc, annotator, showOthers } = get();
        if (!doc || !showOthers) {
          set({ others: [] });
          return;
        }
        try {
          // on a document the annotator codes blind in an open round, the backend returns only their own
          const all = await api.listAnnotations(doc.id, annotator || undefined);
          if (get().doc?.id !== doc.id) return;
          set({ others: all.filter((r) => r.annotator !== annotator) });
        } catch (err) {
          set({ others: [], notice: `Could not load other annotators: ${errorText(err)}` });
        }
      },

      showInList(document, rec) {
        set({ documents: listWithRecord(get().documents, document, rec) });
      },

      async editMeta(edits) {
        const known = new Map(get().documents.map((d) => [d.id, d.meta]));
        try {
          const saved = await api.setDocumentsMeta(
            edits.map((e) => {
              const base = known.get(e.document);
              return { document: e.document, meta: e.meta, ...(base ? { base } : {}) };
            }),
          );
          const byId = new Map(saved.map((d) => [d.id, d.meta]));
          const { doc } = get();
          set({
            documents: get().documents.map((d) =>
              byId.has(d.id) ? { ...d, meta: byId.get(d.id) as DocumentMeta } : d,
            ),
            ...(doc && byId.has(doc.id) ? { doc: { ...doc, meta: byId.get(doc.id) as DocumentMeta } } : {}),
          });
          return null;
        } catch (err) {
          await get().loadDocuments();
          return errorText(err);
        }
      },
    };
  };
