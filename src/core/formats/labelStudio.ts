// Label Studio JSON: an array of tasks (a single task, or JSONL of tasks, too), each with `data` (the text
// under the key the labelling config names, usually `text`) and `annotations[].result[]` (`completions` in
// exports before 1.0). A flat task list without `data` (`[{"text": "…"}]`, as Label Studio's import docs
// show) is read with the task itself as its data, and the JSON-MIN export's region lists become spans.
//
// Offsets: Label Studio stores `value.start`/`value.end` as code points since it fixed emoji offsets
// (label-studio#1008, label-studio-frontend#308); older versions stored UTF-16 indices. Code points are read
// by default (`offsets: 'utf16'` for old exports) and, because every region also carries `value.text`, each
// region is checked: when only the other unit matches `value.text`, that unit is used and counted.
//
// A cancelled annotation imports with status `skipped`, any other with `done`. `labels` regions become spans
// (one per label) that keep the region id; a region's `meta.text` becomes the note; `choices` become document
// labels under their `from_name`; `relation` results become one relation per label between the first spans of
// their two regions (direction `left` reversed; `bi` refused unless relations are dropped). A relation without a
// label or to a region that is not a span, other result types and predictions have no place in Frame Lens:
// the import refuses them unless named with --drop. The annotator is `completed_by` (a name, an e-mail's
// local part, `user-<id>` for a number) or `created_username`, else the `annotator` option.
import type { DocLabelValue, Span, Status } from '../model';
import { GOLD, isModelName } from '../model';
import { orderSpans, spanText } from '../text';
import {
  checkId,
  FormatError,
  fileStem,
  isObject,
  isSpanId,
  META_FIELDS,
  metaFrom,
  metaObject,
  OffsetMap,
  orderedSpans,
  recordsByDocument,
  safeId,
  short,
  sortedDocuments,
  textFiles,
} from './common';
import { jsonRecords } from './json';
import type { CommonImportOptions, Format, InterchangeLine, LineRelation, OffsetUnit, ParseContext } from './types';

interface LabelStudioImportOptions {
  /** The `data` key holding the text when it is not `text`. */
  textField?: string;
}

/** Label Studio export options; `fromName`/`toName` must match the project's labelling config. */
interface LabelStudioExportOptions {
  fromName?: string;
  toName?: string;
}

// Task keys Label Studio adds for its own bookkeeping; a flat task's other keys are its data.
const TASK_KEYS = new Set([
  'id',
  'annotations',
  'completions',
  'predictions',
  'drafts',
  'created_at',
  'updated_at',
  'inner_id',
  'total_annotations',
  'cancelled_annotations',
  'total_predictions',
  'comment_count',
  'unresolved_comment_count',
  'last_comment_updated_at',
  'project',
  'updated_by',
  'file_upload',
  'comment_authors',
  'meta',
  'agreement',
  'is_labeled',
  'overlap',
  'annotators',
  'annotation_id',
  'annotator',
  'lead_time',
  'data',
]);
const DATA_KEYS = new Set<string>(['doc_id', 'id', ...META_FIELDS, 'published_raw']);

function annotatorOf(annotation: Record<string, unknown>): string | undefined {
  const by = annotation.completed_by ?? annotation.annotator;
  const fromString = (s: string) => safeId(s.split(/[@,\s]/)[0] ?? '') ?? undefined;
  if (typeof by === 'string' && by) return fromString(by);
  if (typeof by === 'number' && Number.isInteger(by)) return `user-${by}`;
  if (isObject(by)) {
    if (typeof by.email === 'string' && by.email) return fromString(by.email);
    if (typeof by.id === 'number') return `user-${by.id}`;
  }
  if (typeof annotation.created_username === 'string' && annotation.created_username.trim())
    return fromString(annotation.created_username.trim());
  return undefined;
}

/** Region lists of a JSON-MIN task: keys whose value is a list of `{start, end, labels}` objects. */
function isRegionList(value: unknown): value is Record<string, unknown>[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((r) => isObject(r) && Array.isArray(r.labels) && 'start' in r && 'end' in r)
  );
}

/** The task's data: `data`, or for a flat task the task's own keys minus Label Studio's bookkeeping. */
function dataOf(task: Record<string, unknown>): { data: Record<string, unknown>; flat: boolean } {
  if (isObject(task.data)) return { data: task.data, flat: false };
  const data: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(task)) if (!TASK_KEYS.has(k) && !isRegionList(v)) data[k] = v;
  return { data, flat: true };
}

