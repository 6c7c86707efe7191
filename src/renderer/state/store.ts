// The renderer's state: open project, document list, current document and the working record, with a
// serial save queue. One store per <App>, created around the API it talks to.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DocumentView, FrameLensApi, ProjectInfo, SaveAnnotationsInput, SearchHit } from '../../core/api';
import type { AnnotationRecord, DocLabelValue, DocumentSummary, Span, Status } from '../../core/model';
import { fromTemplate, TEMPLATES } from '../../core/templates';
import { indexOfKey, spanKey } from '../reader/segments';
import { annotatorProblem, loadAnnotator, storeAnnotator } from './annotator';
import { type DocFilters, NO_FILTERS, nextUnfinished, stepDocument, visibleDocuments } from './docFilter';
import { emptyHistory, type History, type HistoryEntry, pushEdit, takeRedo, takeUndo } from './history';
import {
  fromRecord,
  type WorkingRecord,
  withDocLabel,
  withoutSpan,
  withSpan,
  withSpanChanged,
  withStatus,
} from './record';

/** Why: the save indicator's three states. */
export type SaveState = 'saved' | 'saving' | 'failed';

/** Why: the one floating thing open over the workspace (label popup, overlap chooser, help, search). */
export type Overlay =
  | { kind: 'labels'; x: number; y: number; range: { start: number; end: number } | null; spanKey: string | null }
  | { kind: 'pick'; x: number; y: number; keys: string[] }
  | { kind: 'help' }
  | { kind: 'find' }
  | { kind: 'corpus' }
  | { kind: 'codebook' };

/** Why: everything the screen shows, plus the actions that change it. */
export interface AppState {
  ready: boolean;
  project: ProjectInfo | null;
  projectError: string | null;
  problemsDismissed: boolean;
  recent: string[];
  annotator: string;
  documents: DocumentSummary[];
  documentsError: string | null;
  filter: string;
  filters: DocFilters;
  history: History;
  showOthers: boolean;
  others: AnnotationRecord[];
  currentId: string | null;
  doc: DocumentView | null;
  docError: string | null;
  record: WorkingRecord | null;
  selectedSpan: string | null;
  save: { state: SaveState; error: string | null; unsaved: number };
  notice: string | null;
  overlay: Overlay | null;

  init(): Promise<void>;
  openProject(path: string): Promise<void>;
  createProject(path: string, template?: string): Promise<void>;
  /** Runs a codebook change once pending saves are on disk, then re-reads everything; returns an error or null. */
  editCodebook(run: (api: FrameLensApi, version: number) => Promise<unknown>): Promise<string | null>;
  setAnnotator(name: string): string | null;
  setFilter(filter: string): void;
  setFilters(patch: Partial<DocFilters>): void;
  goDocument(which: 'next' | 'previous' | 'unfinished'): Promise<void>;
  updateSpan(key: string, next: Span): void;
  undo(): Promise<void>;
  redo(): Promise<void>;
  setShowOthers(show: boolean): void;
  /** Resolves once every queued save has been attempted (before codebook rewrites). */
  flushSaves(): Promise<void>;
  /** Re-reads project, list and record after the codebook changed underneath them. */
  reloadAll(): Promise<void>;
  selectDocument(id: string): Promise<void>;
  addSpan(span: Span): void;
  removeSpan(key: string): void;
  selectSpan(key: string | null): void;
  setStatus(status: Status): void;
  setDocLabel(group: string, value: DocLabelValue | null): void;
  retrySave(): void;
  searchCorpus(query: string, wholeWords: boolean): Promise<SearchHit[]>;
  /** Labels the chosen corpus hits (one undoable edit per document); returns how many spans were added. */
  labelHits(hits: SearchHit[], label: string): Promise<number>;
  dismissProblems(): void;
  setNotice(notice: string | null): void;
  setOverlay(overlay: Overlay | null): void;
  /** Resolves true once the open document's record is loaded (false if another document opens first). */
  recordReady(): Promise<boolean>;
}

