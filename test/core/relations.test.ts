import { describe, expect, it } from 'vitest';
import type { Relation, RelationType, Span } from '../../src/core/model';
import {
  fitProblem,
  normalizeRelations,
  relabelRelationTypes,
  relationIdentity,
  relationProblem,
  relationsAfterSpans,
  relationsOfSpan,
  retypeRelations,
  spansNamedBy,
} from '../../src/core/relations';
import { nextSpanId } from '../../src/core/spanIds';

const blames: RelationType = {
  name: 'blames',
  color: '#000000',
  source: ['Foreign attribution', 'Violence'],
  target: ['Actor'],
};
const same: RelationType = { name: 'same as', color: '#000000', symmetric: true, source: ['Actor'], target: ['Actor'] };
const spans: Span[] = [
  { id: 'a', start: 0, end: 5, label: 'Actor' },
  { id: 'b', start: 10, end: 15, label: 'Foreign attribution' },
  { id: 'c', start: 20, end: 25, label: 'Actor' },
];

describe('relation types', () => {
  it('fit the labels they allow, and say why not', () => {
    expect(fitProblem(blames, { label: 'Violence' }, { label: 'Actor' })).toBeNull();
    expect(fitProblem(blames, { label: 'Actor' }, { label: 'Actor' })).toBe(
      '"blames" starts from "Foreign attribution" or "Violence", not from "Actor"',
    );
    expect(fitProblem(blames, { label: 'Violence' }, { label: 'Violence' })).toBe(
      '"blames" points at "Actor", not at "Violence"',
    );
    expect(fitProblem({ name: 'any', color: '#000000' }, { label: 'x' }, { label: 'y' })).toBeNull();
  });

  it('a symmetric type fits either way round', () => {
    const linked: RelationType = { ...same, source: ['Actor'], target: ['Violence'] };
    expect(fitProblem(linked, { label: 'Violence' }, { label: 'Actor' })).toBeNull();
    expect(fitProblem({ ...linked, symmetric: false }, { label: 'Violence' }, { label: 'Actor' })).toMatch(
      /starts from "Actor", not from "Violence"/,
    );
  });

  it('follow a label rename, merge or delete in their allowed lists', () => {
    expect(relabelRelationTypes([blames], 'Violence', 'Force')[0].source).toEqual(['Foreign attribution', 'Force']);
    expect(relabelRelationTypes([blames], 'Violence', 'Foreign attribution')[0].source).toEqual([
      'Foreign attribution',
    ]);
    const deleted = relabelRelationTypes([blames], 'Actor', null)[0];
    expect(deleted.target).toBeUndefined();
    expect(deleted.source).toEqual(blames.source);
    expect(relabelRelationTypes([blames], 'Other', null)[0]).toBe(blames);
  });
});

describe('relations in a record', () => {
  it('must name two different spans of the record, of a known type', () => {
    const byId = new Map(spans.map((s) => [s.id as string, s]));
    const types = new Map([[blames.name, blames]]);
    expect(relationProblem({ from: 'b', to: 'a', type: 'blames' }, byId, types)).toBeNull();
    expect(relationProblem({ from: 'b', to: 'z', type: 'blames' }, byId, types)).toMatch(/span z/);
    expect(relationProblem({ from: 'a', to: 'a', type: 'blames' }, byId, types)).toMatch(/itself/);
    expect(relationProblem({ from: 'b', to: 'a', type: 'x' }, byId, types)).toMatch(/not in the codebook/);
  });

  it('are stored in text order, symmetric ones from the earlier span, repeats once (the first with its note)', () => {
    const relations: Relation[] = [
      { from: 'c', to: 'a', type: 'same as' },
      { from: 'b', to: 'c', type: 'blames' },
      { from: 'b', to: 'a', type: 'blames', note: 'first' },
      { from: 'b', to: 'a', type: 'blames', note: 'second' },
      { from: 'a', to: 'c', type: 'same as' },
    ];
    expect(normalizeRelations(relations, spans, [blames, same])).toEqual([
      { from: 'a', to: 'c', type: 'same as' },
      { from: 'b', to: 'a', type: 'blames', note: 'first' },
      { from: 'b', to: 'c', type: 'blames' },
    ]);
  });

  it('go with their spans: dropped when a span goes, moved when spans merge, never onto one span', () => {
    const relations: Relation[] = [
      { from: 'b', to: 'a', type: 'blames' },
      { from: 'b', to: 'c', type: 'blames' },
      { from: 'a', to: 'c', type: 'same as' },
    ];
    expect(relationsAfterSpans(relations, new Set(['a', 'b']))).toEqual({
      relations: [{ from: 'b', to: 'a', type: 'blames' }],
      removed: 2,
    });
    expect(relationsAfterSpans(relations, new Set(['a', 'b']), new Map([['c', 'a']]))).toEqual({
      relations: [{ from: 'b', to: 'a', type: 'blames' }],
      removed: 2,
    });
    expect(relationsOfSpan(relations, 'c')).toHaveLength(2);
    expect(relationsOfSpan(relations, undefined)).toEqual([]);
  });

  it('are renamed, merged (repeats once) and deleted with their type', () => {
    const relations: Relation[] = [
      { from: 'b', to: 'a', type: 'blames' },
      { from: 'b', to: 'a', type: 'accuses' },
      { from: 'a', to: 'c', type: 'same as' },
    ];
    expect(retypeRelations(relations, 'accuses', 'blames')).toEqual([
      { from: 'b', to: 'a', type: 'blames' },
      { from: 'a', to: 'c', type: 'same as' },
    ]);
    expect(retypeRelations(relations, 'same as', null)).toHaveLength(2);
    expect(relationIdentity(relations[0])).toBe('b>a>blames');
  });

  it('a span made in the app gets an id at once, past every s<n> of the record', () => {
    expect(nextSpanId([{ id: 's3' }, { id: 'T9' }, {}])).toBe('s4');
    expect(nextSpanId([])).toBe('s1');
  });
});

describe('spansNamedBy', () => {
  it('maps only the spans a relation names, by id, and skips spans without an id', () => {
    const spans: Span[] = [
      { id: 's1', start: 0, end: 4, label: 'Actor' },
      { id: 's2', start: 5, end: 9, label: 'Blame' },
      { id: 's3', start: 10, end: 14, label: 'Actor' },
      { start: 15, end: 19, label: 'Actor' },
    ];
    const named = spansNamedBy(spans, [{ from: 's2', to: 's1', type: 'blames' }]);
    expect([...named.keys()].sort()).toEqual(['s1', 's2']);
    expect(named.get('s2')).toBe(spans[1]);
    expect(spansNamedBy(spans, []).size).toBe(0);
  });
});
