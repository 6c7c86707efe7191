// Half-open code-point intervals [start, end): sorting, de-duplication, union of overlapping ones.

/** A span without its label, [start, end) in code points. */
export type Interval = readonly [number, number];

/** A deterministic order (start, then end) every sweep below relies on. */
export function sortIntervals(list: readonly Interval[]): Interval[] {
  return [...list].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
}

/** Duplicate identical spans of one annotator count once; input must be sorted. */
export function dedupeSorted(sorted: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (!last || last[0] !== s[0] || last[1] !== s[1]) out.push(s);
  }
  return out;
}

/** Spans sharing at least one position become their union; spans that only touch stay apart. Input sorted. */
export function mergeOverlapping(sorted: readonly Interval[]): Interval[] {
  const out: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s < last[1]) {
      if (e > last[1]) last[1] = e;
    } else out.push([s, e]);
  }
  return out;
}
