// The one contract between the renderer and the backend: the table `API` below, one row per method
// (its argument kinds and its result type). `FrameLensApi` is derived from it; the preload, the IPC
// handlers, the HTTP server and client, and the renderer tests' fake are all built from it. This file
// has no zod so the preload and the renderer can import it; `apiArgs.ts` holds the zod schema of each
// argument kind and validates every call.
import type { QueueRow } from './adjudicationQueue';
import type { AgreementReport } from './agreement';
import type { AssignmentPlan, AssignmentStatus } from './assignment';
import type { ExportOptions, ExportReport, ImportJobStatus, ImportOptions, ImportReport } from './formats/options';
import type { LayerStaleness } from './learn/layer';
import type { ModelAgreement } from './learn/modelAgreement';
import type {
  AnnotationRecord,
  Codebook,
  DocLabelDecision,
  DocLabelValue,
  DocumentMeta,
  DocumentOrder,
  DocumentRecord,
  DocumentSummary,
  FileProblem,
  GoldDecision,
  Memo,
  ProjectSettings,
  Relation,
  RelationDecision,
  Span,
  Status,
} from './model';
import type { OutletPhrases, PhraseGroup, RelationTargets } from './outlets';
import type {
  AgreementOverview,
  DisagreementsPage,
  DocumentAgreementRow,
  OutletOverview,
  PhraseDocumentsRequest,
  PhraseRowsRequest,
  RowsPage,
  RowsRequest,
} from './reports';
import type { MemoHit, SearchHit } from './search';
import type { CodedSegments, CodingLayerOptions, Cooccurrence } from './segments';
import type { StorySuggestion } from './stories';
import type { ChangelogEntry, KnownRenames } from './study/changelog';
import type { CoderProgress, RoundKind } from './study/round';
import type { StrataKind } from './study/sample';
import type { SizeAdvice } from './study/sampleSize';
import type { StoredRound } from './study/schema';
import type { CoderTraining, Shortfall, TrainingRequirement } from './study/training';
import type { Suggestion } from './suggestions';

export type { QueueRow } from './adjudicationQueue';
export type { AssignmentProgress } from './assignment';
export type { ExportOptions, ExportReport, ImportJobStatus, ImportOptions, ImportReport } from './formats/options';
export type * from './reports';
export type { MemoHit, SearchHit } from './search';
export type { CodedSegment, CodedSegments, CodingLayerOptions, Cooccurrence } from './segments';

/** How many spans a label has across every layer, said before deleting or merging it. */
export interface LabelUsage {
  label: string;
  spans: number;
  /** Relations that start or end at those spans (a delete removes them too). */
  relations: number;
  documents: number;
  annotators: string[];
  /** Memos on the label (a delete removes them; a rename or merge moves them). */
  memos?: number;
}

/** How many relations a relation type has across every layer, said before renaming, deleting or merging it. */
export interface RelationTypeUsage {
  type: string;
  relations: number;
  documents: number;
  annotators: string[];
}

/** What the renderer needs at start: the open project (null: the welcome screen), who is annotating, what the shell can do. */
export interface SessionInfo {
  project: ProjectInfo | null;
  /** The annotator remembered for this user on this machine (null: ask). */
  annotator: string | null;
  /** A name to offer when asking: git's user.name, else the OS account, made a valid annotator name. */
  suggestedAnnotator: string;
  /** Native open and save dialogs (the Electron app); without them files come in by upload and leave by download. */
  dialogs: boolean;
  /** Folders the path boxes may name (`serve --allow`); the open project's folder is allowed besides these. */
  allowedRoots: string[];
  /** Where New project creates its folder. */
  projectsFolder: string;
  recent: string[];
}

/** Files the user picked in an open dialog: a grant naming exactly these paths. */
export interface PickedFiles {
  grant: string;
  paths: string[];
}

/** A place the user chose in a save dialog: a grant to write exactly there, once. */
export interface PickedTarget {
  grant: string;
  path: string;
}

/** One file of an upload, as the page declares it before sending its bytes. */
export interface UploadEntry {
  /** Its path relative to what was dropped or picked ("articles/a.txt"), `/`-separated. */
  name: string;
  size: number;
}

