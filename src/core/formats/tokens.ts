// Tokens and sentences for the token-based formats (CoNLL, WebAnno TSV): the source's own tokens when a
// document kept them, else Intl.Segmenter words and sentences.
// The locale is fixed ("en"; UAX #29 rules are the same for most scripts, Persian included) so the output
// does not depend on the machine. Offsets here are UTF-16 indices; callers convert at their boundary.

import { codePointLength, OffsetMap } from '../offsets';
import type { TokenSentences } from './types';

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
function sentenceRanges(text: string): Range[] {
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
function tokenSentences(text: string, tokens: Range[]): Range[][] {
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

/** One token range (UTF-16) split at the given cut positions that fall strictly inside it. */
export function cutRange(text: string, r: Range, cuts: Set<number>): Range[] {
  const out: Range[] = [];
  let from = r.start;
  for (let k = r.start + 1; k < r.end; k++)
    if (cuts.has(k) && !isLowSurrogateAt(text, k)) {
      out.push({ start: from, end: k });
      from = k;
    }
  out.push({ start: from, end: r.end });
  return out;
}

/**
 * The sentences of tokens an export writes: the source's own tokens when the document kept them (cut only
 * where a span edge falls inside one), else Intl.Segmenter words and sentences. Ranges are UTF-16.
 */
export function layoutTokens(text: string, cuts: Iterable<number>, stored?: TokenSentences): Range[][] {
  if (!stored || !storedTokensFit(text, stored)) return tokenSentences(text, wordTokens(text, cuts));
  const map = new OffsetMap(text);
  const cutSet = new Set(cuts);
  return stored
    .map((sentence) =>
      sentence.flatMap(([s, e]) => cutRange(text, { start: map.toUtf16(s), end: map.toUtf16(e) }, cutSet)),
    )
    .filter((s) => s.length > 0);
}

/** Stored tokens that are ordered, non-empty and inside the text (anything else is ignored, not trusted). */
export function storedTokensFit(text: string, stored: TokenSentences): boolean {
  const n = codePointLength(text);
  let last = 0;
  for (const sentence of stored)
    for (const [s, e] of sentence) {
      if (!(Number.isInteger(s) && Number.isInteger(e) && s >= last && e > s && e <= n)) return false;
      last = e;
    }
  return true;
}