function textKey(
  data: Record<string, unknown>,
  options: LabelStudioImportOptions,
  toName?: string,
): string | undefined {
  if (options.textField) return typeof data[options.textField] === 'string' ? options.textField : undefined;
  if (typeof data.text === 'string') return 'text';
  if (toName && typeof data[toName] === 'string') return toName;
  const strings = Object.keys(data).filter((k) => typeof data[k] === 'string' && !DATA_KEYS.has(k));
  return strings.length === 1 ? strings[0] : undefined;
}

function regionOffsets(
  map: OffsetMap,
  text: string,
  value: Record<string, unknown>,
  preferred: OffsetUnit,
  file: string,
  line: number,
  where: string,
  ctx: ParseContext,
): { start: number; end: number } {
  const { start, end } = value;
  if (typeof start !== 'number' || typeof end !== 'number' || !Number.isInteger(start) || !Number.isInteger(end))
    throw new FormatError(
      file,
      line,
      `${where}: value.start/end must be whole numbers (got ${short(start)}, ${short(end)})`,
    );
  if (start < 0 || end < start) throw new FormatError(file, line, `${where}: bad range ${start}–${end}`);
  const tryUnit = (unit: OffsetUnit): { start: number; end: number } | null => {
    try {
      if (unit === 'codepoint') return end <= map.codePoints ? { start, end } : null;
      if (end > map.utf16Length) return null;
      return { start: map.toCodePoint(start), end: map.toCodePoint(end) };
    } catch {
      return null;
    }
  };
  const other: OffsetUnit = preferred === 'codepoint' ? 'utf16' : 'codepoint';
  const first = tryUnit(preferred);
  const claimed = typeof value.text === 'string' ? value.text : undefined;
  if (first && (claimed === undefined || spanText(text, first, map) === claimed)) return first;
  const second = tryUnit(other);
  if (second && claimed !== undefined && spanText(text, second, map) === claimed) {
    ctx.warn(`regions whose value.text matched only as ${other === 'utf16' ? 'UTF-16' : 'code point'} offsets`, where);
    return second;
  }
  if (first)
    throw new FormatError(
      file,
      line,
      `${where}: the offsets cover ${JSON.stringify(spanText(text, first, map).slice(0, 40))}, value.text is ${JSON.stringify((claimed ?? '').slice(0, 40))}`,
    );
  const limit = preferred === 'utf16' ? map.utf16Length : map.codePoints;
  throw new FormatError(
    file,
    line,
    `${where}: end ${end} is past the end of the text (${limit} ${preferred === 'utf16' ? 'UTF-16 units' : 'code points'})`,
  );
}

// Label Studio's region ids may start with "-" or "_", which a span id may not: those are kept behind "ls:".
const KEPT = 'ls:';

function regionSpanId(id: unknown): string | undefined {
  if (typeof id !== 'string') return undefined;
  if (isSpanId(id)) return id;
  return isSpanId(`${KEPT}${id}`) ? `${KEPT}${id}` : undefined;
}

function regionId(spanId: string): string {
  return spanId.startsWith(KEPT) ? spanId.slice(KEPT.length) : spanId;
}

/** One `labels` region → its spans (one per label, ids `<region id>`, `<region id>:2`…). */
function regionSpans(
  item: Record<string, unknown>,
  value: Record<string, unknown>,
  map: OffsetMap,
  text: string,
  unit: OffsetUnit,
  file: string,
  line: number,
  where: string,
  ctx: ParseContext,
): Span[] {
  const labels = value.labels;
  if (!Array.isArray(labels) || !labels.every((l) => typeof l === 'string' && l !== ''))
    throw new FormatError(file, line, `${where}: value.labels must be non-empty strings, got ${short(labels)}`);
  const o = regionOffsets(map, text, value, unit, file, line, where, ctx);
  if (o.end === o.start) {
    ctx.drop('empty-spans', file, line, `${where} ${o.start}-${o.end}`);
    return [];
  }
  const meta = isObject(item.meta) ? item.meta : isObject(value.meta) ? value.meta : undefined;
  const noteList = meta && Array.isArray(meta.text) ? meta.text : [];
  const note = noteList.filter((t) => typeof t === 'string').join('\n');
  const rid = regionSpanId(item.id);
  return (labels as string[]).map((label, k) => ({
    ...(rid ? { id: k === 0 ? rid : `${rid}:${k + 1}` } : {}),
    start: o.start,
    end: o.end,
    label,
    ...(noteList.length ? { note } : {}),
  }));
}

