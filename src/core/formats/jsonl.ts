// The interchange JSONL format: one document, or one document as one annotator coded it,
// per line. The same module reads JSON of documents without a "text" key (scraper output): a field
// mapping, guessed from the first record's keys or given, says where the id, text and metadata are.
// A JSON array or pretty-printed records are read too; errors name the line the bad record starts on.
import type { DocLabelValue, DocumentMeta, Memo, Span, SpanOrigin, Status } from '../model';
import { SPAN_ORIGINS, STATUSES } from '../model';
import { OffsetMap } from '../offsets';
import { stableLine } from '../stableJson';
import {
  checkId,
  FormatError,
  interchangeLine,
  isObject,
  isSpanId,
  META_FIELDS,
  RECORD_CARRIES,
  recordsByDocument,
  short,
  sortedDocuments,
  textFiles,
  toCodePointSpan,
} from './common';
import { jsonRecords } from './json';
import { memoJson, readLineMemos } from './jsonlMemos';
import { guessJsonMapping, mapRecord } from './jsonRecords';
import { fieldMapping } from './sharedOptions';
import type {
  CommonImportOptions,
  ExportDocument,
  ExportRecord,
  FieldMapping,
  Format,
  InterchangeLine,
  LineRelation,
  OffsetUnit,
  ParseContext,
} from './types';

const LINE_KEYS = new Set(['id', 'text', 'meta', 'annotator', 'status', 'spans', 'doc_labels', 'relations', 'memos']);
const META_KEYS = new Set<string>([...META_FIELDS, 'published_raw']);

function docLabelsOf(value: unknown, file: string, line: number): Record<string, DocLabelValue> {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw new FormatError(file, line, 'doc_labels must be an object');
  const out: Record<string, DocLabelValue> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === '') throw new FormatError(file, line, 'doc_labels: a group name is empty');
    if (typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'))) out[k] = v;
    else throw new FormatError(file, line, `doc_labels.${k}: must be a string or a list of strings`);
  }
  return out;
}

/**
 * Validates one interchange record. `annotator` (from --annotator) applies to records without one;
 * spans are checked against the text and converted from `offsets` into code points.
 */
