// A tiny seeded PRNG: bootstrap intervals, dataset splits, assignments and benchmarks are reproducible.

/** Mulberry32, a 32-bit seeded generator: same seed, same draws, in every runtime. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform integer in [0, n) from a generator. */
export function randomIndex(next: () => number, n: number): number {
  return Math.min(n - 1, Math.floor(next() * n));
}
