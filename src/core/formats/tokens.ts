// Tokens and sentences for the token-based formats (CoNLL, WebAnno TSV), from Intl.Segmenter.
// The locale is fixed ("en"; UAX #29 rules are the same for most scripts, Persian included) so the output
// does not depend on the machine. Offsets here are UTF-16 indices; callers convert at their boundary.

/** One token or sentence, as UTF-16 indices into the text. */
export interface Range {
  start: number;
  end: number;
}

let wordSegmenter: Intl.Segmenter | null = null;
let sentenceSegmenter: Intl.Segmenter | null = null;

/**
 * The word tokens of a text: Intl.Segmenter word segments without the whitespace, each further cut
 * at the given positions (span boundaries), so every span covers whole tokens.
 */
export function wordTokens(text: string, cuts: Iterable<number> = []): Range[] {
  wordSegmenter ??= new Intl.Segmenter('en', { granularity: 'word' });
  const cutSet = new Set(cuts);
  const out: Range[] = [];
  for (const seg of wordSegmenter.segment(text)) {
    const s = seg.segment;
    // Split a segment at whitespace (segments are normally all-space or no-space, but be sure).
    let i = 0;
    while (i < s.length) {
      while (i < s.length && /\s/.test(s[i])) i++;
      if (i >= s.length) break;
      let j = i;
      while (j < s.length && !/\s/.test(s[j])) j++;
      let from = seg.index + i;
      const to = seg.index + j;
      for (let k = from + 1; k < to; k++) {
        if (cutSet.has(k) && !isLowSurrogateAt(text, k)) {
          out.push({ start: from, end: k });
          from = k;
        }
      }
      out.push({ start: from, end: to });
      i = j;
    }
  }
  return out;
}

function isLowSurrogateAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Sentence segments of a text (UTF-16 ranges covering the whole text, trailing space included). */
export function sentenceRanges(text: string): Range[] {
  sentenceSegmenter ??= new Intl.Segmenter('en', { granularity: 'sentence' });
  const out: Range[] = [];
  for (const seg of sentenceSegmenter.segment(text))
    out.push({ start: seg.index, end: seg.index + seg.segment.length });
  return out;
}

/**
 * Tokens grouped into sentences such that each sentence starts at its first token and runs to the next
 * sentence's first token (so the text between sentences belongs to the earlier one). Sentences without
 * tokens merge into the previous one.
 */
export function tokenSentences(text: string, tokens: Range[]): Range[][] {
  const sentences = sentenceRanges(text);
  const out: Range[][] = [];
  let si = 0;
  let current: Range[] | null = null;
  let currentSentence = -1;
  for (const t of tokens) {
    while (si < sentences.length - 1 && t.start >= sentences[si].end) si++;
    if (si !== currentSentence || current === null) {
      current = [];
      out.push(current);
      currentSentence = si;
    }
    current.push(t);
  }
  return out;
}