/** `relation` results between regions read as spans; one relation per label. */
function relationResults(
  links: { item: Record<string, unknown>; rat: string }[],
  regionAt: ReadonlyMap<string, number>,
  file: string,
  line: number,
  ctx: ParseContext,
): LineRelation[] {
  const out: LineRelation[] = [];
  const seen = new Set<string>();
  for (const { item, rat } of links) {
    const a = typeof item.from_id === 'string' ? regionAt.get(item.from_id) : undefined;
    const b = typeof item.to_id === 'string' ? regionAt.get(item.to_id) : undefined;
    const labels = Array.isArray(item.labels) ? item.labels.filter((l) => typeof l === 'string' && l !== '') : [];
    const what = `${rat}: ${short(item.from_id)} → ${short(item.to_id)}`;
    if (a === undefined || b === undefined || a === b) {
      ctx.drop(
        'relations',
        file,
        line,
        `${what} (${a === b && a !== undefined ? 'links a region to itself' : 'an end is not a labelled region'})`,
      );
      continue;
    }
    if (!labels.length) {
      ctx.drop('relations', file, line, `${what} (no label, so no type)`);
      continue;
    }
    // One directed relation cannot say "both ways": refused (unless relations are dropped) rather than changed.
    if (item.direction === 'bi') {
      ctx.drop('relations', file, line, `${what} (bidirectional; Frame Lens keeps one direction)`);
      continue;
    }
    const [from, to] = item.direction === 'left' ? [b, a] : [a, b];
    for (const type of labels as string[]) {
      const key = `${from}>${to}>${type}`;
      if (seen.has(key)) {
        ctx.drop('relations', file, line, `${what} (repeats ${JSON.stringify(type)})`);
        continue;
      }
      seen.add(key);
      out.push({ from, to, type });
    }
  }
  return out;
}

