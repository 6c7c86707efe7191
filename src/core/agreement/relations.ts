// Exact relation F1 between two annotators (measure 6 of DEFINITIONS.md): a relation is (document, type,
// from span, to span), a span is (start, end, label); TP counts relations present in both records.
import type { AnnotationRecord, Span } from '../model';
import type { Corpus } from './corpus';
import { type AgreementInput, byPairPlace, byString, prepareCorpus } from './corpus';
import type { Value } from './result';
import { diceF1 } from './spanF1';

/** One relation as the measure sees it: its ends by content, so two annotators' span ids never matter. */
export function relationKey(document: string, type: string, from: Span, to: Span): string {
  return JSON.stringify([document, type, from.start, from.end, from.label, to.start, to.end, to.label]);
}

/** A record's relations by type, as keys (a relation naming a span the record lacks is not counted). */
export function relationKeysOf(
  record: Pick<AnnotationRecord, 'document' | 'spans' | 'relations'>,
): Map<string, string[]> {
  const byId = new Map<string, Span>();
  for (const s of record.spans) if (s.id !== undefined && !byId.has(s.id)) byId.set(s.id, s);
  const out = new Map<string, string[]>();
  for (const r of record.relations ?? []) {
    const from = byId.get(r.from);
    const to = byId.get(r.to);
    if (!from || !to) continue;
    const list = out.get(r.type) ?? [];
    list.push(relationKey(record.document, r.type, from, to));
    out.set(r.type, list);
  }
  return out;
}

/** TP of two multisets of keys: each key counted as often as both hold it. */
function matches(a: readonly string[], b: readonly string[]): number {
  const pool = new Map<string, number>();
  for (const k of a) pool.set(k, (pool.get(k) ?? 0) + 1);
  let tp = 0;
  for (const k of b) {
    const n = pool.get(k) ?? 0;
    if (n > 0) {
      tp++;
      pool.set(k, n - 1);
    }
  }
  return tp;
}

export interface RelationCounts {
  tp: number;
  a: number;
  b: number;
}

/** F1 = 2·TP / (|A| + |B|), null when neither annotator linked two spans. */
export function relationF1(c: RelationCounts): Value {
  return diceF1(c, 'neither annotator linked two spans');
}

/** Per document, the record of each selected annotator the corpus counts (the first such record given). */
function countedRelationRecords(
  c: Corpus,
  records: readonly AnnotationRecord[],
): Map<string, (AnnotationRecord | undefined)[]> {
  const A = c.annotators.length;
  const index = new Map(c.annotators.map((a, i) => [a, i]));
  const out = new Map<string, (AnnotationRecord | undefined)[]>();
  for (const r of records) {
    const a = index.get(r.annotator);
    if (a === undefined || !c.records.get(r.document)?.[a]) continue;
    const row = out.get(r.document) ?? new Array<AnnotationRecord | undefined>(A).fill(undefined);
    if (!row[a]) row[a] = r;
    out.set(r.document, row);
  }
  return out;
}

/** Per annotator pair (a < b, the corpus's pair order): counts per type (`types` order) and pooled. */
export interface RelationPairCounts {
  a: number;
  b: number;
  perType: RelationCounts[];
  overall: RelationCounts;
}

/**
 * The relation types in the counted records of the selected annotators (plain string order) and every
 * pair's counts over the documents both annotated. `records` are the report's input records; only those
 * the corpus counts are used.
 */
export function relationCounts(
  c: Corpus,
  records: readonly AnnotationRecord[],
): { types: string[]; pairs: RelationPairCounts[] } {
  const A = c.annotators.length;
  const keys = new Map<string, (Map<string, string[]> | undefined)[]>();
  const types = new Set<string>();
  for (const [doc, row] of countedRelationRecords(c, records)) {
    const k = row.map((r) => (r ? relationKeysOf(r) : undefined));
    for (const m of k) for (const t of m?.keys() ?? []) types.add(t);
    keys.set(doc, k);
  }
  const sorted = [...types].sort(byString);
  const pairs: RelationPairCounts[] = [];
  for (let a = 0; a < A; a++)
    for (let b = a + 1; b < A; b++) {
      const perType = sorted.map(() => ({ tp: 0, a: 0, b: 0 }));
      for (const doc of c.docIds) {
        const counted = c.records.get(doc);
        if (!counted?.[a] || !counted[b]) continue;
        const ka = keys.get(doc)?.[a];
        const kb = keys.get(doc)?.[b];
        sorted.forEach((t, i) => {
          const x = ka?.get(t) ?? [];
          const y = kb?.get(t) ?? [];
          perType[i].tp += matches(x, y);
          perType[i].a += x.length;
          perType[i].b += y.length;
        });
      }
      const overall = perType.reduce((s, e) => ({ tp: s.tp + e.tp, a: s.a + e.a, b: s.b + e.b }), {
        tp: 0,
        a: 0,
        b: 0,
      });
      pairs.push({ a, b, perType, overall });
    }
  return { types: sorted, pairs };
}

