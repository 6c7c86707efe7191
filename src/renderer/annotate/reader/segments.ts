// Layout of a document for display: paragraphs, the decoration sets drawn over them (the annotator's own
// spans, other annotators' layers, and any further set such as model suggestions), span lanes, and runs
// (stretches covered by one set of spans). Offsets here are UTF-16 (JavaScript string indices); the API's
// code points are converted at the edge.
//
// Nothing is computed for the whole document on an edit: a set's spans stay in the record's order (by start),
// so the spans of one paragraph are a binary search away; only the few spans that run past their paragraph
// are listed apart, and that list is updated from the spans that changed. Lanes and runs are computed per
// paragraph, and only for the paragraphs on screen.
import type { Span } from '../../../core/model';
import type { OffsetMap } from '../../../core/offsets';
import { SUGGESTION_PREFIX } from '../../state/modelSlice';
import { spanIdentity } from '../../state/spans';

/** What a decoration set is: the editable layer, a read-only layer of another annotator, or suggestions. */
export type DecorationKind = 'own' | 'layer' | 'suggestion';

/** A list of spans drawn together in one style. The reader draws a list of them; the first is the own layer. */
export interface DecorationSet {
  kind: DecorationKind;
  /** The annotator (or model) whose spans these are. */
  owner?: string;
  /** Sorted by start, as records keep them. */
  spans: readonly Span[];
}

/** A span as the reader draws it: UTF-16 offsets, unclipped to any paragraph. */
export interface SpanView {
  /** The span's identity in its record (see state/spans.ts); "owner/identity" for a span of another set. */
  id: string;
  start: number;
  end: number;
  label: string;
  kind: DecorationKind;
  owner?: string;
  /** Position of its set in the reader's list (0 = own): other layers are told apart by it. */
  set: number;
}

/** A paragraph (a line of the text, split on "\n"), in UTF-16 and in code points. */
export interface ParagraphRange {
  start: number;
  end: number;
  cpStart: number;
  cpEnd: number;
}

/** A stretch of text covered by exactly one set of spans, the unit the reader renders. */
export interface Run {
  start: number;
  end: number;
  /** Covering spans, ordered by lane (own spans first, by lane; then the other sets). */
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

/** The last index i with xs[i] <= v (0 when none). */
function floorIndex(xs: ArrayLike<number>, v: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (xs[mid] <= v) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The first index i with spans[i].start >= cp. */
function firstStartingAt(spans: readonly Span[], cp: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].start < cp) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One set as laid out: its spans, those running past their paragraph, and how many lie outside the text. */
interface SetState {
  set: DecorationSet;
  /** The list the set was given (the record's own array). */
  source: readonly Span[];
  /** The same spans sorted by start (the list itself when it already was). */
  spans: readonly Span[];
  crossing: readonly Span[];
  invalid: number;
}

/** The paragraphs of one text and the views of its spans; built once per text and kept across edits. */
export class TextLayout {
  readonly paragraphs: ParagraphRange[];
  private readonly starts: Int32Array;
  private readonly cpStarts: Int32Array;
  private readonly views = new WeakMap<Span, SpanView | null>();

  constructor(
    readonly text: string,
    readonly map: OffsetMap,
  ) {
    this.paragraphs = paragraphRanges(text).map((p) => ({
      ...p,
      cpStart: map.toCodePoint(p.start),
      cpEnd: map.toCodePoint(p.end),
    }));
    this.starts = Int32Array.from(this.paragraphs, (p) => p.start);
    this.cpStarts = Int32Array.from(this.paragraphs, (p) => p.cpStart);
  }

  /** The paragraph holding UTF-16 offset `o` (the one before, for the "\n" between two). */
  paragraphAt(o: number): number {
    return floorIndex(this.starts, o);
  }

  private paragraphAtCp(cp: number): number {
    return floorIndex(this.cpStarts, cp);
  }

  private valid(s: Span): boolean {
    return s.end > s.start && s.start >= 0 && s.end <= this.map.codePoints;
  }

  /** Runs past the end of the paragraph it starts in. */
  private crosses(s: Span): boolean {
    return this.valid(s) && s.end > this.paragraphs[this.paragraphAtCp(s.start)].cpEnd;
  }

  /** A set laid out from scratch: one pass over its spans. */
  private fresh(set: DecorationSet): SetState {
    let spans = set.spans;
    for (let i = 1; i < spans.length; i++)
      if (spans[i].start < spans[i - 1].start) {
        spans = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
        break;
      }
    const crossing: Span[] = [];
    let invalid = 0;
    for (const s of spans) {
      if (!this.valid(s)) invalid++;
      else if (this.crosses(s)) crossing.push(s);
    }
    return { set, source: set.spans, spans, crossing, invalid };
  }

