// Pure edits of the working copy of one annotator's record; the store saves the result whole.
import type { SaveAnnotationsInput } from '../../core/api';
import type { AnnotationRecord, DocLabelValue, Relation, Span, Status } from '../../core/model';
import { sameRelation } from '../../core/relations';
import { sortSpans } from '../../core/text';
import { indexOfSpan, sameSpan, spanKey } from './spans';

/** The parts of a record the annotator controls. */
export interface WorkingRecord {
  status: Status;
  spans: Span[];
  docLabels: Record<string, DocLabelValue>;
  /** Links between spans by span id (a span gets its id on its first save). */
  relations: Relation[];
}

/** A document without a record yet starts empty, at the status the list showed. */
export function fromRecord(record: AnnotationRecord | null, fallback: Status = 'todo'): WorkingRecord {
  if (!record) return { status: fallback, spans: [], docLabels: {}, relations: [] };
  return fromSaved(record);
}

/** The record an unsaved edit will write. */
export function fromSaved(
  saved: Pick<SaveAnnotationsInput, 'status' | 'spans' | 'docLabels' | 'relations'>,
): WorkingRecord {
  return {
    status: saved.status,
    spans: sortSpans(saved.spans),
    docLabels: { ...saved.docLabels },
    relations: [...(saved.relations ?? [])],
  };
}

/** Annotating a document that was "to do" means work has started. */
function progressed(status: Status): Status {
  return status === 'todo' ? 'in_progress' : status;
}

function text(a: string | undefined, b: string | undefined): number {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The order of `sortSpans` (start, end, label, note, id). */
function compareSpans(a: Span, b: Span): number {
  return a.start - b.start || a.end - b.end || text(a.label, b.label) || text(a.note, b.note) || text(a.id, b.id);
}

/** Where `span` goes in spans sorted by `compareSpans`: a binary search, so a long record is not re-sorted per edit. */
function insertionPoint(spans: readonly Span[], span: Span): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareSpans(spans[mid], span) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function inserted(spans: readonly Span[], span: Span): Span[] {
  const at = insertionPoint(spans, span);
  const out = spans.slice(0, at);
  out.push(span);
  for (let i = at; i < spans.length; i++) out.push(spans[i]);
  return out;
}

/** Whether an identical span (same offsets and label) is in the sorted list; looks only where it would be. */
function holds(spans: readonly Span[], span: Pick<Span, 'start' | 'end' | 'label'>): boolean {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].start < span.start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < spans.length && spans[i].start === span.start; i++) if (sameSpan(spans[i], span)) return true;
  return false;
}

/** An identical span (same offsets and label) is not added twice. */
export function withSpan(rec: WorkingRecord, span: Span): WorkingRecord {
  if (holds(rec.spans, span)) return rec;
  return { ...rec, status: progressed(rec.status), spans: inserted(rec.spans, span) };
}

/** Several spans at once (labelling every match); identical ones are added once. */
export function withSpans(rec: WorkingRecord, spans: readonly Span[]): WorkingRecord {
  let out = rec;
  for (const s of spans) out = withSpan(out, s);
  return out;
}

export function withoutSpan(rec: WorkingRecord, identity: string): WorkingRecord {
  const i = indexOfSpan(rec.spans, identity);
  if (i < 0) return rec;
  const gone = rec.spans[i].id;
  const spans = rec.spans.slice(0, i).concat(rec.spans.slice(i + 1));
  const relations = gone === undefined ? rec.relations : rec.relations.filter((r) => r.from !== gone && r.to !== gone);
  return { ...rec, status: progressed(rec.status), spans, relations };
}

/** The relations that start or end at a span (by its id). */
export function relationsAt(rec: Pick<WorkingRecord, 'relations'>, spanId: string | undefined): Relation[] {
  return spanId === undefined ? [] : rec.relations.filter((r) => r.from === spanId || r.to === spanId);
}

/** A relation is added once (same ends and type). */
export function withRelation(rec: WorkingRecord, relation: Relation): WorkingRecord {
  if (rec.relations.some((r) => sameRelation(r, relation))) return rec;
  return { ...rec, status: progressed(rec.status), relations: [...rec.relations, relation] };
}

