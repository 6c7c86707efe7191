// CSV (RFC 4180): export one row per span with the document's metadata and the span's text; import reads
// that back, or a generic CSV of documents through a field mapping guessed from its headers.
//
// Span CSV columns, in this order: document_id, annotator, status, label, start, end, span_id, span_text,
// note, doc_labels (JSON), title, outlet, published, published_raw, author, url, story, source, text,
// relation_type, relation_from, relation_to.
// Row kinds: a span row (annotator and label set); a relation row (relation_type set) after the record's span
// rows, its ends named by their span_id (a record with relations writes an id for every span, `s1`, `s2`… where
// it had none) and its note in `note`; a record row (annotator set, label empty) for a record with no spans,
// carrying its status and doc labels; a document row (no annotator) for a document nobody annotated. The document's text is written in the first row of each document only (a text per span row
// would multiply the file's size); on import the non-empty text cells of a document must agree.
// Offsets are code points unless `offsets: 'utf16'`. Lines end in CRLF, as RFC 4180 says.
import type { DocLabelValue, DocumentMeta, Span, Status } from '../model';
import { STATUSES } from '../model';
import { spanText } from '../text';
import {
  checkId,
  FormatError,
  fileStem,
  interchangeLine,
  isObject,
  isSpanId,
  metaFrom,
  OffsetMap,
  parseJson,
  RECORD_CARRIES,
  recordsByDocument,
  safeId,
  sortedDocuments,
  spanOffsets,
  stripBom,
  textFiles,
  toCodePointSpan,
} from './common';
import { fieldMapping } from './sharedOptions';
import type {
  CommonImportOptions,
  ExportInput,
  FieldMapping,
  Format,
  InterchangeLine,
  LineRelation,
  OffsetUnit,
  ParseContext,
} from './types';

/** One parsed CSV record with the physical line it starts on, for error messages. */
interface CsvRow {
  line: number;
  cells: string[];
}

/**
 * RFC 4180 parsing that never hangs and names the line of a broken quote. Quoted fields may hold
 * delimiters, quotes ("") and line breaks; CRLF, LF and CR all end a record; a quote inside an unquoted
 * field is kept as text (as spreadsheets do).
 */
export function parseCsvRows(input: string, file = 'input.csv', delimiter = ','): CsvRow[] {
  const text = stripBom(input);
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let rowLine = 1;
  let i = 0;
  let atCellStart = true;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (atCellStart && c === '"') {
      const quoteLine = line;
      i++;
      let closed = false;
      while (i < n) {
        const d = text[i];
        if (d === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        if (d === '\r' || d === '\n') {
          line++;
          if (d === '\r' && text[i + 1] === '\n') {
            cell += '\r\n';
            i += 2;
            continue;
          }
        }
        cell += d;
        i++;
      }
      if (!closed) throw new FormatError(file, quoteLine, 'a quoted field is never closed (missing ")');
      atCellStart = false;
      // After a closing quote only a delimiter or a line end may follow; anything else is kept as text.
      continue;
    }
    if (c === delimiter) {
      cells.push(cell);
      cell = '';
      atCellStart = true;
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      cells.push(cell);
      rows.push({ line: rowLine, cells });
      cells = [];
      cell = '';
      atCellStart = true;
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      rowLine = line;
      continue;
    }
    cell += c;
    atCellStart = false;
    i++;
  }
  if (cell !== '' || cells.length > 0 || !atCellStart) {
    cells.push(cell);
    rows.push({ line: rowLine, cells });
  }
  // Blank lines are not records.
  return rows.filter((r) => !(r.cells.length === 1 && r.cells[0] === ''));
}