/** A piece of an uploaded file's bytes, base64-encoded, at a byte offset of file number `file`. */
export interface UploadChunk {
  file: number;
  offset: number;
  data: string;
}

/** A piece of an export waiting to be downloaded; `next` is null after the last piece. */
export interface DownloadChunk {
  name: string;
  size: number;
  data: string;
  next: number | null;
}

export interface ProjectInfo {
  path: string;
  settings: ProjectSettings;
  codebook: Codebook;
  annotators: string[];
  documents: number;
  /** Files that failed to read; the rest of the project is open. */
  problems: FileProblem[];
}

/** A save request: one annotator's whole record of one document. */
export interface SaveAnnotationsInput {
  document: string;
  annotator: string;
  /** The hash of the text the spans were made on; a mismatch is refused. */
  textHash: string;
  status: Status;
  /** Spans keep the id they were read with; new spans come without one and get one on save. */
  spans: Span[];
  docLabels: Record<string, string | string[]>;
  /**
   * Links between the record's spans, by span id (a new span needs an id for a relation to name it).
   * Absent: the stored relations stay, but for those of spans this save removes.
   */
  relations?: Relation[];
  /** The `updatedAt` of the record the edit started from (null: there was none); a mismatch is a conflict. */
  baseUpdatedAt?: string | null;
}

/** A memo save: the memo, and the `updatedAt` of the version the edit began on (null: a new memo). */
export interface SaveMemoInput {
  memo: Memo;
  baseUpdatedAt?: string | null;
}

/** A memo deletion, refused as a conflict when the memo changed since `baseUpdatedAt`. */
export interface DeleteMemoInput {
  annotator: string;
  id: string;
  baseUpdatedAt?: string | null;
}

/** One document's metadata edit: the new metadata and, for the version check, the metadata it started from. */
export interface MetaEdit {
  document: string;
  meta: DocumentMeta;
  /** The metadata the edit was made on; when the file holds other metadata by now, the edit is a conflict. */
  base?: DocumentMeta;
}

/** Acknowledges a save only once it is on disk (fsync'd); `record` carries the span ids assigned. */
export interface SaveResult {
  record: AnnotationRecord;
}

/** `framelens stats --json` and the app's summary share this shape (interchange.md). */
export interface ProjectStats {
  documents: number;
  annotators: string[];
  spans: number;
  labels: Record<string, number>;
  progress: Record<string, Record<Status, number>>;
  problems: number;
  /** Per annotator: spans, how many were accepted from the model's suggestions, and their share. */
  accepted_suggestions: Record<string, { spans: number; accepted: number; share: number | null }>;
}

/** The agreement report of a project: the figures of DEFINITIONS.md, and `model` when a model layer exists. */
export type ProjectAgreementReport = AgreementReport & { model?: ProjectModelAgreement };

/** The model measured as a coder, with when it was trained and whether the coding moved on since. */
export type ProjectModelAgreement = ModelAgreement & {
  trained_at: string;
  stale: boolean;
  stale_reasons: string[];
};

/** How to train: the number of cross-fitting folds and the seed (defaults 5 and 1). */
export interface TrainOptions {
  folds?: number;
  seed?: number;
}

/** A training run in the background (a worker thread), polled like an import. */
export interface TrainingJobStatus {
  id: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  /** What the run is doing, and its work units done of the total. */
  stage: string;
  done: number;
  total: number;
  startedAt: string;
  error?: string;
}

/** The trained model of a project, as the app and `framelens model` describe it. */
export interface ModelInfo {
  trainedAt: string;
  folds: number;
  seed: number;
  codebookVersion: number;
  /** Documents the layer predicted; coded documents and where their targets came from. */
  documents: number;
  coded: number;
  sources: { gold: number; agreed: number };
  /** Records (coders' and gold's) the model learned from. */
  records: number;
  /** Records left out of training (a text hash that does not match, a span outside the text). */
  excluded: { document: string; annotator: string; reason: string }[];
  staleness: LayerStaleness;
}

/** The model and the training in progress, if any; `problem` when the model files cannot be read. */
export interface ModelStatus {
  model: ModelInfo | null;
  training: TrainingJobStatus | null;
  problem?: string;
}

