import { describe, expect, it } from 'vitest';
import { agreementReport, relationDisagreements } from '../../../src/core/agreement';
import type { AnnotationRecord, Relation } from '../../../src/core/model';
import { rec, type SpanTuple } from './helpers';

/** A record whose spans get ids `${prefix}0`, `${prefix}1`…, and relations as [fromIndex, toIndex, type]. */
function coded(
  document: string,
  annotator: string,
  prefix: string,
  spans: SpanTuple[],
  links: [number, number, string][],
): AnnotationRecord {
  const r = rec(document, annotator, spans);
  r.spans = r.spans.map((s, i) => ({ ...s, id: `${prefix}${i}` }));
  r.relations = links.map(([f, t, type]): Relation => ({ from: `${prefix}${f}`, to: `${prefix}${t}`, type }));
  return r;
}

const SPANS: SpanTuple[] = [
  [0, 5, 'Actor'],
  [10, 15, 'Attribution'],
  [20, 25, 'Actor'],
];

describe('exact relation F1 (DEFINITIONS.md measure 6), hand-computed', () => {
  const input = {
    documents: [
      { id: 'd1', length: 100 },
      { id: 'd2', length: 100 },
    ],
    records: [
      coded('d1', 'alice', 'a', SPANS, [
        [1, 0, 'blames'],
        [1, 2, 'blames'],
        [0, 2, 'refers to'],
      ]),
      // Other span ids, the same spans: ids never matter. One "blames" is reversed, so it is not the same relation.
      coded('d1', 'bob', 'b', [...SPANS].reverse(), [
        [1, 2, 'blames'],
        [0, 1, 'blames'],
        [2, 0, 'refers to'],
      ]),
      // carol linked the same spans but labelled the first one differently: a span is (start, end, label).
      coded('d1', 'carol', 'c', [[0, 5, 'Group'], SPANS[1], SPANS[2]], [[1, 0, 'blames']]),
      coded('d2', 'carol', 'c', SPANS, [[0, 2, 'mentions']]),
    ],
  };
  const report = agreementReport(input);
  const pair = (a: string, b: string) => report.spans.pairs.find((p) => p.a === a && p.b === b)!;

  it('lists every relation type of the counted records in plain string order', () => {
    expect(report.relation_types).toEqual(['blames', 'mentions', 'refers to']);
  });

  it('alice–bob: blames 2·1/(2+2), refers to 2·1/(1+1), pooled 2·2/(3+3); no relation of a type is null', () => {
    const f = pair('alice', 'bob').relations_f1_exact;
    expect(f.per_type.blames).toBe(0.5);
    expect(f.per_type['refers to']).toBe(1);
    expect(f.overall).toBeCloseTo(2 / 3, 15);
    expect(f.per_type.mentions).toBeNull();
    expect(report.null_reasons['/spans/pairs/0/relations_f1_exact/per_type/mentions']).toMatch(/neither annotator/);
  });

  it('alice–carol: a relation whose span has another label does not match; only documents both annotated count', () => {
    const f = pair('alice', 'carol').relations_f1_exact;
    expect(f.per_type.blames).toBe(0);
    expect(f.per_type['refers to']).toBe(0);
    expect(f.per_type.mentions).toBeNull();
    expect(f.overall).toBe(0);
  });

  it('is null with its reason when neither annotator of a pair linked spans', () => {
    const none = agreementReport({
      documents: [{ id: 'd1', length: 100 }],
      records: [rec('d1', 'x', [[0, 5, 'A']]), rec('d1', 'y', [[0, 5, 'A']])],
    });
    expect(none.relation_types).toEqual([]);
    expect(none.spans.pairs[0].relations_f1_exact).toEqual({ overall: null, per_type: {} });
    expect(none.null_reasons['/spans/pairs/0/relations_f1_exact/overall']).toMatch(/neither annotator/);
  });

  it('leaves out a record that is todo, as every other figure does', () => {
    const todo = coded('d1', 'bob', 'b', SPANS, [[1, 0, 'blames']]);
    todo.status = 'todo';
    const r = agreementReport({ documents: input.documents, records: [input.records[0], todo] });
    expect(r.spans.pairs).toEqual([]);
  });

  it('lists as relation disagreements exactly the relations F1 leaves unmatched, with how the other differs', () => {
    const list = relationDisagreements(input);
    // unmatched = |A| + |B| − 2·TP: alice–bob 3 + 3 − 2·2 (F1 2/3 above), alice–carol 3 + 1 − 0 (F1 0)
    const ab = list.filter((d) => d.a === 'alice' && d.b === 'bob');
    expect(ab).toHaveLength(2);
    expect(ab.map((d) => [d.side, d.kind, d.relation.from.start, d.relation.to.start])).toEqual([
      ['a', 'direction', 10, 20],
      ['b', 'direction', 20, 10],
    ]);
    const ac = list.filter((d) => d.a === 'alice' && d.b === 'carol');
    // alice 3 relations, carol 1 in d1 (d2 only carol coded): nothing matches, so 4 listed
    expect(ac).toHaveLength(4);
    expect(ac.filter((d) => d.kind === 'missing')).toHaveLength(4);
    expect(list.every((d) => d.document === 'd1')).toBe(true);
  });

  it('says "type" when the other annotator links the same two spans with another type', () => {
    const list = relationDisagreements({
      documents: [{ id: 'd1', length: 100 }],
      records: [coded('d1', 'x', 'x', SPANS, [[1, 0, 'blames']]), coded('d1', 'y', 'y', SPANS, [[1, 0, 'praises']])],
    });
    expect(list.map((d) => [d.side, d.kind, d.relation.type, d.other.map((o) => o.type)])).toEqual([
      ['a', 'type', 'blames', ['praises']],
      ['b', 'type', 'praises', ['blames']],
    ]);
  });
});