/**
 * How a relation one annotator has and the other lacks differs: the other has none between the same two
 * spans ('missing'), links them with another type ('type'), or with the same type the other way ('direction').
 */
export type RelationDisagreementKind = 'missing' | 'type' | 'direction';

/** A relation end as the list shows it: the span by content, as the measure matches it. */
export interface ListedRelation {
  type: string;
  from: { start: number; end: number; label: string };
  to: { start: number; end: number; label: string };
}

/** One relation of annotator a or b (a < b) that the other lacks under exact matching, with the other's nearest. */
export interface RelationDisagreement {
  document: string;
  a: string;
  b: string;
  kind: RelationDisagreementKind;
  /** Whose relation this is: 'a' or 'b'. */
  side: 'a' | 'b';
  relation: ListedRelation;
  /** The other annotator's relations between the same two spans (either way), if any. */
  other: ListedRelation[];
  /** The stretch covering both ends, for sorting and scrolling to it. */
  start: number;
  end: number;
}

function listedRelations(record: AnnotationRecord): { key: string; r: ListedRelation }[] {
  const byId = new Map<string, Span>();
  for (const s of record.spans) if (s.id !== undefined && !byId.has(s.id)) byId.set(s.id, s);
  const out: { key: string; r: ListedRelation }[] = [];
  for (const x of record.relations ?? []) {
    const from = byId.get(x.from);
    const to = byId.get(x.to);
    if (!from || !to) continue;
    const end = (s: Span) => ({ start: s.start, end: s.end, label: s.label });
    out.push({
      key: relationKey(record.document, x.type, from, to),
      r: { type: x.type, from: end(from), to: end(to) },
    });
  }
  return out;
}

const endKey = (s: ListedRelation['from']) => `${s.start}:${s.end}:${s.label}`;

/**
 * Every relation of every annotator pair that the other annotator of the pair does not have, under the
 * exact matching of the relation F1 (type, both spans by start, end and label; as multisets), so the list
 * holds exactly the relations that F1 counts as unmatched. Document, pair and text order.
 */
export function relationDisagreements(input: AgreementInput): RelationDisagreement[] {
  const c = prepareCorpus(input);
  const records = input.records;
  const out: RelationDisagreement[] = [];
  const A = c.annotators.length;
  for (const [document, row] of countedRelationRecords(c, records)) {
    const lists = row.map((r) => (r ? listedRelations(r) : null));
    for (let a = 0; a < A; a++)
      for (let b = a + 1; b < A; b++) {
        const la = lists[a];
        const lb = lists[b];
        if (!la || !lb || (la.length === 0 && lb.length === 0)) continue;
        const unmatched = (mine: typeof la, theirs: typeof la) => {
          const pool = new Map<string, number>();
          for (const k of theirs) pool.set(k.key, (pool.get(k.key) ?? 0) + 1);
          return mine.filter((k) => {
            const n = pool.get(k.key) ?? 0;
            if (n > 0) pool.set(k.key, n - 1);
            return n === 0;
          });
        };
        const emit = (side: 'a' | 'b', mine: typeof la, theirs: typeof la) => {
          for (const { r } of unmatched(mine, theirs)) {
            const f = endKey(r.from);
            const t = endKey(r.to);
            const other = theirs
              .map((x) => x.r)
              .filter(
                (x) => (endKey(x.from) === f && endKey(x.to) === t) || (endKey(x.from) === t && endKey(x.to) === f),
              );
            const kind: RelationDisagreementKind = other.some((x) => endKey(x.from) === f && x.type !== r.type)
              ? 'type'
              : other.some((x) => x.type === r.type)
                ? 'direction'
                : other.length
                  ? 'type'
                  : 'missing';
            out.push({
              document,
              a: c.annotators[a],
              b: c.annotators[b],
              kind,
              side,
              relation: r,
              other,
              start: Math.min(r.from.start, r.to.start),
              end: Math.max(r.from.end, r.to.end),
            });
          }
        };
        emit('a', la, lb);
        emit('b', lb, la);
      }
  }
  return out.sort((x, y) => byPairPlace(x, y) || byString(x.side, y.side));
}
