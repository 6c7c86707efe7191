// The renderer's state: open project, document list, current document and the working record, with a
// serial save queue. One store per <App>, created around the API it talks to.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DocumentView, FrameLensApi, ProjectInfo, SaveAnnotationsInput, SearchHit } from '../../core/api';
import type { AnnotationRecord, DocLabelValue, DocumentSummary, Span, Status } from '../../core/model';
import { fromTemplate, TEMPLATES } from '../../core/templates';
import { indexOfKey, spanKey } from '../annotate/reader/segments';
import { annotatorProblem, loadAnnotator, storeAnnotator } from './annotator';
import {
  CHANGE_POLL_MS,
  type ChangeWatch,
  type Conflict,
  type FeedChange,
  isConflictError,
  summarize,
  watchChanges,
} from './changeFeed';
import { type DocFilters, NO_FILTERS, nextUnfinished, stepDocument, visibleDocuments } from './docFilter';
import {
  emptyHistory,
  type History,
  type HistoryEntry,
  pushEdit,
  takeRedo,
  takeUndo,
  withoutDocument,
} from './history';
import {
  fromRecord,
  type WorkingRecord,
  withDocLabel,
  withoutSpan,
  withSpan,
  withSpanChanged,
  withStatus,
} from './record';

export type { Conflict } from './changeFeed';

/** A save as sent: the edit plus the `updatedAt` of the disk version it was made on (null: no file yet). */
type SaveRequest = SaveAnnotationsInput & { baseUpdatedAt?: string | null };

/** Knobs for tests (the app uses the defaults). */
export interface StoreOptions {
  /** How often the change feed is polled while a project is open; 0: only when `pollChanges()` is called. */
  pollMs?: number;
}

/** The save indicator's three states. */
export type SaveState = 'saved' | 'saving' | 'failed';

/** The one floating thing open over the workspace (label popup, overlap chooser, help, search). */
export type Overlay =
  | { kind: 'labels'; x: number; y: number; range: { start: number; end: number } | null; spanKey: string | null }
  | { kind: 'pick'; x: number; y: number; keys: string[] }
  | { kind: 'help' }
  | { kind: 'find' }
  | { kind: 'corpus' }
  | { kind: 'codebook' };

/** Everything the screen shows, plus the actions that change it. */
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
  /** Files changed on disk while this annotator had an unsaved edit of them: kept, shown, never overwritten. */
  conflicts: Conflict[];

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
  /** Asks the change feed now (the store also asks every 2 s while a project is open). */
  pollChanges(): Promise<void>;
  /** Settles a conflict: save the local edit over the disk version (mine), or drop it for the disk's (theirs). */
  resolveConflict(document: string, choice: 'mine' | 'theirs'): Promise<void>;
  /** Stops polling the change feed (the app never needs to; tests do). */
  stopWatching(): void;
}