/** The model's suggestions to one coder on one document (from the cross-fitted layer). */
export interface ModelSuggestions {
  document: string;
  annotator: string;
  /** When the model was trained (suggestions refresh when it changes); null without a model. */
  trainedAt: string | null;
  spans: (Span & { id: string })[];
  docLabels: Record<string, DocLabelValue>;
  /** Why nothing is suggested: no model, the coder finished (or skipped) the document, or the layer lacks it. */
  withheld?: 'no-model' | 'finished' | 'not-predicted';
  /** Open reliability rounds this coder codes in: suggestions are off by default while there is one. */
  openRounds: string[];
}

/** The order "next document" follows, and the documents in it. */
export interface DocumentOrderInfo {
  order: DocumentOrder;
  /** False when the order is `uncertainty` but no model is trained: the list order is used. */
  available: boolean;
  documents: string[];
}

/** Which annotators and labels an agreement report covers (default: all). */
export interface AgreementSelection {
  annotators?: string[];
  labels?: string[];
  /** Who is looking: a coder of an open round does not see figures from others' work on its documents. */
  viewer?: string;
}

export type DocumentView = DocumentRecord;

/** `study`: study.json, the codebook changelog, a closed round's coding. `model`: the trained model or its layer. */
export type ChangeKind = 'annotation' | 'document' | 'codebook' | 'index' | 'project' | 'study' | 'model';

/** One file changed underneath the app (a git pull, a sync, the CLI). */
export interface ProjectChange {
  seq: number;
  kind: ChangeKind;
  /** Project-relative, with `/` separators. */
  path: string;
  annotator?: string;
  document?: string;
  /**
   * An annotation file's version (its updatedAt) as it is on disk now, when the backend knows it without reading
   * the file again; absent when another program changed it since. A client that saved exactly this version
   * itself need not read it back.
   */
  version?: string;
  /** The file on disk is the one this backend wrote (a save through this API), not another program's. */
  writtenHere?: boolean;
}

/** The document list's filters; empty strings mean "any". */
export interface DocFilters {
  text: string;
  status: Status | '';
  outlet: string;
  label: string;
}

/** Where "next document" goes from a document (null: from none), within the filtered list. */
export interface DocumentStep {
  from: string | null;
  by: 'next' | 'previous' | 'unfinished';
}

/**
 * Which rows of the document list to answer: `limit` rows from `offset` of the documents the filters keep, in
 * the order the project's setting names. With `step`, the answer also names the document that step reaches.
 */
export interface PageRequest {
  offset: number;
  limit: number;
  filters?: DocFilters;
  step?: DocumentStep;
  /** Only these documents (the rows of documents the app names). */
  ids?: string[];
  /** Only the documents of this story ('' : those that name none). */
  story?: string;
}

/** A story and how many documents carry it ('' : the documents that name none). */
export interface StoryCount {
  story: string;
  documents: number;
}

/**
 * A window of the document list with the counts the list shows: `total` documents the filters keep, `all` in the
 * project, per status over all of them (for the annotator asked about), and every outlet named.
 */
export interface DocumentPage {
  total: number;
  offset: number;
  documents: DocumentSummary[];
  all: number;
  counts: Record<Status, number>;
  outlets: string[];
  /** With a step: the document it reaches and its place in the filtered list, or null when none does. */
  step?: { id: string; index: number } | null;
}

export interface ChangeFeedPage {
  cursor: number;
  changes: ProjectChange[];
  /** The feed no longer reaches back to the cursor: reload everything. */
  reset: boolean;
}

/** One adjudication decision as the app sends it (the backend stamps the time and the span ids). */
export type DecisionInput = Omit<GoldDecision, 'at'>;

/** One decision on a document-label group as the app sends it (the backend stamps the time). */
export type DocLabelDecisionInput = Omit<DocLabelDecision, 'at'>;
export type RelationDecisionInput = Omit<RelationDecision, 'at'>;

/** `framelens adjudicate --accept-unanimous`: at least `min` annotators (default: all), decided by `by`. */
export interface AcceptUnanimousOptions {
  min?: number;
  by: string;
}

export interface AcceptUnanimousReport {
  documents: number;
  /** Spans put into gold. */
  accepted: number;
  /** Document-label groups (stance, frames) put into gold. */
  acceptedDocLabels: number;
  alreadyDecided: number;
  singleAnnotatorDocuments: string[];
}

