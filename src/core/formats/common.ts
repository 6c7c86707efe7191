// Helpers every format module shares: errors that name file and line, line splitting, ids, offsets,
// metadata and the deterministic order of exports.
import { idProblem } from '../ids';
import type { DocumentMeta, Span } from '../model';
import { OffsetMap } from '../offsets';
import { reorderIndexed } from '../relations';
import { spanOrder } from '../text';
import type {
  ExportDocument,
  ExportRecord,
  InterchangeLine,
  LineRelation,
  OffsetUnit,
  SourceFile,
  SourcePlace,
  TextFile,
} from './types';

export * from './types';

/** A parse failure that knows its line, so the CLI can print "file:line: problem". */
class LineError extends Error {
  constructor(
    readonly line: number,
    readonly problem: string,
  ) {
    super(`line ${line}: ${problem}`);
  }
}

/** An import error the CLI prints as one line, "file:line: problem". `line` is 0 when there is none. */
export class FormatError extends LineError {
  constructor(
    readonly file: string,
    line: number,
    problem: string,
  ) {
    // A problem quoting a fuzzer's 2 MB line stays one readable line.
    const text = problem.length > 300 ? `${problem.slice(0, 297)}...` : problem;
    super(line, text.replace(/[\r\n]+/g, ' '));
    this.name = 'FormatError';
    this.message = line > 0 ? `${file}:${line}: ${this.problem}` : `${file}: ${this.problem}`;
  }
}

/**
 * A parsed line whose optional fields are present only when they hold something, in the order every
 * reader writes them.
 */
export function interchangeLine(
  line: Omit<InterchangeLine, 'relations' | 'where'> & { relations: LineRelation[]; where: SourcePlace },
): InterchangeLine {
  const { id, text, meta, annotator, status, spans, relations, docLabels, noRecord, where, ...rest } = line;
  return {
    id,
    text,
    meta,
    ...(annotator ? { annotator } : {}),
    ...(status ? { status } : {}),
    spans,
    ...(relations.length ? { relations } : {}),
    docLabels,
    ...rest,
    ...(noRecord ? { noRecord: true } : {}),
    where,
  };
}

const SPAN_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;

/** A span id a source gives is kept when it is safe to store (the rule of `spanIdSchema`). */
export function isSpanId(value: unknown): value is string {
  return typeof value === 'string' && SPAN_ID.test(value);
}

/** The text of a decoded file; a format that reads text never gets bytes. */
export function textOf(file: SourceFile): string {
  if ('text' in file) return file.text;
  throw new FormatError(file.path, 0, 'expected a text file, got bytes');
}

/** The decoded files of a text format. */
export function textFiles(files: SourceFile[]): TextFile[] {
  return files.map((f) => ({ path: f.path, text: textOf(f) }));
}

