// Where relation arcs run, from measured boxes only (no DOM here): an arc never crosses a line of text.
// Ends on one line are joined in the gap above that line; ends on neighbouring lines through the gap between
// them; ends farther apart leave into a gap, run down a lane in the margin beside the text (the side nearer
// the ends, so right-to-left text uses the right margin) and come back through the gap next to the other end.
// Arcs sharing a gap are stacked on levels by interval colouring, so overlapping or nested arcs stay apart;
// margin lanes are coloured the same way.

/** The first line box of a span, relative to the text column (x from its left edge). */
export interface EndBox {
  x: number;
  top: number;
  bottom: number;
}

export interface ArcInput {
  key: string;
  from: EndBox;
  to: EndBox;
}

export interface Point {
  x: number;
  y: number;
}

export interface ArcRoute {
  key: string;
  /** From the source end to the target end. */
  points: Point[];
  /** Where the type is written: the middle of the route's longest run through a gap. */
  label: Point;
  /** The runs through gaps, where a label may go. */
  runs: [Point, Point][];
}

export interface RouteOptions {
  /** Width of the text column. */
  width: number;
  /** Height of the gap between two lines' text (line height minus the text's own height). */
  gap: number;
  /** Distance between stacked levels in a gap and between margin lanes. */
  step?: number;
}

interface Segment {
  arc: number;
  gapKey: number;
  /** Top of the text under the gap. */
  floor: number;
  x1: number;
  x2: number;
  level: number;
}

const SAME_LINE = 4;

/** Interval colouring: each item the lowest level not used by an overlapping item already placed. */
function levelsOf(intervals: readonly (readonly [number, number])[], pad: number): number[] {
  const placed: { lo: number; hi: number; level: number }[] = [];
  return intervals.map(([lo, hi]) => {
    const a = lo - pad;
    const b = hi + pad;
    const used = new Set(placed.filter((p) => p.lo < b && a < p.hi).map((p) => p.level));
    let level = 0;
    while (used.has(level)) level++;
    placed.push({ lo: a, hi: b, level });
    return level;
  });
}

/** From one end to the run at height `y`, along it, and to the other end: an arc within one gap. */
function bridge(x1: number, y1: number, x2: number, y2: number, y: number): Point[] {
  return [
    { x: x1, y: y1 },
    { x: x1, y },
    { x: x2, y },
    { x: x2, y: y2 },
  ];
}