/** How to share the documents out: `overlap` (0–1) of them go to everyone. */
export interface AssignmentOptions {
  annotators: string[];
  overlap: number;
  seed: number;
}

/** Which spans the outlet views count. */
export interface OutletOptions {
  label?: string;
  story?: string;
  annotator?: string;
  gold?: boolean;
  /** Who is looking: a coder of an open round does not see others' phrases on its documents. */
  viewer?: string;
}

/** `framelens outlets --json` and the outlet view share this shape. */
export interface OutletReport extends OutletPhrases {
  /** Per relation type and outlet, the span texts relations point at (who is blamed, by outlet). */
  relations: RelationTargets;
  rates: Record<string, { words: number; documents: number; perThousandWords: Record<string, number> }>;
  doc_labels: {
    byOutlet: Record<string, Record<string, Record<string, number>>>;
    byMonth: Record<string, Record<string, Record<string, number>>>;
  };
}

/** A reliability round to open; its documents are drawn from the project's. */
export interface RoundRequest {
  name: string;
  kind: RoundKind;
  coders: string[];
  size: number;
  seed: number;
  /** Default: a simple random sample. */
  strata?: StrataKind;
  /** Draw also from documents an earlier round drew (by default they are left out of the draw). */
  includeEarlier?: boolean;
  /** Training rounds: what a coder must reach against gold to join the main coding. */
  requirement?: TrainingRequirement;
  by?: string;
}

/** A round with each coder's progress (from the records kept when it closed, once closed). */
export interface RoundStatus extends StoredRound {
  progress: CoderProgress[];
}

/** Whether a coder may join the main coding: every training minimum the project sets is met. */
export interface CoderAdmission {
  coder: string;
  passed: boolean;
  /** The training round whose minimum was checked (null: none the coder took). */
  round: string | null;
  shortfalls: Shortfall[];
  reason?: string;
}

/** The project's reliability study: its rounds, the codebook changelog, who may join the main coding. */
export interface StudyStatus {
  rounds: RoundStatus[];
  changelog: ChangelogEntry[];
  codebookVersion: number;
  documents: number;
  /** Documents no round drew yet. */
  undrawn: number;
  /** Every annotator but gold, when some training round sets a minimum; empty otherwise. */
  admission: CoderAdmission[];
}

/** What the sample-size advice is computed for (defaults: α_min .800, p .05). */
export interface SampleSizeRequest {
  alphaMin?: number;
  significance?: number;
}

/** Krippendorff's minimum sample for every document-label variable, with the project's figures beside it. */
export interface SampleSizeReport {
  alphaMin: number;
  significance: number;
  perVariable: SizeAdvice[];
  /** The largest minimum: the size to propose (0 when the codebook has no document label). */
  units: number;
  /** The fewest documents carrying a figure for which an interval is given. */
  minimumForIntervals: number;
  /** Coded records the rarest shares were observed in (0: equal shares assumed). */
  codedRecords: number;
  documents: number;
  undrawn: number;
}

/** A round's report, written inside the project. */
export interface RoundReport {
  /** Project-relative folder, e.g. reports/01-r1. */
  folder: string;
  files: string[];
  /** The same files as a zip, base64-encoded, to download. */
  zip: string;
}

/** How far the bootstrap of a round being closed or reported has got. */
export interface RoundWork {
  round: string;
  stage: 'closing' | 'report';
  /** Bootstrap resamples drawn, of all the figures' resamples together. */
  done: number;
  total: number;
}

/** A heavy report to compute as a job: the agreement dashboard, the outlet tables, or the adjudication queue. */
export type ReportRequest =
  | { kind: 'agreement'; selection?: AgreementSelection }
  | { kind: 'outlets'; options?: OutletOptions }
  | { kind: 'queue' };

export type ReportKind = ReportRequest['kind'];