/** Why: errors reach the screen as one plain line. */
function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Why: one store per API, so tests and the app never share state. */
export function createAppStore(api: FrameLensApi): StoreApi<AppState> {
  // Saves run one at a time; the latest whole record per document+annotator wins.
  const pending = new Map<string, SaveAnnotationsInput>();
  const inflight = new Map<string, SaveAnnotationsInput>();
  let idle: Array<() => void> = [];
  const failed = new Map<string, { input: SaveAnnotationsInput; error: string }>();
  let pumping = false;
  let loadSeq = 0;
  let started = false;

  return createStore<AppState>()((set, get, storeApi) => {
    const saveKey = (doc: string, annotator: string) => `${doc}\u0000${annotator}`;

    const publishSave = () => {
      const busy = pumping || pending.size > 0;
      const lastFailure = [...failed.values()].pop();
      const next: AppState['save'] = busy
        ? { state: 'saving', error: lastFailure?.error ?? null, unsaved: failed.size }
        : lastFailure
          ? { state: 'failed', error: lastFailure.error, unsaved: failed.size }
          : { state: 'saved', error: null, unsaved: 0 };
      const cur = get().save;
      // Unchanged state: no update, so no selector runs again (records can hold thousands of spans).
      if (cur.state !== next.state || cur.error !== next.error || cur.unsaved !== next.unsaved) set({ save: next });
    };

    const pump = async () => {
      if (pumping) return;
      pumping = true;
      try {
        while (pending.size > 0) {
          const [key, input] = pending.entries().next().value as [string, SaveAnnotationsInput];
          pending.delete(key);
          inflight.set(key, input);
          publishSave();
          try {
            await api.saveAnnotations(input);
            if (!pending.has(key)) failed.delete(key);
          } catch (err) {
            if (!pending.has(key)) failed.set(key, { input, error: message(err) });
          } finally {
            inflight.delete(key);
          }
        }
      } finally {
        pumping = false;
        publishSave();
        const waiting = idle;
        idle = [];
        for (const resolve of waiting) resolve();
      }
    };

    const queueSave = (input: SaveAnnotationsInput) => {
      pending.set(saveKey(input.document, input.annotator), input);
      publishSave();
      // Start once the edit is painted, so serializing a long record never delays the frame that shows it;
      // the plain timer covers hidden windows, where animation frames do not run (pump runs once either way).
      if (typeof requestAnimationFrame === 'function' && document.visibilityState === 'visible')
        requestAnimationFrame(() => setTimeout(() => void pump(), 0));
      setTimeout(() => void pump(), 50);
    };

    /** Shows a record in the list row of its document and queues its save. */
    const commit = (
      document: string,
      annotator: string,
      textHash: string,
      next: WorkingRecord,
      extra: Partial<AppState> = {},
    ) => {
      set({
        ...extra,
        documents: get().documents.map((d) =>
          d.id === document
            ? {
                ...d,
                status: next.status,
                spans: next.spans.length,
                labels: [...new Set(next.spans.map((s) => s.label))],
              }
            : d,
        ),
      });
      queueSave({ document, annotator, textHash, status: next.status, spans: next.spans, docLabels: next.docLabels });
    };

    /** Applies an edit to the working record, records it for undo, reflects it in the list, and saves it. */
    const edit = (
      change: (rec: WorkingRecord) => WorkingRecord,
      what: string,
      extra: (next: WorkingRecord) => Partial<AppState> = () => ({}),
    ): boolean => {
      const { doc, record, annotator } = get();
      if (!doc || !record) return false;
      if (!annotator) {
        set({ notice: 'Choose an annotator (top right) before annotating.' });
        return false;
      }
      const next = change(record);
      if (next === record) return false;
      // One store update per edit: every subscribed selector runs once.
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

    /** Restores one side of a history entry, in its own document (switching to it first). */
    const restore = async (entry: HistoryEntry, rec: WorkingRecord, verb: string) => {
      if (entry.annotator !== get().annotator) return;
      commit(entry.document, entry.annotator, entry.textHash, rec);
      if (get().doc?.id === entry.document) set({ record: rec, selectedSpan: null });
      else await get().selectDocument(entry.document);
      set({ notice: `${verb}: ${entry.what}` });
    };

    const loadOthers = async () => {
      const { doc, annotator, showOthers } = get();
      if (!doc || !showOthers) {
        set({ others: [] });
        return;
      }
      try {
        const all = await api.listAnnotations(doc.id);
        if (get().doc?.id !== doc.id) return;
        set({ others: all.filter((r) => r.annotator !== annotator) });
      } catch (err) {
        set({ others: [], notice: `Could not load other annotators: ${message(err)}` });
      }
    };

    const loadDocuments = async () => {
      const { annotator } = get();
      try {
        const documents = annotator ? await api.listDocuments(annotator) : await api.listDocuments();
        if (get().annotator !== annotator) return;
        set({ documents, documentsError: null });
        const { currentId } = get();
        if (!currentId && documents.length > 0) await get().selectDocument(documents[0].id);
      } catch (err) {
        set({ documentsError: message(err) });
      }
    };

    const loadRecord = async () => {
      const { doc, annotator, documents } = get();
      if (!doc) return;
      const seq = ++loadSeq;
      const key = saveKey(doc.id, annotator);
      const unsaved = pending.get(key) ?? inflight.get(key) ?? failed.get(key)?.input;
      if (unsaved) {
        set({ record: fromRecord({ ...unsaved, codebookVersion: 0, updatedAt: '' }), selectedSpan: null });
        return;
      }
      const fallback = documents.find((d) => d.id === doc.id)?.status ?? 'todo';
      try {
        const rec = annotator ? await api.getAnnotations(doc.id, annotator) : null;
        if (seq !== loadSeq) return;
        set({ record: fromRecord(rec, annotator ? fallback : 'todo'), docError: null, selectedSpan: null });
      } catch (err) {
        if (seq !== loadSeq) return;
        set({ record: null, docError: `Could not load annotations: ${message(err)}` });
      }
    };

    const adoptProject = async (project: ProjectInfo) => {
      set({
        project,
        projectError: null,
        problemsDismissed: false,
        documents: [],
        documentsError: null,
        currentId: null,
        doc: null,
        record: null,
        selectedSpan: null,
        docError: null,
        history: emptyHistory(),
        others: [],
      });
      api.recentProjects().then(
        (recent) => set({ recent }),
        () => undefined,
      );
      await loadDocuments();
    };

    return {
      ready: false,
      project: null,
      projectError: null,
      problemsDismissed: false,
      recent: [],
      annotator: loadAnnotator(),
      documents: [],
      documentsError: null,
      filter: '',
      filters: NO_FILTERS,
      history: emptyHistory(),
      showOthers: false,
      others: [],
      currentId: null,
      doc: null,
      docError: null,
      record: null,
      selectedSpan: null,
      save: { state: 'saved', error: null, unsaved: 0 },
      notice: null,
      overlay: null,

      async init() {
        if (started) return;
        started = true;
        api.recentProjects().then(
          (recent) => set({ recent }),
          () => undefined,
        );
        try {
          const project = await api.getProject();
          set({ ready: true });
          await adoptProject(project);
        } catch (err) {
          // No project open yet is a normal start: the path field is the way in.
          set({ ready: true, project: null, projectError: message(err) });
        }
      },

      async openProject(path) {
        try {
          await adoptProject(await api.openProject(path));
        } catch (err) {
          set({ projectError: `Could not open ${path}: ${message(err)}` });
        }
      },

      async createProject(path, template) {
        try {
          let project = await api.createProject(path);
          const t = TEMPLATES.find((x) => x.id === template);
          if (t) {
            const codebook = await api.saveCodebook(
              fromTemplate(t, project.codebook.version),
              project.codebook.version,
            );
            project = { ...project, codebook };
          }
          await adoptProject(project);
        } catch (err) {
          set({ projectError: `Could not create ${path}: ${message(err)}` });
        }
      },

      setAnnotator(name) {
        const trimmed = name.trim();
        const problem = trimmed ? annotatorProblem(trimmed) : null;
        if (problem) return problem;
        if (trimmed === get().annotator) return null;
        storeAnnotator(trimmed);
        // Each annotator edits only their own layer, so their undo history is their own too; the shown record
        // is the previous annotator's until theirs is read, so it is dropped at once (no edit can reach it).
        set({ annotator: trimmed, selectedSpan: null, notice: null, history: emptyHistory(), record: null });
        // A new annotator stays in the list after switching away from them, before any reload.
        const { project } = get();
        if (project && trimmed && !project.annotators.includes(trimmed))
          set({ project: { ...project, annotators: [...project.annotators, trimmed].sort() } });
        void loadDocuments();
        void loadRecord();
        void loadOthers();
        return null;
      },

      setFilter(filter) {
        set({ filter, filters: { ...get().filters, text: filter } });
      },

      setFilters(patch) {
        const filters = { ...get().filters, ...patch };
        set({ filters, filter: filters.text });
      },

      async goDocument(which) {
        const { documents, filters, currentId } = get();
        const shown = visibleDocuments(documents, filters);
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
        const seq = ++loadSeq;
        set({ currentId: id, docError: null, selectedSpan: null });
        try {
          const doc = await api.getDocument(id);
          if (seq !== loadSeq) return;
          set({ doc, record: null, others: [] });
          await Promise.all([loadRecord(), loadOthers()]);
        } catch (err) {
          if (seq !== loadSeq) return;
          set({ doc: null, record: null, docError: `Could not open document ${id}: ${message(err)}` });
        }
      },

      addSpan(span) {
        edit(
          (rec) => withSpan(rec, span),
          `add ${span.label}`,
          () => ({ selectedSpan: spanKey(span) }),
        );
      },

      removeSpan(key) {
        const spans = get().record?.spans ?? [];
        const label = spans[indexOfKey(spans, key)]?.label ?? 'span';
        edit(
          (rec) => withoutSpan(rec, key),
          `delete ${label}`,
          () => (get().selectedSpan === key ? { selectedSpan: null } : {}),
        );
      },

      updateSpan(key, next) {
        const spans = get().record?.spans ?? [];
        const old = spans[indexOfKey(spans, key)];
        if (!old) return;
        const what =
          old.label !== next.label
            ? `relabel ${old.label} → ${next.label}`
            : old.start !== next.start || old.end !== next.end
              ? `resize ${old.label}`
              : `note on ${old.label}`;
        edit(
          (rec) => withSpanChanged(rec, key, next),
          what,
          () => ({ selectedSpan: spanKey(next) }),
        );
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

      setShowOthers(show) {
        set({ showOthers: show });
        void loadOthers();
      },

      flushSaves() {
        if (!pumping && pending.size === 0) return Promise.resolve();
        return new Promise<void>((resolve) => idle.push(resolve));
      },

      async reloadAll() {
        try {
          const project = await api.getProject();
          // Records in the history name labels of the old codebook; they cannot be restored across a change.
          const same = project.codebook.version === get().project?.codebook.version;
          set({ project, history: same ? get().history : emptyHistory() });
          const { annotator } = get();
          const documents = annotator ? await api.listDocuments(annotator) : await api.listDocuments();
          set({ documents });
          await Promise.all([loadRecord(), loadOthers()]);
        } catch (err) {
          set({ projectError: `Could not reload the project: ${message(err)}` });
        }
      },

      selectSpan(key) {
        set({ selectedSpan: key });
      },

      setStatus(status) {
        edit((rec) => withStatus(rec, status), `status ${status.replace('_', ' ')}`);
      },

      setDocLabel(group, value) {
        edit((rec) => withDocLabel(rec, group, value), `${group} label`);
      },

      searchCorpus(query, wholeWords) {
        return api.searchCorpus(query, wholeWords);
      },

      async labelHits(hits, label) {
        const { annotator, documents } = get();
        if (!annotator) {
          set({ notice: 'Choose an annotator (top right) before annotating.' });
          return 0;
        }
        const byDoc = new Map<string, SearchHit[]>();
        for (const h of hits) byDoc.set(h.document, [...(byDoc.get(h.document) ?? []), h]);
        let added = 0;
        let history = get().history;
        for (const [document, list] of byDoc) {
          const summary = documents.find((d) => d.id === document);
          if (!summary) continue;
          const key = saveKey(document, annotator);
          const current = get().doc?.id === document ? get().record : null;
          const queued = pending.get(key) ?? inflight.get(key) ?? failed.get(key)?.input;
          let before: WorkingRecord;
          try {
            before =
              current ??
              (queued
                ? fromRecord({ ...queued, codebookVersion: 0, updatedAt: '' })
                : fromRecord(await api.getAnnotations(document, annotator), summary.status));
          } catch (err) {
            set({ notice: `Could not read ${document}: ${message(err)}` });
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

      retrySave() {
        for (const [key, { input }] of failed) if (!pending.has(key)) pending.set(key, input);
        failed.clear();
        publishSave();
        void pump();
      },

      dismissProblems() {
        set({ problemsDismissed: true });
      },

      setNotice(notice) {
        set({ notice });
      },

      async editCodebook(run) {
        await get().flushSaves();
        if (failed.size > 0) return 'Some edits are not saved yet; retry saving before changing the codebook.';
        try {
          await run(api, get().project?.codebook.version ?? 0);
          return null;
        } catch (err) {
          return message(err);
        } finally {
          await get().reloadAll();
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
          const unsubscribe = storeApi.subscribe((s) => {
            if (s.currentId !== docId || s.docError) finish(false);
            else if (s.record) finish(true);
          });
        });
      },

      setOverlay(overlay) {
        set({ overlay });
      },
    };
  });
}
