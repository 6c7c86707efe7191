import { describe, expect, it } from 'vitest';
import { applyDecisions, isDecided, reasonCounts, unanimousSpans } from '../../src/core/adjudication';
import type { AnnotationRecord, GoldDecision } from '../../src/core/model';

const rec = (
  annotator: string,
  spans: [number, number, string][],
  status: AnnotationRecord['status'] = 'done',
): AnnotationRecord => ({
  document: 'd',
  annotator,
  textHash: 'sha256:x',
  codebookVersion: 1,
  status,
  spans: spans.map(([start, end, label]) => ({ start, end, label })),
  docLabels: {},
  updatedAt: '',
});

const decision = (
  action: GoldDecision['action'],
  span: [number, number, string],
  extra: Partial<GoldDecision> = {},
): GoldDecision => ({
  action,
  span: { start: span[0], end: span[1], label: span[2] },
  sources: [],
  by: 'lead',
  reason: 'other',
  at: '',
  ...extra,
});

describe('unanimousSpans', () => {
  const records = [
    rec('a', [
      [0, 5, 'X'],
      [10, 15, 'Y'],
      [20, 25, 'Z'],
    ]),
    rec('b', [
      [0, 5, 'X'],
      [10, 15, 'Y'],
      [20, 26, 'Z'],
    ]),
    rec('c', [
      [0, 5, 'X'],
      [10, 15, 'W'],
    ]),
    rec('d', [[30, 35, 'X']], 'todo'),
    rec('gold', [[40, 45, 'X']]),
  ];

  it('keeps only spans every counted annotator marked identically (todo and gold do not count)', () => {
    expect(unanimousSpans(records)).toEqual([{ span: { start: 0, end: 5, label: 'X' }, sources: ['a', 'b', 'c'] }]);
  });

  it('with --min 2 also takes spans two of them agree on', () => {
    expect(unanimousSpans(records, 2).map((u) => [u.span.start, u.span.label, u.sources.join()])).toEqual([
      [0, 'X', 'a,b,c'],
      [10, 'Y', 'a,b'],
    ]);
  });
});

describe('gold decisions', () => {
  it('accept adds, reject removes, edit replaces', () => {
    const spans = applyDecisions(
      [{ start: 0, end: 5, label: 'X' }],
      [
        decision('accept', [10, 15, 'Y']),
        decision('reject', [0, 5, 'X']),
        decision('edit', [20, 27, 'Z'], { replaces: [{ start: 20, end: 25, label: 'Z' }] }),
      ],
    );
    expect(spans).toEqual([
      { start: 10, end: 15, label: 'Y' },
      { start: 20, end: 27, label: 'Z' },
    ]);
  });

  it('remembers rejected and replaced spans as decided, so they are not re-added', () => {
    const gold = {
      spans: [],
      decisions: [
        decision('reject', [0, 5, 'X']),
        decision('edit', [1, 6, 'X'], { replaces: [{ start: 2, end: 6, label: 'X' }] }),
      ],
    };
    expect(isDecided(gold, { start: 0, end: 5, label: 'X' })).toBe(true);
    expect(isDecided(gold, { start: 2, end: 6, label: 'X' })).toBe(true);
    expect(isDecided(gold, { start: 0, end: 5, label: 'Y' })).toBe(false);
  });

  it('counts reasons per label', () => {
    const g = rec('gold', []);
    g.decisions = [
      decision('reject', [0, 5, 'X'], { reason: 'coder-error' }),
      decision('accept', [0, 5, 'X'], { reason: 'coder-error' }),
    ];
    expect(reasonCounts([g])).toEqual({ X: { 'coder-error': 2 } });
  });
});