export function parseInterchangeRecord(
  data: unknown,
  file: string,
  line: number,
  options: CommonImportOptions,
  ctx: ParseContext,
): InterchangeLine {
  if (!isObject(data)) throw new FormatError(file, line, 'a line must be one JSON object');
  const id = checkId(typeof data.id === 'string' ? data.id : (data.id as string), file, line);
  if (typeof data.text !== 'string')
    throw new FormatError(file, line, `text: expected a string, got ${short(data.text)}`);
  const text = data.text;
  if (data.annotator !== undefined && typeof data.annotator !== 'string')
    throw new FormatError(file, line, `annotator: expected a string, got ${short(data.annotator)}`);
  const annotator = (data.annotator as string | undefined) ?? options.annotator;
  if (annotator !== undefined) checkId(annotator, file, line, 'annotator');
  let status: Status | undefined;
  if (data.status !== undefined) {
    if (!(STATUSES as readonly unknown[]).includes(data.status))
      throw new FormatError(file, line, `status ${short(data.status)} is not one of ${STATUSES.join(', ')}`);
    status = data.status as Status;
  }
  if (data.spans !== undefined && !Array.isArray(data.spans)) throw new FormatError(file, line, 'spans must be a list');
  const docLabels = docLabelsOf(data.doc_labels, file, line);
  const rawSpans = (data.spans ?? []) as unknown[];
  if (!annotator && (rawSpans.length > 0 || Object.keys(docLabels).length > 0))
    throw new FormatError(file, line, 'spans or doc_labels without an annotator (add "annotator" or use --annotator)');
  const map = new OffsetMap(text);
  const unit = options.offsets ?? 'codepoint';
  const spans: Span[] = [];
  // Raw span index → index among the kept spans (a dropped empty span has none).
  const kept = new Map<number, number>();
  for (const [i, s] of rawSpans.entries()) {
    const where = `spans[${i}]`;
    if (!isObject(s)) throw new FormatError(file, line, `${where}: expected {start, end, label}, got ${short(s)}`);
    if (typeof s.label !== 'string' || s.label === '')
      throw new FormatError(file, line, `${where}: label must be a non-empty string`);
    const o = toCodePointSpan(map, s.start, s.end, unit, file, line, where);
    if (o.end === o.start) {
      ctx.drop('empty-spans', file, line, `${where} ${o.start}-${o.end} ${JSON.stringify(s.label)}`);
      continue;
    }
    if (s.note !== undefined && s.note !== null && typeof s.note !== 'string')
      throw new FormatError(file, line, `${where}: note must be a string`);
    if (s.id !== undefined && !isSpanId(s.id))
      throw new FormatError(file, line, `${where}: id ${short(s.id)} is not a span id (letters, digits, _ . : -)`);
    if (s.origin !== undefined && !(SPAN_ORIGINS as readonly unknown[]).includes(s.origin))
      throw new FormatError(file, line, `${where}: origin ${short(s.origin)} is not one of ${SPAN_ORIGINS.join(', ')}`);
    kept.set(i, spans.length);
    spans.push({
      ...(s.id !== undefined ? { id: s.id as string } : {}),
      start: o.start,
      end: o.end,
      label: s.label,
      ...(typeof s.note === 'string' ? { note: s.note } : {}),
      ...(s.origin !== undefined ? { origin: s.origin as SpanOrigin } : {}),
    });
  }
  const relations = relationsOf(data.relations, rawSpans.length, kept, file, line, ctx);
  if (!annotator && relations.length)
    throw new FormatError(file, line, 'relations without an annotator (add "annotator" or use --annotator)');
  readLineMemos(data.memos, { file, line, document: id, annotator, map, unit }, ctx);
  // A line that names an annotator only to carry memos makes no record (an export writes one for an
  // annotator with memos about a document they have not coded).
  const noRecord =
    annotator !== undefined &&
    data.memos !== undefined &&
    data.status === undefined &&
    data.spans === undefined &&
    data.doc_labels === undefined &&
    data.relations === undefined;
  for (const key of Object.keys(data))
    if (!LINE_KEYS.has(key)) ctx.drop('metadata', file, line, `field ${JSON.stringify(key)}`);
  const meta: DocumentMeta = {};
  if (data.meta !== undefined && data.meta !== null) {
    if (!isObject(data.meta)) throw new FormatError(file, line, 'meta must be an object');
    for (const [key, v] of Object.entries(data.meta)) {
      if (!META_KEYS.has(key)) {
        ctx.drop('metadata', file, line, `meta.${key}`);
        continue;
      }
      if (typeof v !== 'string') throw new FormatError(file, line, `meta.${key}: expected a string, got ${short(v)}`);
      meta[key === 'published_raw' ? 'publishedRaw' : (key as keyof DocumentMeta)] = v;
    }
  }
  return interchangeLine({
    id,
    text,
    meta,
    annotator,
    status,
    spans,
    relations,
    docLabels,
    noRecord,
    where: { file, line },
  });
}

function relationsOf(
  value: unknown,
  rawCount: number,
  kept: ReadonlyMap<number, number>,
  file: string,
  line: number,
  ctx: ParseContext,
): LineRelation[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new FormatError(file, line, 'relations must be a list');
  const out: LineRelation[] = [];
  for (const [i, r] of value.entries()) {
    const where = `relations[${i}]`;
    if (!isObject(r)) throw new FormatError(file, line, `${where}: expected {from, to, type}, got ${short(r)}`);
    for (const end of ['from', 'to'] as const) {
      const k = r[end];
      if (typeof k !== 'number' || !Number.isInteger(k) || k < 0 || k >= rawCount)
        throw new FormatError(
          file,
          line,
          `${where}: ${end} ${Number.isInteger(k) ? k : short(k)} is not an index into this line's ${rawCount} span(s)`,
        );
    }
    if (typeof r.type !== 'string' || r.type === '')
      throw new FormatError(file, line, `${where}: type must be a non-empty string`);
    if (r.note !== undefined && r.note !== null && typeof r.note !== 'string')
      throw new FormatError(file, line, `${where}: note must be a string`);
    if (r.from === r.to) throw new FormatError(file, line, `${where}: links span ${r.from} to itself`);
    const from = kept.get(r.from as number);
    const to = kept.get(r.to as number);
    if (from === undefined || to === undefined) {
      ctx.drop('relations', file, line, `${where} ${JSON.stringify(r.type)} to a dropped empty span`);
      continue;
    }
    out.push({ from, to, type: r.type, ...(typeof r.note === 'string' ? { note: r.note } : {}) });
  }
  return out;
}

