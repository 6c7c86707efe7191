// Snapping a raw selection to whole words (or whole graphemes), so spans never cut a word, a surrogate
// pair or a base letter from its combining marks.

/** The project setting that decides how far a selection is widened. */
export type SelectionUnit = 'word' | 'character';

const segmenters = new Map<string, Intl.Segmenter>();

/** Segmenter construction is not free; one per granularity is enough. */
function segmenter(granularity: 'word' | 'grapheme'): Intl.Segmenter {
  let s = segmenters.get(granularity);
  if (!s) {
    s = new Intl.Segmenter(undefined, { granularity });
    segmenters.set(granularity, s);
  }
  return s;
}

/**
 * Makes both segmenters while the browser is idle: the first one made takes tens of milliseconds (its break
 * rules are loaded), which would otherwise fall on the first span coded after the app opens.
 */
export function warmSegmenters(): void {
  for (const g of ['word', 'grapheme'] as const) for (const _ of segmenter(g).segment('a b')) void _;
}

/** The segment holding UTF-16 index i, found within its own line so long texts stay cheap. */
export function segmentAt(text: string, i: number, granularity: 'word' | 'grapheme'): { start: number; end: number } {
  if (text[i] === '\n') return { start: i, end: i + 1 };
  const lineStart = i === 0 ? 0 : text.lastIndexOf('\n', i - 1) + 1;
  let lineEnd = text.indexOf('\n', i);
  if (lineEnd < 0) lineEnd = text.length;
  const seg = segmenter(granularity)
    .segment(text.slice(lineStart, lineEnd))
    .containing(i - lineStart);
  if (!seg) return { start: i, end: i + 1 };
  return { start: lineStart + seg.index, end: lineStart + seg.index + seg.segment.length };
}

const SPACE = /\s/u;

/**
 * One rule for turning what the mouse selected into a span: order and clamp, trim white space,
 * widen to word (or grapheme) boundaries. Returns null for an empty or white-space-only selection.
 */
export function snapRange(
  text: string,
  a: number,
  b: number,
  unit: SelectionUnit,
): { start: number; end: number } | null {
  let start = Math.max(0, Math.min(a, b, text.length));
  let end = Math.min(text.length, Math.max(a, b, 0));
  while (start < end && SPACE.test(text[start])) start++;
  while (end > start && SPACE.test(text[end - 1])) end--;
  if (end <= start) return null;
  const granularity = unit === 'character' ? 'grapheme' : 'word';
  start = segmentAt(text, start, granularity).start;
  end = segmentAt(text, end - 1, granularity).end;
  return end > start ? { start, end } : null;
}
