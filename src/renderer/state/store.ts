// The renderer's state: open project, document list, current document and the working record, with a
// serial save queue. One store per <App>, created around the API it talks to.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DocumentView, FrameLensApi, ProjectInfo, SaveAnnotationsInput } from '../../core/api';
import type { DocLabelValue, DocumentSummary, Span, Status } from '../../core/model';
import { spanKey } from '../reader/segments';
import { annotatorProblem, loadAnnotator, storeAnnotator } from './annotator';
import { fromRecord, type WorkingRecord, withDocLabel, withoutSpan, withSpan, withStatus } from './record';

/** Why: the save indicator's three states. */
export type SaveState = 'saved' | 'saving' | 'failed';

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
  currentId: string | null;
  doc: DocumentView | null;
  docError: string | null;
  record: WorkingRecord | null;
  selectedSpan: string | null;
  save: { state: SaveState; error: string | null; unsaved: number };
  notice: string | null;

  init(): Promise<void>;
  openProject(path: string): Promise<void>;
  createProject(path: string): Promise<void>;
  setAnnotator(name: string): string | null;
  setFilter(filter: string): void;
  selectDocument(id: string): Promise<void>;
  addSpan(span: Span): void;
  removeSpan(key: string): void;
  selectSpan(key: string | null): void;
  setStatus(status: Status): void;
  setDocLabel(group: string, value: DocLabelValue | null): void;
  retrySave(): void;
  dismissProblems(): void;
  setNotice(notice: string | null): void;
}

/** Why: errors reach the screen as one plain line. */
function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Why: one store per API, so tests and the app never share state. */
export function createAppStore(api: FrameLensApi): StoreApi<AppState> {
  // Saves run one at a time; the latest whole record per document+annotator wins.
  const pending = new Map<string, SaveAnnotationsInput>();
  const failed = new Map<string, { input: SaveAnnotationsInput; error: string }>();
  let pumping = false;
  let loadSeq = 0;
  let started = false;

  return createStore<AppState>()((set, get) => {
    const saveKey = (doc: string, annotator: string) => `${doc}\u0000${annotator}`;

    const publishSave = () => {
      const busy = pumping || pending.size > 0;
      const lastFailure = [...failed.values()].pop();
      set({
        save: busy
          ? { state: 'saving', error: lastFailure?.error ?? null, unsaved: failed.size }
          : lastFailure
            ? { state: 'failed', error: lastFailure.error, unsaved: failed.size }
            : { state: 'saved', error: null, unsaved: 0 },
      });
    };

    const pump = async () => {
      if (pumping) return;
      pumping = true;
      try {
        while (pending.size > 0) {
          const [key, input] = pending.entries().next().value as [string, SaveAnnotationsInput];
          pending.delete(key);
          publishSave();
          try {
            await api.saveAnnotations(input);
            if (!pending.has(key)) failed.delete(key);
          } catch (err) {
            if (!pending.has(key)) failed.set(key, { input, error: message(err) });
          }
        }
      } finally {
        pumping = false;
        publishSave();
      }
    };

    const queueSave = (input: SaveAnnotationsInput) => {
      pending.set(saveKey(input.document, input.annotator), input);
      publishSave();
      void pump();
    };

    /** Applies an edit to the working record, reflects it in the list, and saves it. */
    const edit = (change: (rec: WorkingRecord) => WorkingRecord) => {
      const { doc, record, annotator, documents } = get();
      if (!doc || !record) return;
      if (!annotator) {
        set({ notice: 'Choose an annotator (top right) before annotating.' });
        return;
      }
      const next = change(record);
      if (next === record) return;
      set({
        record: next,
        notice: null,
        documents: documents.map((d) =>
          d.id === doc.id ? { ...d, status: next.status, spans: next.spans.length } : d,
        ),
      });
      queueSave({
        document: doc.id,
        annotator,
        textHash: doc.textHash,
        status: next.status,
        spans: next.spans,
        docLabels: next.docLabels,
      });
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
      const unsaved = failed.get(saveKey(doc.id, annotator))?.input;
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
      currentId: null,
      doc: null,
      docError: null,
      record: null,
      selectedSpan: null,
      save: { state: 'saved', error: null, unsaved: 0 },
      notice: null,

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

      async createProject(path) {
        try {
          await adoptProject(await api.createProject(path));
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
        set({ annotator: trimmed, selectedSpan: null, notice: null });
        void loadDocuments();
        void loadRecord();
        return null;
      },

      setFilter(filter) {
        set({ filter });
      },

      async selectDocument(id) {
        const seq = ++loadSeq;
        set({ currentId: id, docError: null, selectedSpan: null });
        try {
          const doc = await api.getDocument(id);
          if (seq !== loadSeq) return;
          set({ doc, record: null });
          await loadRecord();
        } catch (err) {
          if (seq !== loadSeq) return;
          set({ doc: null, record: null, docError: `Could not open document ${id}: ${message(err)}` });
        }
      },

      addSpan(span) {
        edit((rec) => withSpan(rec, span));
        if (get().annotator) set({ selectedSpan: spanKey(span) });
      },

      removeSpan(key) {
        edit((rec) => withoutSpan(rec, key));
        if (get().selectedSpan === key) set({ selectedSpan: null });
      },

      selectSpan(key) {
        set({ selectedSpan: key });
      },

      setStatus(status) {
        edit((rec) => withStatus(rec, status));
      },

      setDocLabel(group, value) {
        edit((rec) => withDocLabel(rec, group, value));
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
    };
  });
}
