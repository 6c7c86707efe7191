// Exact relation F1 between two annotators (measure 6 of DEFINITIONS.md): a relation is (document, type,
// from span, to span), a span is (start, end, label); TP counts relations present in both records.
import type { AnnotationRecord, Span } from '../model';
import type { Corpus } from './corpus';
import { byString } from './corpus';
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
  const index = new Map(c.annotators.map((a, i) => [a, i]));
  const keys = new Map<string, (Map<string, string[]> | undefined)[]>();
  const types = new Set<string>();
  for (const r of records) {
    const a = index.get(r.annotator);
    if (a === undefined || !c.records.get(r.document)?.[a]) continue;
    const row = keys.get(r.document) ?? new Array(A).fill(undefined);
    if (row[a]) continue;
    const k = relationKeysOf(r);
    row[a] = k;
    for (const t of k.keys()) types.add(t);
    keys.set(r.document, row);
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
