// The store's shape, one interface per slice (zustand's slices pattern): each slice file implements one of
// them, and may read or call the others through `get()`.
import type { StateCreator, StoreApi } from 'zustand/vanilla';
import type {
  DocumentOrderInfo,
  DocumentView,
  FrameLensApi,
  ModelStatus,
  ModelSuggestions,
  ProjectInfo,
  SearchHit,
  SessionInfo,
} from '../../core/api';
import type { DocFilters } from '../../core/documentQuery';
import type {
  AnnotationRecord,
  DocLabelValue,
  DocumentMeta,
  DocumentOrder,
  DocumentSummary,
  Relation,
  Span,
  Status,
} from '../../core/model';
import type { Conflict, FeedListener } from './changeFeed';
import type { ProjectEpoch } from './epoch';
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

/** The loaded pages of the document list and the counts the backend gave with them. */
export interface DocList {
  /** Which query the pages answer: a new one (filters, annotator, project) starts again. */
  query: number;
  /** Rows the filters keep; `all` in the project; per status over all of them. */
  total: number;
  all: number;
  counts: Record<Status, number>;
  outlets: string[];
  /** Rows by page number (`PAGE_ROWS` a page). */
  pages: Record<number, DocumentSummary[]>;
  /** The place of the current document in the filtered list, when known. */
  currentIndex: number | null;
  loaded: boolean;
}

/** The document list, its filters, and the document open in the reader with the other annotators' layers. */
export interface DocumentsSlice {
  /** The windows of the document list loaded so far under the current filters; never the whole list. */
  list: DocList;
  documentsError: string | null;
  filters: DocFilters;
  currentId: string | null;
  doc: DocumentView | null;
  docError: string | null;
  showOthers: boolean;
  /** Annotators whose layer is hidden (the analyst's own among them when they hid it); remembered per project. */
  hiddenLayers: string[];
  others: AnnotationRecord[];
  setFilters(patch: Partial<DocFilters>): void;
  goDocument(which: 'next' | 'previous' | 'unfinished'): Promise<void>;
  selectDocument(id: string): Promise<void>;
  setShowOthers(show: boolean): void;
  /** Shows or hides one annotator's layer; null: every layer. */
  setLayerShown(annotator: string | null, shown: boolean): void;
  /** Reads the list's first page and counts again (and the pages already loaded), under the current filters. */
  loadDocuments(): Promise<void>;
  /** Loads the page of the list holding row `index`, unless it is loaded or on its way. */
  loadPage(index: number): Promise<void>;
  /** Every row the filters keep, read a page at a time (for an edit of all ticked documents). */
  shownDocuments(): Promise<DocumentSummary[]>;
  /** The rows of these documents, from the loaded pages or read for the ones not loaded. */
  documentRows(ids: readonly string[]): Promise<Map<string, DocumentSummary>>;
  loadOthers(): Promise<void>;
  /** Shows a record's status, span count and labels in its document's row. */
  showInList(document: string, record: WorkingRecord): void;
  /**
   * Saves metadata edits of one or many documents, all or none, each checked against the metadata it was
   * made on (a change made meanwhile elsewhere is a conflict: nothing is saved, the list is re-read).
   * Resolves to why it failed, or null.
   */
  editMeta(edits: { document: string; meta: DocumentMeta; base?: DocumentMeta }[]): Promise<string | null>;
}

/**
 * The keyboard's word cursor in the reader, in UTF-16 offsets: the word it started on (anchor) and the word
 * it reaches (focus); it covers both and every word between.
 */
export interface WordCursor {
  anchor: { start: number; end: number };
  focus: { start: number; end: number };
}

/** The stretch of text a cursor covers. */
export function cursorRange(c: WordCursor): { start: number; end: number } {
  return { start: Math.min(c.anchor.start, c.focus.start), end: Math.max(c.anchor.end, c.focus.end) };
}

/** A relation being made: from the span it started on, to the target picked so far (identities, see spans.ts). */
export interface RelationDraft {
  from: string;
  target: string | null;
}