export function routeArcs(arcs: readonly ArcInput[], opts: RouteOptions): ArcRoute[] {
  const step = opts.step ?? 4;
  const gap = Math.max(opts.gap, step * 2);
  const levels = Math.max(1, Math.floor((gap - 2) / step));
  const pad = 3;
  const segments: Segment[] = [];
  const lanes: { arc: number; lo: number; hi: number; side: 'left' | 'right'; lane: number }[] = [];
  const plans: { upper: EndBox; lower: EndBox; reversed: boolean; kind: 'line' | 'next' | 'margin' }[] = [];
  // Gaps are told apart by the text under them; ends measured a pixel apart share one.
  const floors: number[] = [];
  const gapKeyOf = (floor: number) => {
    let k = floors.findIndex((f) => Math.abs(f - floor) < SAME_LINE);
    if (k < 0) k = floors.push(floor) - 1;
    return k;
  };
  const seg = (arc: number, floor: number, xa: number, xb: number) =>
    segments.push({ arc, gapKey: gapKeyOf(floor), floor, x1: Math.min(xa, xb), x2: Math.max(xa, xb), level: 0 });

  arcs.forEach((a, i) => {
    const sameLine = Math.abs(a.from.top - a.to.top) < SAME_LINE;
    const reversed = !sameLine && a.from.top > a.to.top;
    const upper = reversed ? a.to : a.from;
    const lower = reversed ? a.from : a.to;
    if (sameLine) {
      plans.push({ upper, lower, reversed: false, kind: 'line' });
      seg(i, a.from.top, a.from.x, a.to.x);
      return;
    }
    // neighbouring lines: the lower line's gap is the one right under the upper end
    if (lower.top - upper.bottom < gap * 1.5) {
      plans.push({ upper, lower, reversed, kind: 'next' });
      seg(i, lower.top, upper.x, lower.x);
      return;
    }
    const side = (upper.x + lower.x) / 2 <= opts.width / 2 ? 'left' : 'right';
    const edge = side === 'left' ? 0 : opts.width;
    plans.push({ upper, lower, reversed, kind: 'margin' });
    seg(i, upper.bottom + gap, upper.x, edge);
    seg(i, lower.top, edge, lower.x);
    lanes.push({ arc: i, lo: upper.bottom, hi: lower.top, side, lane: 0 });
  });

  // Shorter runs nearer the text, so a run nested inside another sits under it.
  const byGap = new Map<number, Segment[]>();
  for (const s of segments) byGap.set(s.gapKey, [...(byGap.get(s.gapKey) ?? []), s]);
  for (const list of byGap.values()) {
    list.sort((p, q) => p.x2 - p.x1 - (q.x2 - q.x1) || p.x1 - q.x1);
    const at = levelsOf(
      list.map((s) => [s.x1, s.x2]),
      pad,
    );
    for (const [k, s] of list.entries()) s.level = at[k];
  }
  for (const side of ['left', 'right'] as const) {
    const list = lanes.filter((l) => l.side === side).sort((p, q) => p.hi - p.lo - (q.hi - q.lo));
    const at = levelsOf(
      list.map((l) => [l.lo, l.hi]),
      pad,
    );
    for (const [k, l] of list.entries()) l.lane = at[k];
  }

  // Level 0 runs just over the text under the gap, each further level one step higher.
  const yOf = (s: Segment) => s.floor - 2 - Math.min(s.level, levels - 1) * step;
  return arcs.map((a, i) => {
    const plan = plans[i];
    const mine = segments.filter((s) => s.arc === i);
    let points: Point[];
    if (plan.kind === 'line') points = bridge(a.from.x, a.from.top, a.to.x, a.to.top, yOf(mine[0]));
    else if (plan.kind === 'next')
      points = bridge(plan.upper.x, plan.upper.bottom, plan.lower.x, plan.lower.top, yOf(mine[0]));
    else {
      const lane = lanes.find((l) => l.arc === i)!;
      const x = lane.side === 'left' ? -6 - lane.lane * step : opts.width + 6 + lane.lane * step;
      const y1 = yOf(mine[0]);
      const y2 = yOf(mine[1]);
      points = [
        { x: plan.upper.x, y: plan.upper.bottom },
        { x: plan.upper.x, y: y1 },
        { x, y: y1 },
        { x, y: y2 },
        { x: plan.lower.x, y: y2 },
        { x: plan.lower.x, y: plan.lower.top },
      ];
    }
    if (plan.reversed) points.reverse();
    const runs: [Point, Point][] = [];
    for (let k = 0; k + 1 < points.length; k++)
      if (points[k].y === points[k + 1].y) runs.push([points[k], points[k + 1]]);
    runs.sort((p, q) => Math.abs(q[1].x - q[0].x) - Math.abs(p[1].x - p[0].x));
    const [p, q] = runs[0] ?? [points[0], points[0]];
    return { key: a.key, points, label: { x: (p.x + q.x) / 2, y: p.y }, runs };
  });
}

/** An SVG path through the points. */
export function pathOf(points: readonly Point[]): string {
  return points.map((p, i) => `${i ? 'L' : 'M'} ${p.x.toFixed(1)} ${p.y.toFixed(1)}`).join(' ');
}

export interface LabelBox {
  key: string;
  width: number;
  height: number;
}

/**
 * Places each label on its route where it covers no label placed before it: the middle of its longest run,
 * else a quarter or three quarters along a run; a label with no free place is left out (null), its type
 * still told by the colour and on hover.
 */
export function placeLabels(
  routes: readonly ArcRoute[],
  sizes: ReadonlyMap<string, LabelBox>,
): Map<string, Point | null> {
  const taken: { x1: number; x2: number; y1: number; y2: number }[] = [];
  const out = new Map<string, Point | null>();
  for (const r of routes) {
    const size = sizes.get(r.key);
    if (!size) continue;
    let spot: Point | null = null;
    for (const [p, q] of r.runs) {
      for (const t of [0.5, 0.25, 0.75, 0.1, 0.9]) {
        const c = { x: p.x + (q.x - p.x) * t, y: p.y };
        const box = {
          x1: c.x - size.width / 2,
          x2: c.x + size.width / 2,
          y1: c.y - size.height / 2,
          y2: c.y + size.height / 2,
        };
        if (taken.every((b) => b.x2 <= box.x1 || box.x2 <= b.x1 || b.y2 <= box.y1 || box.y2 <= b.y1)) {
          spot = c;
          taken.push(box);
          break;
        }
      }
      if (spot) break;
    }
    out.set(r.key, spot);
  }
  return out;
}
