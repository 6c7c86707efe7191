// doccano JSONL, in every layout its exports write (doccano backend/data_export/pipeline/factories.py):
//   sequence labelling      {"id", "text", "label": [[start, end, "LABEL"], ...], "Comments": [...], ...meta}
//   … with relations         {"id", "text", "entities": [{"id", "start_offset", "end_offset", "label"}], "relations": [...]}
//   text classification      {"id", "text", "label": ["positive"], ...}
//   intent detection         {"id", "text", "entities": [[0, 26, "City"]], "cats": ["flight"]}
// and the import names `column_data`/`column_label`. doccano is Python: offsets are code points
// (`offsets: 'utf16'` reads JavaScript indices instead). Classes become the document label group named
// after their key (`label` or `cats`), so an export writes them back under the same key; the layout read is
// reported, and an export with that `layout` writes the file back in it. A file that is one JSON value (an
// array, or pretty-printed examples) is read too. `relations` (`from_id`/`to_id` naming entity ids, `type`)
// become relations and are written back in the entities layout; a relation naming no entity, and non-empty
// comments, have no place in Frame Lens: the import refuses them unless named with --drop.
import type { DocLabelValue, DocumentMeta, Span, Status } from '../model';
import { STATUSES } from '../model';
import {
  checkId,
  choiceOption,
  FormatError,
  fileStem,
  interchangeLine,
  isObject,
  isSpanId,
  META_FIELDS,
  metaFrom,
  metaObject,
  OffsetMap,
  recordsByDocument,
  safeId,
  short,
  sortedDocuments,
  spanOffsets,
  textFiles,
  toCodePointSpan,
} from './common';
import { jsonRecords } from './json';
import type { CommonImportOptions, Format, InterchangeLine, LineRelation, OffsetUnit, ParseContext } from './types';

interface DoccanoImportOptions {
  /** Name each file's annotator after the file (doccano's per-member export writes `<user>.jsonl`). */
  annotatorFromFile?: boolean;
}

/** doccano export layouts (see the file comment). */
type DoccanoLayout = 'label' | 'entities' | 'entities-lists';

interface DoccanoExportOptions {
  layout?: DoccanoLayout;
}

const TEXT_FIELDS = ['text', 'data', 'column_data'];
const KNOWN = new Set([
  ...TEXT_FIELDS,
  'id',
  'label',
  'labels',
  'column_label',
  'entities',
  'cats',
  'relations',
  'Comments',
  'comments',
  'annotator',
  'status',
  'doc_labels',
  'meta',
  ...META_FIELDS,
  'published_raw',
]);
const CLASS_GROUPS = ['label', 'cats'];

function spanFromTriple(
  item: unknown,
  map: OffsetMap,
  unit: OffsetUnit,
  file: string,
  line: number,
  where: string,
): { start: number; end: number; label: string } {
  if (!Array.isArray(item) || item.length < 3 || typeof item[2] !== 'string' || item[2] === '')
    throw new FormatError(file, line, `${where}: expected [start, end, "label"], got ${short(item)}`);
  return { ...toCodePointSpan(map, item[0], item[1], unit, file, line, where), label: item[2] };
}

