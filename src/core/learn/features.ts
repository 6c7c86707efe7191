// Feature extraction. Token features (for the span taggers): the word, its lowercase form, prefixes and
// suffixes, its shape (also at a sentence start, and after the previous word), the neighbouring words and
// shapes, and the word bigrams around it. Document features
// (for the document-label models): lowercase word unigrams and bigrams. Every feature is a hashed bucket id.
import { hashString, mix } from './hash';
import { SENTENCE_END, type TokenizedText } from './tokens';

/** Token features per token: ids[offsets[t] .. offsets[t + 1]) are token t's buckets. */
export interface TokenFeatures {
  ids: Int32Array;
  offsets: Int32Array;
}

/** Bits of the hashed feature space (2^bits buckets); the model file records it. */
export const DEFAULT_HASH_BITS = 20;

/** Changes whenever the feature set changes; a model trained with another template is refused. */
export const FEATURE_TEMPLATE = 2;

// One seed per feature template, so "w=apple" and "prev=apple" land in different buckets.
const T = {
  bias: 1,
  lower: 2,
  form: 3,
  pre2: 4,
  pre3: 5,
  suf2: 6,
  suf3: 7,
  shape: 8,
  prev1: 9,
  next1: 10,
  prev2: 11,
  next2: 12,
  prevShape: 13,
  nextShape: 14,
  prevBigram: 15,
  nextBigram: 16,
  around: 17,
  docWord: 18,
  docBigram: 19,
  shapeAfter: 20,
  initialShape: 21,
  shapeTrigram: 22,
} as const;
const TOKEN_FEATURES = 20;

/** Xxxx → "Xx", 1984 → "d", U.S. → "X.X.": runs of one character class collapse to one symbol. */
export function wordShape(word: string): string {
  let out = '';
  let last = '';
  for (const ch of word) {
    let c: string;
    if (/\p{Lu}/u.test(ch)) c = 'X';
    else if (/\p{L}/u.test(ch)) c = 'x';
    else if (/\p{N}/u.test(ch)) c = 'd';
    else c = ch;
    if (c !== last) out += c;
    last = c;
  }
  return out;
}

interface WordInfo {
  lower: number;
  form: number;
  pre2: number;
  pre3: number;
  suf2: number;
  suf3: number;
  shape: number;
}

const BOUNDARY: WordInfo = {
  lower: hashString('\u0002'),
  form: 0,
  pre2: 0,
  pre3: 0,
  suf2: 0,
  suf3: 0,
  shape: hashString('\u0002'),
};

/** Hashes of the parts of a word that do not depend on its context; cached per distinct word. */
export class WordCache {
  private readonly cache = new Map<string, WordInfo>();
  get(word: string): WordInfo {
    let info = this.cache.get(word);
    if (info) return info;
    const lower = word.toLowerCase();
    const cps = [...lower];
    info = {
      lower: hashString(lower),
      form: hashString(word),
      pre2: hashString(cps.slice(0, 2).join('')),
      pre3: hashString(cps.slice(0, 3).join('')),
      suf2: hashString(cps.slice(-2).join('')),
      suf3: hashString(cps.slice(-3).join('')),
      shape: hashString(wordShape(word)),
    };
    if (this.cache.size < 200_000) this.cache.set(word, info);
    return info;
  }
}

function bucket(h: number, bits: number): number {
  return h >>> (32 - bits);
}

/** The token features of a tokenized text, hashed into 2^bits buckets. */
export function tokenFeatures(t: TokenizedText, bits = DEFAULT_HASH_BITS, cache = new WordCache()): TokenFeatures {
  const n = t.words.length;
  const info = t.words.map((w) => cache.get(w));
  const at = (i: number): WordInfo => (i < 0 || i >= n ? BOUNDARY : info[i]);
  const ids = new Int32Array(n * TOKEN_FEATURES);
  const offsets = new Int32Array(n + 1);
  let k = 0;
  for (let i = 0; i < n; i++) {
    offsets[i] = k;
    const w = info[i];
    const p1 = at(i - 1);
    const n1 = at(i + 1);
    const add = (h: number) => {
      ids[k++] = bucket(h, bits);
    };
    add(mix(T.bias, 0));
    add(mix(T.lower, w.lower));
    add(mix(T.form, w.form));
    add(mix(T.pre2, w.pre2));
    add(mix(T.pre3, w.pre3));
    add(mix(T.suf2, w.suf2));
    add(mix(T.suf3, w.suf3));
    add(mix(T.shape, w.shape));
    add(mix(T.prev1, p1.lower));
    add(mix(T.next1, n1.lower));
    add(mix(T.prev2, at(i - 2).lower));
    add(mix(T.next2, at(i + 2).lower));
    add(mix(T.prevShape, p1.shape));
    add(mix(T.nextShape, n1.shape));
    add(mix(mix(T.prevBigram, p1.lower), w.lower));
    add(mix(mix(T.nextBigram, w.lower), n1.lower));
    add(mix(mix(T.around, p1.lower), n1.lower));
    add(mix(mix(T.shapeAfter, p1.lower), w.shape));
    add(mix(T.initialShape, i === 0 || t.lineBreakBefore[i] || SENTENCE_END.has(t.words[i - 1]) ? w.shape : 0));
    add(mix(mix(mix(T.shapeTrigram, p1.shape), w.shape), n1.shape));
  }
  offsets[n] = k;
  return { ids, offsets };
}

const WORDLIKE = /[\p{L}\p{N}]/u;

/**
 * Document features: counts of lowercase word unigrams and of bigrams of adjacent words (tokens without a
 * letter or digit are skipped, and a skipped token breaks a bigram), as bucket → count.
 */
export function documentFeatures(
  t: TokenizedText,
  bits = DEFAULT_HASH_BITS,
  cache = new WordCache(),
): Map<number, number> {
  const counts = new Map<number, number>();
  const add = (h: number) => {
    const b = bucket(h, bits);
    counts.set(b, (counts.get(b) ?? 0) + 1);
  };
  let prev = -1;
  for (const word of t.words) {
    if (!WORDLIKE.test(word)) {
      prev = -1;
      continue;
    }
    const lower = cache.get(word).lower;
    add(mix(T.docWord, lower));
    if (prev !== -1) add(mix(mix(T.docBigram, prev), lower));
    prev = lower;
  }
  return counts;
}
