// How the renderer tells one span of a record from another. Spans stored by the backend carry an `id` that
// survives resize and relabel; a span made in this session has none until it is saved and read back, so it
// is known by its position and label.
import type { Span } from '../../core/model';

type Placed = Pick<Span, 'start' | 'end' | 'label'> & { id?: string };

export function spanKey(span: Pick<Span, 'start' | 'end' | 'label'>): string {
  return `${span.start}:${span.end}:${span.label}`;
}

/** What selection, the overlays and every edit use to point at a span. */
export function spanIdentity(span: Placed): string {
  return span.id ?? spanKey(span);
}

/** Same offsets and label: one span to the analyst, whatever its id or note. */
export function sameSpan(a: Pick<Span, 'start' | 'end' | 'label'>, b: Pick<Span, 'start' | 'end' | 'label'>): boolean {
  return a.start === b.start && a.end === b.end && a.label === b.label;
}

/** The label may itself hold ':', so only the first two separate. */
function parseKey(key: string): { start: number; end: number; label: string } | null {
  const a = key.indexOf(':');
  const b = key.indexOf(':', a + 1);
  if (a < 0 || b < 0) return null;
  return { start: Number(key.slice(0, a)), end: Number(key.slice(a + 1, b)), label: key.slice(b + 1) };
}

/** Records hold thousands of spans: the identity is parsed once, no string is built per span. */
export function indexOfSpan(spans: readonly Placed[], identity: string | null): number {
  if (identity === null) return -1;
  const key = parseKey(identity);
  return spans.findIndex((s) => (s.id !== undefined ? s.id === identity : key !== null && sameSpan(s, key)));
}
