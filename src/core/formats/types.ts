// The shape every format module shares. A format is one object (`Format`) that says what it is, what it
// carries, which options it takes, and how it parses and writes; `registry.ts` lists them. Parsing turns
// source files into `InterchangeLine`s (one document, optionally as one annotator coded it) with spans in
// code points of the text exactly as the source holds it; writing turns documents and records into one
// file's content or a folder of files. Pure: no Node, no DOM, no zod (the renderer imports this data).
import type { DocLabelValue, DocumentMeta, Span, Status } from '../model';

/** Which unit offsets are counted in at a boundary. */
export type OffsetUnit = 'codepoint' | 'utf16';

/** A decoded text file: its text exactly as decoded (a UTF-8 byte order mark is kept as U+FEFF). */
export interface TextFile {
  path: string;
  text: string;
}

/** A file read as bytes, for archive formats. */
export interface BinaryFile {
  path: string;
  bytes: Uint8Array;
}

/** One input file; `path` is the name shown in errors and may give document ids and annotators. */
export type SourceFile = TextFile | BinaryFile;

/** Token boundaries as the source gave them: sentences of [start, end) code point ranges. */
export type TokenSentences = [number, number][][];

/** Where a record came from, for the summary's refusals and for errors. */
export interface SourcePlace {
  file: string;
  /** 0 when the format has no lines (a whole file is one record). */
  line: number;
}

/** A relation in a parsed or exported record: `from` and `to` index the record's `spans` (as in the JSONL). */
export interface LineRelation {
  from: number;
  to: number;
  type: string;
  note?: string;
}

/** One parsed record: a document, and optionally one annotator's coding of it. */
export interface InterchangeLine {
  id: string;
  text: string;
  meta: DocumentMeta;
  annotator?: string;
  status?: Status;
  spans: Span[];
  /** Links between two of this line's spans, by index into `spans`. */
  relations?: LineRelation[];
  docLabels: Record<string, DocLabelValue>;
  /** The source's own tokens (CoNLL, WebAnno TSV), kept so an export writes the same tokens back. */
  tokens?: TokenSentences;
  /** A scraped article without annotations: duplicate skipping and text normalization may apply. */
  raw?: boolean;
  where?: SourcePlace;
}

/** What a format can hold; a round trip through the format keeps exactly these. */
export const CARRIES = [
  'documents',
  'spans',
  'span ids',
  'notes',
  'document labels',
  'metadata',
  'status',
  'annotators',
  'tokens',
  'relations',
] as const;
export type Carry = (typeof CARRIES)[number];

/**
 * What an import can meet in a source but has no place for. Any of these makes the import fail whole,
 * naming file and line, unless the user names the kind with `--drop`.
 */
export const DROP_KINDS = {
  relations:
    'relations Frame Lens cannot store (to an event, a token or a dropped span, to itself, repeated, without a type)',
  events: 'brat events (their trigger spans are kept)',
  attributes: 'brat attributes (A/M lines)',
  normalizations: 'brat normalizations (N lines)',
  equivalences: 'brat equivalences (* lines)',
  'note-targets': 'notes on something other than a span',
  predictions: 'model predictions (Label Studio)',
  results: 'Label Studio results other than labels and choices (text areas, ratings…)',
  chains: 'WebAnno TSV chain layers',
  slots: 'WebAnno TSV slot features',
  features: 'WebAnno TSV features other than the label and the note',
  'empty-spans': 'zero-length spans',
  comments: 'comments (doccano comments, CoNLL comment lines)',
  columns: 'CoNLL columns other than the token and the tag (POS, chunk…)',
  metadata: 'metadata fields Frame Lens has no place for',
} as const;
export type DropKind = keyof typeof DROP_KINDS;

/** One thing a parse would drop, with its place. */
export interface Dropped extends SourcePlace {
  kind: DropKind;
  what: string;
}

/** Which field (CSV column, JSON key path) of a file of documents holds each document field. */
export interface FieldMapping {
  id?: string;
  text?: string;
  title?: string;
  outlet?: string;
  date?: string;
  url?: string;
}

/** Collects what a parse skipped, doubted or would drop, and what the source's own layout was. */
export class ParseContext {
  private readonly drops = new Map<DropKind, { count: number; first: Dropped }>();
  /** Export options that write the source's layout back (e.g. doccano's `layout`). */
  readonly detected: Record<string, string> = {};
  /** Files of documents: the fields found and the mapping used (guessed unless given). */
  fields?: { headers: string[]; mapping: FieldMapping };
  private readonly counts = new Map<string, number>();
  private readonly examples = new Map<string, string>();