/** The interchange default status when a line gives none. */
export function defaultStatus(line: Pick<InterchangeLine, 'spans' | 'docLabels' | 'status'>): Status {
  if (line.status) return line.status;
  return line.spans.length > 0 || Object.keys(line.docLabels).length > 0 ? 'in_progress' : 'todo';
}

/**
 * Writes one export line: a document with one annotator's record, or the document alone. `memos` (of the
 * record's annotator) ride on the line; without a record they make a line of that annotator's memos only.
 */
export function formatInterchangeLine(
  doc: { id: string; text: string; meta: DocumentMeta; textJson?: string },
  record: Pick<ExportRecord, 'annotator' | 'status' | 'spans' | 'docLabels' | 'relations'> | null,
  offsets: OffsetUnit = 'codepoint',
  memos: Memo[] = [],
): string {
  // id and text first read best; the other keys in sorted order, as stableLine writes them (written out here: a
  // sorted copy of every span cost more than the rest of the line); relations after the spans they index.
  const map = offsets === 'utf16' && (record || memos.length) ? new OffsetMap(doc.text) : null;
  let line = `{"id":${JSON.stringify(doc.id)},"text":${doc.textJson ?? JSON.stringify(doc.text)}`;
  const annotator = record?.annotator ?? memos[0]?.annotator;
  if (annotator !== undefined) line += `,"annotator":${JSON.stringify(annotator)}`;
  if (record && record.docLabels !== undefined) line += `,"doc_labels":${stableLine(record.docLabels)}`;
  if (memos.length) line += `,"memos":${stableLine(memos.map((m) => memoJson(m, map)))}`;
  line += `,"meta":${metaJson(doc.meta)}`;
  if (record) {
    if (record.spans !== undefined) line += `,"spans":[${record.spans.map((s) => spanJson(s, map)).join(',')}]`;
    if (record.status !== undefined) line += `,"status":${JSON.stringify(record.status)}`;
  }
  if (record?.relations?.length)
    line += `,"relations":${stableLine(record.relations.map((r) => ({ from: r.from, to: r.to, type: r.type, ...(r.note !== undefined ? { note: r.note } : {}) })))}`;
  return `${line}}`;
}

/** The metadata keys as a line writes them, in sorted order. */
const META_KEYS_SORTED = META_FIELDS.map((key) => [key, key === 'publishedRaw' ? 'published_raw' : key] as const).sort(
  (a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0),
);

function metaJson(meta: DocumentMeta): string {
  let out = '';
  for (const [key, name] of META_KEYS_SORTED) {
    const v = meta[key];
    if (v !== undefined) out += `${out ? ',' : ''}"${name}":${JSON.stringify(v)}`;
  }
  return `{${out}}`;
}

/** One span as stableLine writes it: end, id, label, note, origin, start. */
function spanJson(s: Span, map: OffsetMap | null): string {
  let out = `{"end":${JSON.stringify(map ? map.toUtf16(s.end) : s.end)}`;
  if (s.id !== undefined) out += `,"id":${JSON.stringify(s.id)}`;
  if (s.label !== undefined) out += `,"label":${JSON.stringify(s.label)}`;
  if (s.note !== undefined) out += `,"note":${JSON.stringify(s.note)}`;
  if (s.origin !== undefined) out += `,"origin":${JSON.stringify(s.origin)}`;
  return `${out},"start":${JSON.stringify(map ? map.toUtf16(s.start) : s.start)}}`;
}

/**
 * The lines of one document: one per record, or one bare line when nobody coded it; and a line of memos
 * for each annotator with memos here but no record. Lines in annotator order.
 */
