// Near-duplicate detection for imports: one-permutation MinHash signatures of word 5-shingles with optimal
// densification (Shrivastava, ICML 2017), banded (LSH) so a large corpus is compared in about linear time. Exact
// duplicates are found by text hash elsewhere. One hash per shingle, not one per shingle and permutation: a
// 64-permutation MinHash was most of an import's CPU (10,000 articles of 5 KB: 8 of 14 s in the import thread).

const PERMUTATIONS = 64;
const BIN_BITS = 6;
const BANDS = 16;
const ROWS = PERMUTATIONS / BANDS;
const SHINGLE = 5;
const EMPTY = 0xffffffff;

/** A document's compact fingerprint; two signatures estimate the Jaccard similarity of their texts. */
export type Signature = Uint32Array;

function mix(h: number, i: number): number {
  let x = (h ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

// The bins an empty bin borrows from, tried in this order: the same for every document (which keeps two
// signatures comparable) and fixed, so signatures are stable across runs and machines.
const PROBES = 4 * PERMUTATIONS;
const BORROW = new Uint8Array(PERMUTATIONS * PROBES);
for (let i = 0; i < PERMUTATIONS; i++)
  for (let a = 0; a < PROBES; a++) BORROW[i * PROBES + a] = mix(0x5bd1e995 ^ i, a) >>> (32 - BIN_BITS);

const WORD_CHAR = /^[\p{L}\p{N}]$/u;
/** Non-ASCII characters met so far: their lower case as one UTF-16 unit, -1 (not a word character) or -2 (several units). */
const folded = new Map<number, number>();

function foldChar(c: number): number {
  let f = folded.get(c);
  if (f === undefined) {
    const ch = String.fromCodePoint(c);
    const lower = ch.toLowerCase();
    f = !WORD_CHAR.test(ch) ? -1 : lower.length === 1 ? lower.charCodeAt(0) : -2;
    folded.set(c, f);
  }
  return f;
}

/** The FNV-1a hash of each word (letters and digits, lower case), read in one pass without making strings. */
function wordHashes(text: string): Uint32Array {
  let out = new Uint32Array(Math.max(16, text.length >> 2));
  let count = 0;
  let h = 0x811c9dc5;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    let f: number;
    if (c < 0x80) {
      f = c >= 0x61 && c <= 0x7a ? c : c >= 0x41 && c <= 0x5a ? c | 0x20 : c >= 0x30 && c <= 0x39 ? c : -1;
    } else {
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const low = text.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          c = (c - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
          i++;
        }
      }
      f = foldChar(c);
    }
    if (f === -1) {
      if (inWord) {
        if (count === out.length) {
          const grown = new Uint32Array(out.length * 2);
          grown.set(out);
          out = grown;
        }
        out[count++] = h >>> 0;
        h = 0x811c9dc5;
        inWord = false;
      }
      continue;
    }
    inWord = true;
    if (f === -2) {
      const lower = String.fromCodePoint(c).toLowerCase();
      for (let k = 0; k < lower.length; k++) h = Math.imul(h ^ lower.charCodeAt(k), 0x01000193);
    } else if (f > 0xffff) {
      h = Math.imul(h ^ (((f - 0x10000) >> 10) + 0xd800), 0x01000193);
      h = Math.imul(h ^ (((f - 0x10000) & 0x3ff) + 0xdc00), 0x01000193);
    } else h = Math.imul(h ^ f, 0x01000193);
  }
  if (inWord) {
    if (count === out.length) {
      const grown = new Uint32Array(out.length + 1);
      grown.set(out);
      out = grown;
    }
    out[count++] = h >>> 0;
  }
  return out.subarray(0, count);
}

/** The MinHash signature of a text (case and punctuation ignored). */
export function signature(text: string): Signature {
  const words = wordHashes(text);
  // Each shingle's hash picks its bin (the top bits) and competes for that bin's minimum.
  const bins = new Uint32Array(PERMUTATIONS).fill(EMPTY);
  const n = Math.max(1, words.length - SHINGLE + 1);
  for (let s = 0; s < n; s++) {
    let h = 0x811c9dc5;
    const end = Math.min(s + SHINGLE, words.length);
    for (let k = s; k < end; k++) h = Math.imul(h ^ words[k], 0x01000193);
    const v = mix(h >>> 0, 0);
    const bin = v >>> (32 - BIN_BITS);
    if (v < bins[bin]) bins[bin] = v;
  }
  // A short text leaves bins empty; each takes the value of the first filled bin in its fixed probe order.
  const sig = new Uint32Array(PERMUTATIONS);
  for (let i = 0; i < PERMUTATIONS; i++) {
    if (bins[i] !== EMPTY) {
      sig[i] = bins[i];
      continue;
    }
    let value = EMPTY;
    for (let a = 0; a < PROBES && value === EMPTY; a++) value = bins[BORROW[i * PROBES + a]];
    // Past the fixed probes (rare: a text of a shingle or two), the next filled bin round the ring.
    for (let j = (i + 1) % PERMUTATIONS; value === EMPTY; j = (j + 1) % PERMUTATIONS) value = bins[j];
    sig[i] = value;
  }
  return sig;
}

/** Estimated Jaccard similarity of two texts from their signatures. */
export function similarity(a: Signature, b: Signature): number {
  let same = 0;
  for (let i = 0; i < PERMUTATIONS; i++) if (a[i] === b[i]) same++;
  return same / PERMUTATIONS;
}

/** Collects signatures and answers "which earlier document is this one nearly the same as?". */
export class NearDuplicateIndex {
  // Per band, its rows hashed to one number: two bands that collide only cost a comparison, and a number key
  // costs a fraction of a string one (10,000 articles: seconds of the thread answering the API).
  private readonly buckets = Array.from({ length: BANDS }, () => new Map<number, string[]>());
  private readonly signatures = new Map<string, Signature>();

  constructor(private readonly threshold = 0.8) {}

  /** Adds a document; returns the most similar earlier one at or above the threshold. */
  add(id: string, sig: Signature): { id: string; similarity: number } | null {
    let best: { id: string; similarity: number } | null = null;
    const seen = new Set<string>();
    for (let band = 0; band < BANDS; band++) {
      let key = 0;
      for (let r = band * ROWS; r < (band + 1) * ROWS; r++) key = mix(key ^ sig[r], r);
      const buckets = this.buckets[band];
      const bucket = buckets.get(key);
      if (bucket) {
        for (const other of bucket) {
          if (seen.has(other)) continue;
          seen.add(other);
          const s = similarity(sig, this.signatures.get(other)!);
          if (s >= this.threshold && (!best || s > best.similarity)) best = { id: other, similarity: s };
        }
        bucket.push(id);
      } else buckets.set(key, [id]);
    }
    this.signatures.set(id, sig);
    return best;
  }
}
