// Adjudication into the gold layer, as pure functions: which spans every coder marked identically,
// and how a list of decisions turns into gold spans. Every decision is kept (who, what, why).
import type {
  AnnotationRecord,
  DecidedRelation,
  DecidedSpan,
  DocLabelValue,
  GoldDecision,
  Relation,
  RelationDecision,
  Span,
} from './model';
import { GOLD } from './model';
import { sameRelation } from './relations';
import { assignSpanIds, decidedSpanIds, type StoredSpan } from './spanIds';
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

const sameValue = (a: DocLabelValue, b: DocLabelValue) =>
  Array.isArray(a) && Array.isArray(b)
    ? a.length === b.length && [...a].sort().every((v, i) => v === [...b].sort()[i])
    : a === b;

/**
 * Document-label groups (stance, frames) that at least `min` of a document's annotators (default: all of
 * them) gave the same value: a list of options counts as the same when it holds the same options. A group
 * where two different values each reach `min` is left out (nothing is unanimous about it).
 */
export function unanimousDocLabels(
  records: AnnotationRecord[],
  min?: number,
): { group: string; value: DocLabelValue; sources: string[] }[] {
  const counted = countedRecords(records);
  const need = min ?? counted.length;
  if (counted.length === 0 || need < 1) return [];
  const groups = [...new Set(counted.flatMap((r) => Object.keys(r.docLabels)))].sort();
  const out: { group: string; value: DocLabelValue; sources: string[] }[] = [];
  for (const group of groups) {
    const values: { value: DocLabelValue; sources: string[] }[] = [];
    for (const r of counted) {
      const v = r.docLabels[group];
      if (v === undefined) continue;
      const same = values.find((x) => sameValue(x.value, v));
      if (same) same.sources.push(r.annotator);
      else values.push({ value: Array.isArray(v) ? [...v].sort() : v, sources: [r.annotator] });
    }
    const reaching = values.filter((x) => x.sources.length >= need);
    if (reaching.length === 1) out.push({ group, value: reaching[0].value, sources: reaching[0].sources.sort() });
  }
  return out;
}

/** Whether gold already settled a document-label group (a decision on it, or a value in gold). */
export function isDocLabelDecided(
  gold: Pick<AnnotationRecord, 'docLabels' | 'docLabelDecisions'> | null,
  group: string,
): boolean {
  if (!gold) return false;
  return gold.docLabels[group] !== undefined || (gold.docLabelDecisions ?? []).some((d) => d.group === group);
}

/** Whether gold already settled a span (accepted, rejected, edited or merged away). */
export function isDecided(gold: Pick<AnnotationRecord, 'spans' | 'decisions'> | null, span: Span): boolean {
  if (!gold) return false;
  const k = keyOf(span);
  if (gold.spans.some((s) => keyOf(s) === k)) return true;
  return (gold.decisions ?? []).some((d) => keyOf(d.span) === k || (d.replaces ?? []).some((r) => keyOf(r) === k));
}

const named = (s: StoredSpan): DecidedSpan => ({ id: s.id, start: s.start, end: s.end, label: s.label });
const plain = (s: DecidedSpan): DecidedSpan => ({ start: s.start, end: s.end, label: s.label });

/**
 * Applies decisions to gold's spans: accept adds, reject removes, edit and merge replace. A reject or a
 * replaced span finds its gold span by id when it names one, else by position and label. Each decision comes back
 * naming by id the gold spans it made or removed; an edit keeps the id (and note) of the gold span it
 * replaces, a merge those of the first it replaces, so a gold span stays the same span when adjusted.
 */
