// Relations between spans: a directed (or symmetric) link from one span to another of the same record,
// pointing at span ids so it survives resize and relabel. What fits a relation type, the canonical order
// a record stores them in, and what happens to them when spans go away.
import type { Codebook, Relation, RelationType, Span } from './model';

/** The codebook's relation types (none in codebooks written before relations). */
export function relationTypesOf(codebook: Pick<Codebook, 'relationTypes'> | null | undefined): RelationType[] {
  return codebook?.relationTypes ?? [];
}

/** Span ids never hold `>`, so the first two `>` of an identity separate its parts. */
export function relationIdentity(r: Pick<Relation, 'from' | 'to' | 'type'>): string {
  return `${r.from}>${r.to}>${r.type}`;
}

/** Same ends and type: one relation to the analyst, whatever its note. */
export function sameRelation(a: Pick<Relation, 'from' | 'to' | 'type'>, b: Pick<Relation, 'from' | 'to' | 'type'>) {
  return a.from === b.from && a.to === b.to && a.type === b.type;
}

function allowed(list: readonly string[] | undefined, label: string): boolean {
  return list === undefined || list.length === 0 || list.includes(label);
}

function quoteList(list: readonly string[]): string {
  const names = list.map((l) => JSON.stringify(l));
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/**
 * Why a relation of `type` cannot link a span labelled `from` to one labelled `to` (null: it fits). A
 * symmetric type fits either way round.
 */
export function fitProblem(type: RelationType, from: Pick<Span, 'label'>, to: Pick<Span, 'label'>): string | null {
  const fits = (a: string, b: string) => allowed(type.source, a) && allowed(type.target, b);
  if (fits(from.label, to.label)) return null;
  if (type.symmetric && fits(to.label, from.label)) return null;
  if (!allowed(type.source, from.label) && !(type.symmetric && allowed(type.source, to.label)))
    return `"${type.name}" starts from ${quoteList(type.source ?? [])}, not from "${from.label}"`;
  return `"${type.name}" points at ${quoteList(type.target ?? [])}, not at "${to.label}"`;
}

/** Why a relation cannot be stored in a record with these spans (null: it can). */
export function relationProblem(
  r: Pick<Relation, 'from' | 'to' | 'type'>,
  spansById: ReadonlyMap<string, Span>,
  types?: ReadonlyMap<string, RelationType>,
): string | null {
  if (!spansById.has(r.from)) return `names span ${r.from}, which the record does not hold`;
  if (!spansById.has(r.to)) return `names span ${r.to}, which the record does not hold`;
  if (r.from === r.to) return 'links a span to itself';
  if (types && !types.has(r.type)) return `type ${JSON.stringify(r.type)} is not in the codebook`;
  return null;
}

/**
 * Relations in the order a record stores them: by the text order of their `from` span, then of their `to`
 * span, then type; a symmetric type's relation starts from the earlier span; repeats (same ends and type)
 * kept once, the first with its note. `spans` must be in text order (as stored).
 */
export function normalizeRelations(
  relations: readonly Relation[],
  spans: readonly Span[],
  types: readonly RelationType[] = [],
): Relation[] {
  const position = new Map<string, number>();
  spans.forEach((s, i) => {
    if (s.id !== undefined && !position.has(s.id)) position.set(s.id, i);
  });
  const symmetric = new Set(types.filter((t) => t.symmetric).map((t) => t.name));
  const at = (id: string) => position.get(id) ?? Number.MAX_SAFE_INTEGER;
  const seen = new Set<string>();
  const out: Relation[] = [];
  for (const r of relations) {
    const flip = symmetric.has(r.type) && at(r.from) > at(r.to);
    const next: Relation = flip ? { ...r, from: r.to, to: r.from } : r;
    const key = relationIdentity(next);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(next);
  }
  return out.sort(
    (a, b) => at(a.from) - at(b.from) || at(a.to) - at(b.to) || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0),
  );
}

/**
 * The relations left once spans change under them: those whose span is gone are dropped, those whose span was
 * merged into another (`redirect`: old id → surviving id) follow it; a link that would join a span to itself
 * is dropped. `removed` counts what went.
 */
