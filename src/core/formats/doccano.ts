// doccano sequence labelling JSONL, in both of its layouts:
//   {"text": "...", "label": [[start, end, "LABEL"], ...]}                     (classic; also "column_data"/"column_label")
//   {"text": "...", "entities": [{"start_offset", "end_offset", "label"}], "relations": [...]}
// doccano is Python: offsets are str indices, i.e. code points (`offsets: 'utf16'` reads JS indices instead).
// A `label` list of plain strings is doccano's text classification; it becomes a document label group
// (`docLabelGroup`, default "label"). Relations are skipped and counted. A file that is one JSON value
// (an array of examples, or one pretty-printed example, as doccano's own export examples are) is read too.
// Export writes one line per (document, annotator) and one per unannotated document, with Frame Lens's
// extra keys (`id`, `annotator`, `status`, `doc_labels`, `meta`), which doccano keeps as metadata.
import type { DocLabelValue, Span, Status } from '../model';
import { STATUSES } from '../model';
import { sortSpans } from '../text';
import {
  assertRecordsHaveDocuments,
  checkId,
  type ExportInput,
  FormatError,
  fileStem,
  type ImportOptions,
  type ImportResult,
  type InterchangeLine,
  isObject,
  metaFrom,
  metaObject,
  OffsetMap,
  type OffsetUnit,
  parseJson,
  recordsByDocument,
  safeId,
  short,
  sortedDocuments,
  spanOffsets,
  splitLines,
  stripBom,
  toCodePointSpan,
  WarningCounter,
} from './common';

/** Doccano import options: field names for projects that renamed doccano's columns. */
export interface DoccanoImportOptions extends ImportOptions {
  textField?: string;
  labelField?: string;
  docLabelGroup?: string;
}

const TEXT_FIELDS = ['text', 'data', 'column_data'];
const LABEL_FIELDS = ['label', 'labels', 'column_label'];

