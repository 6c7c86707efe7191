// Span ids: stable within one annotation record, so a relation, a memo or an adjudication decision
// can point at a span through resize and relabel. Agreement never looks at them: it compares
// (start, end, label).
import type { GoldDecision, RelationDecision, Span } from './model';

/** Short, never a path: letters, digits, `_ . : -`, at most 64 (brat `T12`, or `s12` when assigned). */
export const SPAN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;

/** A span as stored: it always has an id. */
export type StoredSpan = Span & { id: string };

/** Where an id-less span may find its id again, and which ids a new span must not take. */
interface SpanIdContext {
  /**
   * The record's spans as stored before this change. A span that arrives without an id is the
   * stored span it replaces: the one with its position and label, else the one stored span no longer
   * sent that it relabels (same position) or resizes (same label, overlapping). So a client that does
   * not keep ids (the CLI, a script, a file written before ids existed) loses none.
   */
  previous?: readonly Span[];
  /** Ids that something else still names (a gold decision): new ids never reuse them. */
  reserved?: Iterable<string>;
}

const ASSIGNED = /^s([1-9][0-9]{0,14})$/;
const keyOf = (s: Span) => `${s.start}\u0000${s.end}\u0000${s.label}`;
const relabels = (a: Span, b: Span) => a.start === b.start && a.end === b.end;
const resizes = (a: Span, b: Span) => a.label === b.label && a.start < b.end && b.start < a.end;

/**
 * Gives every span an id, deterministically. A valid id is kept unless an earlier span already has
 * it; a span without one gets the id of the stored span it replaces (see `previous`) or `s<n>`, n
 * counting on from the highest `s<n>` among the spans, the stored spans and `reserved`, so an id is
 * not handed to another span in the same change, nor ever while a gold decision names it. Order and
 * every other field are kept.
 */
export function assignSpanIds<T extends Span>(spans: readonly T[], context: SpanIdContext = {}): (T & StoredSpan)[] {
  const used = new Set<string>();
  const ids: (string | undefined)[] = spans.map((s) => {
    if (s.id === undefined || !SPAN_ID_PATTERN.test(s.id) || used.has(s.id)) return undefined;
    used.add(s.id);
    return s.id;
  });
  if (!ids.includes(undefined)) return spans.slice() as (T & StoredSpan)[];
  let highest = 0;
  const note = (id: string | undefined) => {
    const n = id === undefined ? null : ASSIGNED.exec(id);
    if (n) highest = Math.max(highest, Number(n[1]));
  };
  for (const id of used) note(id);
  for (const id of context.reserved ?? []) note(id);
  const previous = (context.previous ?? []).filter((p) => p.id !== undefined && SPAN_ID_PATTERN.test(p.id));
  for (const p of previous) note(p.id);
  const take = (i: number, candidates: Span[]) => {
    const free = candidates.filter((p) => !used.has(p.id as string));
    if (free.length !== 1) return;
    ids[i] = free[0].id;
    used.add(free[0].id as string);
  };
  const byKey = new Map<string, Span[]>();
  for (const p of previous) byKey.set(keyOf(p), [...(byKey.get(keyOf(p)) ?? []), p]);
  for (let i = 0; i < spans.length; i++) if (ids[i] === undefined) take(i, byKey.get(keyOf(spans[i])) ?? []);
  // Relabels and resizes are looked for among the stored spans no longer sent; past a million pairs
  // (a whole record re-sent without ids and moved) the rest simply get new ids.
  const open = spans.flatMap((_, i) => (ids[i] === undefined ? [i] : []));
  const gone = previous.filter((p) => !used.has(p.id as string));
  if (open.length * gone.length <= 1_000_000)
    for (const match of [relabels, resizes])
      for (const i of open)
        if (ids[i] === undefined)
          take(
            i,
            gone.filter((p) => match(p, spans[i])),
          );
  return spans.map((s, i) => {
    const id = ids[i] ?? `s${++highest}`;
    return s.id === id ? (s as T & StoredSpan) : { ...s, id };
  });
}

/** The span ids a gold record's decisions name: new spans never take them. */
export function decidedSpanIds(
  decisions: readonly GoldDecision[] = [],
  relationDecisions: readonly RelationDecision[] = [],
): string[] {
  const out: string[] = [];
  for (const d of decisions) for (const s of [d.span, ...(d.replaces ?? [])]) if (s.id !== undefined) out.push(s.id);
  for (const d of relationDecisions)
    for (const r of [d.relation, ...(d.replaces ? [d.replaces] : [])])
      for (const s of [r.from, r.to]) if (s.id !== undefined) out.push(s.id);
  return out;
}

/**
 * An id for a span made in the app before it is stored, so a relation can point at it at once: `s<n>` past
 * every `s<n>` the record's spans hold. The backend keeps a valid id it is sent.
 */
export function nextSpanId(spans: readonly Pick<Span, 'id'>[]): string {
  let highest = 0;
  for (const s of spans) {
    const n = s.id === undefined ? null : ASSIGNED.exec(s.id);
    if (n) highest = Math.max(highest, Number(n[1]));
  }
  return `s${highest + 1}`;
}