/** The annotator's working record of the open document, the selected span, and undo across documents. */
export interface EditingSlice {
  record: WorkingRecord | null;
  /** The selected span's identity (see spans.ts). */
  selectedSpan: string | null;
  /** The word cursor; a span selected and a cursor exclude each other. */
  cursor: WordCursor | null;
  setCursor(cursor: WordCursor | null): void;
  history: History;
  /** Reads the open document's record for the annotator; `pending` is that read already under way. */
  loadRecord(pending?: Promise<AnnotationRecord | null>): Promise<void>;
  /** Resolves true once the open document's record is loaded (false if another document opens first). */
  recordReady(): Promise<boolean>;
  addSpan(span: Span): void;
  removeSpan(identity: string): void;
  updateSpan(identity: string, next: Span): void;
  selectSpan(identity: string | null): void;
  /** The spans of a save as the backend stored them: their new ids go onto the working record and selection. */
  takeSavedIds(document: string, annotator: string, saved: readonly Span[]): void;
  setStatus(status: Status): void;
  setDocLabel(group: string, value: DocLabelValue | null): void;
  undo(): Promise<void>;
  redo(): Promise<void>;
  /** Labels the chosen corpus hits (one undoable edit per document); returns how many spans were added. */
  labelHits(hits: SearchHit[], label: string): Promise<number>;
  /** A relation being made (R on a selected span), or null. */
  relating: RelationDraft | null;
  /** Starts a relation from the selected span; false (with the reason shown) when it cannot start. */
  startRelation(): boolean;
  /** The target span of the relation being made (Tab, a click); null clears it. */
  setRelationTarget(identity: string | null): void;
  cancelRelation(): void;
  /** Links the draft's spans with a relation of `type`; refused (with the reason shown) when its labels do not fit. */
  addRelation(type: string): boolean;
  removeRelation(relation: Relation): void;
}

/** Saves on their way to disk, and what the disk did meanwhile. */
export interface SyncSlice {
  save: SaveStatus;
  /** Files changed on disk while this annotator had an unsaved edit of them: kept, shown, never overwritten. */
  conflicts: Conflict[];
  /** Resolves once every queued save has been tried. */
  flushSaves(): Promise<void>;
  retrySave(): void;
  /** Resolves once the feed's cursor is set: a change after that reaches the store. */
  startWatching(): Promise<void>;
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

/** The model: its status and training, its suggestions on the open document, the order of "next document". */
export interface ModelSlice {
  model: ModelStatus | null;
  /** The model's suggestions to the annotator on the open document (before this session's accepts and rejects). */
  suggestions: ModelSuggestions | null;
  /** The annotator's choice; null: shown, unless a reliability round is open for them. */
  suggestionsWanted: boolean | null;
  /** Suggestions rejected this session, per document (until the model changes). */
  rejectedSuggestions: Record<string, string[]>;
  selectedSuggestion: string | null;
  order: DocumentOrderInfo | null;
  loadModel(): Promise<void>;
  loadSuggestions(): Promise<void>;
  loadOrder(): Promise<void>;
  setDocumentOrder(order: DocumentOrder): Promise<void>;
  setSuggestionsWanted(on: boolean): void;
  selectSuggestion(id: string | null): void;
  /** Selects the next (1) or previous (−1) open suggestion in text order. */
  stepSuggestion(delta: 1 | -1): void;
  /** Makes the suggestion the annotator's own span (with another label when given), recorded as accepted. */
  acceptSuggestion(id: string, label?: string): void;
  rejectSuggestion(id: string): void;
  startTraining(): Promise<void>;
  cancelTraining(): Promise<void>;
}

/** The one floating thing open over the workspace. */
type Overlay =
  | { kind: 'labels'; x: number; y: number; range: { start: number; end: number } | null; span: string | null }
  | { kind: 'pick'; x: number; y: number; spans: string[] }
  | { kind: 'relation-type' }
  | { kind: 'help' }
  | { kind: 'find' }
  | { kind: 'corpus' }
  | { kind: 'codebook' };

/** What the last edit did, shown with a button that takes it back (or puts it back after an undo). */
export interface Toast {
  id: number;
  message: string;
  action: 'undo' | 'redo' | null;
}

export interface UiSlice {
  notice: string | null;
  toast: Toast | null;
  /** Said to screen readers (a polite live region); `n` makes a repeated sentence heard again. */
  announcement: { text: string; n: number } | null;
  showToast(message: string, action: Toast['action']): void;
  dismissToast(): void;
  announce(text: string): void;
  overlay: Overlay | null;
  /** The id of the view shown (app/views.tsx lists them). */
  view: string;
  setNotice(notice: string | null): void;
  setOverlay(overlay: Overlay | null): void;
  setView(view: string): void;
}

export type AppState = ProjectSlice & DocumentsSlice & EditingSlice & SyncSlice & UiSlice & ModelSlice;

/** What every slice is built around; one set per store. */
export interface StoreDeps {
  api: FrameLensApi;
  queue: SaveQueue;
  pollMs: number;
  epoch: ProjectEpoch;
}

export type SliceCreator<T> = (deps: StoreDeps) => StateCreator<AppState, [], [], T>;

/** The store of one <App>; views reach the backend through its `api`. */
export type AppStore = StoreApi<AppState> & { readonly api: FrameLensApi };