/** A report job, polled while it runs: reading the project, then computing (in a thread for a large project). */
export interface ReportWork {
  id: string;
  kind: ReportKind;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  /** `reading`, `computing`, `figures`, `disagreements`, `intervals` (the bootstrap), `tables`, `done`. */
  stage: string;
  /** Work units of the stage done of its total (0 of 0: not counted). */
  done: number;
  total: number;
  /** The figures can be fetched (the agreement's intervals may still be running). */
  ready: boolean;
  /**
   * How many parts of the answer can be fetched, growing as they arrive: for the agreement 1 (the figures), 2 (the
   * disagreement list), 3 (the intervals); for the other reports 1 when done.
   */
  parts: number;
  /** Computed in a worker thread (a large project) rather than in place. */
  thread: boolean;
  startedAt: string;
  error?: string;
}

/** One coder of a training round against gold. */
export interface TrainingResult {
  coder: string;
  submitted: boolean;
  progress: CoderProgress;
  /** Null for a coder looking at their own round before submitting it. */
  scores: CoderTraining | null;
  /** Null when the round sets no minimum, or before the coder submitted. */
  requirement: { passed: boolean; shortfalls: Shortfall[] } | null;
}

/**
 * Why and by whom the codebook is edited (recorded in its changelog). While a round is open the edit is refused
 * unless `rounds` says what becomes of it: `end` closes it first; `restart` closes it and opens a new round on
 * the same documents and coders under the edited codebook.
 */
export interface CodebookEdit {
  why: string;
  by: string;
  renames?: KnownRenames;
  rounds?: 'end' | 'restart';
}

/**
 * The kinds of argument the API takes. A row names its arguments by kind, in order; `apiArgs.ts` has
 * one zod schema per kind and the compiler checks each schema against the type here.
 */
export interface ApiArgTypes {
  path: string;
  projectName: string;
  document: string;
  documents: string[];
  annotator: string;
  meta: DocumentMeta;
  metaEdits: MetaEdit[];
  saveInput: SaveAnnotationsInput;
  codebook: Codebook;
  codebookVersion: number;
  label: string;
  importOptions: ImportOptions;
  importJob: string;
  exportOptions: ExportOptions;
  selection: AgreementSelection;
  query: string;
  wholeWords: boolean;
  cursor: number;
  decisions: DecisionInput[];
  docLabelDecision: DocLabelDecisionInput;
  relationDecision: RelationDecisionInput;
  acceptUnanimous: AcceptUnanimousOptions;
  assignment: AssignmentOptions;
  outletOptions: OutletOptions;
  memoSave: SaveMemoInput;
  memoDelete: DeleteMemoInput;
  codingOptions: CodingLayerOptions;
  pickProject: 'open' | 'create';
  pickImport: 'files' | 'folder';
  pickExport: { name: string; folder: boolean };
  upload: UploadEntry[];
  uploadId: string;
  uploadChunk: UploadChunk;
  downloadId: string;
  offset: number;
  roundRequest: RoundRequest;
  roundName: string;
  sizeRequest: SampleSizeRequest;
  codebookEdit: CodebookEdit;
  trainOptions: TrainOptions;
  trainingJob: string;
  documentOrder: DocumentOrder;
  page: PageRequest;
  reportRequest: ReportRequest;
  reportJob: string;
  rows: RowsRequest;
  phraseDocuments: PhraseDocumentsRequest;
  phraseRows: PhraseRowsRequest;
}

/** An argument kind; with a trailing `?` the argument may be left out (only at the end). */
type ArgKind = keyof ApiArgTypes;
type ArgSpec = ArgKind | `${ArgKind}?`;

declare const RESULT: unique symbol;

/** One row of the table: the arguments by kind, and (as a type only) the result. */
interface ApiRow<A extends readonly ArgSpec[], R> {
  readonly args: A;
  readonly [RESULT]: R;
}

function args<const A extends readonly ArgSpec[]>(...specs: A) {
  return { returns: <R>() => ({ args: specs }) as ApiRow<A, R> };
}

