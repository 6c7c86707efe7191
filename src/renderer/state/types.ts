// The store's shape, one interface per slice (zustand's slices pattern): each slice file implements one of
// them, and may read or call the others through `get()`.
import type { StateCreator, StoreApi } from 'zustand/vanilla';
import type { DocumentView, FrameLensApi, ProjectInfo, SearchHit, SessionInfo } from '../../core/api';
import type { AnnotationRecord, DocLabelValue, DocumentSummary, Span, Status } from '../../core/model';
import type { Conflict, FeedListener } from './changeFeed';
import type { DocFilters } from './docFilter';
import type { History } from './history';
import type { WorkingRecord } from './record';
import type { SaveQueue, SaveStatus } from './saveQueue';

/** The open project and who is annotating it. */
export interface ImportSource {
  /** What the import names: top-level names in the upload, or the granted paths. */
  paths: string[];
  upload?: string;
  grant?: string;
  /** For the user: how many files, from where. */
  summary: string;
}

export interface ProjectSlice {
  /** The first answer about the project has arrived (a project, or none open). */
  ready: boolean;
  project: ProjectInfo | null;
  projectError: string | null;
  problemsDismissed: boolean;
  recent: string[];
  annotator: string;
  /** What the shell can do and offers (null until the first answer): dialogs, the name to suggest, allowed folders. */
  shell: Omit<SessionInfo, 'project' | 'recent' | 'annotator'> | null;
  /** "Who is annotating?" is asked; `then` runs once a name is confirmed (a mark made before it). */
  askingName: { then?: () => void } | null;
  /** Dropped or picked files waiting for the import wizard (an upload, or a dialog's grant). */
  importSource: ImportSource | null;
  init(): Promise<void>;
  openProject(path: string): Promise<void>;
  createProject(path: string, template?: string): Promise<void>;
  /** Runs a project-opening call of the API (new, sample, dialog) and adopts what it opened. */
  openWith(what: string, open: () => Promise<ProjectInfo | null>, template?: string): Promise<void>;
  closeProject(): Promise<void>;
  /** Returns why the name cannot be used, or null. */
  setAnnotator(name: string): string | null;
  askName(then?: () => void): void;
  /** The asked name: remembered for this user, then the waiting mark is applied. */
  confirmName(name: string): string | null;
  cancelName(): void;
  setImportSource(source: ImportSource | null): void;
  /** Re-reads project, list and record after the codebook or the files changed underneath them. */
  reloadAll(): Promise<void>;
  /** Runs a codebook change once pending saves are on disk, then re-reads everything; returns an error or null. */
  editCodebook(run: (version: number) => Promise<unknown>): Promise<string | null>;
  dismissProblems(): void;
  dismissProjectError(): void;
}

/** The document list, its filters, and the document open in the reader with the other annotators' layers. */
export interface DocumentsSlice {
  documents: DocumentSummary[];
  documentsError: string | null;
  filters: DocFilters;
  currentId: string | null;
  doc: DocumentView | null;
  docError: string | null;
  showOthers: boolean;
  others: AnnotationRecord[];
  setFilters(patch: Partial<DocFilters>): void;
  goDocument(which: 'next' | 'previous' | 'unfinished'): Promise<void>;
  selectDocument(id: string): Promise<void>;
  setShowOthers(show: boolean): void;
  loadDocuments(): Promise<void>;
  loadOthers(): Promise<void>;
  /** Shows a record's status, span count and labels in its document's row. */
  showInList(document: string, record: WorkingRecord): void;
}

/** The annotator's working record of the open document, the selected span, and undo across documents. */
export interface EditingSlice {
  record: WorkingRecord | null;
  /** The selected span's identity (see spans.ts). */
  selectedSpan: string | null;
  history: History;
  loadRecord(): Promise<void>;
  /** Resolves true once the open document's record is loaded (false if another document opens first). */
  recordReady(): Promise<boolean>;
  addSpan(span: Span): void;
  removeSpan(identity: string): void;
  updateSpan(identity: string, next: Span): void;
  selectSpan(identity: string | null): void;
  setStatus(status: Status): void;
  setDocLabel(group: string, value: DocLabelValue | null): void;
  undo(): Promise<void>;
  redo(): Promise<void>;
  /** Labels the chosen corpus hits (one undoable edit per document); returns how many spans were added. */
  labelHits(hits: SearchHit[], label: string): Promise<number>;
}

/** Saves on their way to disk, and what the disk did meanwhile. */
export interface SyncSlice {
  save: SaveStatus;
  /** Files changed on disk while this annotator had an unsaved edit of them: kept, shown, never overwritten. */
  conflicts: Conflict[];
  /** Resolves once every queued save has been tried. */
  flushSaves(): Promise<void>;
  retrySave(): void;
  startWatching(): void;
  /** The app never needs to; tests do. */
  stopWatching(): void;
  /** One round of the change feed now (it also runs every 2 s while a project is open). */
  pollChanges(): Promise<void>;
  /** Each page of the change feed, as the store sees it; returns the unsubscribe function. */
  subscribeChanges(listener: FeedListener): () => void;
  /** Records (or refreshes) a conflict on one file from the version now on disk. */
  noteConflict(document: string, annotator: string): Promise<void>;
  /** Mine: save the local edit over the disk version; theirs: drop it for the disk's. */
  resolveConflict(document: string, choice: 'mine' | 'theirs'): Promise<void>;
}

/** The one floating thing open over the workspace. */
type Overlay =
  | { kind: 'labels'; x: number; y: number; range: { start: number; end: number } | null; span: string | null }
  | { kind: 'pick'; x: number; y: number; spans: string[] }
  | { kind: 'help' }
  | { kind: 'find' }
  | { kind: 'corpus' }
  | { kind: 'codebook' };

export interface UiSlice {
  notice: string | null;
  overlay: Overlay | null;
  /** The id of the view shown (app/views.tsx lists them). */
  view: string;
  setNotice(notice: string | null): void;
  setOverlay(overlay: Overlay | null): void;
  setView(view: string): void;
}

export type AppState = ProjectSlice & DocumentsSlice & EditingSlice & SyncSlice & UiSlice;

/** What every slice is built around; one set per store. */
export interface StoreDeps {
  api: FrameLensApi;
  queue: SaveQueue;
  pollMs: number;
}

export type SliceCreator<T> = (deps: StoreDeps) => StateCreator<AppState, [], [], T>;

/** The store of one <App>; views reach the backend through its `api`. */
export type AppStore = StoreApi<AppState> & { readonly api: FrameLensApi };
