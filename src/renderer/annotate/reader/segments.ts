// Layout of a document for display: paragraphs, span lanes, and runs (stretches covered by one set of spans).
// Every offset here is UTF-16 (JavaScript string index); the API's code points are converted at the edge.
import type { Span } from '../../../core/model';
import type { OffsetMap } from '../../../core/offsets';
import { SUGGESTION_PREFIX } from '../../state/modelSlice';
import { spanIdentity } from '../../state/spans';

/** A span as the reader draws it: UTF-16 offsets, its colour and the underline lane it sits on. */
export interface SpanView {
  /** The span's identity in its record (see state/spans.ts); "annotator/identity" for another's span. */
  id: string;
  start: number;
  end: number;
  label: string;
  color: string;
  /** Depth of its underline; overlapping spans never share a lane. */
  lane: number;
  /** Set to the other annotator's name for a read-only span of their layer (drawn faded). */
  ghost?: string;
  /** A suggestion of the model's (drawn as a dashed outline; the coder accepts or rejects it). */
  suggestion?: boolean;
}

/** A stretch of text covered by exactly one set of spans, the unit the reader renders. */
export interface Run {
  start: number;
  end: number;
  /** Covering spans, ordered by lane. */
  spans: SpanView[];
}

/** A paragraph (a line of the text, split on "\n") with the spans that touch it. */
export interface ParagraphLayout {
  index: number;
  start: number;
  end: number;
  spans: SpanView[];
}

/** Paragraphs are kept as in the text; the "\n" between them belongs to none. */
export function paragraphRanges(text: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) {
      out.push({ start, end: text.length });
      return out;
    }
    out.push({ start, end: nl });
    start = nl + 1;
  }
}

/** Greedy interval colouring so nested/overlapping spans get distinct underline depths. */
export function assignLanes(spans: Array<{ start: number; end: number }>): number[] {
  const order = spans.map((_, i) => i);
  order.sort((a, b) => spans[a].start - spans[b].start || spans[b].end - spans[a].end);
  const laneEnds: number[] = [];
  const lanes = new Array<number>(spans.length).fill(0);
  for (const i of order) {
    let lane = laneEnds.findIndex((end) => end <= spans[i].start);
    if (lane < 0) lane = laneEnds.length;
    laneEnds[lane] = spans[i].end;
    lanes[i] = lane;
  }
  return lanes;
}

/**
 * Converts a record's code-point spans for display; spans outside the text are counted, not drawn.
 * With a cache (per text), an unchanged span keeps its view object, so paragraphs compare spans by identity.
 */
export function toSpanViews(
  spans: Span[],
  map: OffsetMap,
  colorOf: (label: string) => string,
  cache?: WeakMap<Span, SpanView>,
): { views: SpanView[]; invalid: number } {
  const views: SpanView[] = [];
  const sources: Span[] = [];
  let invalid = 0;
  for (const s of spans) {
    if (!(s.end > s.start) || s.start < 0 || s.end > map.codePoints) {
      invalid++;
      continue;
    }
    const old = cache?.get(s);
    views.push(
      old ?? {
        id: spanIdentity(s),
        start: map.toUtf16(s.start),
        end: map.toUtf16(s.end),
        label: s.label,
        color: colorOf(s.label),
        lane: 0,
      },
    );
    sources.push(s);
  }
  const lanes = assignLanes(views);
  for (let i = 0; i < views.length; i++) {
    const color = colorOf(views[i].label);
    if (views[i].lane !== lanes[i] || views[i].color !== color) {
      // A changed view is a new object; the cached one may be shown by a paragraph that has not re-rendered.
      views[i] = { ...views[i], lane: lanes[i], color };
    }
    cache?.set(sources[i], views[i]);
  }
  views.sort((a, b) => a.start - b.start || b.end - a.end || a.lane - b.lane);
  return { views, invalid };
}

