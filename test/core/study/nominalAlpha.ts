// An independent α to check the exported reliability data against: written from the definition, sharing no
// code with src/core/agreement.

/**
 * Krippendorff's α for nominal data, written out plainly from the coincidence matrix (Krippendorff 2011,
 * "Computing Krippendorff's alpha-reliability"): for each unit with m_u ≥ 2 values, every ordered pair of values
 * from different coders adds 1/(m_u − 1) to o[c][k]; n_c = Σ_k o[c][k], n = Σ n_c;
 * α = 1 − (n − 1) · Σ_{c≠k} o[c][k] / Σ_{c≠k} n_c · n_k.
 */
export function nominalAlpha(units: (string | null)[][]): number | null {
  const o = new Map<string, Map<string, number>>();
  const add = (c: string, k: string, w: number) => {
    if (!o.has(c)) o.set(c, new Map());
    o.get(c)!.set(k, (o.get(c)!.get(k) ?? 0) + w);
  };
  for (const values of units) {
    const present = values.filter((v): v is string => v !== null);
    const m = present.length;
    if (m < 2) continue;
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) if (i !== j) add(present[i], present[j], 1 / (m - 1));
  }
  const cats = [...o.keys()];
  const nc = new Map(cats.map((c) => [c, [...o.get(c)!.values()].reduce((a, b) => a + b, 0)]));
  const n = [...nc.values()].reduce((a, b) => a + b, 0);
  let observed = 0;
  let expected = 0;
  for (const c of cats)
    for (const k of cats) {
      if (c === k) continue;
      observed += o.get(c)?.get(k) ?? 0;
      expected += nc.get(c)! * nc.get(k)!;
    }
  if (expected === 0) return null;
  return 1 - ((n - 1) * observed) / expected;
}