/** One example (one JSON object) → one interchange line. */
export function parseDoccanoExample(
  obj: unknown,
  file: string,
  line: number,
  index: number,
  options: DoccanoImportOptions,
  warnings: WarningCounter,
): InterchangeLine {
  if (!isObject(obj)) throw new FormatError(file, line, 'an example must be a JSON object');
  const textField = options.textField ?? TEXT_FIELDS.find((f) => typeof obj[f] === 'string');
  const text = textField !== undefined ? obj[textField] : undefined;
  if (typeof text !== 'string')
    throw new FormatError(
      file,
      line,
      `no text (expected a string in ${options.textField ?? TEXT_FIELDS.join(' or ')})`,
    );
  const rawId = obj.id;
  let id: string;
  if (typeof rawId === 'string' || (typeof rawId === 'number' && Number.isInteger(rawId) && rawId >= 0))
    id = checkId(String(rawId), file, line);
  else id = `${safeId(fileStem(file)) ?? 'doccano'}-${index + 1}`;
  const unit: OffsetUnit = options.offsets ?? 'codepoint';
  const map = new OffsetMap(text);
  const spans: Span[] = [];
  const docLabels: Record<string, DocLabelValue> = {};
  const labelField = options.labelField ?? LABEL_FIELDS.find((f) => obj[f] !== undefined);
  const labels = labelField !== undefined ? obj[labelField] : undefined;
  if (labels !== undefined && labels !== null) {
    if (!Array.isArray(labels)) throw new FormatError(file, line, `${labelField} must be a list`);
    const categories: string[] = [];
    for (const [i, item] of labels.entries()) {
      if (typeof item === 'string') {
        categories.push(item);
        continue;
      }
      if (!Array.isArray(item) || item.length < 3 || typeof item[2] !== 'string' || item[2] === '')
        throw new FormatError(file, line, `${labelField}[${i}]: expected [start, end, "label"], got ${short(item)}`);
      const o = toCodePointSpan(map, item[0], item[1], unit, file, line, `${labelField}[${i}]`);
      if (o.end === o.start) {
        warnings.add('empty spans skipped', `line ${line}`);
        continue;
      }
      spans.push({ start: o.start, end: o.end, label: item[2] });
    }
    if (categories.length) docLabels[options.docLabelGroup ?? 'label'] = categories;
  }
  const entities = obj.entities;
  if (entities !== undefined && entities !== null) {
    if (!Array.isArray(entities)) throw new FormatError(file, line, 'entities must be a list');
    for (const [i, e] of entities.entries()) {
      if (!isObject(e) || typeof e.label !== 'string' || e.label === '')
        throw new FormatError(
          file,
          line,
          `entities[${i}]: expected {start_offset, end_offset, label}, got ${short(e)}`,
        );
      const o = toCodePointSpan(map, e.start_offset, e.end_offset, unit, file, line, `entities[${i}]`);
      if (o.end === o.start) {
        warnings.add('empty spans skipped', `line ${line}`);
        continue;
      }
      spans.push({ start: o.start, end: o.end, label: e.label });
    }
  }
  if (Array.isArray(obj.relations) && obj.relations.length) warnings.add('relations skipped', `line ${line}`);
  if (obj.doc_labels !== undefined) {
    if (!isObject(obj.doc_labels)) throw new FormatError(file, line, 'doc_labels must be an object');
    for (const [k, v] of Object.entries(obj.doc_labels)) {
      if (typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'))) docLabels[k] = v;
      else throw new FormatError(file, line, `doc_labels.${k}: must be a string or a list of strings`);
    }
  }
  const unique = sortSpans(spans);
  if (unique.length < spans.length) warnings.add('duplicate spans merged', `line ${line}`);
  const annotator =
    typeof obj.annotator === 'string' && obj.annotator !== '' ? obj.annotator : (options.annotator ?? undefined);
  if (annotator) checkId(annotator, file, line, 'annotator');
  const status =
    typeof obj.status === 'string' && (STATUSES as readonly string[]).includes(obj.status)
      ? (obj.status as Status)
      : undefined;
  const meta = { ...metaFrom(obj), ...metaFrom(isObject(obj.meta) ? obj.meta : undefined) };
  return {
    id,
    text,
    meta,
    ...(annotator ? { annotator } : {}),
    ...(status ? { status } : {}),
    spans: unique,
    docLabels,
  };
}

/** Reads a doccano file: JSONL, or one JSON value (an array of examples or a single example). */
export function parseDoccano(file: string, input: string, options: DoccanoImportOptions = {}): ImportResult {
  const text = stripBom(input);
  const warnings = new WarningCounter();
  const lines: InterchangeLine[] = [];
  const trimmed = text.trimStart();
  // A pretty-printed single example or an array spans several lines: read the file as one JSON value.
  if (trimmed.startsWith('[') || (trimmed.startsWith('{') && !isOneObjectPerLine(text))) {
    const data = parseJson(text, file, 1);
    const items = Array.isArray(data) ? data : [data];
    items.forEach((item, i) => {
      lines.push(parseDoccanoExample(item, file, Array.isArray(data) ? 1 : 1, i, options, warnings));
    });
    return { lines, warnings: warnings.list() };
  }
  const raw = splitLines(text);
  let index = 0;
  for (const [i, l] of raw.entries()) {
    if (l.trim() === '') continue;
    lines.push(parseDoccanoExample(parseJson(l, file, i + 1), file, i + 1, index, options, warnings));
    index++;
  }
  return { lines, warnings: warnings.list() };
}

function isOneObjectPerLine(text: string): boolean {
  const first = text.split(/\r\n|\n|\r/, 1)[0] ?? '';
  try {
    return isObject(JSON.parse(first));
  } catch {
    return false;
  }
}

/** Doccano export options. */
export interface DoccanoExportOptions {
  layout?: 'label' | 'entities';
  offsets?: OffsetUnit;
}

/** Writes doccano JSONL, one line per (document, annotator), one per unannotated document. */
export function formatDoccano(input: ExportInput, options: DoccanoExportOptions = {}): string {
  assertRecordsHaveDocuments(input);
  const unit = options.offsets ?? 'codepoint';
  const layout = options.layout ?? 'label';
  const byDoc = recordsByDocument(input.records);
  const out: string[] = [];
  for (const doc of sortedDocuments(input.documents)) {
    const map = new OffsetMap(doc.text);
    const meta = metaObject(doc.meta);
    const records = byDoc.get(doc.id) ?? [];
    const base = (): Record<string, unknown> => ({ id: doc.id, text: doc.text });
    if (records.length === 0) {
      const line = base();
      line[layout] = [];
      if (Object.keys(meta).length) line.meta = meta;
      out.push(JSON.stringify(line));
    }
    for (const r of records) {
      const line = base();
      if (layout === 'label')
        line.label = r.spans.map((s) => {
          const o = spanOffsets(map, s, unit);
          return [o.start, o.end, s.label];
        });
      else
        line.entities = r.spans.map((s, i) => {
          const o = spanOffsets(map, s, unit);
          return { id: i, start_offset: o.start, end_offset: o.end, label: s.label };
        });
      line.annotator = r.annotator;
      line.status = r.status;
      if (Object.keys(r.docLabels).length) {
        const labels: Record<string, DocLabelValue> = {};
        for (const k of Object.keys(r.docLabels).sort()) labels[k] = r.docLabels[k];
        line.doc_labels = labels;
      }
      if (Object.keys(meta).length) line.meta = meta;
      out.push(JSON.stringify(line));
    }
  }
  return out.length ? `${out.join('\n')}\n` : '';
}