export function withoutRelation(rec: WorkingRecord, relation: Relation): WorkingRecord {
  const relations = rec.relations.filter((r) => !sameRelation(r, relation));
  return relations.length === rec.relations.length ? rec : { ...rec, status: progressed(rec.status), relations };
}

/** Null or an empty list clears the group. */
export function withDocLabel(rec: WorkingRecord, group: string, value: DocLabelValue | null): WorkingRecord {
  const docLabels = { ...rec.docLabels };
  if (value === null || (Array.isArray(value) && value.length === 0) || value === '') delete docLabels[group];
  else docLabels[group] = value;
  return { ...rec, status: progressed(rec.status), docLabels };
}

/** A status the analyst chose is saved as chosen. */
export function withStatus(rec: WorkingRecord, status: Status): WorkingRecord {
  return rec.status === status ? rec : { ...rec, status };
}

/**
 * Relabels, re-bounds or annotates one span in place, keeping its id; unchanged when the span is unknown,
 * would be empty, or would duplicate another span.
 */
export function withSpanChanged(rec: WorkingRecord, identity: string, next: Span): WorkingRecord {
  const i = indexOfSpan(rec.spans, identity);
  if (i < 0 || !(next.end > next.start)) return rec;
  const old = rec.spans[i];
  const note = next.note?.trim() ? next.note : undefined;
  const changed: Span = {
    ...(old.id === undefined ? {} : { id: old.id }),
    start: next.start,
    end: next.end,
    label: next.label,
    ...(note ? { note } : {}),
  };
  const moved = !sameSpan(old, changed);
  if (!moved && (old.note ?? '') === (note ?? '')) return rec;
  if (moved && holds(rec.spans, changed)) return rec;
  if (!moved) {
    const spans = rec.spans.slice();
    spans[i] = changed;
    return { ...rec, status: progressed(rec.status), spans };
  }
  const rest = rec.spans.slice(0, i).concat(rec.spans.slice(i + 1));
  return { ...rec, status: progressed(rec.status), spans: inserted(rest, changed) };
}

/**
 * The ids the backend gave on a save, put on the spans of the working record that were sent without one
 * (matched by offsets and label; an id the record already uses is never given twice). `given` remembers
 * which span object got which id, so older copies of the record (undo history) find theirs too.
 * The record itself when nothing changed.
 */
export function withSavedIds(
  rec: WorkingRecord,
  saved: readonly Span[],
  given?: WeakMap<Span, string>,
  rootOf: (s: Span) => Span = (s) => s,
): WorkingRecord {
  if (!rec.spans.some((s) => s.id === undefined)) return rec;
  const used = new Set<string>();
  for (const s of rec.spans) if (s.id !== undefined) used.add(s.id);
  const free = new Map<string, string[]>();
  for (const s of saved) {
    if (s.id === undefined || used.has(s.id)) continue;
    const k = spanKey(s);
    const list = free.get(k);
    if (list) list.push(s.id);
    else free.set(k, [s.id]);
  }
  if (free.size === 0) return rec;
  let spans: Span[] | null = null;
  rec.spans.forEach((s, i) => {
    if (s.id !== undefined) return;
    const id = free.get(spanKey(s))?.shift();
    if (id === undefined) return;
    spans ??= rec.spans.slice();
    spans[i] = { id, ...s };
    given?.set(rootOf(s), id);
  });
  // Ids do not change the order: sortSpans orders by id only between otherwise equal spans, which a record never holds.
  return spans ? { ...rec, spans } : rec;
}

/** A record from before ids arrived (an undo), with the ids its spans have since been given. */
export function withKnownIds(
  rec: WorkingRecord,
  given: WeakMap<Span, string>,
  rootOf: (s: Span) => Span = (s) => s,
): WorkingRecord {
  const used = new Set<string>();
  for (const s of rec.spans) if (s.id !== undefined) used.add(s.id);
  let spans: Span[] | null = null;
  rec.spans.forEach((s, i) => {
    const id = s.id === undefined ? given.get(rootOf(s)) : undefined;
    if (id === undefined || used.has(id)) return;
    used.add(id);
    spans ??= rec.spans.slice();
    spans[i] = { id, ...s };
  });
  return spans ? { ...rec, spans } : rec;
}