/** One field quoted only when it must be (delimiter, quote, line break, or leading/trailing space). */
export function csvField(value: string, delimiter = ','): string {
  if (value.includes(delimiter) || /["\r\n]/.test(value) || /^\s|\s$/.test(value))
    return `"${value.replace(/"/g, '""')}"`;
  return value;
}

function csvLine(cells: string[], delimiter = ','): string {
  return cells.map((c) => csvField(c, delimiter)).join(delimiter);
}

/** The header row of the span CSV, fixed. */
const SPAN_CSV_HEADERS = [
  'document_id',
  'annotator',
  'status',
  'label',
  'start',
  'end',
  'span_id',
  'span_text',
  'note',
  'doc_labels',
  'title',
  'outlet',
  'published',
  'published_raw',
  'author',
  'url',
  'story',
  'source',
  'text',
  'relation_type',
  'relation_from',
  'relation_to',
] as const;

interface CsvExportOptions {
  offsets?: OffsetUnit;
}

/** Writes the span CSV: one row per span, a record row per record without spans, a document row per unannotated document. */
export function formatCsv(input: ExportInput, options: CsvExportOptions = {}): string {
  const unit = options.offsets ?? 'codepoint';
  const byDoc = recordsByDocument(input.records);
  const out: string[] = [csvLine([...SPAN_CSV_HEADERS])];
  for (const doc of sortedDocuments(input.documents)) {
    const map = new OffsetMap(doc.text);
    const m = doc.meta;
    const metaCells = [
      m.title ?? '',
      m.outlet ?? '',
      m.published ?? '',
      m.publishedRaw ?? '',
      m.author ?? '',
      m.url ?? '',
      m.story ?? '',
      m.source ?? '',
    ];
    let first = true;
    const row = (cells: string[], relation: string[] = ['', '', '']) => {
      out.push(csvLine([...cells, ...metaCells, first ? doc.text : '', ...relation]));
      first = false;
    };
    const records = byDoc.get(doc.id) ?? [];
    if (records.length === 0) row([doc.id, '', '', '', '', '', '', '', '', '']);
    for (const r of records) {
      const labels = Object.keys(r.docLabels).length ? JSON.stringify(sortedDocLabels(r.docLabels)) : '';
      if (r.spans.length === 0) row([doc.id, r.annotator, r.status, '', '', '', '', '', '', labels]);
      const relations = r.relations ?? [];
      const used = new Set(r.spans.map((s) => s.id).filter((x) => x !== undefined));
      let next = 1;
      const ids = r.spans.map((s) => {
        if (s.id !== undefined || !relations.length) return s.id ?? '';
        while (used.has(`s${next}`)) next++;
        used.add(`s${next}`);
        return `s${next}`;
      });
      for (const [si, s] of r.spans.entries()) {
        const o = spanOffsets(map, s, unit);
        row([
          doc.id,
          r.annotator,
          r.status,
          s.label,
          String(o.start),
          String(o.end),
          ids[si],
          spanText(doc.text, s, map),
          s.note ?? '',
          labels,
        ]);
      }
      for (const x of relations)
        row(
          [doc.id, r.annotator, r.status, '', '', '', '', '', x.note ?? '', labels],
          [x.type, ids[x.from], ids[x.to]],
        );
    }
  }
  return `${out.join('\r\n')}\r\n`;
}

function sortedDocLabels(labels: Record<string, DocLabelValue>): Record<string, DocLabelValue> {
  const out: Record<string, DocLabelValue> = {};
  for (const k of Object.keys(labels).sort()) out[k] = labels[k];
  return out;
}

const GUESSES: Record<keyof FieldMapping, string[]> = {
  id: ['id', 'document_id', 'doc_id', 'docid', 'article_id', 'uid', 'key', 'guid', 'identifier'],
  text: [
    'text',
    'body',
    'content',
    'article',
    'full_text',
    'fulltext',
    'article_text',
    'maintext',
    'story',
    'document',
  ],
  title: ['title', 'headline', 'heading', 'name', 'subject'],
  outlet: ['outlet', 'source', 'publisher', 'site', 'site_name', 'newspaper', 'media', 'domain', 'publication'],
  date: [
    'date',
    'published',
    'published_at',
    'publish_date',
    'pub_date',
    'date_published',
    'datetime',
    'time',
    'created_at',
  ],
  url: ['url', 'link', 'href', 'source_url', 'article_url', 'permalink', 'uri'],
};

function normHeader(h: string): string {
  return h
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/**
 * A first guess of the field mapping from a CSV's headers, for the wizard to show and let the user edit.
 * Exact names first (in order of likelihood), then headers containing a keyword; a header is used once.
 */
export function guessFieldMapping(headers: string[]): FieldMapping {
  const normalized = headers.map(normHeader);
  const used = new Set<number>();
  const mapping: FieldMapping = {};
  const fields: (keyof FieldMapping)[] = ['id', 'text', 'url', 'title', 'date', 'outlet'];
  for (const field of fields) {
    let index = -1;
    for (const name of GUESSES[field]) {
      index = normalized.findIndex((h, i) => h === name && !used.has(i));
      if (index >= 0) break;
    }
    if (index < 0 && field !== 'id') {
      for (const name of GUESSES[field]) {
        if (name.length < 4) continue;
        index = normalized.findIndex((h, i) => h.includes(name) && !used.has(i));
        if (index >= 0) break;
      }
    }
    if (index >= 0) {
      used.add(index);
      mapping[field] = headers[index];
    }
  }
  return mapping;
}

/** Import options of CSV: the common ones plus an explicit mapping for generic CSVs. */
interface CsvImportOptions {
  mapping?: FieldMapping;
  /** Default: guessed from the header line among `,`, `;` and tab. */
  delimiter?: string;
}

/** The delimiter a header line most likely uses. */
function guessDelimiter(text: string): string {
  const firstLine = stripBom(text).split(/\r\n|\n|\r/, 1)[0] ?? '';
  let best = ',';
  let bestCount = 0;
  for (const d of [',', ';', '\t']) {
    const count = firstLine.split(d).length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/** True when the headers are those of the span CSV this module writes. */
export function isSpanCsv(headers: string[]): boolean {
  const set = new Set(headers.map(normHeader));
  return ['document_id', 'label', 'start', 'end', 'text'].every((h) => set.has(h));
}

/** Reads a CSV file: the span CSV back into documents and records, or a generic CSV of documents. */
export function parseCsv(
  file: string,
  input: string,
  options: CsvImportOptions & CommonImportOptions,
  ctx: ParseContext,
): InterchangeLine[] {
  const delimiter = options.delimiter ?? guessDelimiter(input);
  const rows = parseCsvRows(input, file, delimiter);
  if (rows.length === 0) {
    ctx.warn('empty files', file);
    return [];
  }
  const headers = rows[0].cells.map((h) => h.trim());
  if (!options.mapping && isSpanCsv(headers)) return parseSpanCsv(file, headers, rows.slice(1), options);
  return parseDocumentCsv(file, headers, rows.slice(1), options, ctx);
}

function parseDocumentCsv(
  file: string,
  headers: string[],
  rows: CsvRow[],
  options: CsvImportOptions,
  ctx: ParseContext,
): InterchangeLine[] {
  const mapping = options.mapping ?? guessFieldMapping(headers);
  ctx.fields = { headers, mapping };
  const col = (name: string | undefined): number => {
    if (name === undefined) return -1;
    const i = headers.indexOf(name);
    if (i < 0) throw new FormatError(file, 1, `the mapping names a column ${JSON.stringify(name)} the header lacks`);
    return i;
  };
  const textCol = col(mapping.text);
  if (textCol < 0)
    throw new FormatError(file, 1, `no column holds the text (headers: ${headers.slice(0, 12).join(', ')})`);
  const idCol = col(mapping.id);
  const cols = {
    title: col(mapping.title),
    outlet: col(mapping.outlet),
    date: col(mapping.date),
    url: col(mapping.url),
  };
  const stem = safeId(fileStem(file)) ?? 'row';
  const lines: InterchangeLine[] = [];
  const seen = new Set<string>();
  for (const [index, row] of rows.entries()) {
    if (row.cells.length !== headers.length)
      ctx.warn('rows whose cell count differs from the header', `line ${row.line}`);
    const cell = (i: number) => (i >= 0 ? (row.cells[i] ?? '').trim() : '');
    const rawId = cell(idCol);
    const id = rawId ? checkId(rawId, file, row.line) : `${stem}-${index + 1}`;
    if (seen.has(id)) throw new FormatError(file, row.line, 'the document id appears twice');
    seen.add(id);
    const meta: DocumentMeta = {};
    if (cell(cols.title)) meta.title = cell(cols.title);
    if (cell(cols.outlet)) meta.outlet = cell(cols.outlet);
    if (cell(cols.url)) meta.url = cell(cols.url);
    const date = cell(cols.date);
    if (date) {
      if (/^\d{4}-\d{2}-\d{2}$/.test(date)) meta.published = date;
      else meta.publishedRaw = date;
    }
    lines.push({
      id,
      text: row.cells[textCol] ?? '',
      meta,
      spans: [],
      docLabels: {},
      raw: true,
      where: { file, line: row.line },
    });
  }
  return lines;
}

interface Group {
  id: string;
  line: number;
  annotator?: string;
  status?: Status;
  spans: { span: Span; line: number; offsets: [string, string]; spanText: string }[];
  relations: { type: string; from: string; to: string; note?: string; line: number }[];
  docLabels: Record<string, DocLabelValue>;
  docLabelsRaw?: string;
}

function parseSpanCsv(
  file: string,
  rawHeaders: string[],
  rows: CsvRow[],
  options: CommonImportOptions,
): InterchangeLine[] {
  const headers = rawHeaders.map(normHeader);
  const at = (row: CsvRow, name: string) => {
    const i = headers.indexOf(name);
    return i >= 0 ? (row.cells[i] ?? '') : '';
  };
  const unit = options.offsets ?? 'codepoint';
  const docs = new Map<string, { text: string | null; meta: DocumentMeta; line: number }>();
  const groups = new Map<string, Group>();
  const order: string[] = [];
  for (const row of rows) {
    const id = checkId(at(row, 'document_id').trim(), file, row.line);
    const text = at(row, 'text');
    const meta = metaFrom({
      title: at(row, 'title'),
      outlet: at(row, 'outlet'),
      published: at(row, 'published'),
      published_raw: at(row, 'published_raw'),
      author: at(row, 'author'),
      url: at(row, 'url'),
      story: at(row, 'story'),
      source: at(row, 'source'),
    });
    const doc = docs.get(id);
    if (!doc) {
      docs.set(id, { text: text === '' ? null : text, meta, line: row.line });
    } else {
      if (text !== '') {
        if (doc.text !== null && doc.text !== text)
          throw new FormatError(file, row.line, `document ${id} has a different text than on line ${doc.line}`);
        doc.text = text;
      }
      for (const [k, v] of Object.entries(meta) as [keyof DocumentMeta, string][]) doc.meta[k] ??= v;
    }
    const annotator = at(row, 'annotator').trim() || options.annotator;
    const label = at(row, 'label');
    if (annotator) checkId(annotator, file, row.line, 'annotator');
    if (!annotator) {
      if (label !== '')
        throw new FormatError(
          file,
          row.line,
          'a span without an annotator (fill the annotator column or use --annotator)',
        );
      if (!groups.has(`${id}\u0000`)) order.push(`${id}\u0000`);
      groups.set(
        `${id}\u0000`,
        groups.get(`${id}\u0000`) ?? { id, line: row.line, spans: [], relations: [], docLabels: {} },
      );
      continue;
    }
    const key = `${id}\u0000${annotator}`;
    let group = groups.get(key);
    if (!group) {
      group = { id, line: row.line, annotator, spans: [], relations: [], docLabels: {} };
      groups.set(key, group);
      order.push(key);
    }
    const status = at(row, 'status').trim();
    if (status) {
      if (!(STATUSES as readonly string[]).includes(status))
        throw new FormatError(file, row.line, `status is not one of ${STATUSES.join(', ')}`);
      group.status = status as Status;
    }
    const labelsRaw = at(row, 'doc_labels').trim();
    if (labelsRaw) {
      if (group.docLabelsRaw !== undefined && group.docLabelsRaw !== labelsRaw)
        throw new FormatError(
          file,
          row.line,
          `doc_labels differ between rows of document ${id}, annotator ${annotator}`,
        );
      group.docLabelsRaw = labelsRaw;
      group.docLabels = parseDocLabels(labelsRaw, file, row.line);
    }
    const relationType = at(row, 'relation_type');
    if (relationType !== '') {
      if (label !== '')
        throw new FormatError(file, row.line, 'a row is a span (label) or a relation (relation_type), not both');
      group.relations.push({
        type: relationType,
        from: at(row, 'relation_from').trim(),
        to: at(row, 'relation_to').trim(),
        ...(at(row, 'note') !== '' ? { note: at(row, 'note') } : {}),
        line: row.line,
      });
      continue;
    }
    if (label === '') continue;
    const spanId = at(row, 'span_id').trim();
    if (spanId !== '' && !isSpanId(spanId)) throw new FormatError(file, row.line, 'span_id is not a span id');
    group.spans.push({
      span: {
        ...(spanId ? { id: spanId } : {}),
        start: 0,
        end: 0,
        label,
        ...(at(row, 'note') !== '' ? { note: at(row, 'note') } : {}),
      },
      line: row.line,
      offsets: [at(row, 'start').trim(), at(row, 'end').trim()],
      spanText: at(row, 'span_text'),
    });
  }
  const lines: InterchangeLine[] = [];
  const annotated = new Set([...groups.values()].filter((g) => g.annotator).map((g) => g.id));
  for (const key of order) {
    const g = groups.get(key)!;
    const doc = docs.get(g.id)!;
    const text = doc.text ?? '';
    const map = new OffsetMap(text);
    const spans: Span[] = [];
    for (const s of g.spans) {
      const [a, b] = s.offsets.map((v) => (/^\d{1,15}$/.test(v) ? Number(v) : v));
      const o = toCodePointSpan(map, a, b, unit, file, s.line, 'span');
      if (o.end === o.start) throw new FormatError(file, s.line, `span: end ${o.end} is not after start ${o.start}`);
      if (s.spanText !== '' && spanText(text, o, map) !== s.spanText)
        throw new FormatError(
          file,
          s.line,
          `span_text ${JSON.stringify(s.spanText.slice(0, 40))} differs from the text the offsets cover, ${JSON.stringify(spanText(text, o, map).slice(0, 40))} (wrong --offsets?)`,
        );
      spans.push({ ...s.span, start: o.start, end: o.end });
    }
    const byId = new Map<string, number>();
    spans.forEach((s, i) => {
      if (s.id !== undefined) {
        if (byId.has(s.id) && g.relations.length)
          throw new FormatError(file, g.spans[i].line, `span_id ${s.id} names two spans of one record`);
        byId.set(s.id, i);
      }
    });
    const relations: LineRelation[] = g.relations.map((x) => {
      const from = byId.get(x.from);
      const to = byId.get(x.to);
      if (from === undefined || to === undefined)
        throw new FormatError(
          file,
          x.line,
          `relation ${JSON.stringify(x.type)}: span_id ${JSON.stringify(from === undefined ? x.from : x.to)} is no span of document ${g.id}, annotator ${g.annotator}`,
        );
      if (from === to) throw new FormatError(file, x.line, `relation ${JSON.stringify(x.type)} links a span to itself`);
      return { from, to, type: x.type, ...(x.note !== undefined ? { note: x.note } : {}) };
    });
    if (!g.annotator) {
      if (!annotated.has(g.id))
        lines.push({ id: g.id, text, meta: doc.meta, spans: [], docLabels: {}, where: { file, line: doc.line } });
    } else {
      lines.push(
        interchangeLine({
          id: g.id,
          text,
          meta: doc.meta,
          annotator: g.annotator,
          status: g.status,
          spans,
          relations,
          docLabels: g.docLabels,
          where: { file, line: g.line },
        }),
      );
    }
  }
  return lines;
}

function parseDocLabels(raw: string, file: string, line: number): Record<string, DocLabelValue> {
  const data = parseJson(raw, file, line);
  if (!isObject(data)) throw new FormatError(file, line, 'doc_labels must be a JSON object');
  const out: Record<string, DocLabelValue> = {};
  for (const [k, v] of Object.entries(data)) {
    if (k === '') throw new FormatError(file, line, 'doc_labels: a group name is empty');
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) out[k] = v as string[];
    else throw new FormatError(file, line, `doc_labels.${k}: must be a string or a list of strings`);
  }
  return out;
}

export const csv: Format<CsvImportOptions> = {
  name: 'csv',
  title: 'CSV: the span CSV Frame Lens writes (read back exactly), or any CSV of documents (field mapping)',
  extensions: ['.csv'],
  input: 'text',
  offsets: 'option',
  folder: false,
  carries: [...RECORD_CARRIES, 'relations'],
  loses: ['nothing in the span CSV; a CSV of documents keeps only the mapped fields'],
  text: {
    bom: 'a BOM before the header is not part of any cell',
    crlf: 'kept inside quoted cells (rows end in CRLF, as RFC 4180 says)',
    nfc: 'kept as written',
    equalTexts:
      'span CSV: different ids are different documents ("same text as" is a warning); CSV of documents: a row whose text equals another document\'s is skipped and listed, unless --keep-duplicates',
  },
  importOptions: [fieldMapping],
  exportOptions: [],
  *parse(files, options, ctx) {
    for (const f of textFiles(files)) yield* parseCsv(f.path, f.text, options, ctx);
  },
  format: formatCsv,
};
