// The import and export requests of the API (the app and the CLI send the same), what they report, and
// their zod schemas. The format options are not written out here: each format's module declares its own
// (`Format.importOptions`), and the schemas below are built from the registry.
import { z } from 'zod';
import { CLEANUP_KINDS, type CleanupAction, type CleanupKind } from '../cleanup';
import type { MetaFinding } from '../documentMeta';
import type { DocumentMeta } from '../model';
import { idSchema, metaSchema } from '../schemas';
import { allOptions, EXPORT_FORMAT_NAMES, formatNamed, IMPORT_FORMAT_NAMES } from './registry';
import { DROP_KINDS, type DropKind, type FieldMapping, type OffsetUnit, type OptionSpec } from './types';
import type { VerifyIssue } from './verify';

/** An import request. Beside these, the keys of the format's own options (`Format.importOptions`). */
export interface ImportOptions {
  /**
   * The files and folders to read. Through the API they must be names inside the upload, paths of the grant,
   * or absolute paths inside the allowed folders; the CLI passes the paths typed on its command line.
   */
  paths: string[];
  /** Read `paths` from this upload (files the page sent). */
  upload?: string;
  /** Read `paths` from the files the user picked in an open dialog. */
  grant?: string;
  format: string;
  /** The annotator of records that name none. */
  annotator?: string;
  offsets?: OffsetUnit;
  /** Read every file in this encoding instead of detecting it. */
  encoding?: string;
  /** Encodings detected in a preview and confirmed by the user, by path. */
  confirmedEncodings?: Record<string, string>;
  /** Clean-up of scraped pages (txt, html): true for every kind, or the kinds to apply. */
  clean?: boolean | CleanupKind[];
  /** Raw articles only: remove a BOM, make line ends LF, apply NFC (reported per document). */
  normalize?: boolean;
  dryRun?: boolean;
  /** Write what was read back in the source format and list what would not come back identical. */
  verify?: boolean;
  /** Raw articles: import a document whose text equals another's (skipped and listed by default). */
  keepDuplicates?: boolean;
  /** What the import may drop (relations, comments…); anything else it would drop makes it fail. */
  drop?: DropKind[];
  /** Replace an annotator's existing record of a document when the import brings a different one. */
  replace?: boolean;
  /** Metadata confirmed or corrected in the preview, by id of a document the import adds; replaces what was read. */
  meta?: Record<string, DocumentMeta>;
  [formatOption: string]: unknown;
}

/** A background import's progress, polled by the import wizard. */
export interface ImportJobStatus {
  id: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  /** Records read so far. */
  processed: number;
  report?: ImportReport;
  error?: string;
}

/** The counts that must add up: read = imported + merged + refused, spans read = spans stored. */
export interface ImportSummary {
  records: { read: number; imported: number; merged: number; refused: number };
  spans: { read: number; stored: number };
  relations: { read: number; stored: number };
  docLabels: { read: number; stored: number };
  notes: { read: number; stored: number };
  documents: { added: number; existing: number };
  annotationRecords: { added: number; replaced: number; unchanged: number };
  /** Memos the source holds: read = added + replaced + unchanged. */
  memos?: { read: number; added: number; replaced: number; unchanged: number };
}

/** How one file was decoded; a detected legacy encoding waits for the user's confirmation. */
export interface DecodedFile {
  path: string;
  encoding: string;
  how: string;
  /** A detected encoding: the first line with a non-ASCII character, as decoded. */
  sample?: string;
  /** The import will refuse this file until the encoding is named or confirmed. */
  needsConfirmation?: boolean;
}

/** What an import did (or, in a dry run, would do). */
export interface ImportReport {
  format: string;
  dryRun: boolean;
  summary: ImportSummary;
  /** Records not imported, each with its place and reason (raw duplicates, empty documents). */
  refused: { file: string; line: number; id: string; reason: string }[];
  /** What the source holds that Frame Lens cannot: dropped when allowed (--drop), else the import fails (a preview lists it). */
  dropped: { kind: DropKind; count: number; first: string; allowed: boolean }[];
  documentsAdded: string[];
  documentsUnchanged: string[];
  records: number;
  addedSpanLabels: string[];
  addedDocLabelGroups: string[];
  addedRelationTypes: string[];
  warnings: string[];
  /** Raw articles skipped because their text equals another document's. */
  duplicates: { id: string; sameAs: string; file: string; line: number }[];
  /** Documents with different ids and equal texts, all imported. */
  sameText: { id: string; sameAs: string }[];
  /** Documents imported but flagged as nearly the same text as another (estimated Jaccard ≥ 0.8). */
  nearDuplicates: { id: string; similarTo: string; similarity: number }[];
  /** Raw articles whose text `normalize` changed. */
  normalized: { id: string; changes: string[] }[];
  files: DecodedFile[];
  /** The clean-up applied (or, in a dry run, proposed) per document, with the lines removed. */
  cleanup: { id: string; actions: CleanupAction[] }[];
  /** The first documents as they will be imported. */
  preview: { id: string; meta: DocumentMeta; text: string; length: number }[];
  /** Each new document's metadata as it will be imported (the first 5,000), with every value found and where. */
  metadata: { id: string; meta: DocumentMeta; found: MetaFinding[] }[];
  /** Export options that write the source's layout back (e.g. doccano's layout). */
  detected: Record<string, string>;
  /** With `verify`: everything that would not come back identical (an empty list: everything does). */
  verify?: VerifyIssue[];
  /** Files of documents: the fields found and the mapping used (guessed unless given). */
  csv?: { headers: string[]; mapping: FieldMapping };
}

