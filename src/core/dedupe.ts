// Near-duplicate detection for imports: MinHash signatures of word 5-shingles, banded (LSH) so a
// large corpus is compared in about linear time. Exact duplicates are found by text hash elsewhere.

const PERMUTATIONS = 64;
const BANDS = 16;
const ROWS = PERMUTATIONS / BANDS;
const SHINGLE = 5;

/** A document's compact fingerprint; two signatures estimate the Jaccard similarity of their texts. */
export type Signature = Uint32Array;

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function mix(h: number, i: number): number {
  let x = (h ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

// Per-permutation constants (odd multipliers), fixed so signatures are stable across runs and machines.
const SEEDS = new Uint32Array(PERMUTATIONS);
const MULTS = new Uint32Array(PERMUTATIONS);
for (let i = 0; i < PERMUTATIONS; i++) {
  SEEDS[i] = mix(0x9e3779b9, i * 2);
  MULTS[i] = mix(0x85ebca6b, i * 2 + 1) | 1;
}

/** The MinHash signature of a text (case and punctuation ignored). */
export function signature(text: string): Signature {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const wordHashes = new Uint32Array(words.length);
  for (let w = 0; w < words.length; w++) wordHashes[w] = fnv1a(words[w]);
  // Each shingle of 5 words hashed once (from its words' hashes), repeats dropped (sorted, then skipped); then one
  // multiply per permutation. Typed arrays and plain loops: a Set of numbers costs several times as much.
  const n = Math.max(1, words.length - SHINGLE + 1);
  const shingles = new Uint32Array(n);
  for (let s = 0; s < n; s++) {
    let h = 0x811c9dc5;
    const end = Math.min(s + SHINGLE, words.length);
    for (let k = s; k < end; k++) h = Math.imul(h ^ wordHashes[k], 0x01000193);
    shingles[s] = mix(h >>> 0, 0);
  }
  shingles.sort();
  const sig = new Uint32Array(PERMUTATIONS).fill(0xffffffff);
  for (let i = 0; i < PERMUTATIONS; i++) {
    const seed = SEEDS[i];
    const mult = MULTS[i];
    let min = 0xffffffff;
    for (let s = 0; s < n; s++) {
      if (s > 0 && shingles[s] === shingles[s - 1]) continue;
      const v = Math.imul(shingles[s] ^ seed, mult) >>> 0;
      if (v < min) min = v;
    }
    sig[i] = min;
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
  private readonly buckets = new Map<string, string[]>();
  private readonly signatures = new Map<string, Signature>();

  constructor(private readonly threshold = 0.8) {}

  /** Adds a document; returns the most similar earlier one at or above the threshold. */
  add(id: string, sig: Signature): { id: string; similarity: number } | null {
    let best: { id: string; similarity: number } | null = null;
    const seen = new Set<string>();
    for (let band = 0; band < BANDS; band++) {
      const key = `${band}:${Array.from(sig.subarray(band * ROWS, (band + 1) * ROWS)).join(',')}`;
      const bucket = this.buckets.get(key);
      if (bucket) {
        for (const other of bucket) {
          if (seen.has(other)) continue;
          seen.add(other);
          const s = similarity(sig, this.signatures.get(other)!);
          if (s >= this.threshold && (!best || s > best.similarity)) best = { id: other, similarity: s };
        }
        bucket.push(id);
      } else this.buckets.set(key, [id]);
    }
    this.signatures.set(id, sig);
    return best;
  }
}