/** Split text into lines, accepting LF, CRLF and lone CR, without losing track of line numbers. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\n|\r/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** A byte order mark before a file's structure (JSON, TSV headers) is not content of any field. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The document id a file gives: its name without folders and extension. */
export function fileStem(path: string): string {
  const name = path.split(/[\\/]/).pop() ?? path;
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/** Ids become file names; one that is not safe is refused with the reason. */
export function checkId(id: string, file: string, line: number, what = 'document id'): string {
  const problem = idProblem(id);
  if (problem) throw new FormatError(file, line, `${what} ${problem}`);
  return id;
}

/** An id derived from a name that may hold unsafe characters (a user name, an e-mail). */
export function safeId(raw: string): string | null {
  const cleaned = raw
    .normalize('NFC')
    .replace(/[^\p{L}\p{M}\p{N}._-]+/gu, '-')
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .replace(/[.-]+$/u, '')
    .slice(0, 128);
  return cleaned && idProblem(cleaned) === null ? cleaned : null;
}

/**
 * One place that turns a file's offsets into code points and checks them against the text,
 * so every format reports "start 9 is past the end of the text (3 code points)" the same way.
 */
export function toCodePointSpan(
  map: OffsetMap,
  start: unknown,
  end: unknown,
  unit: OffsetUnit,
  file: string,
  line: number,
  where: string,
): { start: number; end: number } {
  if (typeof start !== 'number' || typeof end !== 'number' || !Number.isInteger(start) || !Number.isInteger(end))
    throw new FormatError(file, line, `${where}: offsets must be whole numbers (got ${short(start)}, ${short(end)})`);
  if (start < 0) throw new FormatError(file, line, `${where}: start ${start} is negative`);
  if (end < start) throw new FormatError(file, line, `${where}: end ${end} is before start ${start}`);
  const limit = unit === 'utf16' ? map.utf16Length : map.codePoints;
  if (end > limit)
    throw new FormatError(
      file,
      line,
      `${where}: end ${end} is past the end of the text (${limit} ${unit === 'utf16' ? 'UTF-16 units' : 'code points'})`,
    );
  if (unit === 'codepoint') return { start, end };
  try {
    return { start: map.toCodePoint(start), end: map.toCodePoint(end) };
  } catch (error) {
    throw new FormatError(file, line, `${where}: ${(error as Error).message}`);
  }
}

/**
 * What a wrong value is, for an error message. Never the value itself: error messages do not echo a
 * file's contents (the file and line say where to look).
 */
export function short(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return value === '' ? 'an empty string' : 'a string';
    case 'number':
      return Number.isInteger(value) ? 'a whole number' : 'a number';
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

/** JSON.parse's message without the quoted start of the input V8 puts in some of them. */
export function jsonProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.includes('is not valid JSON') ? 'unexpected character' : message.slice(0, 200);
}

/** Parse JSON, turning a syntax error into a FormatError at the right line. */
export function parseJson(raw: string, file: string, line: number): unknown {
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw new FormatError(file, line, `not valid JSON (${jsonProblem(error)})`);
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The metadata keys, in the order exporters write them. */
export const META_FIELDS = [
  'title',
  'outlet',
  'published',
  'publishedRaw',
  'author',
  'url',
  'story',
  'source',
] as const;

/** Picks the known metadata keys (string values only) out of a foreign object; `published_raw` too. */
export function metaFrom(obj: Record<string, unknown> | undefined): DocumentMeta {
  const meta: DocumentMeta = {};
  if (!obj) return meta;
  for (const key of META_FIELDS) {
    const v = obj[key];
    if (typeof v === 'string' && v !== '') meta[key] = v;
  }
  if (meta.publishedRaw === undefined && typeof obj.published_raw === 'string' && obj.published_raw !== '')
    meta.publishedRaw = obj.published_raw;
  return meta;
}

/** Exporters write metadata with only the keys present, in a fixed order. */
export function metaObject(meta: DocumentMeta): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of META_FIELDS) {
    const v = meta[key];
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/** Deterministic order: documents by id. */
export function sortedDocuments(docs: ExportDocument[]): ExportDocument[] {
  return [...docs].sort((a, b) => cmp(a.id, b.id));
}

/** Deterministic order: records by document, then annotator; spans in their canonical order (relations follow). */
export function sortedRecords(records: ExportRecord[]): ExportRecord[] {
  return [...records]
    .sort((a, b) => cmp(a.document, b.document) || cmp(a.annotator, b.annotator))
    .map((r) => ({ ...r, ...orderedSpans(r.spans, r.relations) }));
}

/** Spans in their canonical order with the relations that index them following; no relations key when none. */
export function orderedSpans(
  spans: Span[],
  relations: LineRelation[] | undefined,
): { spans: Span[]; relations?: LineRelation[] } {
  const ordered = reorderIndexed(spans, relations, spanOrder(spans));
  return ordered.relations.length ? ordered : { spans: ordered.spans };
}

/** Code-unit string comparison, the same on every machine and locale. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Records grouped by document id, each group ordered by annotator. */
export function recordsByDocument(records: ExportRecord[]): Map<string, ExportRecord[]> {
  const out = new Map<string, ExportRecord[]>();
  for (const r of sortedRecords(records)) {
    const list = out.get(r.document);
    if (list) list.push(r);
    else out.set(r.document, [r]);
  }
  return out;
}

/** The annotators present, sorted. */
export function annotatorsOf(records: ExportRecord[]): string[] {
  return [...new Set(records.map((r) => r.annotator))].sort(cmp);
}

/** Spans in code points → the unit the file wants. */
export function spanOffsets(map: OffsetMap, span: Span, unit: OffsetUnit): { start: number; end: number } {
  return unit === 'utf16' ? { start: map.toUtf16(span.start), end: map.toUtf16(span.end) } : span;
}

export { OffsetMap };

/** Counts warnings by kind, keeping the first example of each, so a long file gives one line per kind. */
export class WarningCounter {
  private readonly counts = new Map<string, number>();
  private readonly examples = new Map<string, string>();

  add(kind: string, example?: string): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
    if (example !== undefined && !this.examples.has(kind)) this.examples.set(kind, example);
  }

  list(): string[] {
    return [...this.counts.entries()].map(([kind, n]) => {
      const ex = this.examples.get(kind);
      return `${kind}: ${n}${ex ? ` (first: ${ex})` : ''}`;
    });
  }
}
