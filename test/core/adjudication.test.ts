import { describe, expect, it } from 'vitest';
import {
  applyDecisions,
  isDecided,
  isDocLabelDecided,
  reasonCounts,
  unanimousDocLabels,
  unanimousSpans,
} from '../../src/core/adjudication';
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
    const { spans } = applyDecisions({ spans: [{ start: 0, end: 5, label: 'X' }] }, [
      decision('accept', [10, 15, 'Y']),
      decision('reject', [0, 5, 'X']),
      decision('edit', [20, 27, 'Z'], { replaces: [{ start: 20, end: 25, label: 'Z' }] }),
    ]);
    expect(spans.map(({ start, end, label }) => ({ start, end, label }))).toEqual([
      { start: 10, end: 15, label: 'Y' },
      { start: 20, end: 27, label: 'Z' },
    ]);
  });

  it('names the gold spans each decision made or removed by id', () => {
    const gold = { spans: [{ id: 's1', start: 0, end: 5, label: 'X' }] };
    const { spans, decisions } = applyDecisions(gold, [
      decision('accept', [10, 15, 'Y']),
      decision('reject', [0, 5, 'X']),
      decision('reject', [30, 35, 'X']),
    ]);
    expect(spans).toEqual([{ id: 's2', start: 10, end: 15, label: 'Y' }]);
    expect(decisions.map((d) => d.span)).toEqual([
      { id: 's2', start: 10, end: 15, label: 'Y' },
      { id: 's1', start: 0, end: 5, label: 'X' },
      { start: 30, end: 35, label: 'X' },
    ]);
  });

  it('keeps a gold span’s id and note through an edit, and never reuses an id a decision names', () => {
    const gold = {
      spans: [{ id: 's1', start: 0, end: 5, label: 'X', note: 'check' }],
      decisions: [decision('reject', [40, 45, 'X'], { span: { id: 's7', start: 40, end: 45, label: 'X' } })],
    };
    const { spans, decisions } = applyDecisions(gold, [
      decision('edit', [0, 8, 'Y'], { replaces: [{ start: 0, end: 5, label: 'X' }] }),
      decision('accept', [20, 25, 'X']),
    ]);
    expect(spans).toEqual([
      { id: 's1', start: 0, end: 8, label: 'Y', note: 'check' },
      { id: 's8', start: 20, end: 25, label: 'X' },
    ]);
    expect(decisions[0].replaces).toEqual([{ id: 's1', start: 0, end: 5, label: 'X' }]);
  });

  it('finds a span by the id a decision names, and a merge keeps the first replaced span’s id', () => {
    const gold = {
      spans: [
        { id: 'T1', start: 0, end: 5, label: 'X' },
        { id: 'T2', start: 6, end: 9, label: 'X' },
      ],
    };
    const merged = applyDecisions(gold, [
      decision('merge', [0, 9, 'X'], {
        replaces: [
          { id: 'T2', start: 0, end: 0, label: 'stale position' },
          { start: 0, end: 5, label: 'X' },
        ],
      }),
    ]);
    expect(merged.spans).toEqual([{ id: 'T2', start: 0, end: 9, label: 'X' }]);
    expect(merged.decisions[0].replaces?.map((r) => r.id)).toEqual(['T2', 'T1']);
  });

  it('ignores an id sent with an accepted span: gold decides its ids', () => {
    const { spans } = applyDecisions({ spans: [{ id: 's1', start: 0, end: 5, label: 'X' }] }, [
      decision('accept', [10, 15, 'Y'], { span: { id: 's1', start: 10, end: 15, label: 'Y' } }),
    ]);
    expect(spans.map((s) => s.id)).toEqual(['s1', 's2']);
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

describe('unanimousDocLabels', () => {
  const coded = (
    annotator: string,
    docLabels: AnnotationRecord['docLabels'],
    status: AnnotationRecord['status'] = 'done',
  ) => ({
    ...rec(annotator, [], status),
    docLabels,
  });
  const records = [
    coded('a', { Stance: 'supportive', Frames: ['Economic', 'Political'] }),
    coded('b', { Stance: 'supportive', Frames: ['Political', 'Economic'] }),
    coded('c', { Stance: 'neutral', Frames: ['Political', 'Economic'] }),
    coded('d', { Stance: 'critical' }, 'todo'),
    coded('gold', { Stance: 'critical' }),
  ];

  it('keeps a group every counted annotator gave the same value (a list in any order); todo and gold do not count', () => {
    expect(unanimousDocLabels(records)).toEqual([
      { group: 'Frames', value: ['Economic', 'Political'], sources: ['a', 'b', 'c'] },
    ]);
  });

  it('with min 2 also takes a value two of them gave, but never when two values reach it', () => {
    expect(unanimousDocLabels(records, 2).map((u) => [u.group, u.value])).toEqual([
      ['Frames', ['Economic', 'Political']],
      ['Stance', 'supportive'],
    ]);
    const split = [coded('a', { Stance: 'supportive' }), coded('b', { Stance: 'neutral' })];
    expect(unanimousDocLabels(split, 1)).toEqual([]);
  });

  it('needs every annotator to have coded the group (one who left it empty breaks unanimity)', () => {
    expect(unanimousDocLabels([coded('a', { Stance: 'neutral' }), coded('b', {})])).toEqual([]);
  });

  it('knows a group gold has settled', () => {
    expect(isDocLabelDecided(null, 'Stance')).toBe(false);
    expect(isDocLabelDecided({ docLabels: { Stance: 'neutral' } }, 'Stance')).toBe(true);
    expect(
      isDocLabelDecided(
        {
          docLabels: {},
          docLabelDecisions: [{ group: 'Stance', value: null, sources: [], by: 'l', reason: 'other', at: '' }],
        },
        'Stance',
      ),
    ).toBe(true);
    expect(isDocLabelDecided({ docLabels: { Frames: ['Economic'] } }, 'Stance')).toBe(false);
  });
});
