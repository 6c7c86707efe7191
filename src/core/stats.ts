// Project statistics (`framelens stats`): documents, annotators, spans per label, progress.
import type { ProjectStats } from './api';
import { suggestionShareOf } from './learn/suggest';
import type { AnnotationRecord, RecordSummary, Status } from './model';
import { STATUSES } from './model';

/** The counts of one record that statistics, lists and outlet tables need. */
export function summarizeRecord(record: AnnotationRecord): RecordSummary {
  const labels: Record<string, number> = {};
  let suggested = 0;
  for (const s of record.spans) {
    labels[s.label] = (labels[s.label] ?? 0) + 1;
    if (s.origin === 'suggestion') suggested++;
  }
  return {
    document: record.document,
    annotator: record.annotator,
    status: record.status,
    updatedAt: record.updatedAt,
    spans: record.spans.length,
    labels,
    suggested,
    relations: record.relations?.length ?? 0,
    docLabels: record.docLabels,
  };
}

/** One pure computation behind `stats --json` and the app's summary, from records or their summaries. */
export function computeStats(
  documentIds: string[],
  annotators: string[],
  records: readonly (AnnotationRecord | RecordSummary)[],
  problems: number,
): ProjectStats {
  const rows = records.map((r) =>
    Array.isArray(r.spans) ? summarizeRecord(r as AnnotationRecord) : (r as RecordSummary),
  );
  const labels: Record<string, number> = {};
  const progress: Record<string, Record<Status, number>> = {};
  const seen = new Map<string, Set<string>>();
  let spans = 0;
  for (const a of annotators) {
    progress[a] = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
    seen.set(a, new Set());
  }
  for (const r of rows) {
    if (!progress[r.annotator]) continue;
    progress[r.annotator][r.status]++;
    seen.get(r.annotator)!.add(r.document);
    spans += r.spans;
    for (const [label, n] of Object.entries(r.labels)) labels[label] = (labels[label] ?? 0) + n;
  }
  // Documents an annotator has no record of count as todo.
  for (const a of annotators) progress[a].todo += documentIds.length - seen.get(a)!.size;
  const sortedLabels: Record<string, number> = {};
  for (const k of Object.keys(labels).sort()) sortedLabels[k] = labels[k];
  return {
    documents: documentIds.length,
    annotators: [...annotators].sort(),
    spans,
    labels: sortedLabels,
    progress,
    problems,
    accepted_suggestions: suggestionShareOf(rows.filter((r) => progress[r.annotator])),
  };
}
