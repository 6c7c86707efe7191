// Label Studio JSON export: an array of tasks (a single task object is accepted too), each with `data`
// (the text under the key the labelling config names, usually `text`) and `annotations[].result[]`, or
// `completions[].result[]` in exports of Label Studio before 1.0.
//
// Offsets: Label Studio's frontend stores `value.start`/`value.end` as code points since it fixed emoji
// offsets (label-studio#1008, label-studio-frontend#308); older versions stored JavaScript string indices
// (UTF-16 units). We read code points by default (`offsets: 'utf16'` for old exports) and, because every
// LS region also carries `value.text`, check each region: when the other unit matches `value.text` and
// ours does not, the other unit is used and counted in the warnings. Export writes code points.
//
// A cancelled annotation (`was_cancelled`) imports with status `skipped`, any other with `done`.
// `labels` regions become spans (one per label of the region); a region's `meta.text` (LS region notes)
// becomes the span note; `choices` results become document labels under their `from_name`; other result
// types (relations, textareas, ratings) and `predictions` are skipped and counted. The annotator is taken from
// `completed_by` (a name, an e-mail's local part, `{email}`, or `user-<id>` for a number) or
// `created_username`, else the `annotator` option.
import type { DocLabelValue, Span, Status } from '../model';
import { GOLD } from '../model';
import { sortSpans, spanText } from '../text';
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
  stripBom,
  WarningCounter,
} from './common';

/** Label Studio import options; `textField` names the `data` key holding the text when it is not `text`. */
export interface LabelStudioImportOptions extends ImportOptions {
  textField?: string;
}

function annotatorOf(annotation: Record<string, unknown>): string | undefined {
  const by = annotation.completed_by;
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

function textOf(task: Record<string, unknown>, options: LabelStudioImportOptions, toName?: string): string | undefined {
  const data = isObject(task.data) ? task.data : undefined;
  if (!data) return undefined;
  if (options.textField)
    return typeof data[options.textField] === 'string' ? (data[options.textField] as string) : undefined;
  if (typeof data.text === 'string') return data.text;
  if (toName && typeof data[toName] === 'string') return data[toName] as string;
  const strings = Object.values(data).filter((v) => typeof v === 'string') as string[];
  return strings.length === 1 ? strings[0] : undefined;
}

/** Reads one task into one line per annotation (or one document line when it has none). */
export function parseLabelStudioTask(
  task: unknown,
  file: string,
  line: number,
  index: number,
  options: LabelStudioImportOptions,
  warnings: WarningCounter,
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
  const text = textOf(task, options, toName);
  if (text === undefined)
    throw new FormatError(file, line, `${where}: no text in data (expected data.${options.textField ?? 'text'})`);
  const data = task.data as Record<string, unknown>;
  const rawId = data.doc_id ?? data.id ?? task.id;
  let id: string;
  if (typeof rawId === 'string' || (typeof rawId === 'number' && Number.isInteger(rawId) && rawId >= 0))
    id = checkId(String(rawId), file, line, `${where}: document id`);
  else id = `${safeId(fileStem(file)) ?? 'task'}-${index + 1}`;
  const meta = metaFrom(data);
  if (Array.isArray(task.predictions) && task.predictions.length) warnings.add('predictions skipped', where);
  const map = new OffsetMap(text);
  const preferred: OffsetUnit = options.offsets ?? 'codepoint';
  const out: InterchangeLine[] = [];
  for (const [ai, annotation] of (Array.isArray(annotations) ? annotations : []).entries()) {
    const at = `${where}, annotation ${ai + 1}`;
    if (!isObject(annotation)) throw new FormatError(file, line, `${at}: must be a JSON object`);
    const result = annotation.result ?? [];
    if (!Array.isArray(result)) throw new FormatError(file, line, `${at}: result must be a list`);
    const spans: Span[] = [];
    const docLabels: Record<string, DocLabelValue> = {};
    for (const [ri, item] of result.entries()) {
      const rat = `${at}, result ${ri + 1}`;
      if (!isObject(item)) throw new FormatError(file, line, `${rat}: must be a JSON object`);
      const value = isObject(item.value) ? item.value : undefined;
      const type = typeof item.type === 'string' ? item.type : '';
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
        warnings.add(`results of type ${JSON.stringify(type || 'unknown')} skipped`, rat);
        continue;
      }
      const labels = value.labels;
      if (!labels.every((l) => typeof l === 'string' && l !== ''))
        throw new FormatError(file, line, `${rat}: value.labels must be non-empty strings, got ${short(labels)}`);
      const o = regionOffsets(map, text, value, preferred, file, line, rat, warnings);
      if (o.end === o.start) {
        warnings.add('empty regions skipped', rat);
        continue;
      }
      const noteList = isObject(item.meta) && Array.isArray(item.meta.text) ? item.meta.text : [];
      const note = noteList.filter((t) => typeof t === 'string' && t !== '').join('\n');
      for (const label of labels as string[])
        spans.push({ start: o.start, end: o.end, label, ...(note ? { note } : {}) });
    }
    const annotator = annotatorOf(annotation) ?? options.annotator;
    if (annotator) checkId(annotator, file, line, `${at}: annotator`);
    const status: Status | undefined = annotation.was_cancelled === true ? 'skipped' : 'done';
    out.push({ id, text, meta, ...(annotator ? { annotator } : {}), status, spans: sortSpans(spans), docLabels });
  }
  const names = out.map((l) => l.annotator ?? '');
  if (new Set(names).size < names.length) warnings.add('tasks with two annotations by the same annotator', where);
  if (out.length === 0) out.push({ id, text, meta, spans: [], docLabels: {} });
  return out;
}

