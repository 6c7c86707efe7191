import { describe, expect, it } from 'vitest';
import { applyRelationDecision } from '../../src/core/adjudication';
import type { RelationDecision, Span } from '../../src/core/model';

const gold: { spans: Span[] } = {
  spans: [
    { id: 'g1', start: 0, end: 9, label: 'Actor' },
    { id: 'g2', start: 10, end: 16, label: 'Foreign attribution' },
  ],
};
const end = (s: Span) => ({ start: s.start, end: s.end, label: s.label });
const decision = (over: Partial<RelationDecision>): RelationDecision => ({
  action: 'accept',
  relation: { type: 'blames', from: end(gold.spans[1]), to: end(gold.spans[0]) },
  sources: ['alice'],
  by: 'lead',
  reason: 'coder-error',
  at: 'now',
  ...over,
});

describe('relation decisions into gold', () => {
  it('accept puts the relation between the gold spans and names them by id in the decision', () => {
    const out = applyRelationDecision(gold, decision({}));
    expect(out.relations).toEqual([{ from: 'g2', to: 'g1', type: 'blames' }]);
    expect(out.decision.relation.from).toEqual({ id: 'g2', start: 10, end: 16, label: 'Foreign attribution' });
    expect(out.decision).toMatchObject({ by: 'lead', reason: 'coder-error', sources: ['alice'] });
  });

  it('refuses a relation whose span is not in gold, naming the span', () => {
    const missing = { start: 20, end: 25, label: 'Actor' };
    expect(() =>
      applyRelationDecision(gold, decision({ relation: { type: 'blames', from: end(gold.spans[1]), to: missing } })),
    ).toThrow(/both its spans are in gold; span 20-25 "Actor" is not/);
  });

  it('reject takes the relation out of gold; edit replaces one relation by another', () => {
    const withOne = { ...gold, relations: [{ from: 'g2', to: 'g1', type: 'blames' }] };
    expect(applyRelationDecision(withOne, decision({ action: 'reject' })).relations).toEqual([]);
    const edited = applyRelationDecision(
      withOne,
      decision({
        action: 'edit',
        relation: { type: 'refers to', from: end(gold.spans[0]), to: end(gold.spans[1]) },
        replaces: { type: 'blames', from: end(gold.spans[1]), to: end(gold.spans[0]) },
      }),
    );
    expect(edited.relations).toEqual([{ from: 'g1', to: 'g2', type: 'refers to' }]);
    expect(edited.decision.replaces?.from.id).toBe('g2');
  });
});