export function applyDecisions(
  gold: Pick<AnnotationRecord, 'spans' | 'decisions'>,
  decisions: readonly GoldDecision[],
): { spans: StoredSpan[]; decisions: GoldDecision[] } {
  const reserved = decidedSpanIds(gold.decisions);
  let spans = assignSpanIds(gold.spans, { reserved });
  const find = (ref: DecidedSpan) =>
    (ref.id !== undefined ? spans.find((s) => s.id === ref.id) : undefined) ??
    spans.find((s) => keyOf(s) === keyOf(ref));
  const take = (ref: DecidedSpan): StoredSpan | undefined => {
    const held = find(ref);
    if (held) {
      spans = spans.filter((s) => s !== held);
      reserved.push(held.id);
    }
    return held;
  };
  const out: GoldDecision[] = [];
  for (const d of decisions) {
    const taken = (d.replaces ?? []).map(take);
    const stamped: GoldDecision = { ...d, span: plain(d.span) };
    if (d.replaces) stamped.replaces = d.replaces.map((r, i) => (taken[i] ? named(taken[i]) : plain(r)));
    if (d.action === 'reject') {
      const held = take(d.span);
      if (held) stamped.span = named(held);
    } else {
      let kept = spans.find((s) => keyOf(s) === keyOf(d.span));
      if (!kept) {
        const heir = taken.find((t) => t !== undefined);
        const fresh: Span = {
          ...plain(d.span),
          ...(heir ? { id: heir.id } : {}),
          ...(heir?.note ? { note: heir.note } : {}),
        };
        [kept] = assignSpanIds([fresh], { reserved: [...reserved, ...spans.map((s) => s.id)] });
        spans = [...spans, kept];
      }
      stamped.span = named(kept);
    }
    out.push(stamped);
  }
  return { spans: sortSpans(spans) as StoredSpan[], decisions: out };
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

/** The gold span a decided relation end names: by id when given, else by start, end and label. */
function goldEnd(spans: readonly Span[], end: DecidedSpan): Span | undefined {
  if (end.id !== undefined) {
    const byId = spans.find((s) => s.id === end.id);
    if (byId) return byId;
  }
  return spans.find((s) => s.start === end.start && s.end === end.end && s.label === end.label);
}

/**
 * One relation decision applied to the gold record's relations: accept puts the relation in gold, reject
 * takes it out (if gold had it), edit replaces `replaces` by `relation`. A relation goes to gold only when
 * both its spans are in gold; the decision comes back with its ends named by their gold span ids.
 */
export function applyRelationDecision(
  gold: Pick<AnnotationRecord, 'spans' | 'relations'>,
  decision: RelationDecision,
): { relations: Relation[]; decision: RelationDecision } {
  const resolve = (r: DecidedRelation, must: boolean): { relation: Relation; named: DecidedRelation } | null => {
    const from = goldEnd(gold.spans, r.from);
    const to = goldEnd(gold.spans, r.to);
    if (!from?.id || !to?.id) {
      if (!must) return null;
      const missing = [!from?.id ? r.from : null, !to?.id ? r.to : null]
        .filter((x) => x !== null)
        .map((x) => `${x.start}-${x.end} "${x.label}"`)
        .join(' and ');
      throw new Error(`a relation goes to gold only when both its spans are in gold; span ${missing} is not`);
    }
    if (from.id === to.id) throw new Error('a relation links two different spans');
    const strip = (s: Span): DecidedSpan => ({ id: s.id, start: s.start, end: s.end, label: s.label });
    return {
      relation: { from: from.id, to: to.id, type: r.type },
      named: { type: r.type, from: strip(from), to: strip(to) },
    };
  };
  let relations = [...(gold.relations ?? [])];
  const without = (r: Relation) => relations.filter((x) => !sameRelation(x, r));
  const target = resolve(decision.relation, decision.action !== 'reject');
  let replaces: DecidedRelation | undefined;
  if (decision.action === 'edit') {
    if (!decision.replaces) throw new Error('an edit names the gold relation it replaces');
    const old = resolve(decision.replaces, false);
    if (old) {
      relations = without(old.relation);
      replaces = old.named;
    } else replaces = decision.replaces;
  }
  if (target) {
    relations = without(target.relation);
    if (decision.action !== 'reject') relations.push(target.relation);
  }
  return {
    relations,
    decision: {
      ...decision,
      relation: target?.named ?? decision.relation,
      ...(replaces ? { replaces } : {}),
    },
  };
}
