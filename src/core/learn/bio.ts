// Spans of one label ↔ BIO tags over tokens. A token is inside a span when they share a code point, so a
// span that starts or ends inside a word covers that whole word; decoded spans run from the first token's
// start to the last token's end (whole words, as the app's word snapping makes them).
import type { TokenizedText } from './tokens';
import { tokenAtOrAfter } from './tokens';

export const O = 0;
export const B = 1;
export const I = 2;

/**
 * BIO tags of one label's spans. Overlapping spans of the label become their union (BIO cannot nest, and
 * the agreement measures merge them the same way); a span right after another still starts with B.
 */
export function spansToTags(t: TokenizedText, spans: readonly { start: number; end: number }[]): Uint8Array {
  const n = t.words.length;
  const tags = new Uint8Array(n);
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  let lastEnd = -1;
  let lastToken = -1;
  for (const s of sorted) {
    let from = tokenAtOrAfter(t, s.start);
    if (from >= n || t.starts[from] >= s.end) continue;
    const overlapsPrevious = s.start < lastEnd;
    if (overlapsPrevious && from <= lastToken) from = lastToken + 1;
    let k = from;
    while (k < n && t.starts[k] < s.end) {
      tags[k] = k === from && !overlapsPrevious ? B : I;
      k++;
    }
    if (k - 1 > lastToken) lastToken = k - 1;
    lastEnd = Math.max(lastEnd, s.end);
  }
  return tags;
}

/** Spans (code points) of a tag sequence; an I without a B before it starts a span too. */
export function tagsToSpans(t: TokenizedText, tags: ArrayLike<number>): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let open = -1;
  for (let k = 0; k <= tags.length; k++) {
    const tag = k < tags.length ? tags[k] : O;
    if (open >= 0 && tag !== I) {
      out.push({ start: t.starts[open], end: t.ends[k - 1] });
      open = -1;
    }
    if (tag === B || (tag === I && open < 0)) open = k;
  }
  return out;
}
