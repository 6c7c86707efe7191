import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Span } from '../../../../src/core/model';
import { OffsetMap } from '../../../../src/core/offsets';
import { orderSpans } from '../../../../src/core/text';
import {
  assignLanes,
  type DecorationSet,
  innermost,
  paragraphRanges,
  type SpanView,
  TextLayout,
  toRuns,
} from '../../../../src/renderer/annotate/reader/segments';

const view = (start: number, end: number, label: string): SpanView => ({
  id: `${start}:${end}:${label}`,
  start,
  end,
  label,
  kind: 'own',
  set: 0,
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
    const runs = toRuns(0, 20, [view(2, 10, 'A'), view(6, 14, 'B')]);
    expect(show(runs)).toEqual(['0-2:', '2-6:A', '6-10:A+B', '10-14:B', '14-20:']);
  });

  it('keeps a nested span inside its parent, with the parent on both sides', () => {
    const runs = toRuns(0, 12, [view(0, 12, 'Outer'), view(4, 8, 'Inner')]);
    expect(show(runs)).toEqual(['0-4:Outer', '4-8:Outer+Inner', '8-12:Outer']);
  });

  it('keeps adjacent spans apart (no run covers both)', () => {
    const runs = toRuns(0, 10, [view(0, 5, 'A'), view(5, 10, 'A')]);
    expect(show(runs)).toEqual(['0-5:A', '5-10:A']);
    expect(runs[0].spans[0].id).not.toBe(runs[1].spans[0].id);
  });

  it('clips spans that start before or end after the range', () => {
    const c = view(0, 40, 'C');
    const spans = [view(5, 12, 'A'), view(18, 30, 'B'), c];
    expect(show(toRuns(10, 20, spans, new Map([[c, 1]])))).toEqual(['10-12:A+C', '12-18:C', '18-20:B+C']);
  });

  it('handles identical spans with different labels and many overlaps in order', () => {
    const b = view(1, 5, 'B');
    const a = view(1, 5, 'A');
    const runs = toRuns(
      0,
      6,
      [b, a],
      new Map([
        [a, 0],
        [b, 1],
      ]),
    );
    expect(show(runs)).toEqual(['0-1:', '1-5:A+B', '5-6:']);
  });

  it('covers the whole range exactly, with no gaps, for a random set of spans', () => {
    const spans: SpanView[] = [];
    for (let i = 0; i < 200; i++) {
      const a = (i * 37) % 500;
      spans.push(view(a, a + 1 + ((i * 13) % 40), `L${i % 5}`));
    }
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

describe('TextLayout', () => {
  const own = (spans: readonly Span[]): DecorationSet[] => [{ kind: 'own', spans }];
  const labels = (vs: SpanView[]) => vs.map((v) => v.label).join();

  it('converts code points to UTF-16 around an astral emoji and counts spans outside the text', () => {
    const text = 'a😀b cd';
    const layout = new TextLayout(text, new OffsetMap(text));
    const states = layout.update(
      null,
      own([
        { start: 1, end: 2, label: 'E' },
        { start: 2, end: 3, label: 'B' },
        { start: 3, end: 99, label: 'X' },
      ]),
    );
    expect(TextLayout.invalid(states)).toBe(1);
    const views = layout.paragraphViews(states, 0);
    expect(views.map((v) => [v.label, v.start, v.end, text.slice(v.start, v.end)])).toEqual([
      ['E', 1, 3, '😀'],
      ['B', 3, 4, 'b'],
    ]);
    expect(views[0].id).toBe('1:2:E');
  });

  it('gives a span crossing a newline to both paragraphs and nothing to untouched ones', () => {
    const text = 'one two\nthree\nfour';
    const layout = new TextLayout(text, new OffsetMap(text));
    const states = layout.update(
      null,
      own([
        { start: 4, end: 11, label: 'A' },
        { start: 14, end: 18, label: 'B' },
      ]),
    );
    expect([0, 1, 2].map((p) => labels(layout.paragraphViews(states, p)))).toEqual(['A', 'A', 'B']);
    const p1 = layout.paragraphs[1];
    expect(show(toRuns(p1.start, p1.end, layout.paragraphViews(states, 1)))).toEqual(['8-11:A', '11-13:']);
  });

  it('draws other layers after the own spans, named by whose they are', () => {
    const text = 'one two';
    const layout = new TextLayout(text, new OffsetMap(text));
    const states = layout.update(null, [
      { kind: 'own', spans: [{ start: 0, end: 3, label: 'A' }] },
      { kind: 'layer', owner: 'bob', spans: [{ id: 's4', start: 0, end: 7, label: 'B' }] },
    ]);
    const views = layout.paragraphViews(states, 0);
    expect(views.map((v) => [v.id, v.kind, v.owner, v.set])).toEqual([
      ['0:3:A', 'own', undefined, 0],
      ['bob/s4', 'layer', 'bob', 1],
    ]);
  });

  it('keeps the view objects of unchanged spans across an edit, so only touched paragraphs re-render', () => {
    const text = 'one two three\nfour five six';
    const layout = new TextLayout(text, new OffsetMap(text));
    const a = { start: 0, end: 3, label: 'A' };
    const b = { start: 14, end: 18, label: 'B' };
    const first = layout.update(null, own([a, b]));
    const before = [0, 1].map((p) => layout.paragraphViews(first, p));
    const c = { start: 0, end: 3, label: 'C' };
    const second = layout.update(first, own([a, c, b]));
    const after = [0, 1].map((p) => layout.paragraphViews(second, p));
    expect(after[1]).toEqual(before[1]);
    expect(after[1][0]).toBe(before[1][0]);
    expect(after[0][0]).toBe(before[0][0]);
    expect(labels(after[0])).toBe('A,C');
    // An unchanged list keeps its state object.
    const third = layout.update(second, own(second[0].source))[0];
    expect(third.spans).toBe(second[0].spans);
    expect(third.crossing).toBe(second[0].crossing);
  });

  it('after any sequence of edits, lays out exactly as a layout made from scratch', () => {
    const text = Array.from({ length: 12 }, (_, i) => `para ${i} has some words in it`).join('\n');
    const map = new OffsetMap(text);
    const layout = new TextLayout(text, map);
    const span = fc
      .record({
        start: fc.integer({ min: 0, max: text.length + 3 }),
        len: fc.integer({ min: 1, max: 80 }),
        l: fc.constantFrom('A', 'B', 'C'),
      })
      .map(({ start, len, l }) => ({ start, end: start + len, label: l }));
    const edit = fc.oneof(
      fc.record({ add: span }),
      fc.record({ remove: fc.nat() }),
      fc.record({ relabel: fc.nat(), label: fc.constantFrom('A', 'B', 'D') }),
    );
    fc.assert(
      fc.property(fc.array(span, { maxLength: 30 }), fc.array(edit, { maxLength: 20 }), (initial, edits) => {
        let spans: Span[] = orderSpans(initial);
        let states = layout.update(null, own(spans));
        for (const e of edits) {
          if ('add' in e) spans = orderSpans([...spans, e.add]);
          else if ('remove' in e && spans.length) spans = spans.filter((_, i) => i !== e.remove % spans.length);
          else if ('relabel' in e && spans.length) {
            const i = e.relabel % spans.length;
            spans = orderSpans(spans.map((s, k) => (k === i ? { ...s, label: e.label } : s)));
          }
          states = layout.update(states, own(spans));
        }
        const fresh = new TextLayout(text, map);
        const expected = fresh.update(null, own(spans));
        expect(TextLayout.invalid(states)).toBe(TextLayout.invalid(expected));
        for (let p = 0; p < layout.paragraphs.length; p++) {
          const got = layout
            .paragraphViews(states, p)
            .map((v) => v.id)
            .sort();
          const want = fresh
            .paragraphViews(expected, p)
            .map((v) => v.id)
            .sort();
          expect(got).toEqual(want);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('innermost', () => {
  it('picks the shortest covering span', () => {
    expect(innermost([view(0, 10, 'Outer'), view(3, 5, 'Inner')])?.label).toBe('Inner');
    expect(innermost([])).toBeNull();
  });
});