export function relationsAfterSpans(
  relations: readonly Relation[],
  keptIds: ReadonlySet<string>,
  redirect: ReadonlyMap<string, string> = new Map(),
): { relations: Relation[]; removed: number } {
  const out: Relation[] = [];
  const seen = new Set<string>();
  for (const r of relations) {
    const from = redirect.get(r.from) ?? r.from;
    const to = redirect.get(r.to) ?? r.to;
    if (!keptIds.has(from) || !keptIds.has(to) || from === to) continue;
    const next = from === r.from && to === r.to ? r : { ...r, from, to };
    const key = relationIdentity(next);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(next);
  }
  return { relations: out, removed: relations.length - out.length };
}

/** The relations that start or end at a span. */
export function relationsOfSpan(relations: readonly Relation[] | undefined, spanId: string | undefined): Relation[] {
  if (spanId === undefined || !relations) return [];
  return relations.filter((r) => r.from === spanId || r.to === spanId);
}

/**
 * A relation type renamed, merged or deleted, in one record's relations: `to` null deletes its relations;
 * a merge that makes two relations equal keeps one.
 */
export function retypeRelations(relations: readonly Relation[], from: string, to: string | null): Relation[] {
  const out: Relation[] = [];
  const seen = new Set<string>();
  for (const r of relations) {
    if (r.type === from && to === null) continue;
    const next = r.type === from ? { ...r, type: to as string } : r;
    const key = relationIdentity(next);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(next);
  }
  return out;
}

/** A span label renamed, merged (`to` a label) or deleted (`to` null) in every relation type's allowed lists. */
export function relabelRelationTypes(types: readonly RelationType[], from: string, to: string | null): RelationType[] {
  const fix = (list: string[] | undefined) => {
    if (!list?.includes(from)) return list;
    const next = [...new Set(list.flatMap((l) => (l === from ? (to === null ? [] : [to]) : [l])))];
    return next.length ? next : undefined;
  };
  return types.map((t) => {
    const source = fix(t.source);
    const target = fix(t.target);
    if (source === t.source && target === t.target) return t;
    const { source: _s, target: _t, ...rest } = t;
    return { ...rest, ...(source ? { source } : {}), ...(target ? { target } : {}) };
  });
}

/** A relation by index into a list of spans, as formats carry it. */
export interface IndexedRelation {
  from: number;
  to: number;
  type: string;
  note?: string;
}

/** Relations by span id → by index into `spans` (those naming a span not in the list are left out). */
export function relationsToIndexes(
  spans: readonly Pick<Span, 'id'>[],
  relations: readonly Relation[] | undefined,
): IndexedRelation[] {
  if (!relations?.length) return [];
  const at = new Map<string, number>();
  spans.forEach((s, i) => {
    if (s.id !== undefined && !at.has(s.id)) at.set(s.id, i);
  });
  const out: IndexedRelation[] = [];
  for (const r of relations) {
    const from = at.get(r.from);
    const to = at.get(r.to);
    if (from === undefined || to === undefined) continue;
    out.push({ from, to, type: r.type, ...(r.note !== undefined ? { note: r.note } : {}) });
  }
  return out;
}

/** Relations by index into `spans` → by the spans' ids (every span named must have one). */
export function relationsToIds(spans: readonly Pick<Span, 'id'>[], relations: readonly IndexedRelation[]): Relation[] {
  return relations.map((r) => ({
    from: spans[r.from].id as string,
    to: spans[r.to].id as string,
    type: r.type,
    ...(r.note !== undefined ? { note: r.note } : {}),
  }));
}

/**
 * Spans put in a new order (`order[i]` = old index of the span now at i), with relations by index
 * following them.
 */
export function reorderIndexed<T>(
  spans: readonly T[],
  relations: readonly IndexedRelation[] | undefined,
  order: readonly number[],
): { spans: T[]; relations: IndexedRelation[] } {
  const now = new Array<number>(spans.length);
  order.forEach((old, i) => {
    now[old] = i;
  });
  return {
    spans: order.map((old) => spans[old]),
    relations: (relations ?? []).map((r) => ({ ...r, from: now[r.from], to: now[r.to] })),
  };
}

/** The spans `relations` name, by id: only those are looked up, so an edit does not map every span again. */
export function spansNamedBy(spans: readonly Span[], relations: readonly Relation[]): Map<string, Span> {
  const named = new Set<string>();
  for (const r of relations) {
    named.add(r.from);
    named.add(r.to);
  }
  const byId = new Map<string, Span>();
  for (const s of spans) if (s.id !== undefined && named.has(s.id)) byId.set(s.id, s);
  return byId;
}
