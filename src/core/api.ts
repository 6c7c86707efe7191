// The one contract between the renderer and the backend. Both transports (Electron IPC and loopback
// HTTP) carry exactly these methods; each method's arguments are validated with the zod tuple below.
import { z } from 'zod';
import type { AgreementInput, AgreementReport } from './agreement';
import type { AssignmentPlan } from './assignment';
import {
  type ExportOptions,
  type ExportReport,
  exportOptionsSchema,
  type ImportJobStatus,
  type ImportOptions,
  type ImportReport,
  importOptionsSchema,
} from './formats/options';
import type {
  AnnotationRecord,
  Codebook,
  DocLabelDecision,
  DocumentMeta,
  DocumentRecord,
  DocumentSummary,
  FileProblem,
  GoldDecision,
  ProjectSettings,
  Span,
  Status,
} from './model';
import type { OutletPhrases } from './outlets';
import {
  codebookSchema,
  docLabelDecisionSchema,
  docLabelsSchema,
  goldDecisionSchema,
  idSchema,
  metaSchema,
  spanSchema,
  statusSchema,
} from './schemas';
import type { SearchHit } from './search';
import type { StorySuggestion } from './stories';
import type { Suggestion } from './suggestions';

export type { ExportOptions, ExportReport, ImportJobStatus, ImportOptions, ImportReport } from './formats/options';
export type { SearchHit } from './search';

/** How many spans a label has across every layer, said before deleting or merging it. */
export interface LabelUsage {
  label: string;
  spans: number;
  documents: number;
  annotators: string[];
}

/** What the app needs to know about the open project. */
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
  spans: Span[];
  docLabels: Record<string, string | string[]>;
}

/** Acknowledges a save only once it is on disk (fsync'd). */
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
}

/** Which annotators and labels an agreement report covers (default: all). */
export interface AgreementSelection {
  annotators?: string[];
  labels?: string[];
}

/** The document view: text plus metadata. */
export type DocumentView = DocumentRecord;

/** Every method the renderer may call. One implementation (src/backend), two transports. */
export interface FrameLensApi {
  getProject(): Promise<ProjectInfo>;
  openProject(path: string): Promise<ProjectInfo>;
  createProject(path: string, name?: string): Promise<ProjectInfo>;
  recentProjects(): Promise<string[]>;
  listDocuments(annotator?: string): Promise<DocumentSummary[]>;
  getDocument(id: string): Promise<DocumentView>;
  getAnnotations(document: string, annotator: string): Promise<AnnotationRecord | null>;
  listAnnotations(document: string): Promise<AnnotationRecord[]>;
  saveAnnotations(input: SaveAnnotationsInput): Promise<SaveResult>;
  saveCodebook(codebook: Codebook, expectedVersion: number): Promise<Codebook>;
  importFiles(options: ImportOptions): Promise<ImportReport>;
  exportProject(options: ExportOptions): Promise<ExportReport>;
  stats(): Promise<ProjectStats>;
  agreement(selection?: AgreementSelection): Promise<AgreementReport>;
  /** Everything the agreement figures are computed from (the renderer computes them in a worker). */
  agreementInput(selection?: AgreementSelection): Promise<AgreementInput>;
  /** Renames a span label in the codebook and in every annotation file; bumps the codebook version. */
  renameLabel(from: string, to: string, expectedVersion: number): Promise<Codebook>;
  /** Deletes a span label and its spans from every layer. */
  deleteLabel(name: string, expectedVersion: number): Promise<Codebook>;
  /** Moves every span of `from` to `into` and removes `from`. */
  mergeLabels(from: string, into: string, expectedVersion: number): Promise<Codebook>;
  labelUsage(name: string): Promise<LabelUsage>;
  /** Case- and accent-insensitive phrase search over every document; offsets in code points. */
  searchCorpus(query: string, wholeWords?: boolean): Promise<SearchHit[]>;

  /** Starts an import in the background (the wizard's progress bar); returns the job id. */
  startImport(options: ImportOptions): Promise<string>;
  importJob(id: string): Promise<ImportJobStatus>;
  /** Stops a running import; it then changes nothing. */
  cancelImport(id: string): Promise<ImportJobStatus>;

  /** Files changed underneath the app (git pull, sync, CLI) since a cursor (0: from the start). */
  changes(cursor: number): Promise<ChangeFeedPage>;

  /** Gold layer: applies adjudication decisions to one document (each recorded with who and why). */
  adjudicate(document: string, decisions: DecisionInput[]): Promise<AnnotationRecord>;
  /** Gold layer: settles one document-level label group (stance, frames) with who and why. */
  adjudicateDocLabel(document: string, decision: Omit<DocLabelDecision, 'at'>): Promise<AnnotationRecord>;
  /** Puts every span that at least `min` annotators marked identically into gold. */
  acceptUnanimous(options: { min?: number; by: string }): Promise<AcceptUnanimousReport>;
  /** Gold decision reasons counted per label. */
  goldReasons(): Promise<Record<string, Record<string, number>>>;

  /** The assignment plan and each annotator's progress on it (null: none). */
  assignments(): Promise<{ plan: AssignmentPlan; progress: Record<string, AssignmentProgress> } | null>;
  planAssignments(options: { annotators: string[]; overlap: number; seed: number }): Promise<AssignmentPlan>;

  /** Corrects a document's metadata (outlet, date, story…); its text never changes. */
  setDocumentMeta(id: string, meta: DocumentMeta): Promise<DocumentView>;
  /** Framing across outlets: phrases per label per outlet, label rates, document labels by outlet and month. */
  outlets(options?: OutletOptions): Promise<OutletReport>;
  /** Phrases coders already marked, found unlabelled in an annotator's documents (never applied). */
  suggestions(annotator: string, documents?: string[]): Promise<Suggestion[]>;
  /** Documents that seem to report the same event (shared names, close dates). */
  storySuggestions(): Promise<StorySuggestion[]>;
}

