// Pure edits of the working copy of one annotator's record; the store saves the result whole.
import type { AnnotationRecord, DocLabelValue, Span, Status } from '../../core/model';
import { sortSpans } from '../../core/text';
import { indexOfKey, spanKey } from '../annotate/reader/segments';

/** What the reader edits: the parts of a record the annotator controls. */
export interface WorkingRecord {
  status: Status;
  spans: Span[];
  docLabels: Record<string, DocLabelValue>;
}

/** A document without a record yet starts empty, at the status the list showed. */
export function fromRecord(record: AnnotationRecord | null, fallback: Status = 'todo'): WorkingRecord {
  if (!record) return { status: fallback, spans: [], docLabels: {} };
  return { status: record.status, spans: sortSpans(record.spans), docLabels: { ...record.docLabels } };
}

/** Annotating a document that was "to do" means work has started. */
export function progressed(status: Status): Status {
  return status === 'todo' ? 'in_progress' : status;
}

/** Adds a span (code points); an identical span (same offsets and label) is not added twice. */
export function withSpan(rec: WorkingRecord, span: Span): WorkingRecord {
  if (indexOfKey(rec.spans, spanKey(span)) >= 0) return rec;
  return { ...rec, status: progressed(rec.status), spans: sortSpans([...rec.spans, span]) };
}

/** Removes the span with this key; the record is unchanged when there is none. */
export function withoutSpan(rec: WorkingRecord, key: string): WorkingRecord {
  const i = indexOfKey(rec.spans, key);
  if (i < 0) return rec;
  const spans = rec.spans.slice(0, i).concat(rec.spans.slice(i + 1));
  return { ...rec, status: progressed(rec.status), spans };
}

/** Sets or clears (null / empty list) one document-label group. */
export function withDocLabel(rec: WorkingRecord, group: string, value: DocLabelValue | null): WorkingRecord {
  const docLabels = { ...rec.docLabels };
  if (value === null || (Array.isArray(value) && value.length === 0) || value === '') delete docLabels[group];
  else docLabels[group] = value;
  return { ...rec, status: progressed(rec.status), docLabels };
}

/** An explicit status choice is saved as chosen (no automatic progression). */
export function withStatus(rec: WorkingRecord, status: Status): WorkingRecord {
  return rec.status === status ? rec : { ...rec, status };
}

/**
 * Relabel, re-bound or annotate one span in place; unchanged when the key is unknown, the span would be
 * empty, or the result duplicates another span.
 */
export function withSpanChanged(rec: WorkingRecord, key: string, next: Span): WorkingRecord {
  const i = indexOfKey(rec.spans, key);
  if (i < 0 || !(next.end > next.start)) return rec;
  const old = rec.spans[i];
  const note = next.note?.trim() ? next.note : undefined;
  const changed: Span = { start: next.start, end: next.end, label: next.label, ...(note ? { note } : {}) };
  const newKey = spanKey(changed);
  if (newKey === key && (old.note ?? '') === (note ?? '')) return rec;
  if (newKey !== key && indexOfKey(rec.spans, newKey) >= 0) return rec;
  const spans = rec.spans.slice();
  spans[i] = changed;
  return { ...rec, status: progressed(rec.status), spans: newKey === key ? spans : sortSpans(spans) };
}