/** An export request. Beside these, the keys of the format's own options (`Format.exportOptions`). */
export interface ExportOptions {
  format: string;
  /** Where to write; through the API only a new path inside the allowed folders (or the project's exports/). */
  out?: string;
  /** Write where the user chose in a save dialog. */
  grant?: string;
  /** Write into a temporary file the page then downloads (`readDownload`); folder formats come as a zip. */
  download?: boolean;
  annotator?: string;
  gold?: boolean;
  /** Add the model's cross-fitted layer as one more annotator, `model` (only when asked). */
  includeModel?: boolean;
  offsets?: OffsetUnit;
  [formatOption: string]: unknown;
}

/** What an export wrote. */
export interface ExportReport {
  /** The path written, or the download's file name. */
  out: string;
  /** With `download`: what to read with `readDownload`. */
  download?: { id: string; name: string; size: number };
  /** Lines written (single-file formats), or files written (folder formats). */
  lines: number;
  files?: string[];
  /** Archives: the size written. */
  bytes?: number;
  /** What the format could not carry, counted per kind ("record status (todo, done, skipped): 3"). */
  loses?: string[];
  /** What the reader of the files should know (e.g. the model layer included is out of date). */
  notes?: string[];
}

const pathSchema = z.string().min(1).max(4096);
const column = z.string().min(1).max(200).optional();
const mappingSchema = z.strictObject({
  id: column,
  text: column,
  title: column,
  outlet: column,
  date: column,
  url: column,
});
const fraction = z.number().min(0).max(1);

function optionSchema(spec: OptionSpec): z.ZodType {
  switch (spec.kind) {
    case 'choice':
      return z.enum((spec.choices ?? []).map((c) => c.value) as [string, ...string[]]);
    case 'text':
      return z.string().max(1000);
    case 'path':
      return pathSchema;
    case 'boolean':
      return z.boolean();
    case 'integer':
      return z.number().int();
    case 'fractions':
      return z.strictObject({ train: fraction, dev: fraction, test: fraction });
    case 'mapping':
      return mappingSchema;
  }
}

function formatOptionShape(use: 'import' | 'export'): Record<string, z.ZodType> {
  return Object.fromEntries(allOptions(use).map(({ spec }) => [spec.key, optionSchema(spec).optional()]));
}

/** A format option given to a format that does not take it is refused by name. */
function checkFormatOptions(use: 'import' | 'export', base: Set<string>) {
  return (value: Record<string, unknown>, ctx: z.RefinementCtx) => {
    const format = formatNamed(String(value.format));
    if (!format) return;
    const own = new Set((use === 'import' ? format.importOptions : format.exportOptions).map((o) => o.key));
    for (const key of Object.keys(value))
      if (!base.has(key) && !own.has(key) && value[key] !== undefined)
        ctx.addIssue({ code: 'custom', path: [key], message: `${key} does not apply to ${format.name}` });
  };
}

const grantId = z.string().regex(/^[0-9a-f]{32}$/);

const importBase = {
  paths: z.array(pathSchema).min(1),
  upload: grantId.optional(),
  grant: grantId.optional(),
  format: z.enum(IMPORT_FORMAT_NAMES as [string, ...string[]]),
  annotator: idSchema.optional(),
  offsets: z.enum(['codepoint', 'utf16']).optional(),
  encoding: z.string().min(1).max(64).optional(),
  confirmedEncodings: z.record(pathSchema, z.string().min(1).max(64)).optional(),
  clean: z.union([z.boolean(), z.array(z.enum(CLEANUP_KINDS))]).optional(),
  normalize: z.boolean().optional(),
  dryRun: z.boolean().optional(),
  verify: z.boolean().optional(),
  keepDuplicates: z.boolean().optional(),
  drop: z.array(z.enum(Object.keys(DROP_KINDS) as [DropKind, ...DropKind[]])).optional(),
  replace: z.boolean().optional(),
  meta: z.record(idSchema, metaSchema).optional(),
};

/** The import request as both transports validate it. */
export const importOptionsSchema = z
  .strictObject({ ...importBase, ...formatOptionShape('import') })
  .superRefine(checkFormatOptions('import', new Set(Object.keys(importBase))))
  .refine((o) => !(o.upload && o.grant), 'give an upload or a grant, not both') as unknown as z.ZodType<ImportOptions>;

const exportBase = {
  format: z.enum(EXPORT_FORMAT_NAMES as [string, ...string[]]),
  out: pathSchema.optional(),
  grant: grantId.optional(),
  download: z.boolean().optional(),
  annotator: idSchema.optional(),
  gold: z.boolean().optional(),
  includeModel: z.boolean().optional(),
  offsets: z.enum(['codepoint', 'utf16']).optional(),
};

/** The export request as both transports validate it. */
export const exportOptionsSchema = z
  .strictObject({ ...exportBase, ...formatOptionShape('export') })
  .superRefine(checkFormatOptions('export', new Set(Object.keys(exportBase))))
  .refine(
    (o) => [o.out !== undefined, o.grant !== undefined, o.download === true].filter(Boolean).length === 1,
    'give exactly one of out, grant or download',
  ) as unknown as z.ZodType<ExportOptions>;
