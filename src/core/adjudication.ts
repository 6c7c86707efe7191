// Adjudication into the gold layer, as pure functions: which spans every coder marked identically,
// and how a list of decisions turns into gold spans. Every decision is kept (who, what, why).
import type { AnnotationRecord, GoldDecision, Span } from './model';
import { GOLD } from './model';
import { sortSpans } from './text';

type SpanKey = string;
const keyOf = (s: { start: number; end: number; label: string }): SpanKey => `${s.start}:${s.end}:${s.label}`;

/** Records that count as an annotator's answer (todo and skipped count as nothing, as in agreement). */
export function countedRecords(records: AnnotationRecord[]): AnnotationRecord[] {
  return records.filter((r) => r.annotator !== GOLD && (r.status === 'in_progress' || r.status === 'done'));
}

/** Spans at least `min` of a document's annotators marked identically (default: all of them). */
export function unanimousSpans(records: AnnotationRecord[], min?: number): { span: Span; sources: string[] }[] {
  const counted = countedRecords(records);
  const need = min ?? counted.length;
  if (counted.length === 0 || need < 1) return [];
  const by = new Map<SpanKey, { span: Span; sources: Set<string> }>();
  for (const r of counted)
    for (const s of r.spans) {
      const k = keyOf(s);
      const entry = by.get(k) ?? { span: { start: s.start, end: s.end, label: s.label }, sources: new Set<string>() };
      entry.sources.add(r.annotator);
      by.set(k, entry);
    }
  return [...by.values()]
    .filter((e) => e.sources.size >= need)
    .map((e) => ({ span: e.span, sources: [...e.sources].sort() }))
    .sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || (a.span.label < b.span.label ? -1 : 1));
}

/** Whether gold already settled a span (accepted, rejected, edited or merged away). */
export function isDecided(gold: Pick<AnnotationRecord, 'spans' | 'decisions'> | null, span: Span): boolean {
  if (!gold) return false;
  const k = keyOf(span);
  if (gold.spans.some((s) => keyOf(s) === k)) return true;
  return (gold.decisions ?? []).some((d) => keyOf(d.span) === k || (d.replaces ?? []).some((r) => keyOf(r) === k));
}

/** Applies decisions to gold's spans: accept adds, reject removes, edit and merge replace. */
export function applyDecisions(spans: Span[], decisions: GoldDecision[]): Span[] {
  const byKey = new Map<SpanKey, Span>(spans.map((s) => [keyOf(s), s]));
  for (const d of decisions) {
    for (const r of d.replaces ?? []) byKey.delete(keyOf(r));
    if (d.action === 'reject') byKey.delete(keyOf(d.span));
    else
      byKey.set(keyOf(d.span), {
        ...d.span,
        ...(byKey.get(keyOf(d.span))?.note ? { note: byKey.get(keyOf(d.span))!.note } : {}),
      });
  }
  return sortSpans([...byKey.values()]);
}

/** Reasons counted per label, exported to improve the codebook. */
export function reasonCounts(golds: AnnotationRecord[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const g of golds)
    for (const d of g.decisions ?? []) {
      out[d.span.label] ??= {};
      const row = out[d.span.label];
      row[d.reason] = (row[d.reason] ?? 0) + 1;
    }
  return out;
}
