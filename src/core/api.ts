// The one contract between the renderer and the backend. Both transports (Electron IPC and loopback
// HTTP) carry exactly these methods; each method's arguments are validated with the zod tuple below.
import { z } from 'zod';
import type { AgreementReport } from './agreement';
import type {
  AnnotationRecord,
  Codebook,
  DocumentMeta,
  DocumentRecord,
  DocumentSummary,
  FileProblem,
  ProjectSettings,
  Span,
  Status,
} from './model';
import { codebookSchema, docLabelsSchema, idSchema, spanSchema, statusSchema } from './schemas';

/** Why: what the app needs to know about the open project. */
export interface ProjectInfo {
  path: string;
  settings: ProjectSettings;
  codebook: Codebook;
  annotators: string[];
  documents: number;
  /** Files that failed to read; the rest of the project is open. */
  problems: FileProblem[];
}

/** Why: a save request: one annotator's whole record of one document. */
export interface SaveAnnotationsInput {
  document: string;
  annotator: string;
  /** The hash of the text the spans were made on; a mismatch is refused. */
  textHash: string;
  status: Status;
  spans: Span[];
  docLabels: Record<string, string | string[]>;
}

/** Why: acknowledges a save only once it is on disk (fsync'd). */
export interface SaveResult {
  record: AnnotationRecord;
}

/** Why: an import request from the app (the CLI passes the same options). */
export interface ImportOptions {
  paths: string[];
  format: 'txt' | 'jsonl';
  annotator?: string;
  offsets?: 'codepoint' | 'utf16';
}

/** Why: what an import did, to show the user. */
export interface ImportReport {
  documentsAdded: string[];
  documentsUnchanged: string[];
  records: number;
  addedSpanLabels: string[];
  addedDocLabelGroups: string[];
  warnings: string[];
}

/** Why: an export request from the app. */
export interface ExportOptions {
  format: 'jsonl';
  out: string;
  annotator?: string;
  gold?: boolean;
  offsets?: 'codepoint' | 'utf16';
}

/** Why: what an export wrote. */
export interface ExportReport {
  out: string;
  lines: number;
}

/** Why: `framelens stats --json` and the app's summary share this shape (interchange.md). */
export interface ProjectStats {
  documents: number;
  annotators: string[];
  spans: number;
  labels: Record<string, number>;
  progress: Record<string, Record<Status, number>>;
  problems: number;
}

/** Why: which annotators and labels an agreement report covers (default: all). */
export interface AgreementSelection {
  annotators?: string[];
  labels?: string[];
}

/** Why: the document view: text plus metadata. */
export type DocumentView = DocumentRecord;

/** Why: every method the renderer may call. One implementation (src/backend), two transports. */
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
}

import type { ApiMethod } from './apiMethods';

export { API_METHODS, type ApiMethod, ipcChannel } from './apiMethods';

const pathSchema = z.string().min(1).max(4096);

/** Why: the argument tuple each method accepts; both transports validate against it before calling. */
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
    }),
  ]),
  saveCodebook: z.tuple([codebookSchema, z.number().int().nonnegative()]),
  importFiles: z.tuple([
    z.strictObject({
      paths: z.array(pathSchema).min(1),
      format: z.enum(['txt', 'jsonl']),
      annotator: idSchema.optional(),
      offsets: z.enum(['codepoint', 'utf16']).optional(),
    }),
  ]),
  exportProject: z.tuple([
    z.strictObject({
      format: z.enum(['jsonl']),
      out: pathSchema,
      annotator: idSchema.optional(),
      gold: z.boolean().optional(),
      offsets: z.enum(['codepoint', 'utf16']).optional(),
    }),
  ]),
  stats: z.tuple([]),
  agreement: z.union([
    z.tuple([]),
    z.tuple([
      z.strictObject({
        annotators: z.array(idSchema).max(1000).optional(),
        labels: z.array(z.string().min(1).max(200)).max(1000).optional(),
      }),
    ]),
  ]),
} satisfies Record<ApiMethod, z.ZodType>;

/** Why: an API error that crosses a transport as a message, never as a stack. */
export interface ApiErrorBody {
  error: string;
}

/** Why: metadata keys the UI lists and filters on. */
export type MetaKey = keyof DocumentMeta;