/** Every method the renderer may call. One implementation (src/backend/service.ts), two transports. */
export const API = {
  /** The open project (null when none), the remembered annotator and what this shell can do. */
  session: args().returns<SessionInfo>(),
  /** Remembers who is annotating, for this user on this machine. */
  rememberAnnotator: args('annotator').returns<null>(),
  /** Throws when no project is open. */
  getProject: args().returns<ProjectInfo>(),
  /** A recent project, or one inside the allowed folders. */
  openProject: args('path').returns<ProjectInfo>(),
  /** A new project inside the allowed folders. */
  createProject: args('path', 'projectName?').returns<ProjectInfo>(),
  /** A new project in its own folder under `projectsFolder`, named after it. */
  newProject: args('projectName').returns<ProjectInfo>(),
  /** The user's copy of the sample project (made on first use; the shipped sample is never written). */
  openSample: args().returns<ProjectInfo>(),
  closeProject: args().returns<null>(),
  /** A folder dialog (the Electron app): the chosen project, or null when cancelled. */
  pickProject: args('pickProject').returns<ProjectInfo | null>(),
  recentProjects: args().returns<string[]>(),
  /** An open dialog for import (the Electron app): a grant for the chosen files or folder, or null. */
  pickImport: args('pickImport').returns<PickedFiles | null>(),
  /** A save dialog for export (the Electron app): a grant to write the chosen place once, or null. */
  pickExport: args('pickExport').returns<PickedTarget | null>(),
  /** Declares the files of an upload (dropped or picked in the page); refuses one that is too large. */
  beginUpload: args('upload').returns<string>(),
  /** Adds a piece of one file's bytes; returns how many bytes of that file have arrived. */
  uploadChunk: args('uploadId', 'uploadChunk').returns<number>(),
  discardUpload: args('uploadId').returns<null>(),
  /** A piece of an export made with `download: true`; the file is removed after its last piece. */
  readDownload: args('downloadId', 'offset').returns<DownloadChunk>(),
  /** With an annotator: that annotator's status, span count and labels per document. */
  listDocuments: args('annotator?').returns<DocumentSummary[]>(),
  /** The same rows, a window at a time (a list of 100,000 documents need not cross in one answer). */
  documentPage: args('page', 'annotator?').returns<DocumentPage>(),
  getDocument: args('document').returns<DocumentView>(),
  /** With a viewer: null for another's record on a document the viewer codes blind in an open round. */
  getAnnotations: args('document', 'annotator', 'annotator?').returns<AnnotationRecord | null>(),
  /** With a viewer: only the viewer's own record on a document the viewer codes blind in an open round. */
  listAnnotations: args('document', 'annotator?').returns<AnnotationRecord[]>(),
  saveAnnotations: args('saveInput').returns<SaveResult>(),
  /** With an edit: recorded in the changelog (required once the project has rounds, and while one is open). */
  saveCodebook: args('codebook', 'codebookVersion', 'codebookEdit?').returns<Codebook>(),
  importFiles: args('importOptions').returns<ImportReport>(),
  exportProject: args('exportOptions').returns<ExportReport>(),
  stats: args().returns<ProjectStats>(),
  agreement: args('selection?').returns<ProjectAgreementReport>(),
  /**
   * Starts the agreement dashboard, the outlet tables or the adjudication queue as a job (in a thread for a large
   * project). No answer carries the records they are computed from: the lists come a window at a time.
   */
  startReport: args('reportRequest').returns<ReportWork>(),
  /** How far a report job has got; polled by the agreement and outlets views. */
  reportWork: args('reportJob').returns<ReportWork>(),
  /** Stops a report job: its thread is ended and nothing it computed is kept. */
  cancelReport: args('reportJob').returns<ReportWork>(),
  /** The agreement report's figures without its long lists (their lengths instead), intervals once computed. */
  agreementOverview: args('reportJob').returns<AgreementOverview>(),
  /** A window of the per-document agreement rows, sorted. */
  agreementDocuments: args('reportJob', 'rows').returns<RowsPage<DocumentAgreementRow>>(),
  /** A window of the span and of the relation disagreements, filtered. */
  agreementDisagreements: args('reportJob', 'rows').returns<DisagreementsPage>(),
  /** The outlet tables with each phrase's document count in place of its documents (see phraseDocuments). */
  outletTables: args('reportJob').returns<OutletReport>(),
  /** The outlet tables without their phrase rows: rates, document labels, relation targets, each column's size. */
  outletOverview: args('reportJob').returns<OutletOverview<OutletReport>>(),
  /** A window of one outlet's phrases for one label (plurals folded when asked), each with its document count. */
  outletPhraseRows: args('reportJob', 'phraseRows').returns<RowsPage<PhraseGroup>>(),
  /** A window of the adjudication queue (lowest agreement first); `filters.document` answers that document's row. */
  adjudicationQueue: args('reportJob', 'rows').returns<RowsPage<QueueRow>>(),
  /** A window of the documents behind one phrase of an outlet report. */
  phraseDocuments: args('reportJob', 'phraseDocuments').returns<RowsPage<string>>(),
  /** Renames a span label in the codebook and in every annotation file; span ids stay. */
  renameLabel: args('label', 'label', 'codebookVersion', 'codebookEdit?').returns<Codebook>(),
  /** Deletes a span label and its spans from every layer. */
  deleteLabel: args('label', 'codebookVersion', 'codebookEdit?').returns<Codebook>(),
  /** Moves every span of the first label to the second and removes the first. */
  mergeLabels: args('label', 'label', 'codebookVersion', 'codebookEdit?').returns<Codebook>(),
  labelUsage: args('label').returns<LabelUsage>(),
  /** Renames a relation type in the codebook and in every annotation file. */
  renameRelationType: args('label', 'label', 'codebookVersion', 'codebookEdit?').returns<Codebook>(),
  /** Deletes a relation type and its relations from every layer. */
  deleteRelationType: args('label', 'codebookVersion', 'codebookEdit?').returns<Codebook>(),
  /** Moves every relation of the first type to the second and removes the first. */
  mergeRelationTypes: args('label', 'label', 'codebookVersion', 'codebookEdit?').returns<Codebook>(),
  relationTypeUsage: args('label').returns<RelationTypeUsage>(),
  /** Case- and accent-insensitive phrase search over every document; offsets in code points. */
  searchCorpus: args('query', 'wholeWords?').returns<SearchHit[]>(),
  /** Starts an import in the background (the wizard's progress bar); returns the job id. */
  startImport: args('importOptions').returns<string>(),
  importJob: args('importJob').returns<ImportJobStatus>(),
  /** Stops a running import; it then changes nothing. */
  cancelImport: args('importJob').returns<ImportJobStatus>(),
  /** Files changed underneath the app since a cursor (0: from the start). */
  changes: args('cursor').returns<ChangeFeedPage>(),
  /** Applies adjudication decisions to one document's gold record. */
  adjudicate: args('document', 'decisions').returns<AnnotationRecord>(),
  /** Settles one document-level label group (stance, frames) into gold. */
  adjudicateDocLabel: args('document', 'docLabelDecision').returns<AnnotationRecord>(),
  /** Settles one relation into gold (accept, reject, edit); both its spans must be in gold. */
  adjudicateRelation: args('document', 'relationDecision').returns<AnnotationRecord>(),
  acceptUnanimous: args('acceptUnanimous').returns<AcceptUnanimousReport>(),
  goldReasons: args().returns<Record<string, Record<string, number>>>(),
  /** The assignment plan and each annotator's progress on it (null: none). */
  assignments: args().returns<AssignmentStatus | null>(),
  planAssignments: args('assignment').returns<AssignmentPlan>(),
  /**
   * Corrects a document's metadata (outlet, date, story…); its text never changes. With the metadata the edit
   * started from (third argument), an edit of metadata that changed meanwhile is refused as a conflict.
   */
  setDocumentMeta: args('document', 'meta', 'meta?').returns<DocumentView>(),
  /** Metadata edits of several documents (the document list's bulk edit), all or none, each version-checked. */
  setDocumentsMeta: args('metaEdits').returns<DocumentView[]>(),
  /** Phrases per label per outlet, label rates, document labels by outlet and month. */
  outlets: args('outletOptions?').returns<OutletReport>(),
  /**
   * Phrases coders already marked, found unlabelled in an annotator's documents (never applied). On a document
   * the annotator codes blind in an open round, only the annotator's own phrases.
   */
  suggestions: args('annotator', 'documents?').returns<Suggestion[]>(),
  /** Documents that seem to report the same event (shared names, close dates). */
  storySuggestions: args().returns<StorySuggestion[]>(),
  /** Every story with its number of documents, by name, the documents without one last; their rows through documentPage. */
  storyCounts: args().returns<StoryCount[]>(),
  /** Every annotator's memos, or one's. */
  listMemos: args('annotator?').returns<Memo[]>(),
  /** Saves one memo (acknowledged once on disk); a memo changed on disk since the edit began is a conflict. */
  saveMemo: args('memoSave').returns<Memo>(),
  deleteMemo: args('memoDelete').returns<void>(),
  /** Case- and accent-insensitive search of every memo's title and text; others' memos on documents the viewer codes blind stay hidden. */
  searchMemos: args('query', 'annotator?').returns<MemoHit[]>(),
  /** Every span of the chosen labels across the corpus, with its context and the document's metadata. */
  codedSegments: args('codingOptions').returns<CodedSegments>(),
  /** How often labels overlap in a record and co-occur in a document. */
  cooccurrence: args('codingOptions').returns<Cooccurrence>(),
  /** The reliability rounds with progress per coder, the codebook changelog, who may join the main coding. */
  study: args().returns<StudyStatus>(),
  /** Draws a round's sample and opens it (blind, codebook frozen); a main round admits trained coders only. */
  createRound: args('roundRequest').returns<RoundStatus>(),
  /** Closes a round (by the annotator named): its figures are computed and kept with its coding. */
  closeRound: args('roundName', 'annotator').returns<RoundStatus>(),
  /** The progress of a round's close or report while its figures are computed; null when none runs. */
  roundWork: args('roundName').returns<RoundWork | null>(),
  /** Krippendorff's minimum sample size for the codebook's document labels. */
  sampleSizeAdvice: args('sizeRequest?').returns<SampleSizeReport>(),
  /** Writes a closed round's methods appendix and reliability data into reports/<round>/. */
  roundReport: args('roundName').returns<RoundReport>(),
  /** Each coder of a training round against gold; a viewer who codes it sees only their own, once submitted. */
  trainingResults: args('roundName', 'annotator?').returns<TrainingResult[]>(),
  /** Starts training the model in a worker thread (cross-fitting, then the model file and layer); returns the job id. */
  startTraining: args('trainOptions?').returns<string>(),
  trainingJob: args('trainingJob').returns<TrainingJobStatus>(),
  /** Stops a running training; the model and layer stay as they were. */
  cancelTraining: args('trainingJob').returns<TrainingJobStatus>(),
  modelStatus: args().returns<ModelStatus>(),
  /** The model's spans a coder has not dealt with on a document they have not finished. */
  modelSuggestions: args('document', 'annotator').returns<ModelSuggestions>(),
  /** The documents in the order "next document" follows (the project's setting). */
  documentOrder: args().returns<DocumentOrderInfo>(),
  setDocumentOrder: args('documentOrder').returns<ProjectSettings>(),
};

