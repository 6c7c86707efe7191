// Project statistics (`framelens stats`): documents, annotators, spans per label, progress.
import type { ProjectStats } from './api';
import { suggestionShare } from './learn/suggest';
import type { AnnotationRecord, Status } from './model';
import { STATUSES } from './model';

/** One pure computation behind `stats --json` and the app's summary. */
export function computeStats(
  documentIds: string[],
  annotators: string[],
  records: AnnotationRecord[],
  problems: number,
): ProjectStats {
  const labels: Record<string, number> = {};
  const progress: Record<string, Record<Status, number>> = {};
  const seen = new Map<string, Set<string>>();
  let spans = 0;
  for (const a of annotators) {
    progress[a] = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
    seen.set(a, new Set());
  }
  for (const r of records) {
    if (!progress[r.annotator]) continue;
    progress[r.annotator][r.status]++;
    seen.get(r.annotator)!.add(r.document);
    spans += r.spans.length;
    for (const s of r.spans) labels[s.label] = (labels[s.label] ?? 0) + 1;
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
    accepted_suggestions: suggestionShare(records.filter((r) => progress[r.annotator])),
  };
}
