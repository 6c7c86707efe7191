// The candidate relations of one document: every distinct relation any coder drew (identical ones grouped, as
// the relation F1 matches them: type and both spans by start, end and label), with what gold holds and decided.
import type { AnnotationRecord, DecidedRelation, DecidedSpan, RelationDecision, Span } from '../../core/model';
import { GOLD } from '../../core/model';
import { coderRecords, type PlainSpan } from './candidates';

export interface RelationCandidate {
  key: string;
  type: string;
  from: PlainSpan;
  to: PlainSpan;
  /** The coders who drew it. */
  sources: string[];
  inGold: boolean;
  /** Both ends are gold spans, so the relation may go to gold. */
  endsInGold: boolean;
  decision: RelationDecision | null;
  /** In gold only (an edit gave it another type or direction). */
  goldOnly: boolean;
}

const plain = (s: PlainSpan): PlainSpan => ({ start: s.start, end: s.end, label: s.label });
const endKey = (s: PlainSpan) => `${s.start}:${s.end}:${s.label}`;
export const relationCandidateKey = (type: string, from: PlainSpan, to: PlainSpan) =>
  `${type}\u0000${endKey(from)}\u0000${endKey(to)}`;
const decidedKey = (r: DecidedRelation) => relationCandidateKey(r.type, r.from, r.to);

/** A record's relations with their ends resolved to spans (a relation naming a missing span is left out). */
export function resolvedRelations(record: AnnotationRecord): { type: string; from: Span; to: Span }[] {
  const byId = new Map<string, Span>();
  for (const s of record.spans) if (s.id !== undefined && !byId.has(s.id)) byId.set(s.id, s);
  const out: { type: string; from: Span; to: Span }[] = [];
  for (const r of record.relations ?? []) {
    const from = byId.get(r.from);
    const to = byId.get(r.to);
    if (from && to) out.push({ type: r.type, from, to });
  }
  return out;
}

function lastDecision(gold: AnnotationRecord | null, key: string): RelationDecision | null {
  const ds = gold?.relationDecisions ?? [];
  for (let i = ds.length - 1; i >= 0; i--)
    if (decidedKey(ds[i].relation) === key || (ds[i].replaces && decidedKey(ds[i].replaces!) === key)) return ds[i];
  return null;
}

/** Every relation candidate of a document, in text order of their first end. */
export function relationCandidatesOf(records: readonly AnnotationRecord[]): RelationCandidate[] {
  const coders = coderRecords(records);
  const gold = records.find((r) => r.annotator === GOLD) ?? null;
  const goldSpans = new Set((gold?.spans ?? []).map((s) => endKey(s)));
  const goldKeys = new Set(gold ? resolvedRelations(gold).map((r) => relationCandidateKey(r.type, r.from, r.to)) : []);
  const byKey = new Map<string, { type: string; from: PlainSpan; to: PlainSpan; sources: string[] }>();
  const add = (type: string, from: PlainSpan, to: PlainSpan, source: string | null) => {
    const key = relationCandidateKey(type, from, to);
    const entry = byKey.get(key) ?? { type, from: plain(from), to: plain(to), sources: [] };
    if (source !== null && !entry.sources.includes(source)) entry.sources.push(source);
    byKey.set(key, entry);
  };
  for (const r of coders) for (const x of resolvedRelations(r)) add(x.type, x.from, x.to, r.annotator);
  if (gold) for (const x of resolvedRelations(gold)) add(x.type, x.from, x.to, null);
  return [...byKey.entries()]
    .map(([key, c]) => ({
      key,
      ...c,
      inGold: goldKeys.has(key),
      endsInGold: goldSpans.has(endKey(c.from)) && goldSpans.has(endKey(c.to)),
      decision: lastDecision(gold, key),
      goldOnly: c.sources.length === 0,
    }))
    .sort(
      (a, b) =>
        Math.min(a.from.start, a.to.start) - Math.min(b.from.start, b.to.start) ||
        (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    );
}

const ends = (c: RelationCandidate): Pick<DecidedRelation, 'from' | 'to'> => ({
  from: plain(c.from) as DecidedSpan,
  to: plain(c.to) as DecidedSpan,
});

/** The relation decision for a candidate: accept, reject, or edit into another type or the other direction. */
export function relationDecision(
  c: RelationCandidate,
  action: 'accept' | 'reject' | { type: string; reverse: boolean },
  ctx: { by: string; reason: RelationDecision['reason']; note?: string },
): Omit<RelationDecision, 'at'> {
  const why = { by: ctx.by, reason: ctx.reason, ...(ctx.note?.trim() ? { note: ctx.note.trim() } : {}) };
  const relation: DecidedRelation = { type: c.type, ...ends(c) };
  if (action === 'accept' || action === 'reject') return { action, relation, sources: c.sources, ...why };
  const next: DecidedRelation = action.reverse
    ? { type: action.type, from: relation.to, to: relation.from }
    : { ...relation, type: action.type };
  return { action: 'edit', relation: next, replaces: relation, sources: c.sources, ...why };
}
