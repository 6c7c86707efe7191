import { describe, expect, it } from 'vitest';
import {
  fromRecord,
  relationsAt,
  withDocLabel,
  withoutRelation,
  withoutSpan,
  withRelation,
  withSpan,
  withSpanChanged,
  withStatus,
} from '../../../src/renderer/state/record';

const empty = { status: 'todo' as const, spans: [], docLabels: {}, relations: [] };

describe('record edits', () => {
  it('adds spans in sorted order, once, and removes them by identity', () => {
    const a = withSpan(empty, { start: 5, end: 9, label: 'B' });
    const b = withSpan(a, { start: 0, end: 3, label: 'A' });
    expect(b.spans.map((s) => s.label)).toEqual(['A', 'B']);
    expect(withSpan(b, { start: 0, end: 3, label: 'A' })).toBe(b);
    expect(withoutSpan(b, '5:9:B').spans).toEqual([{ start: 0, end: 3, label: 'A' }]);
    expect(withoutSpan(b, '1:2:X')).toBe(b);
  });

  it('clears a doc-label group on null or an empty list', () => {
    const r = withDocLabel(withDocLabel(empty, 'stance', 'pro'), 'frames', ['a']);
    expect(r.docLabels).toEqual({ stance: 'pro', frames: ['a'] });
    expect(withDocLabel(withDocLabel(r, 'stance', null), 'frames', []).docLabels).toEqual({});
  });

  it('moves "to do" to "in progress" on the first edit, but saves a chosen status as chosen', () => {
    expect(withSpan(empty, { start: 0, end: 1, label: 'A' }).status).toBe('in_progress');
    expect(withStatus(empty, 'done').status).toBe('done');
    expect(withStatus(empty, 'todo')).toBe(empty);
    expect(fromRecord(null, 'skipped')).toEqual({ status: 'skipped', spans: [], docLabels: {}, relations: [] });
  });
});

describe('relations in the working record', () => {
  const rec = {
    status: 'in_progress' as const,
    spans: [
      { id: 's1', start: 0, end: 3, label: 'Actor' },
      { id: 's2', start: 5, end: 9, label: 'Blame' },
      { id: 's3', start: 10, end: 14, label: 'Actor' },
    ],
    docLabels: {},
    relations: [],
  };

  it('adds a relation once, removes it, and deleting a span takes its relations in the same edit', () => {
    const one = withRelation(rec, { from: 's2', to: 's1', type: 'blames' });
    const two = withRelation(one, { from: 's2', to: 's3', type: 'blames' });
    expect(withRelation(two, { from: 's2', to: 's1', type: 'blames', note: 'again' })).toBe(two);
    expect(relationsAt(two, 's2')).toHaveLength(2);
    expect(relationsAt(two, 's1')).toEqual([{ from: 's2', to: 's1', type: 'blames' }]);
    const gone = withoutSpan(two, 's1');
    expect(gone.spans.map((s) => s.id)).toEqual(['s2', 's3']);
    expect(gone.relations).toEqual([{ from: 's2', to: 's3', type: 'blames' }]);
    expect(withoutRelation(two, { from: 's2', to: 's3', type: 'blames' }).relations).toEqual(one.relations);
    expect(withoutRelation(two, { from: 's3', to: 's2', type: 'blames' })).toBe(two);
  });
});

describe('changing a span', () => {
  const rec = {
    status: 'todo' as const,
    spans: [
      { start: 0, end: 3, label: 'A' },
      { start: 5, end: 9, label: 'B' },
    ],
    docLabels: {},
    relations: [],
  };

  it('changes a span in place and refuses empty or duplicate results', () => {
    expect(withSpanChanged(rec, '5:9:B', { start: 0, end: 3, label: 'A' })).toBe(rec);
    expect(withSpanChanged(rec, '5:9:B', { start: 5, end: 5, label: 'B' })).toBe(rec);
    expect(withSpanChanged(rec, 'x', { start: 1, end: 2, label: 'B' })).toBe(rec);
    const moved = withSpanChanged(rec, '5:9:B', { start: 0, end: 2, label: 'B' });
    expect(moved.spans.map((s) => `${s.start}:${s.end}:${s.label}`)).toEqual(['0:2:B', '0:3:A']);
    expect(moved.status).toBe('in_progress');
    expect(withSpanChanged(rec, '0:3:A', { start: 0, end: 3, label: 'A', note: '  ' })).toBe(rec);
  });

  it('keeps a stored span’s id through relabel, resize and note, and finds it by that id only', () => {
    const stored = {
      ...rec,
      spans: [
        { id: 's1', start: 0, end: 3, label: 'A' },
        { id: 's2', start: 5, end: 9, label: 'B' },
      ],
    };
    const relabelled = withSpanChanged(stored, 's2', { start: 5, end: 9, label: 'C' });
    expect(relabelled.spans[1]).toEqual({ id: 's2', start: 5, end: 9, label: 'C' });
    const resized = withSpanChanged(relabelled, 's2', { start: 0, end: 2, label: 'C', note: 'why' });
    expect(resized.spans).toEqual([
      { id: 's2', start: 0, end: 2, label: 'C', note: 'why' },
      { id: 's1', start: 0, end: 3, label: 'A' },
    ]);
    // A stored span is known by its id, not by where it sits.
    expect(withoutSpan(resized, '0:3:A')).toBe(resized);
    expect(withoutSpan(resized, 's1').spans.map((s) => s.id)).toEqual(['s2']);
  });
});