/** One example (one JSON object) → one interchange line. */
function parseDoccanoExample(
  obj: unknown,
  file: string,
  line: number,
  index: number,
  options: CommonImportOptions & DoccanoImportOptions,
  ctx: ParseContext,
): InterchangeLine {
  if (!isObject(obj)) throw new FormatError(file, line, 'an example must be a JSON object');
  const textField = TEXT_FIELDS.find((f) => typeof obj[f] === 'string');
  if (textField === undefined)
    throw new FormatError(file, line, `no text (expected a string in ${TEXT_FIELDS.join(' or ')})`);
  const text = obj[textField] as string;
  const rawId = obj.id;
  let id: string;
  if (typeof rawId === 'string' || (typeof rawId === 'number' && Number.isInteger(rawId) && rawId >= 0))
    id = checkId(String(rawId), file, line);
  else id = `${safeId(fileStem(file)) ?? 'doccano'}-${index + 1}`;
  const unit: OffsetUnit = options.offsets ?? 'codepoint';
  const map = new OffsetMap(text);
  const spans: Span[] = [];
  const docLabels: Record<string, DocLabelValue> = {};
  const entityAt = new Map<string, number>();
  const keep = (o: { start: number; end: number; label: string; id?: string }, where: string, entityId?: string) => {
    if (o.end === o.start)
      ctx.drop('empty-spans', file, line, `${where} ${o.start}-${o.end} ${JSON.stringify(o.label)}`);
    else {
      if (entityId !== undefined && !entityAt.has(entityId)) entityAt.set(entityId, spans.length);
      spans.push(o);
    }
  };
  for (const key of ['label', 'labels', 'column_label', 'cats']) {
    const value = obj[key];
    if (value === undefined || value === null) continue;
    if (!Array.isArray(value)) throw new FormatError(file, line, `${key} must be a list`);
    const classes: string[] = [];
    for (const [i, item] of value.entries()) {
      if (typeof item === 'string') classes.push(item);
      else if (key === 'cats')
        throw new FormatError(file, line, `cats[${i}]: expected a class name, got ${short(item)}`);
      else {
        keep(spanFromTriple(item, map, unit, file, line, `${key}[${i}]`), `${key}[${i}]`);
        ctx.detect('layout', 'label');
      }
    }
    // doccano's own text-classification import names the class column `column_label`; its export, `label`.
    const group = key === 'cats' ? 'cats' : 'label';
    if (classes.length) docLabels[group] = classes;
    if (!classes.length && key !== 'cats' && value.length === 0 && !('entities' in obj)) ctx.detect('layout', 'label');
  }
  const entities = obj.entities;
  if (entities !== undefined && entities !== null) {
    if (!Array.isArray(entities)) throw new FormatError(file, line, 'entities must be a list');
    for (const [i, e] of entities.entries()) {
      const where = `entities[${i}]`;
      if (Array.isArray(e)) {
        keep(spanFromTriple(e, map, unit, file, line, where), where);
        ctx.detect('layout', 'entities-lists');
        continue;
      }
      if (!isObject(e) || typeof e.label !== 'string' || e.label === '')
        throw new FormatError(file, line, `${where}: expected {start_offset, end_offset, label}, got ${short(e)}`);
      const o = toCodePointSpan(map, e.start_offset, e.end_offset, unit, file, line, where);
      const sid = typeof e.id === 'number' || typeof e.id === 'string' ? String(e.id) : undefined;
      keep({ ...(sid && isSpanId(sid) ? { id: sid } : {}), ...o, label: e.label }, where, sid);
      ctx.detect('layout', 'entities');
    }
  }
  const relations: LineRelation[] = [];
  if (obj.relations !== undefined && obj.relations !== null && !Array.isArray(obj.relations))
    throw new FormatError(file, line, 'relations must be a list');
  const seen = new Set<string>();
  for (const [i, r] of (Array.isArray(obj.relations) ? obj.relations : []).entries()) {
    if (!isObject(r))
      throw new FormatError(file, line, `relations[${i}]: expected {from_id, to_id, type}, got ${short(r)}`);
    const end = (v: unknown) => (typeof v === 'number' || typeof v === 'string' ? entityAt.get(String(v)) : undefined);
    const from = end(r.from_id);
    const to = end(r.to_id);
    const type = typeof r.type === 'string' ? r.type : '';
    const key = `${from}>${to}>${type}`;
    const why =
      from === undefined || to === undefined
        ? 'names no entity'
        : from === to
          ? 'links an entity to itself'
          : type === ''
            ? 'has no type'
            : seen.has(key)
              ? 'repeats a relation'
              : null;
    if (why !== null || from === undefined || to === undefined) {
      ctx.drop('relations', file, line, `relations[${i}] ${short(r)} (${why})`);
      continue;
    }
    seen.add(key);
    relations.push({ from, to, type });
  }
  for (const key of ['Comments', 'comments']) {
    const c = obj[key];
    if (Array.isArray(c)) for (const x of c) ctx.drop('comments', file, line, short(x));
  }
  if (obj.doc_labels !== undefined) {
    if (!isObject(obj.doc_labels)) throw new FormatError(file, line, 'doc_labels must be an object');
    for (const [k, v] of Object.entries(obj.doc_labels)) {
      if (typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'))) docLabels[k] = v;
      else throw new FormatError(file, line, `doc_labels.${k}: must be a string or a list of strings`);
    }
  }
  for (const key of Object.keys(obj))
    if (!KNOWN.has(key)) ctx.drop('metadata', file, line, `field ${JSON.stringify(key)}`);
  const fromFile = options.annotatorFromFile ? (safeId(fileStem(file)) ?? undefined) : undefined;
  const annotator =
    typeof obj.annotator === 'string' && obj.annotator !== '' ? obj.annotator : (fromFile ?? options.annotator);
  if (annotator) checkId(annotator, file, line, 'annotator');
  const status =
    typeof obj.status === 'string' && (STATUSES as readonly string[]).includes(obj.status)
      ? (obj.status as Status)
      : undefined;
  const meta: DocumentMeta = { ...metaFrom(obj), ...metaFrom(isObject(obj.meta) ? obj.meta : undefined) };
  if (isObject(obj.meta))
    for (const key of Object.keys(obj.meta)) if (!KNOWN.has(key)) ctx.drop('metadata', file, line, `meta.${key}`);
  return interchangeLine({ id, text, meta, annotator, status, spans, relations, docLabels, where: { file, line } });
}

/** Writes doccano JSONL, one line per (document, annotator), one per unannotated document. */
export function formatDoccano(
  input: Parameters<NonNullable<Format['format']>>[0],
  options: DoccanoExportOptions & { offsets?: OffsetUnit },
): string {
  const unit = options.offsets ?? 'codepoint';
  const layout = options.layout ?? 'label';
  const spanKey = layout === 'label' ? 'label' : 'entities';
  const byDoc = recordsByDocument(input.records);
  const out: string[] = [];
  for (const doc of sortedDocuments(input.documents)) {
    const map = new OffsetMap(doc.text);
    const meta = metaObject(doc.meta);
    const records = byDoc.get(doc.id) ?? [];
    if (records.length === 0) {
      const line: Record<string, unknown> = { id: doc.id, text: doc.text, [spanKey]: [] };
      if (Object.keys(meta).length) line.meta = meta;
      out.push(JSON.stringify(line));
    }
    for (const r of records) {
      const line: Record<string, unknown> = { id: doc.id, text: doc.text };
      const spans = r.spans.map((s, i) => {
        const o = spanOffsets(map, s, unit);
        if (layout === 'entities')
          return {
            id: s.id && /^\d+$/.test(s.id) ? Number(s.id) : i,
            start_offset: o.start,
            end_offset: o.end,
            label: s.label,
          };
        return [o.start, o.end, s.label];
      });
      const other: Record<string, DocLabelValue> = {};
      const classes: Record<string, string[]> = {};
      for (const k of Object.keys(r.docLabels).sort()) {
        const v = r.docLabels[k];
        if (CLASS_GROUPS.includes(k) && Array.isArray(v)) classes[k] = v;
        else other[k] = v;
      }
      line[spanKey] = spanKey === 'label' ? [...spans, ...(classes.label ?? [])] : spans;
      if (layout === 'entities' && r.relations?.length) {
        const ids = spans.map((e) => (e as { id: number }).id);
        line.relations = r.relations.map((x, i) => ({ id: i, from_id: ids[x.from], to_id: ids[x.to], type: x.type }));
      }
      if (spanKey !== 'label' && classes.label) line.label = classes.label;
      if (classes.cats) line.cats = classes.cats;
      line.annotator = r.annotator;
      line.status = r.status;
      if (Object.keys(other).length) line.doc_labels = other;
      if (Object.keys(meta).length) line.meta = meta;
      out.push(JSON.stringify(line));
    }
  }
  return out.length ? `${out.join('\n')}\n` : '';
}

export const doccano: Format<DoccanoImportOptions, DoccanoExportOptions> = {
  name: 'doccano',
  title: 'doccano JSONL: sequence labelling, text classification, intent detection, relation projects',
  extensions: [],
  input: 'text',
  offsets: 'option',
  folder: false,
  carries: ['documents', 'spans', 'document labels', 'metadata', 'status', 'annotators'],
  loses: [
    'notes',
    'span ids (kept in the entities layout)',
    'relations outside the entities layout (export with layout entities to keep them); relation notes',
    'relations naming no entity, and comments (refused unless named with --drop)',
  ],
  text: {
    bom: 'a BOM before the first record is not part of any text',
    crlf: 'kept (texts are JSON strings)',
    nfc: 'kept as written',
    equalTexts: 'examples with different ids are different documents; "same text as" is a warning',
  },
  importOptions: [
    {
      key: 'annotatorFromFile',
      flag: 'annotator-from-file',
      label: 'annotator from each file\u2019s name',
      help: 'doccano: name each file\u2019s annotator after the file (doccano\u2019s per-member export writes <user>.jsonl)',
      kind: 'boolean',
    },
  ],
  exportOptions: [
    choiceOption({
      key: 'layout',
      flag: 'layout',
      label: 'doccano layout',
      help: 'doccano: label = [[start, end, label]] under "label"; entities = objects with ids (relation projects); entities-lists = [[start, end, label]] under "entities" (intent detection). Classes go under "label" or "cats", as read.',
      choices: [
        ['label', 'label: [[start, end, label]]'],
        ['entities', 'entities: [{id, start_offset, end_offset, label}]'],
        ['entities-lists', 'entities: [[start, end, label]] (intent detection)'],
      ],
    }),
  ],
  *parse(files, options, ctx) {
    for (const f of textFiles(files)) {
      let index = 0;
      for (const { value, line } of jsonRecords(f.text, f.path))
        yield parseDoccanoExample(value, f.path, line, index++, options, ctx);
    }
  },
  format: formatDoccano,
};