function documentLines(
  doc: ExportDocument,
  records: ExportRecord[],
  offsets?: OffsetUnit,
  memos: Memo[] = [],
): string[] {
  const byAnnotator = new Map<string, Memo[]>();
  for (const m of memos) byAnnotator.set(m.annotator, [...(byAnnotator.get(m.annotator) ?? []), m]);
  const lines = records.map((r) => ({
    annotator: r.annotator,
    text: formatInterchangeLine(doc, r, offsets, byAnnotator.get(r.annotator)),
  }));
  for (const [annotator, mine] of byAnnotator)
    if (!records.some((r) => r.annotator === annotator))
      lines.push({ annotator, text: formatInterchangeLine(doc, null, offsets, mine) });
  lines.sort((a, b) => (a.annotator < b.annotator ? -1 : a.annotator > b.annotator ? 1 : 0));
  const out = lines.map((l) => l.text);
  return records.length === 0 ? [formatInterchangeLine(doc, null, offsets), ...out] : out;
}

/** Memos about no document (the project, labels, groups) ride on the first document's lines. */
function memosByDocument(memos: Memo[], firstDocument: string | undefined): Map<string, Memo[]> {
  const out = new Map<string, Memo[]>();
  for (const m of memos) {
    const t = m.target;
    const doc = t.kind === 'document' || t.kind === 'range' ? t.document : firstDocument;
    if (doc !== undefined) out.set(doc, [...(out.get(doc) ?? []), m]);
  }
  return out;
}

function mappedLine(
  value: unknown,
  mapping: FieldMapping,
  file: string,
  line: number,
  ctx: ParseContext,
): InterchangeLine {
  const doc = mapRecord(value, mapping, file, line);
  if (doc.dateProblem) ctx.warn(`dates kept as written (${doc.dateProblem})`, `line ${line}: ${doc.meta.publishedRaw}`);
  return { id: doc.id, text: doc.text, meta: doc.meta, spans: [], docLabels: {}, raw: true, where: { file, line } };
}

interface JsonlImportOptions {
  /** JSON of documents: which field holds each document field (guessed from the first record when absent). */
  mapping?: FieldMapping;
}

export const jsonl: Format<JsonlImportOptions> = {
  name: 'jsonl',
  title: 'Frame Lens interchange JSONL (also JSON arrays, and JSON of documents with a field mapping)',
  extensions: ['.jsonl', '.ndjson', '.json'],
  input: 'text',
  offsets: 'option',
  folder: false,
  carries: [...RECORD_CARRIES, 'relations', 'memos'],
  loses: [],
  needs: ['memos'],
  text: {
    bom: 'a BOM before the first record is not part of any text; texts are JSON strings and keep any U+FEFF they hold',
    crlf: 'kept (texts are JSON strings)',
    nfc: 'kept as written',
    equalTexts: 'different ids are different documents; "same text as" is a warning',
  },
  importOptions: [fieldMapping],
  exportOptions: [],
  *parse(files, options, ctx) {
    for (const file of textFiles(files)) {
      let mapping: FieldMapping | null = options.mapping ?? null;
      let decided = false;
      for (const { value, line } of jsonRecords(file.text, file.path)) {
        if (!decided) {
          decided = true;
          if (isObject(value)) {
            if (!mapping && !('text' in value)) {
              const guess = guessJsonMapping(value);
              if (guess.text) mapping = guess;
            }
            if (mapping) ctx.fields = { headers: Object.keys(value), mapping };
          }
        }
        if (mapping) yield mappedLine(value, mapping, file.path, line, ctx);
        else yield parseInterchangeRecord(value, file.path, line, options, ctx);
      }
    }
  },
  formatDocument(doc, records, options, memos) {
    return documentLines(doc, records, options.offsets, memos);
  },
  format(input, options, report) {
    const byDoc = recordsByDocument(input.records);
    const docs = sortedDocuments(input.documents);
    const memos = memosByDocument(input.memos ?? [], docs[0]?.id);
    if (!docs.length && input.memos?.length) report.lose('memos of a project without documents', input.memos.length);
    const out: string[] = [];
    for (const d of docs) out.push(...documentLines(d, byDoc.get(d.id) ?? [], options.offsets, memos.get(d.id)));
    return out.length ? `${out.join('\n')}\n` : '';
  },
};