export type ApiMethod = keyof typeof API;

export const API_METHODS = Object.keys(API) as ApiMethod[];

type ArgTypes<A extends readonly ArgSpec[]> = A extends readonly [infer H, ...infer T extends readonly ArgSpec[]]
  ? H extends `${infer K extends ArgKind}?`
    ? [ApiArgTypes[K]?, ...ArgTypes<T>]
    : H extends ArgKind
      ? [ApiArgTypes[H], ...ArgTypes<T>]
      : never
  : [];

export type ApiArgs<M extends ApiMethod> = ArgTypes<(typeof API)[M]['args']>;

type ApiResult<M extends ApiMethod> = (typeof API)[M][typeof RESULT];

/** Every method the renderer may call, derived from the table. */
export type FrameLensApi = { [M in ApiMethod]: (...args: ApiArgs<M>) => Promise<ApiResult<M>> };

export function ipcChannel(method: ApiMethod): string {
  return `framelens:${method}`;
}

/** Browser mode: each method is `POST /api/<method>` with `{"args": [...]}` and this header. */
export const HTTP_TOKEN_HEADER = 'x-framelens-token';
export const API_HTTP_PREFIX = '/api/';

export function httpPath(method: ApiMethod): string {
  return `${API_HTTP_PREFIX}${method}`;
}

/**
 * What an IPC call answers: a result or an error message. Electron would otherwise carry a thrown
 * Error into the renderer with its stack and a prefix.
 */
export type IpcReply = { ok: true; result: unknown } | { ok: false; error: string };
