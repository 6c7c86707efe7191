// Accepting suggestions: each becomes a span in the annotator's own record (code points), saved through
// the API like any edit. Until then a suggestion is nothing but a row on the screen.
import type { FrameLensApi } from '../../core/api';
import type { Span } from '../../core/model';
import type { Suggestion } from '../../core/suggestions';

/** Identifies one suggestion (document, span, label) for hiding and de-duplication. */
export function suggestionKey(s: Pick<Suggestion, 'document' | 'start' | 'end' | 'label'>): string {
  return `${s.document}\u0000${s.start}\u0000${s.end}\u0000${s.label}`;
}

/** Saves the suggestions into the annotator's records, one save per document; returns the documents saved. */
export async function acceptSuggestions(api: FrameLensApi, annotator: string, list: Suggestion[]): Promise<string[]> {
  const byDoc = new Map<string, Suggestion[]>();
  for (const s of list) byDoc.set(s.document, [...(byDoc.get(s.document) ?? []), s]);
  const saved: string[] = [];
  for (const [document, items] of byDoc) {
    const record = await api.getAnnotations(document, annotator);
    const textHash = record?.textHash ?? (await api.getDocument(document)).textHash;
    const spans: Span[] = [...(record?.spans ?? [])];
    for (const s of items)
      if (!spans.some((x) => x.start === s.start && x.end === s.end && x.label === s.label))
        spans.push({ start: s.start, end: s.end, label: s.label });
    spans.sort((a, b) => a.start - b.start || a.end - b.end);
    await api.saveAnnotations({
      document,
      annotator,
      textHash,
      status: !record || record.status === 'todo' ? 'in_progress' : record.status,
      spans,
      docLabels: record?.docLabels ?? {},
    });
    saved.push(document);
  }
  return saved;
}

const rejected = new WeakMap<FrameLensApi, Set<string>>();

/** Suggestions rejected in this session (per API, i.e. per open app), hidden until the app restarts. */
export function rejectedSet(api: FrameLensApi): Set<string> {
  let set = rejected.get(api);
  if (!set) {
    set = new Set();
    rejected.set(api, set);
  }
  return set;
}