/** Adds other annotators' spans (read-only) to the own views, lanes recomputed. */
export function withGhosts(
  own: SpanView[],
  others: Array<{ annotator: string; spans: Span[] }>,
  map: OffsetMap,
  colorOf: (label: string) => string,
): SpanView[] {
  if (others.length === 0) return own;
  const all = [...own];
  for (const o of others)
    for (const v of toSpanViews(o.spans, map, colorOf).views)
      all.push({ ...v, id: `${o.annotator}/${v.id}`, ghost: o.annotator });
  const lanes = assignLanes(all);
  // Views are immutable once made (paragraphs compare them by identity): a new lane is a new object.
  for (let i = 0; i < all.length; i++) if (all[i].lane !== lanes[i]) all[i] = { ...all[i], lane: lanes[i] };
  all.sort((a, b) => a.start - b.start || b.end - a.end || a.lane - b.lane);
  return all;
}

/** Adds the model's open suggestions (dashed, not the coder's) to the views, lanes recomputed. */
export function withSuggestions(
  views: SpanView[],
  suggestions: Array<Span & { id: string }>,
  map: OffsetMap,
  colorOf: (label: string) => string,
): SpanView[] {
  if (suggestions.length === 0) return views;
  const all = [...views];
  for (const v of toSpanViews(suggestions, map, colorOf).views)
    all.push({ ...v, id: `${SUGGESTION_PREFIX}${v.id}`, suggestion: true });
  const lanes = assignLanes(all);
  for (let i = 0; i < all.length; i++) if (all[i].lane !== lanes[i]) all[i] = { ...all[i], lane: lanes[i] };
  all.sort((a, b) => a.start - b.start || b.end - a.end || a.lane - b.lane);
  return all;
}

/** Each paragraph gets only the spans that touch it, so paragraphs can be memoized independently. */
export function layoutParagraphs(text: string, views: SpanView[]): ParagraphLayout[] {
  const paras: ParagraphLayout[] = paragraphRanges(text).map((r, index) => ({ index, ...r, spans: [] }));
  const starts = paras.map((p) => p.start);
  for (const v of views) {
    // Last paragraph starting at or before the span's start (binary search).
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= v.start) lo = mid;
      else hi = mid - 1;
    }
    for (let p = lo; p < paras.length && paras[p].start < v.end; p++) {
      // A span covering only the "\n" after a paragraph does not touch its text.
      if (v.end > paras[p].start && v.start < paras[p].end) paras[p].spans.push(v);
      else if (paras[p].start === paras[p].end && v.start <= paras[p].start && v.end > paras[p].start)
        paras[p].spans.push(v);
    }
  }
  return paras;
}

/**
 * The text of [start, end) cut at every span boundary; each run lists the spans covering all of it.
 * A sweep over spans sorted by start: O((n + runs) · depth), no per-run scan of all spans.
 */
export function toRuns(start: number, end: number, spans: SpanView[]): Run[] {
  if (end <= start) return [];
  const clipped = spans
    .filter((s) => s.end > start && s.start < end)
    .sort((a, b) => Math.max(a.start, start) - Math.max(b.start, start));
  const points = new Set<number>([start, end]);
  for (const s of clipped) {
    points.add(Math.max(s.start, start));
    points.add(Math.min(s.end, end));
  }
  const cuts = [...points].sort((a, b) => a - b);
  const runs: Run[] = [];
  let active: SpanView[] = [];
  let next = 0;
  for (let k = 0; k + 1 < cuts.length; k++) {
    const a = cuts[k];
    const b = cuts[k + 1];
    active = active.filter((s) => s.end > a);
    while (next < clipped.length && Math.max(clipped[next].start, start) <= a) {
      if (clipped[next].end > a) active.push(clipped[next]);
      next++;
    }
    runs.push({ start: a, end: b, spans: [...active].sort((x, y) => x.lane - y.lane) });
  }
  return runs;
}

/** The innermost (shortest) covering span gives a run its background; ties go to the deepest lane. */
export function innermost(spans: SpanView[]): SpanView | null {
  let best: SpanView | null = null;
  for (const s of spans) {
    if (
      !best ||
      s.end - s.start < best.end - best.start ||
      (s.end - s.start === best.end - best.start && s.lane > best.lane)
    )
      best = s;
  }
  return best;
}