function regionOffsets(
  map: OffsetMap,
  text: string,
  value: Record<string, unknown>,
  preferred: OffsetUnit,
  file: string,
  line: number,
  where: string,
  warnings: WarningCounter,
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
    warnings.add(
      `regions whose value.text matched only as ${other === 'utf16' ? 'UTF-16' : 'code point'} offsets`,
      where,
    );
    return second;
  }
  if (first) {
    warnings.add('regions whose value.text differs from the text their offsets cover', where);
    return first;
  }
  const limit = preferred === 'utf16' ? map.utf16Length : map.codePoints;
  throw new FormatError(
    file,
    line,
    `${where}: end ${end} is past the end of the text (${limit} ${preferred === 'utf16' ? 'UTF-16 units' : 'code points'})`,
  );
}

/** Reads a Label Studio JSON export (an array of tasks, one task, or JSONL of tasks). */
export function parseLabelStudio(file: string, input: string, options: LabelStudioImportOptions = {}): ImportResult {
  const text = stripBom(input);
  const warnings = new WarningCounter();
  const lines: InterchangeLine[] = [];
  let tasks: { task: unknown; line: number }[];
  const trimmed = text.trim();
  if (trimmed === '') return { lines: [], warnings: [`${file}: empty file`] };
  try {
    const data = JSON.parse(trimmed);
    tasks = (Array.isArray(data) ? data : [data]).map((task) => ({ task, line: 1 }));
  } catch (error) {
    // JSONL of tasks: one object per line; otherwise report the JSON error.
    const raw = text.split(/\r\n|\n|\r/);
    if (!raw[0]?.trim().startsWith('{') || raw.filter((l) => l.trim()).length < 2)
      throw new FormatError(file, 1, `not valid JSON (${(error as Error).message.slice(0, 200)})`);
    tasks = [];
    raw.forEach((l, i) => {
      if (l.trim()) tasks.push({ task: parseJson(l, file, i + 1), line: i + 1 });
    });
  }
  tasks.forEach(({ task, line }, i) => {
    lines.push(...parseLabelStudioTask(task, file, line, i, options, warnings));
  });
  return { lines, warnings: warnings.list() };
}

/** Label Studio export options; `fromName`/`toName` must match the project's labelling config. */
export interface LabelStudioExportOptions {
  fromName?: string;
  toName?: string;
  offsets?: OffsetUnit;
}

/**
 * Writes a Label Studio JSON import file: one task per document, one annotation per record. The
 * annotator's name goes in `created_username` (Label Studio ignores it on import; `completed_by` must be a
 * user id there), the doc id in `data.doc_id`, metadata beside the text in `data`.
 */
export function formatLabelStudio(input: ExportInput, options: LabelStudioExportOptions = {}): string {
  assertRecordsHaveDocuments(input);
  const fromName = options.fromName ?? 'label';
  const toName = options.toName ?? 'text';
  const unit = options.offsets ?? 'codepoint';
  const byDoc = recordsByDocument(input.records);
  const tasks = sortedDocuments(input.documents).map((doc, di) => {
    const map = new OffsetMap(doc.text);
    const records = byDoc.get(doc.id) ?? [];
    return {
      id: di + 1,
      data: { [toName]: doc.text, doc_id: doc.id, ...metaObject(doc.meta) },
      annotations: records.map((r, ri) => ({
        id: ri + 1,
        created_username: r.annotator,
        ground_truth: r.annotator === GOLD,
        was_cancelled: r.status === 'skipped',
        result: [
          ...r.spans.map((s, si) => {
            const start = unit === 'utf16' ? map.toUtf16(s.start) : s.start;
            const end = unit === 'utf16' ? map.toUtf16(s.end) : s.end;
            return {
              id: `s${si + 1}`,
              from_name: fromName,
              to_name: toName,
              type: 'labels',
              value: { start, end, text: spanText(doc.text, s, map), labels: [s.label] },
              ...(s.note ? { meta: { text: [s.note] } } : {}),
            };
          }),
          ...Object.keys(r.docLabels)
            .sort()
            .map((group) => {
              const v = r.docLabels[group];
              return {
                id: `c-${group}`,
                from_name: group,
                to_name: toName,
                type: 'choices',
                value: { choices: Array.isArray(v) ? v : [v] },
                meta: { kind: Array.isArray(v) ? 'multiple' : 'single' },
              };
            }),
        ],
      })),
    };
  });
  return `${JSON.stringify(tasks, null, 2)}\n`;
}
