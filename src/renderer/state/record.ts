// Pure edits of the working copy of one annotator's record; the store saves the result whole.
import type { SaveAnnotationsInput } from '../../core/api';
import type { AnnotationRecord, DocLabelValue, Span, Status } from '../../core/model';
import { sortSpans } from '../../core/text';
import { indexOfSpan, sameSpan } from './spans';

/** The parts of a record the annotator controls. */
export interface WorkingRecord {
  status: Status;
  spans: Span[];
  docLabels: Record<string, DocLabelValue>;
}

/** A document without a record yet starts empty, at the status the list showed. */
export function fromRecord(record: AnnotationRecord | null, fallback: Status = 'todo'): WorkingRecord {
  if (!record) return { status: fallback, spans: [], docLabels: {} };
  return fromSaved(record);
}

/** The record an unsaved edit will write. */
export function fromSaved(saved: Pick<SaveAnnotationsInput, 'status' | 'spans' | 'docLabels'>): WorkingRecord {
  return { status: saved.status, spans: sortSpans(saved.spans), docLabels: { ...saved.docLabels } };
}

/** Annotating a document that was "to do" means work has started. */
function progressed(status: Status): Status {
  return status === 'todo' ? 'in_progress' : status;
}

/** An identical span (same offsets and label) is not added twice. */
export function withSpan(rec: WorkingRecord, span: Span): WorkingRecord {
  if (rec.spans.some((s) => sameSpan(s, span))) return rec;
  return { ...rec, status: progressed(rec.status), spans: sortSpans([...rec.spans, span]) };
}

export function withoutSpan(rec: WorkingRecord, identity: string): WorkingRecord {
  const i = indexOfSpan(rec.spans, identity);
  if (i < 0) return rec;
  const spans = rec.spans.slice(0, i).concat(rec.spans.slice(i + 1));
  return { ...rec, status: progressed(rec.status), spans };
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
  if (moved && rec.spans.some((s, j) => j !== i && sameSpan(s, changed))) return rec;
  const spans = rec.spans.slice();
  spans[i] = changed;
  return { ...rec, status: progressed(rec.status), spans: moved ? sortSpans(spans) : spans };
}