  /**
   * The set after an edit, from the set before it: the two span lists are walked side by side (objects an
   * edit did not touch are the same objects), and only the spans that changed update the lists apart.
   */
  private next(prev: SetState, set: DecorationSet): SetState {
    const a = prev.spans;
    const b = set.spans;
    for (let k = 1; k < b.length; k++) if (b[k].start < b[k - 1].start) return this.fresh(set);
    const removed = new Set<Span>();
    const added: Span[] = [];
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      if (i < a.length && j < b.length && a[i] === b[j]) {
        i++;
        j++;
        continue;
      }
      if (j >= b.length) {
        removed.add(a[i++]);
        continue;
      }
      if (i >= a.length) {
        added.push(b[j++]);
        continue;
      }
      const order = a[i].start - b[j].start || a[i].end - b[j].end;
      if (order <= 0) removed.add(a[i++]);
      if (order >= 0) added.push(b[j++]);
    }
    let invalid = prev.invalid;
    for (const s of removed) if (!this.valid(s)) invalid--;
    for (const s of added) if (!this.valid(s)) invalid++;
    const gone = prev.crossing.some((s) => removed.has(s));
    const come = added.filter((s) => this.crosses(s));
    const crossing =
      !gone && come.length === 0 ? prev.crossing : [...prev.crossing.filter((s) => !removed.has(s)), ...come];
    return { set, source: b, spans: b, crossing, invalid };
  }

  /** The sets after a change; a set that did not change keeps its state. */
  update(prev: readonly SetState[] | null, sets: readonly DecorationSet[]): SetState[] {
    return sets.map((set, k) => {
      const old = prev?.[k];
      if (old && old.set.kind === set.kind && old.set.owner === set.owner) {
        if (old.source === set.spans) return old.set === set ? old : { ...old, set };
        return this.next(old, set);
      }
      return this.fresh(set);
    });
  }

  private view(s: Span, set: DecorationSet, k: number): SpanView | null {
    const cached = this.views.get(s);
    if (cached !== undefined && (cached === null || cached.set === k)) return cached;
    if (!this.valid(s)) {
      this.views.set(s, null);
      return null;
    }
    const identity = spanIdentity(s);
    const v: SpanView = {
      id:
        set.kind === 'own'
          ? identity
          : set.kind === 'suggestion'
            ? `${SUGGESTION_PREFIX}${identity}`
            : `${set.owner ?? set.kind}/${identity}`,
      start: this.map.toUtf16(s.start),
      end: this.map.toUtf16(s.end),
      label: s.label,
      kind: set.kind,
      ...(set.owner === undefined ? {} : { owner: set.owner }),
      set: k,
    };
    this.views.set(s, v);
    return v;
  }

  /**
   * The spans of every set that touch paragraph `p`, as views. The same span gives the same view object
   * every time, so a paragraph whose spans did not change can tell by identity.
   */
  paragraphViews(states: readonly SetState[], p: number): SpanView[] {
    const para = this.paragraphs[p];
    if (!para) return [];
    const out: SpanView[] = [];
    states.forEach((st, k) => {
      for (const s of st.crossing) {
        // Spans starting in this paragraph come from the slice below.
        if (s.start < para.cpStart && s.end > para.cpStart) {
          const v = this.view(s, st.set, k);
          if (v) out.push(v);
        }
      }
      // A span covering only the "\n" after an empty paragraph still marks it.
      for (let i = firstStartingAt(st.spans, para.cpStart); i < st.spans.length; i++) {
        const s = st.spans[i];
        if (s.start > para.cpEnd || (s.start === para.cpEnd && para.cpEnd > para.cpStart)) break;
        const v = this.view(s, st.set, k);
        if (v) out.push(v);
      }
    });
    return out;
  }

  /** Spans outside the text, counted over every set. */
  static invalid(states: readonly SetState[]): number {
    return states.reduce((n, s) => n + s.invalid, 0);
  }
}

export type { SetState };

/**
 * The text of [start, end) cut at every span boundary; each run lists the spans covering all of it.
 * A sweep over spans sorted by start: O((n + runs) · depth), no per-run scan of all spans.
 */
export function toRuns(start: number, end: number, spans: SpanView[], lanes?: Map<SpanView, number>): Run[] {
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
  const lane = (s: SpanView) => (s.kind === 'own' ? 0 : 1000 * s.set) + (lanes?.get(s) ?? 0);
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
    runs.push({ start: a, end: b, spans: [...active].sort((x, y) => lane(x) - lane(y)) });
  }
  return runs;
}

/** Underline depths of a paragraph's own spans (clipped to it), so overlapping spans never share one. */
export function paragraphLanes(start: number, end: number, spans: SpanView[]): Map<SpanView, number> {
  const own = spans.filter((s) => s.kind === 'own' && s.end > start && s.start < end);
  const lanes = assignLanes(own.map((s) => ({ start: Math.max(s.start, start), end: Math.min(s.end, end) })));
  return new Map(own.map((s, i) => [s, lanes[i]]));
}

/** The innermost (shortest) covering span gives a run its background; ties go to the deepest lane. */
export function innermost(spans: SpanView[], lanes?: Map<SpanView, number>): SpanView | null {
  let best: SpanView | null = null;
  for (const s of spans) {
    if (
      !best ||
      s.end - s.start < best.end - best.start ||
      (s.end - s.start === best.end - best.start && (lanes?.get(s) ?? 0) > (lanes?.get(best) ?? 0))
    )
      best = s;
  }
  return best;
}
