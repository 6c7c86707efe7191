// Tokens for the models: the word segments the app's word snapping uses (Intl.Segmenter, UAX #29), so a
// predicted span covers the same stretch a coder selecting those words would get. The rule is that of
// formats/tokens.ts `wordTokens` (non-space runs of each segment); this version skips its per-character
// regular expression on ASCII text, which dominated training time. Offsets are code points.

/** The tokens of one text: code-point offsets and the token strings. */
export interface TokenizedText {
  starts: Int32Array;
  ends: Int32Array;
  words: string[];
  /** 1 where the white space before the token holds a line break. */
  lineBreakBefore: Uint8Array;
  /** Code points of the whole text. */
  length: number;
}

let segmenter: Intl.Segmenter | null = null;
const SPACE = /\s/;

function isSpace(code: number, ch: string): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return SPACE.test(ch);
}

/** Every non-space word segment, punctuation included (coders' spans may start or end on it). */
export function tokenize(text: string): TokenizedText {
  segmenter ??= new Intl.Segmenter('en', { granularity: 'word' });
  const starts: number[] = [];
  const ends: number[] = [];
  const words: string[] = [];
  const breaks: number[] = [];
  let sawBreak = false;
  // code points before the current segment: UTF-16 index minus the low surrogates passed so far
  let lows = 0;
  let scanned = 0;
  const cpAt = (u16: number): number => {
    for (; scanned < u16; scanned++) {
      const c = text.charCodeAt(scanned);
      if (c >= 0xdc00 && c <= 0xdfff && scanned > 0) {
        const h = text.charCodeAt(scanned - 1);
        if (h >= 0xd800 && h <= 0xdbff) lows++;
      }
    }
    return u16 - lows;
  };
  for (const seg of segmenter.segment(text)) {
    const s = seg.segment;
    let i = 0;
    while (i < s.length) {
      while (i < s.length && isSpace(s.charCodeAt(i), s[i])) {
        const c = s.charCodeAt(i);
        if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) sawBreak = true;
        i++;
      }
      if (i >= s.length) break;
      let j = i;
      while (j < s.length && !isSpace(s.charCodeAt(j), s[j])) j++;
      starts.push(cpAt(seg.index + i));
      ends.push(cpAt(seg.index + j));
      words.push(i === 0 && j === s.length ? s : s.slice(i, j));
      breaks.push(sawBreak ? 1 : 0);
      sawBreak = false;
      i = j;
    }
  }
  return {
    starts: Int32Array.from(starts),
    ends: Int32Array.from(ends),
    words,
    lineBreakBefore: Uint8Array.from(breaks),
    length: cpAt(text.length),
  };
}

export const SENTENCE_END = new Set(['.', '!', '?', '…', '。', '！', '？', '؟', '۔']);

/**
 * Where the taggers cut a text into chunks (sentence ends and line breaks): the first token of each chunk,
 * and n at the end. `keep(i)` may veto a cut before token i (training keeps a gold span in one chunk).
 */
export function chunkStarts(t: TokenizedText, keep?: (i: number) => boolean): number[] {
  const n = t.words.length;
  const out = [0];
  for (let i = 1; i < n; i++) if ((t.lineBreakBefore[i] || SENTENCE_END.has(t.words[i - 1])) && !keep?.(i)) out.push(i);
  out.push(n);
  return n === 0 ? [0] : out;
}

/** Index of the first token whose end is after `offset` (binary search); n when none. */
export function tokenAtOrAfter(t: TokenizedText, offset: number): number {
  let lo = 0;
  let hi = t.ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t.ends[mid] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