/** Reads one task into one line per annotation (or one document line when it has none). */
function parseLabelStudioTask(
  task: unknown,
  file: string,
  line: number,
  index: number,
  options: CommonImportOptions & LabelStudioImportOptions,
  ctx: ParseContext,
): InterchangeLine[] {
  const where = `task ${index + 1}`;
  if (!isObject(task)) throw new FormatError(file, line, `${where}: a task must be a JSON object`);
  const annotations = task.annotations ?? task.completions;
  if (annotations !== undefined && !Array.isArray(annotations))
    throw new FormatError(file, line, `${where}: annotations must be a list`);
  const firstResult = Array.isArray(annotations)
    ? annotations.flatMap((a) => (isObject(a) && Array.isArray(a.result) ? a.result : []))[0]
    : undefined;
  const toName = isObject(firstResult) && typeof firstResult.to_name === 'string' ? firstResult.to_name : undefined;
  const { data, flat } = dataOf(task);
  const key = textKey(data, options, toName);
  if (key === undefined)
    throw new FormatError(
      file,
      line,
      `${where}: no text (expected ${flat ? '' : 'data.'}${options.textField ?? 'text'}, or one string field)`,
    );
  const text = data[key] as string;
  const rawId = data.doc_id ?? data.id ?? task.id;
  let id: string;
  if (typeof rawId === 'string' || (typeof rawId === 'number' && Number.isInteger(rawId) && rawId >= 0))
    id = checkId(String(rawId), file, line, `${where}: document id`);
  else id = `${safeId(fileStem(file)) ?? 'task'}-${index + 1}`;
  const meta = metaFrom(data);
  for (const k of Object.keys(data))
    if (k !== key && !DATA_KEYS.has(k)) ctx.drop('metadata', file, line, `${where}: ${flat ? '' : 'data.'}${k}`);
  if (Array.isArray(task.predictions))
    for (const p of task.predictions)
      ctx.drop('predictions', file, line, `${where}: prediction ${short(isObject(p) ? p.id : p)}`);
  const map = new OffsetMap(text);
  const unit: OffsetUnit = options.offsets ?? 'codepoint';
  const out: InterchangeLine[] = [];
  const base = { id, text, meta, where: { file, line } };
  const minRegions = flat ? Object.entries(task).filter(([, v]) => isRegionList(v)) : [];
  if (minRegions.length) {
    const spans: Span[] = [];
    for (const [name, regions] of minRegions)
      (regions as Record<string, unknown>[]).forEach((r, ri) => {
        spans.push(...regionSpans(r, r, map, text, unit, file, line, `${where}, ${name}[${ri}]`, ctx));
      });
    const annotator = annotatorOf(task) ?? options.annotator;
    if (annotator) checkId(annotator, file, line, `${where}: annotator`);
    out.push({ ...base, ...(annotator ? { annotator } : {}), status: 'done', spans: orderSpans(spans), docLabels: {} });
    return out;
  }
  for (const [ai, annotation] of (Array.isArray(annotations) ? annotations : []).entries()) {
    const at = `${where}, annotation ${ai + 1}`;
    if (!isObject(annotation)) throw new FormatError(file, line, `${at}: must be a JSON object`);
    const result = annotation.result ?? [];
    if (!Array.isArray(result)) throw new FormatError(file, line, `${at}: result must be a list`);
    const spans: Span[] = [];
    const docLabels: Record<string, DocLabelValue> = {};
    const regionAt = new Map<string, number>();
    const links: { item: Record<string, unknown>; rat: string }[] = [];
    for (const [ri, item] of result.entries()) {
      const rat = `${at}, result ${ri + 1}`;
      if (!isObject(item)) throw new FormatError(file, line, `${rat}: must be a JSON object`);
      const value = isObject(item.value) ? item.value : undefined;
      const type = typeof item.type === 'string' ? item.type : '';
      if (type === 'relation') {
        links.push({ item, rat });
        continue;
      }
      if (type === 'choices' || (value && Array.isArray(value.choices) && type === '')) {
        const choices = value?.choices;
        const group = typeof item.from_name === 'string' && item.from_name ? item.from_name : 'choices';
        if (!Array.isArray(choices) || !choices.every((c) => typeof c === 'string'))
          throw new FormatError(file, line, `${rat}: value.choices must be a list of strings`);
        const kind = isObject(item.meta) ? item.meta.kind : undefined;
        docLabels[group] =
          kind === 'multiple' || (kind !== 'single' && choices.length !== 1) ? [...choices] : (choices[0] ?? '');
        continue;
      }
      if (!value || !Array.isArray(value.labels) || (type !== 'labels' && type !== '' && type !== 'hypertextlabels')) {
        ctx.drop('results', file, line, `${rat}: ${type || 'unknown type'}`);
        continue;
      }
      const got = regionSpans(item, value, map, text, unit, file, line, rat, ctx);
      if (got.length && typeof item.id === 'string' && !regionAt.has(item.id)) regionAt.set(item.id, spans.length);
      spans.push(...got);
    }
    const relations = relationResults(links, regionAt, file, line, ctx);
    const annotator = annotatorOf(annotation) ?? options.annotator;
    if (annotator) checkId(annotator, file, line, `${at}: annotator`);
    const status: Status = annotation.was_cancelled === true ? 'skipped' : 'done';
    out.push({
      ...base,
      ...(annotator ? { annotator } : {}),
      status,
      ...orderedSpans(spans, relations),
      docLabels,
    });
  }
  if (out.length === 0) out.push({ ...base, spans: [], docLabels: {} });
  return out;
}

/**
 * Writes a Label Studio JSON import file: one task per document, one annotation per record. The
 * annotator's name goes in `created_username` (`completed_by` must be a user id in Label Studio), the doc id
 * in `data.doc_id`, metadata beside the text in `data`; each region keeps its span's id.
 */
