// The shape every format module shares. A format is one object (`Format`) that says what it is, what it
// carries, which options it takes, and how it parses and writes; `registry.ts` lists them. Parsing turns
// source files into `InterchangeLine`s (one document, optionally as one annotator coded it) with spans in
// code points of the text exactly as the source holds it; writing turns documents and records into one
// file's content or a folder of files. Pure: no Node, no DOM, no zod (the renderer imports this data).
import type { MetaField } from '../documentMeta';
import type { Codebook, DocLabelValue, DocumentMeta, Memo, Span, Status } from '../model';

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
  /** The line names an annotator only to carry memos: the document is read, no record of it is made. */
  noRecord?: boolean;
  /** Fields read from a page's metadata rather than given by the user's data ("og:site_name"). */
  metaFrom?: Partial<Record<MetaField, string>>;
  where?: SourcePlace;
}

/** What a format that writes whole records (the JSONL, the span CSV) carries of each. */
export const RECORD_CARRIES = [
  'documents',
  'spans',
  'span ids',
  'notes',
  'document labels',
  'metadata',
  'status',
  'annotators',
] as const;

/** What a format can hold; a round trip through the format keeps exactly these. */
export const CARRIES = [...RECORD_CARRIES, 'tokens', 'relations', 'memos', 'codebook'] as const;
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

/** The span labels and document-label groups a source defines (REFI-QDA: codes with colours and hierarchy). */
export type DefinedCodebook = Pick<Codebook, 'spanLabels' | 'docLabels'>;

/** What a format keeps of a source for a faithful re-export (REFI-QDA GUIDs): tables of [key, value] entries. */
export type KeptTables = Record<string, [string, unknown][]>;

/** Collects what a parse skipped, doubted or would drop, and what the source's own layout was. */
export class ParseContext {
  /** Labels and groups the source defines, in its order, whether used or not. */
  codebook?: DefinedCodebook;
  /** Memos the source holds, each with its place. */
  readonly memos: { memo: Memo; where: SourcePlace }[] = [];
  /** What the format keeps (`Format.interop` names the table file); later entries of a key replace earlier ones. */
  kept?: KeptTables;

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

  /** Adds the labels and groups a source defines; a name already defined keeps its first definition. */
  define(codebook: DefinedCodebook): void {
    const cb = this.codebook ?? { spanLabels: [], docLabels: [] };
    for (const l of codebook.spanLabels) if (!cb.spanLabels.some((x) => x.name === l.name)) cb.spanLabels.push(l);
    for (const g of codebook.docLabels) {
      const known = cb.docLabels.find((x) => x.name === g.name);
      if (!known) cb.docLabels.push({ ...g, options: [...g.options] });
      else for (const o of g.options) if (!known.options.includes(o)) known.options.push(o);
    }
    this.codebook = cb;
  }

  memo(memo: Memo, where: SourcePlace): void {
    this.memos.push({ memo, where });
  }

  keep(tables: KeptTables): void {
    const kept = this.kept ?? {};
    for (const [name, entries] of Object.entries(tables)) kept[name] = [...(kept[name] ?? []), ...entries];
    this.kept = kept;
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

/** A choice option: `choices` as [value, label] pairs, the first the default unless `default` says otherwise. */
export function choiceOption(
  spec: Omit<OptionSpec, 'kind' | 'choices' | 'default'> & {
    choices: readonly (readonly [value: string, label: string])[];
    default?: string;
  },
): OptionSpec {
  const { choices, ...rest } = spec;
  return {
    ...rest,
    kind: 'choice',
    choices: choices.map(([value, label]) => ({ value, label })),
    default: spec.default ?? choices[0][0],
  };
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
  /** `JSON.stringify(text)` when the reader has it at hand (as its file writes it): formats take it as it is. */
  textJson?: string;
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
  /** `needs: ['codebook']`: the project's codebook. */
  codebook?: DefinedCodebook;
  /** `needs: ['memos']`: the memos of the exported layers. */
  memos?: Memo[];
  /** `needs: ['keep']`: what the format kept of the files it imported (`Format.interop`). */
  kept?: KeptTables;
}

/** What an export could not write, counted per kind, for its report. */
export class ExportContext {
  private readonly counts = new Map<string, number>();

  lose(what: string, n = 1): void {
    this.counts.set(what, (this.counts.get(what) ?? 0) + n);
  }

  /** "what: n" per kind, in the order first met. */
  losses(): string[] {
    return [...this.counts.entries()].map(([what, n]) => `${what}: ${n}`);
  }
}

/** A folder format's output: relative path ("/"-separated) → file content. */
export interface FolderOutput {
  files: Record<string, string>;
}

/** A single binary file (an archive). */
export interface BinaryOutput {
  bytes: Uint8Array;
}

/** Services the backend lends a format that cannot run in core (the html module's article extractor). */
export interface ParseServices {
  extractArticle?: (html: string) => {
    text: string;
    meta: DocumentMeta;
    from?: Partial<Record<MetaField, string>>;
    warnings: string[];
  };
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
  /** The page extractor this format's parse calls; the backend runs it in a worker before the parse. */
  extractsArticles?: boolean;
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
  /** Writes one file's content (a string, or bytes for archives) or a folder (FolderOutput). */
  format?(
    input: ExportInput,
    options: CommonExportOptions & E,
    report: ExportContext,
  ): string | FolderOutput | BinaryOutput;
  /**
   * Line formats: one document's lines, so an export can go document by document without loading all.
   * `memos`: those about this document, and on the first document those about none (the project, labels).
   */
  formatDocument?(
    doc: ExportDocument,
    records: ExportRecord[],
    options: CommonExportOptions & E,
    memos: Memo[],
  ): string[];
  /** Export writes a folder rather than one file. */
  folder: boolean;
  /**
   * What the exporter must give this format beyond documents and records: an agreement summary (the hf
   * dataset card), the codebook, the memos of the exported layers, the kept tables.
   */
  needs?: readonly ('agreement' | 'codebook' | 'memos' | 'keep')[];
  /** The name of the table file (interop/<name>.json) of what an import keeps for a faithful re-export. */
  interop?: string;
}
