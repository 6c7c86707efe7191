// Span ids: stable within one annotation record, so a relation, a memo or an adjudication decision
// can point at a span through resize and relabel. Agreement never looks at them: it compares
// (start, end, label).
import type { GoldDecision, Span } from './model';

/** Short, never a path: letters, digits, `_ . : -`, at most 64 (brat `T12`, or `s12` when assigned). */
export const SPAN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;

/** A span as stored: it always has an id. */
export type StoredSpan = Span & { id: string };

/** Where an id-less span may find its id again, and which ids a new span must not take. */
interface SpanIdContext {
  /**
   * The record's spans as stored before this change. A span that arrives without an id but with
   * the position and label of a stored span is that span (a client that does not keep ids, or a
   * file written before ids existed).
   */
  previous?: readonly Span[];
  /** Ids that something else still names (a gold decision): new ids never reuse them. */
  reserved?: Iterable<string>;
}

const ASSIGNED = /^s([1-9][0-9]{0,14})$/;
const keyOf = (s: Span) => `${s.start}\u0000${s.end}\u0000${s.label}`;

/**
 * Gives every span an id, deterministically. A valid id is kept unless an earlier span already has
 * it; a span without one gets its stored id back (see `previous`) or `s<n>`, n counting on from the
 * highest `s<n>` the record has, had or names, so an id is not handed to a second span while
 * anything may still remember the first. Order and every other field are kept.
 */
export function assignSpanIds<T extends Span>(spans: readonly T[], context: SpanIdContext = {}): (T & StoredSpan)[] {
  const used = new Set<string>();
  const ids: (string | undefined)[] = spans.map((s) => {
    if (s.id === undefined || !SPAN_ID_PATTERN.test(s.id) || used.has(s.id)) return undefined;
    used.add(s.id);
    return s.id;
  });
  let highest = 0;
  const note = (id: string | undefined) => {
    const n = id === undefined ? null : ASSIGNED.exec(id);
    if (n) highest = Math.max(highest, Number(n[1]));
  };
  for (const id of used) note(id);
  for (const id of context.reserved ?? []) note(id);
  const stored = new Map<string, string>();
  for (const p of context.previous ?? []) {
    note(p.id);
    if (p.id !== undefined && SPAN_ID_PATTERN.test(p.id) && !stored.has(keyOf(p))) stored.set(keyOf(p), p.id);
  }
  return spans.map((s, i) => {
    let id = ids[i];
    if (id === undefined) {
      const before = stored.get(keyOf(s));
      if (before !== undefined && !used.has(before)) id = before;
      else id = `s${++highest}`;
      used.add(id);
    }
    return s.id === id ? (s as T & StoredSpan) : { ...s, id };
  });
}

/** The span ids a gold record's decisions name: new spans never take them. */
export function decidedSpanIds(decisions: readonly GoldDecision[] = []): string[] {
  const out: string[] = [];
  for (const d of decisions) for (const s of [d.span, ...(d.replaces ?? [])]) if (s.id !== undefined) out.push(s.id);
  return out;
}