/** One page of the change feed. */
export interface ChangeFeedPage {
  cursor: number;
  changes: { seq: number; kind: string; path: string; annotator?: string; document?: string }[];
  /** The feed no longer reaches back to the cursor: reload everything. */
  reset: boolean;
}

/** One adjudication decision as the app sends it (the backend stamps the time). */
export type DecisionInput = Omit<GoldDecision, 'at'>;

/** What accepting unanimous spans did. */
export interface AcceptUnanimousReport {
  documents: number;
  accepted: number;
  alreadyDecided: number;
  singleAnnotatorDocuments: string[];
}

/** One annotator's progress on their assigned documents. */
export interface AssignmentProgress {
  assigned: number;
  done: number;
  inProgress: number;
  skipped: number;
}

/** Which spans the outlet views count. */
export interface OutletOptions {
  label?: string;
  story?: string;
  annotator?: string;
  gold?: boolean;
}

/** `framelens outlets --json` and the outlet view share this shape. */
export interface OutletReport extends OutletPhrases {
  rates: Record<string, { words: number; documents: number; perThousandWords: Record<string, number> }>;
  doc_labels: {
    byOutlet: Record<string, Record<string, Record<string, number>>>;
    byMonth: Record<string, Record<string, Record<string, number>>>;
  };
}

import type { ApiMethod } from './apiMethods';

export { API_METHODS, type ApiMethod, ipcChannel } from './apiMethods';

const pathSchema = z.string().min(1).max(4096);
/** An agreement selection (annotators, labels), optional. */
const agreementArgs = z.union([
  z.tuple([]),
  z.tuple([
    z.strictObject({
      annotators: z.array(idSchema).max(1000).optional(),
      labels: z.array(z.string().min(1).max(200)).max(1000).optional(),
    }),
  ]),
]);

/** The argument tuple each method accepts; both transports validate against it before calling. */
export const apiArgs = {
  getProject: z.tuple([]),
  openProject: z.tuple([pathSchema]),
  createProject: z.union([z.tuple([pathSchema]), z.tuple([pathSchema, z.string().min(1).max(200)])]),
  recentProjects: z.tuple([]),
  listDocuments: z.union([z.tuple([]), z.tuple([idSchema])]),
  getDocument: z.tuple([idSchema]),
  getAnnotations: z.tuple([idSchema, idSchema]),
  listAnnotations: z.tuple([idSchema]),
  saveAnnotations: z.tuple([
    z.strictObject({
      document: idSchema,
      annotator: idSchema,
      textHash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
      status: statusSchema,
      spans: z.array(spanSchema).max(200_000),
      docLabels: docLabelsSchema,
      baseUpdatedAt: z.string().max(64).nullable().optional(),
    }),
  ]),
  saveCodebook: z.tuple([codebookSchema, z.number().int().nonnegative()]),
  importFiles: z.tuple([importOptionsSchema]),
  exportProject: z.tuple([exportOptionsSchema]),
  stats: z.tuple([]),
  agreement: agreementArgs,
  agreementInput: agreementArgs,
  renameLabel: z.tuple([z.string().min(1).max(200), z.string().min(1).max(200), z.number().int().nonnegative()]),
  deleteLabel: z.tuple([z.string().min(1).max(200), z.number().int().nonnegative()]),
  mergeLabels: z.tuple([z.string().min(1).max(200), z.string().min(1).max(200), z.number().int().nonnegative()]),
  labelUsage: z.tuple([z.string().min(1).max(200)]),
  searchCorpus: z.union([z.tuple([z.string().min(1).max(500)]), z.tuple([z.string().min(1).max(500), z.boolean()])]),
  startImport: z.tuple([importOptionsSchema]),
  importJob: z.tuple([z.string().regex(/^[0-9a-f]{16}$/)]),
  cancelImport: z.tuple([z.string().regex(/^[0-9a-f]{16}$/)]),
  changes: z.tuple([z.number().int().nonnegative()]),
  adjudicate: z.tuple([
    idSchema,
    z
      .array(goldDecisionSchema.omit({ at: true }))
      .min(1)
      .max(10_000),
  ]),
  adjudicateDocLabel: z.tuple([idSchema, docLabelDecisionSchema.omit({ at: true })]),
  acceptUnanimous: z.tuple([
    z.strictObject({ min: z.number().int().min(1).optional(), by: z.string().min(1).max(200) }),
  ]),
  goldReasons: z.tuple([]),
  assignments: z.tuple([]),
  planAssignments: z.tuple([
    z.strictObject({
      annotators: z.array(idSchema).min(1).max(1000),
      overlap: z.number().min(0).max(1),
      seed: z.number().int(),
    }),
  ]),
  setDocumentMeta: z.tuple([idSchema, metaSchema]),
  outlets: z.union([
    z.tuple([]),
    z.tuple([
      z.strictObject({
        label: z.string().min(1).max(200).optional(),
        story: z.string().min(1).max(200).optional(),
        annotator: idSchema.optional(),
        gold: z.boolean().optional(),
      }),
    ]),
  ]),
  suggestions: z.union([z.tuple([idSchema]), z.tuple([idSchema, z.array(idSchema).max(100_000)])]),
  storySuggestions: z.tuple([]),
} satisfies Record<ApiMethod, z.ZodType>;

/** An API error that crosses a transport as a message, never as a stack. */
export interface ApiErrorBody {
  error: string;
}

/** Metadata keys the UI lists and filters on. */
export type MetaKey = keyof DocumentMeta;