export function formatLabelStudio(
  input: Parameters<NonNullable<Format['format']>>[0],
  options: LabelStudioExportOptions & { offsets?: OffsetUnit },
): string {
  const fromName = options.fromName ?? 'label';
  const toName = options.toName ?? 'text';
  const unit = options.offsets ?? 'codepoint';
  const byDoc = recordsByDocument(input.records);
  const tasks = sortedDocuments(input.documents).map((doc, di) => {
    const map = new OffsetMap(doc.text);
    const records = byDoc.get(doc.id) ?? [];
    const resultOf = (r: (typeof records)[number]) => {
      const used = new Set(r.spans.map((s) => s.id).filter(Boolean));
      let next = 1;
      const freshId = () => {
        while (used.has(`s${next}`)) next++;
        used.add(`s${next}`);
        return `s${next}`;
      };
      const ids = r.spans.map((s) => (s.id !== undefined ? regionId(s.id) : freshId()));
      return [
        ...r.spans.map((s, si) => {
          const start = unit === 'utf16' ? map.toUtf16(s.start) : s.start;
          const end = unit === 'utf16' ? map.toUtf16(s.end) : s.end;
          return {
            id: ids[si],
            from_name: fromName,
            to_name: toName,
            type: 'labels',
            value: { start, end, text: spanText(doc.text, s, map), labels: [s.label] },
            ...(s.note !== undefined ? { meta: { text: s.note.split('\n') } } : {}),
          };
        }),
        ...(r.relations ?? []).map((x) => ({
          from_id: ids[x.from],
          to_id: ids[x.to],
          type: 'relation',
          direction: 'right',
          labels: [x.type],
        })),
        ...Object.keys(r.docLabels)
          .sort()
          .map((group) => {
            const v = r.docLabels[group];
            return {
              id: `c-${group}`.replace(/[^A-Za-z0-9_.:-]/g, '_'),
              from_name: group,
              to_name: toName,
              type: 'choices',
              value: { choices: Array.isArray(v) ? v : [v] },
              meta: { kind: Array.isArray(v) ? 'multiple' : 'single' },
            };
          }),
      ];
    };
    return {
      id: di + 1,
      data: { [toName]: doc.text, doc_id: doc.id, ...metaObject(doc.meta) },
      annotations: records
        .filter((r) => !isModelName(r.annotator))
        .map((r, ri) => ({
          id: ri + 1,
          created_username: r.annotator,
          ground_truth: r.annotator === GOLD,
          was_cancelled: r.status === 'skipped',
          result: resultOf(r),
        })),
      // the model's layer (exported only when asked) is what Label Studio calls a prediction
      ...(records.some((r) => isModelName(r.annotator))
        ? {
            predictions: records
              .filter((r) => isModelName(r.annotator))
              .map((r) => ({ model_version: 'framelens', result: resultOf(r) })),
          }
        : {}),
    };
  });
  return `${JSON.stringify(tasks, null, 2)}\n`;
}

export const labelStudio: Format<LabelStudioImportOptions, LabelStudioExportOptions> = {
  name: 'label-studio',
  title: 'Label Studio JSON: task lists (also flat task lists and JSON-MIN exports)',
  extensions: [],
  input: 'text',
  offsets: 'option',
  folder: false,
  carries: ['documents', 'spans', 'span ids', 'notes', 'document labels', 'metadata', 'annotators', 'relations'],
  loses: [
    'status other than done and skipped',
    'relation notes',
    'relations without a label or to a region that is not a span, other result types and predictions (refused unless named with --drop)',
  ],
  text: {
    bom: 'a BOM before the JSON is not part of any text',
    crlf: 'kept (texts are JSON strings)',
    nfc: 'kept as written',
    equalTexts: 'tasks with different ids are different documents; "same text as" is a warning',
  },
  importOptions: [
    {
      key: 'textField',
      flag: 'text-field',
      label: 'Text field',
      help: 'label-studio: the data key that holds the text, when it is not "text"',
      kind: 'text',
      placeholder: 'text',
    },
  ],
  exportOptions: [
    {
      key: 'fromName',
      flag: 'from-name',
      label: 'Labels control name',
      help: 'label-studio: the name of the <Labels> control in the labelling config (default: label)',
      kind: 'text',
      placeholder: 'label',
    },
    {
      key: 'toName',
      flag: 'to-name',
      label: 'Text object name',
      help: 'label-studio: the name of the <Text> object in the labelling config (default: text)',
      kind: 'text',
      placeholder: 'text',
    },
  ],
  *parse(files, options, ctx) {
    for (const f of textFiles(files)) {
      let index = 0;
      for (const { value, line } of jsonRecords(f.text, f.path))
        yield* parseLabelStudioTask(value, f.path, line, index++, options, ctx);
    }
  },
  format: formatLabelStudio,
};
