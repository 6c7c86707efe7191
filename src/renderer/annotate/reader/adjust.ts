// Moving a span's start or end by one word (or grapheme) from the keyboard, in UTF-16 offsets.
import { type SelectionUnit, segmentAt } from './snap';

const SPACE = /\s/u;

/** Which edge moves and which way (earlier = towards the start of the text). */
export type Edge = 'start' | 'end';

/** The boundary one unit after i: skip white space, then to the end of that word or grapheme. */
function nextBoundary(text: string, i: number, unit: SelectionUnit): number {
  let k = i;
  while (k < text.length && SPACE.test(text[k])) k++;
  if (k >= text.length) return text.length;
  return segmentAt(text, k, unit === 'character' ? 'grapheme' : 'word').end;
}

/** The boundary one unit before i: skip white space back, then to the start of that word or grapheme. */
function prevBoundary(text: string, i: number, unit: SelectionUnit): number {
  let k = i;
  while (k > 0 && SPACE.test(text[k - 1])) k--;
  if (k <= 0) return 0;
  return segmentAt(text, k - 1, unit === 'character' ? 'grapheme' : 'word').start;
}

/**
 * The span [start, end) with one edge moved one unit; white space is never left at either edge and the
 * span never becomes empty. Returns null when the edge cannot move that way.
 */
export function moveEdge(
  text: string,
  span: { start: number; end: number },
  edge: Edge,
  direction: -1 | 1,
  unit: SelectionUnit,
): { start: number; end: number } | null {
  let { start, end } = span;
  if (edge === 'end') {
    if (direction > 0) end = nextBoundary(text, end, unit);
    else {
      end = prevBoundary(text, end, unit);
      while (end > start && SPACE.test(text[end - 1])) end--;
    }
  } else if (direction < 0) start = prevBoundary(text, start, unit);
  else {
    start = nextBoundary(text, start, unit);
    while (start < end && SPACE.test(text[start])) start++;
  }
  if (end <= start || (start === span.start && end === span.end)) return null;
  return { start, end };
}

/**
 * Dragging an edge to UTF-16 offset `to`: the edge lands on the nearest word (grapheme) boundary
 * there, white space is trimmed, and a drag past the other edge or to the same place does nothing (null).
 */
export function dragEdge(
  text: string,
  span: { start: number; end: number },
  edge: Edge,
  to: number,
  unit: SelectionUnit,
): { start: number; end: number } | null {
  const g = unit === 'character' ? 'grapheme' : 'word';
  const o = Math.max(0, Math.min(to, text.length));
  let { start, end } = span;
  if (edge === 'start') {
    let k = o;
    while (k < end && SPACE.test(text[k])) k++;
    if (k >= end) return null;
    start = segmentAt(text, k, g).start;
  } else {
    let k = o;
    while (k > start && SPACE.test(text[k - 1])) k--;
    if (k <= start) return null;
    end = segmentAt(text, k - 1, g).end;
  }
  if (end <= start || (start === span.start && end === span.end)) return null;
  return { start, end };
}