  warn(kind: string, example?: string): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
    if (example !== undefined && !this.examples.has(kind)) this.examples.set(kind, example);
  }

  drop(kind: DropKind, file: string, line: number, what: string): void {
    const seen = this.drops.get(kind);
    if (seen) seen.count++;
    else this.drops.set(kind, { count: 1, first: { kind, file, line, what } });
  }

  /** What would be dropped, per kind: how many, and the first one's place. */
  dropped(): { kind: DropKind; count: number; first: Dropped }[] {
    return [...this.drops.entries()].map(([kind, d]) => ({ kind, ...d }));
  }

  detect(key: string, value: string): void {
    this.detected[key] = value;
  }

  /** Warnings counted per kind, "kind: n (first: example)". */
  warnings(): string[] {
    return [...this.counts.entries()].map(([kind, n]) => {
      const ex = this.examples.get(kind);
      return `${kind}: ${n}${ex ? ` (first: ${ex})` : ''}`;
    });
  }
}

/** One option of a format, as data: the CLI builds its flags and the wizard its fields from it. */
export interface OptionSpec {
  key: string;
  /** The CLI flag without dashes. */
  flag: string;
  /** The wizard's field label. */
  label: string;
  help: string;
  kind: 'choice' | 'text' | 'path' | 'boolean' | 'integer' | 'fractions' | 'mapping';
  choices?: readonly { value: string; label: string }[];
  default?: string | boolean | number;
  /** Shown in an empty text field. */
  placeholder?: string;
}

/** The options every import takes, beside its format's own. */
export interface CommonImportOptions {
  /** The annotator of records that name none. */
  annotator?: string;
  /** The unit of the file's offsets, for formats whose unit is not fixed. */
  offsets?: OffsetUnit;
}

/** The options every export takes, beside its format's own. */
export interface CommonExportOptions {
  offsets?: OffsetUnit;
}

/** One document as exporters need it. */
export interface ExportDocument {
  id: string;
  text: string;
  meta: DocumentMeta;
  tokens?: TokenSentences;
}

/** One annotator's (or gold's) record as exporters need it. */
export interface ExportRecord {
  document: string;
  annotator: string;
  status: Status;
  spans: Span[];
  /** Links between two of `spans`, by index into `spans`. */
  relations?: LineRelation[];
  docLabels: Record<string, DocLabelValue>;
}

/** What every exporter receives: the documents and the records to write (already filtered to a layer). */
export interface ExportInput {
  documents: ExportDocument[];
  records: ExportRecord[];
  /** What the project adds for formats that ask for it (`Format.needs`). */
  context?: { projectName?: string; agreement?: string };
}

/** A folder format's output: relative path ("/"-separated) → file content. */
export interface FolderOutput {
  files: Record<string, string>;
}

/** Services the backend lends a format that cannot run in core (the html module's article extractor). */
export interface ParseServices {
  extractArticle?: (html: string) => { text: string; meta: DocumentMeta; warnings: string[] };
}

/** One format: what it is, what it carries, its options, and its reader and writer. */
export interface Format<I extends object = object, E extends object = object> {
  name: string;
  /** One line for help texts. */
  title: string;
  /** Extensions (lowercase, with the dot) that name this format when guessing from paths. */
  extensions: readonly string[];
  /** Which files a folder walk keeps (lowercase extensions); all files when absent. */
  reads?: readonly string[];
  /** Archive formats read bytes; the others get decoded text. */
  input: 'text' | 'bytes';
  /** The unit of offsets in the files: fixed, or chosen with --offsets ('option'). */
  offsets: 'codepoint' | 'utf16' | 'option' | 'none';
  carries: readonly Carry[];
  /** What a round trip through the format loses, in words. */
  loses: readonly string[];
  /** Scraped pages: clean-up applies. */
  cleanup?: boolean;
  /** How the format treats a BOM, CRLF, non-NFC text and equal texts under different ids (docs and help). */
  text: { bom: string; crlf: string; nfc: string; equalTexts: string };
  importOptions: readonly OptionSpec[];
  exportOptions: readonly OptionSpec[];
  parse?(
    files: SourceFile[],
    options: CommonImportOptions & I,
    ctx: ParseContext,
    services: ParseServices,
  ): Iterable<InterchangeLine>;
  /** Writes one file's content (a string) or a folder (FolderOutput). */
  format?(input: ExportInput, options: CommonExportOptions & E): string | FolderOutput;
  /** Line formats: one document's lines, so an export can go document by document without loading all. */
  formatDocument?(doc: ExportDocument, records: ExportRecord[], options: CommonExportOptions & E): string[];
  /** Export writes a folder rather than one file. */
  folder: boolean;
  /** What the exporter must compute for this format (the hf dataset card shows an agreement summary). */
  needs?: readonly 'agreement'[];
}
