// Small text helpers for showing imported text: always as text nodes, cut by code points.

/** How much of each previewed document the wizard shows. */
const EXCERPT_CHARS = 600;

/** The start of a text, cut on a code point (never inside a surrogate pair), with an ellipsis if cut. */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max).join('')}…`;
}

/** "1 document" / "3 documents". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
