import { describe, expect, it } from 'vitest';
import { OffsetMap } from '../../../../src/core/offsets';
import {
  assignLanes,
  innermost,
  layoutParagraphs,
  paragraphRanges,
  type SpanView,
  toRuns,
  toSpanViews,
} from '../../../../src/renderer/annotate/reader/segments';

const view = (start: number, end: number, label: string, lane = 0): SpanView => ({
  id: `${start}:${end}:${label}`,
  start,
  end,
  label,
  color: '#000000',
  lane,
});

/** Compact form of runs: "start-end:labels". */
const show = (runs: ReturnType<typeof toRuns>) =>
  runs.map((r) => `${r.start}-${r.end}:${r.spans.map((s) => s.label).join('+')}`);

describe('paragraphRanges', () => {
  it('splits on every newline and keeps empty paragraphs', () => {
    expect(paragraphRanges('ab\n\ncd')).toEqual([
      { start: 0, end: 2 },
      { start: 3, end: 3 },
      { start: 4, end: 6 },
    ]);
    expect(paragraphRanges('')).toEqual([{ start: 0, end: 0 }]);
    expect(paragraphRanges('x\n')).toEqual([
      { start: 0, end: 1 },
      { start: 2, end: 2 },
    ]);
  });
});

describe('toRuns', () => {
  it('returns one uncovered run when there are no spans', () => {
    expect(show(toRuns(0, 10, []))).toEqual(['0-10:']);
  });

  it('cuts overlapping spans into three runs with the shared middle covered by both', () => {
    const runs = toRuns(0, 20, [view(2, 10, 'A', 0), view(6, 14, 'B', 1)]);
    expect(show(runs)).toEqual(['0-2:', '2-6:A', '6-10:A+B', '10-14:B', '14-20:']);
  });

  it('keeps a nested span inside its parent, with the parent on both sides', () => {
    const runs = toRuns(0, 12, [view(0, 12, 'Outer', 0), view(4, 8, 'Inner', 1)]);
    expect(show(runs)).toEqual(['0-4:Outer', '4-8:Outer+Inner', '8-12:Outer']);
  });

  it('keeps adjacent spans apart (no run covers both)', () => {
    const runs = toRuns(0, 10, [view(0, 5, 'A'), view(5, 10, 'A')]);
    expect(show(runs)).toEqual(['0-5:A', '5-10:A']);
    expect(runs[0].spans[0].id).not.toBe(runs[1].spans[0].id);
  });

  it('clips spans that start before or end after the range', () => {
    expect(show(toRuns(10, 20, [view(5, 12, 'A'), view(18, 30, 'B'), view(0, 40, 'C', 1)]))).toEqual([
      '10-12:A+C',
      '12-18:C',
      '18-20:B+C',
    ]);
  });

  it('handles identical spans with different labels and many overlaps in order', () => {
    const runs = toRuns(0, 6, [view(1, 5, 'B', 1), view(1, 5, 'A', 0)]);
    expect(show(runs)).toEqual(['0-1:', '1-5:A+B', '5-6:']);
  });

  it('covers the whole range exactly, with no gaps, for a random set of spans', () => {
    const spans: SpanView[] = [];
    for (let i = 0; i < 200; i++) {
      const a = (i * 37) % 500;
      spans.push(view(a, a + 1 + ((i * 13) % 40), `L${i % 5}`));
    }
    const lanes = assignLanes(spans);
    spans.forEach((s, i) => {
      s.lane = lanes[i];
    });
    const runs = toRuns(0, 600, spans);
    expect(runs[0].start).toBe(0);
    expect(runs[runs.length - 1].end).toBe(600);
    for (let i = 1; i < runs.length; i++) expect(runs[i].start).toBe(runs[i - 1].end);
    for (const r of runs) {
      const expected = spans.filter((s) => s.start <= r.start && s.end >= r.end).map((s) => s.id);
      expect(r.spans.map((s) => s.id).sort()).toEqual(expected.sort());
    }
  });
});

describe('assignLanes', () => {
  it('gives overlapping spans distinct lanes and reuses lanes after a span ends', () => {
    const spans = [
      { start: 0, end: 10 },
      { start: 2, end: 6 },
      { start: 4, end: 8 },
      { start: 10, end: 12 },
    ];
    const lanes = assignLanes(spans);
    expect(lanes[0]).toBe(0);
    expect(new Set([lanes[0], lanes[1], lanes[2]]).size).toBe(3);
    expect(lanes[3]).toBe(0);
  });
});

describe('toSpanViews', () => {
  it('converts code points to UTF-16 around an astral emoji and drops spans outside the text', () => {
    const text = 'a😀b cd';
    const { views, invalid } = toSpanViews(
      [
        { start: 2, end: 3, label: 'B' },
        { start: 1, end: 2, label: 'E' },
        { start: 3, end: 99, label: 'X' },
      ],
      new OffsetMap(text),
      () => '#123456',
    );
    expect(invalid).toBe(1);
    expect(views.map((v) => [v.label, v.start, v.end, text.slice(v.start, v.end)])).toEqual([
      ['E', 1, 3, '😀'],
      ['B', 3, 4, 'b'],
    ]);
    expect(views[0].id).toBe('1:2:E');
  });
});

describe('layoutParagraphs', () => {
  it('gives a span crossing a newline to both paragraphs and nothing to untouched ones', () => {
    const text = 'one two\nthree\nfour';
    const spans = [view(4, 11, 'A'), view(14, 18, 'B')];
    const paras = layoutParagraphs(text, spans);
    expect(paras.map((p) => p.spans.map((s) => s.label).join())).toEqual(['A', 'A', 'B']);
    expect(show(toRuns(paras[1].start, paras[1].end, paras[1].spans))).toEqual(['8-11:A', '11-13:']);
  });
});

describe('innermost', () => {
  it('picks the shortest covering span', () => {
    expect(innermost([view(0, 10, 'Outer', 0), view(3, 5, 'Inner', 1)])?.label).toBe('Inner');
    expect(innermost([])).toBeNull();
  });
});

describe('view reuse across edits', () => {
  it('keeps the view objects of unchanged spans, so only touched paragraphs re-render', async () => {
    const { OffsetMap } = await import('../../../../src/core/offsets');
    const { toSpanViews } = await import('../../../../src/renderer/annotate/reader/segments');
    const text = 'one two three\nfour five six';
    const map = new OffsetMap(text);
    const cache = new WeakMap();
    const a = { start: 0, end: 3, label: 'A' };
    const b = { start: 14, end: 18, label: 'B' };
    const first = toSpanViews([a, b], map, () => '#111111', cache).views;
    // A new span over the same word takes lane 1; A keeps lane 0 and its object.
    const c = { start: 0, end: 3, label: 'C' };
    const second = toSpanViews([a, c, b], map, () => '#111111', cache).views;
    expect(second.find((v) => v.id === '14:18:B')).toBe(first.find((v) => v.id === '14:18:B'));
    expect(second.find((v) => v.id === '0:3:A')).toBe(first.find((v) => v.id === '0:3:A'));
    expect(second.find((v) => v.id === '0:3:C')?.lane).toBe(1);
    // A colour change makes a new object.
    const third = toSpanViews([a, c, b], map, (l) => (l === 'B' ? '#222222' : '#111111'), cache).views;
    expect(third.find((v) => v.id === '14:18:B')).not.toBe(first.find((v) => v.id === '14:18:B'));
  });
});
