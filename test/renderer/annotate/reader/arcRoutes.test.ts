// Connector routes between relation ends, from boxes alone: never through a line of text, stacked apart in a
// shared gap, through the nearer margin when the ends are lines apart, and labels that do not cover each other.
import { describe, expect, it } from 'vitest';
import { type ArcInput, placeLabels, routeArcs } from '../../../../src/renderer/annotate/reader/arcRoutes';

// Lines of text 20px high every 40px: line n's text is [40n, 40n + 20), the gap above it [40n − 20, 40n).
const box = (line: number, x: number) => ({ x, top: 40 * line, bottom: 40 * line + 20 });
const opts = { width: 600, gap: 20 };
const textLines = (upTo: number) => Array.from({ length: upTo + 1 }, (_, n) => [40 * n, 40 * n + 20] as const);

/** Every point of every straight piece stays out of the text, but for the ends' own vertical stubs. */
function crossesText(points: { x: number; y: number }[], lines: readonly (readonly [number, number])[]) {
  for (let k = 1; k + 2 < points.length; k++) {
    const p = points[k];
    const q = points[k + 1];
    const lo = Math.min(p.y, q.y);
    const hi = Math.max(p.y, q.y);
    if (lines.some(([t, b]) => lo < b && t < hi && !(p.x < 0 || p.x > opts.width))) return true;
  }
  return false;
}

describe('routeArcs', () => {
  it('joins ends on one line in the gap above it, nested arcs on higher levels, none crossing text', () => {
    const arcs: ArcInput[] = [
      { key: 'wide', from: box(2, 50), to: box(2, 400) },
      { key: 'inner', from: box(2, 100), to: box(2, 200) },
      { key: 'twin', from: box(2, 100), to: box(2, 200) },
    ];
    const routes = routeArcs(arcs, opts);
    const level = (key: string) => routes.find((r) => r.key === key)!.points[1].y;
    for (const r of routes) {
      expect(r.points[0]).toEqual({ x: arcs.find((a) => a.key === r.key)!.from.x, y: 80 });
      expect(r.points.at(-1)!.y).toBe(80);
      for (const p of r.points) expect(p.y).toBeGreaterThan(60 - 1e-9);
      expect(crossesText(r.points, textLines(3))).toBe(false);
    }
    // the shorter run sits nearest the text; an identical one is stacked, not drawn over it
    expect(level('inner')).toBe(78);
    expect(level('twin')).toBe(74);
    expect(level('wide')).toBe(70);
  });

  it('goes through the gap between neighbouring lines, and through a margin lane for lines further apart', () => {
    const routes = routeArcs(
      [
        { key: 'next', from: box(1, 300), to: box(2, 100) },
        { key: 'far-left', from: box(0, 100), to: box(4, 150) },
        { key: 'far-left-2', from: box(1, 200), to: box(3, 120) },
        { key: 'far-right', from: box(5, 550), to: box(1, 500) },
      ],
      opts,
    );
    const get = (k: string) => routes.find((r) => r.key === k)!;
    const next = get('next').points;
    expect(next.map((p) => p.y)).toEqual([60, next[1].y, next[1].y, 80]);
    expect(next[1].y).toBeGreaterThan(60);
    expect(next[1].y).toBeLessThan(80);
    // far-left-2 leaves line 1 through the same gap, over the same stretch: another level
    expect(get('far-left-2').points[1].y).not.toBe(next[1].y);
    const left = get('far-left').points;
    expect(left[2].x).toBeLessThan(0);
    expect(get('far-left-2').points[2].x).toBeLessThan(0);
    expect(get('far-left-2').points[2].x).not.toBe(left[2].x);
    // the source is the lower end here: the route runs from it, and its lane is in the right margin
    const right = get('far-right').points;
    expect(right[0]).toEqual({ x: 550, y: 200 });
    expect(right.at(-1)).toEqual({ x: 500, y: 60 });
    expect(right[2].x).toBeGreaterThan(600);
    for (const r of routes) expect(crossesText(r.points, textLines(5))).toBe(false);
  });

  it('places labels where they cover no other, and leaves out one with no free place', () => {
    const routes = routeArcs(
      [
        { key: 'a', from: box(1, 100), to: box(1, 140) },
        { key: 'b', from: box(1, 100), to: box(1, 140) },
        { key: 'c', from: box(1, 100), to: box(1, 140) },
      ],
      opts,
    );
    const sizes = new Map(['a', 'b', 'c'].map((key) => [key, { key, width: 30, height: 11 }]));
    const spots = placeLabels(routes, sizes);
    expect(spots.get('a')).toEqual({ x: 120, y: 38 });
    // b's run is 4px above a's: every place on it would cover a's label
    expect(spots.get('b')).toBeNull();
    expect(spots.get('c')).toBeNull();
  });
});