/** Errors reach the screen as one plain line. */
function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** One store per API, so tests and the app never share state. */
export function createAppStore(api: FrameLensApi, options: StoreOptions = {}): StoreApi<AppState> {
  // Saves run one at a time; the latest whole record per document+annotator wins.
  const pending = new Map<string, SaveAnnotationsInput>();
  const inflight = new Map<string, SaveAnnotationsInput>();
  let idle: Array<() => void> = [];
  const failed = new Map<string, { input: SaveAnnotationsInput; error: string }>();
  let pumping = false;
  let loadSeq = 0;
  let started = false;
  // The `updatedAt` of the last version known from disk per document+annotator (read, or written by a save):
  // every save is sent on top of it, so the backend refuses, rather than overwrites, a file changed since.
  const base = new Map<string, string | null>();
  let watch: ChangeWatch | null = null;

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
            const request: SaveRequest = base.has(key) ? { ...input, baseUpdatedAt: base.get(key) } : input;
            const result = await api.saveAnnotations(request);
            if (result?.record?.updatedAt) base.set(key, result.record.updatedAt);
            if (!pending.has(key)) failed.delete(key);
          } catch (err) {
            const error = message(err);
            if (!pending.has(key)) failed.set(key, { input, error });
            // Someone else's version is on disk: keep the edit, say so, and let the analyst choose.
            if (isConflictError(error)) void noteConflict(input.document, input.annotator);
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
        if (annotator && !unsavedInput(key)) base.set(key, rec?.updatedAt ?? null);
        set({ record: fromRecord(rec, annotator ? fallback : 'todo'), docError: null, selectedSpan: null });
      } catch (err) {
        if (seq !== loadSeq) return;
        set({ record: null, docError: `Could not load annotations: ${message(err)}` });
      }
    };

    /** The local edit of a document not yet on disk (queued, being written, or refused), if any. */
    const unsavedInput = (key: string) => pending.get(key) ?? inflight.get(key) ?? failed.get(key)?.input;

    /** Reflects a record in its document's list row. */
    const showInList = (document: string, rec: WorkingRecord) =>
      set({
        documents: get().documents.map((d) =>
          d.id === document
            ? { ...d, status: rec.status, spans: rec.spans.length, labels: [...new Set(rec.spans.map((s) => s.label))] }
            : d,
        ),
      });

    /** Records (or refreshes) a conflict on one file, reading the version now on disk. */
    const noteConflict = async (document: string, annotator: string) => {
      const key = saveKey(document, annotator);
      let disk: AnnotationRecord | null;
      try {
        disk = await api.getAnnotations(document, annotator);
      } catch {
        return;
      }
      const local = unsavedInput(key);
      if (!local) return;
      const conflict: Conflict = {
        document,
        annotator,
        diskUpdatedAt: disk?.updatedAt ?? null,
        diskSpans: disk?.spans.length ?? 0,
        localSpans: local.spans.length,
      };
      const others = get().conflicts.filter((c) => c.document !== document || c.annotator !== annotator);
      set({ conflicts: [...others, conflict] });
    };

    /** Replaces one document's record with the version on disk (nothing unsaved of it is dropped unless asked). */
    const takeDisk = (document: string, annotator: string, disk: AnnotationRecord | null) => {
      const key = saveKey(document, annotator);
      base.set(key, disk?.updatedAt ?? null);
      const summary = get().documents.find((d) => d.id === document);
      const rec = fromRecord(disk, disk ? 'todo' : (summary?.status ?? 'todo'));
      showInList(document, rec);
      const shown = get().doc?.id === document && get().annotator === annotator;
      const selected = get().selectedSpan;
      set({
        history: withoutDocument(get().history, document, annotator),
        ...(shown
          ? {
              record: rec,
              selectedSpan: selected && indexOfKey(rec.spans, selected) >= 0 ? selected : null,
            }
          : {}),
      });
      return shown;
    };

    /** One of this annotator's files changed on disk: reload it, or keep the local edit and show a conflict. */
    const onFileChanged = async (document: string, annotator: string) => {
      const key = saveKey(document, annotator);
      // A save of it being written may be the change itself: decide once it has answered.
      if (inflight.has(key)) await get().flushSaves();
      let disk: AnnotationRecord | null;
      try {
        disk = await api.getAnnotations(document, annotator);
      } catch {
        return;
      }
      if (get().annotator !== annotator) return;
      const diskAt = disk?.updatedAt ?? null;
      const known = get().conflicts.some((c) => c.document === document && c.annotator === annotator);
      if (unsavedInput(key) || known) {
        // Someone else's version and an edit not on disk: never overwrite, never drop; show both choices.
        if (known || base.get(key) !== diskAt) await noteConflict(document, annotator);
        return;
      }
      if (base.has(key) && base.get(key) === diskAt) return; // our own save, seen by the watcher
      const shown = takeDisk(document, annotator, disk);
      if (shown) set({ notice: `reloaded: changed on disk (${document})` });
    };

    /** What the store does with one page of the change feed. */
    const onChanges = async (changes: FeedChange[], reset: boolean) => {
      const { annotator, doc } = get();
      const shown = doc?.id ?? null;
      const what = summarize(changes, annotator, shown);
      if (reset || what.project) {
        await get().flushSaves();
        await get().reloadAll();
      }
      if (annotator) {
        const docs = reset && shown ? new Set([...what.mine, shown]) : what.mine;
        for (const document of docs) await onFileChanged(document, annotator);
      }
      if (what.othersOnShown && get().showOthers) await loadOthers();
    };

    const startWatching = () => {
      watch?.stop();
      watch = watchChanges(api, onChanges, options.pollMs ?? CHANGE_POLL_MS);
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
        conflicts: [],
      });
      base.clear();
      startWatching();
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
      conflicts: [],

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
                : await api.getAnnotations(document, annotator).then((r) => {
                    base.set(key, r?.updatedAt ?? null);
                    return fromRecord(r, summary.status);
                  }));
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

      pollChanges() {
        return watch ? watch.poll() : Promise.resolve();
      },

      async resolveConflict(document, choice) {
        const conflict = get().conflicts.find((c) => c.document === document && c.annotator === get().annotator);
        if (!conflict) return;
        const { annotator } = conflict;
        const key = saveKey(document, annotator);
        const drop = () =>
          set({ conflicts: get().conflicts.filter((c) => c.document !== document || c.annotator !== annotator) });
        if (choice === 'mine') {
          const local = pending.get(key) ?? failed.get(key)?.input ?? inflight.get(key);
          drop();
          if (!local) return;
          // Overwrites exactly the version shown in the banner; if it changed again since, this is refused too.
          base.set(key, conflict.diskUpdatedAt);
          failed.delete(key);
          pending.set(key, local);
          publishSave();
          void pump();
          return;
        }
        await get().flushSaves();
        pending.delete(key);
        failed.delete(key);
        publishSave();
        try {
          const disk = await api.getAnnotations(document, annotator);
          drop();
          takeDisk(document, annotator, disk);
          set({ notice: `Took the version on disk of ${document}; your edits of it were dropped.` });
        } catch (err) {
          set({ notice: `Could not read ${document}: ${message(err)}` });
        }
      },

      stopWatching() {
        watch?.stop();
        watch = null;
      },
    };
  });
}
