// α_U and nominal α of a bootstrap resample, from per-document parts computed once.
//
// A resample is a multiplicity per document (w[d] copies of document d). Its α_U continuum is, as the report's,
// the documents in id order, copies side by side. Everything in D_o is local to a document (a unit only meets
// the units and gaps of its own document), so D_o sums per-document parts. D_e needs, per label, the gaps of
// every rater over the whole continuum: the gaps inside a document are fixed, the gap that ends one document
// and the one that starts the next join into one, and a document where a rater marked nothing joins both
// neighbours' gaps; those joins are redone per resample, in O(documents × raters). So one resample costs
// O(units + gaps) instead of rebuilding and sweeping the continuum, and gives the same α_U (to rounding).
import type { Corpus } from './corpus';
import { alphaFromDisagreement, observedPairSum, type RaterUnits } from './unitizing';

/** Nominal α of one resample, or null when it is undefined. */
export type Alpha = number | null;

/**
 * One label's per-document parts, in flat arrays indexed by document d. Units of equal length and gaps in the
 * same bucket are grouped per document, so a resample adds a few numbers per document and label.
 */
interface LabelParts {
  /** Σ over rater pairs of DKPro's segment distances inside the document. */
  observed: Float64Array;
  units: Float64Array;
  /** Σ l(l − 1) over the document's units. */
  squared: Float64Array;
  /** Σ (2l³ − 3l² + l) over the document's units. */
  cubic: Float64Array;
  /** Units of document d: unitBucket/unitCount[unitOff[d] .. unitOff[d + 1]), bucket = index of the length. */
  unitOff: Int32Array;
  unitBucket: Int32Array;
  unitCount: Float64Array;
  /** Gaps between two units of one rater in document d, grouped by bucket (see bucketOf): count and Σ length. */
  gapOff: Int32Array;
  gapBucket: Int32Array;
  gapCount: Float64Array;
  gapSum: Float64Array;
  /** lead/trail[d·R + r]: the gap before rater r's first unit and after its last; −1 when it marked nothing. */
  lead: Float64Array;
  trail: Float64Array;
}

/** Everything a resample's α_U needs, computed once from the corpus. */
export interface PreparedResampling {
  documents: string[];
  lengths: Float64Array;
  raters: number;
  labels: string[];
  parts: LabelParts[];
  /** Per label: its distinct unit lengths, ascending. */
  lengthsOf: Float64Array[];
  /** Per label: bucketOf(lengthsOf, g) for every whole g up to the longest unit (longer gaps: the last bucket). */
  bucketAt: Int32Array[];
  /** Per label and document: whether any rater marked the label there (the documents that carry the figure). */
  marked: Uint8Array[];
}

/** How many of the label's distinct unit lengths are ≤ g: gaps in bucket b are ≥ exactly the first b lengths. */
export function bucketOf(sorted: Float64Array, g: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= g) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Appends a document's (bucket → count, Σ) groups, in bucket order. */
function pushGroups(
  groups: Map<number, [number, number]>,
  bucket: number[],
  count: number[],
  sum: number[] | null,
): void {
  for (const b of [...groups.keys()].sort((x, y) => x - y)) {
    const [n, total] = groups.get(b)!;
    bucket.push(b);
    count.push(n);
    sum?.push(total);
  }
}

/** Splits the α_U of the given documents (in id order) into per-document parts. */
export function prepareResampling(
  c: Corpus,
  documents: readonly string[],
  raters: readonly number[],
): PreparedResampling {
  const R = raters.length;
  const D = documents.length;
  const lengths = Float64Array.from(documents, (d) => c.lengths.get(d) ?? 0);
  const parts: LabelParts[] = [];
  const lengthsOf: Float64Array[] = [];
  const marked: Uint8Array[] = [];
  c.labels.forEach((_, li) => {
    const distinct = new Set<number>();
    const perDoc: RaterUnits[][] = documents.map((d) => {
      const row = c.records.get(d);
      return raters.map((r) => {
        const units: RaterUnits = { begin: [], length: [] };
        for (const [s, e] of row?.[r]?.perLabel[li]?.merged ?? []) {
          units.begin.push(s);
          units.length.push(e - s);
          distinct.add(e - s);
        }
        return units;
      });
    });
    const sorted = Float64Array.from(distinct).sort();
    lengthsOf.push(sorted);
    const observed = new Float64Array(D);
    const unitsOf = new Float64Array(D);
    const squared = new Float64Array(D);
    const cubic = new Float64Array(D);
    const unitOff = new Int32Array(D + 1);
    const gapOff = new Int32Array(D + 1);
    const unitBucket: number[] = [];
    const unitCount: number[] = [];
    const gapBucket: number[] = [];
    const gapCount: number[] = [];
    const gapSum: number[] = [];
    const lead = new Float64Array(D * R).fill(-1);
    const trail = new Float64Array(D * R).fill(-1);
    const mark = new Uint8Array(D);
    perDoc.forEach((units, di) => {
      const L = lengths[di];
      for (let a = 0; a < R; a++)
        for (let b = a + 1; b < R; b++) observed[di] += observedPairSum(units[a], units[b], 0, L);
      const unitGroups = new Map<number, [number, number]>();
      const gapGroups = new Map<number, [number, number]>();
      units.forEach((u, r) => {
        const k = u.begin.length;
        if (k === 0) return;
        lead[di * R + r] = u.begin[0];
        trail[di * R + r] = L - (u.begin[k - 1] + u.length[k - 1]);
        for (let i = 0; i < k; i++) {
          const l = u.length[i];
          unitsOf[di]++;
          squared[di] += l * (l - 1);
          cubic[di] += 2 * l * l * l - 3 * l * l + l;
          const ub = bucketOf(sorted, l) - 1;
          const ug = unitGroups.get(ub) ?? [0, 0];
          ug[0]++;
          unitGroups.set(ub, ug);
          if (i + 1 < k) {
            const g = u.begin[i + 1] - (u.begin[i] + l);
            if (g <= 0) continue;
            const gb = bucketOf(sorted, g);
            const gg = gapGroups.get(gb) ?? [0, 0];
            gg[0]++;
            gg[1] += g;
            gapGroups.set(gb, gg);
          }
        }
      });
      if (unitsOf[di] > 0) mark[di] = 1;
      pushGroups(unitGroups, unitBucket, unitCount, null);
      pushGroups(gapGroups, gapBucket, gapCount, gapSum);
      unitOff[di + 1] = unitBucket.length;
      gapOff[di + 1] = gapBucket.length;
    });
    parts.push({
      observed,
      units: unitsOf,
      squared,
      cubic,
      unitOff,
      unitBucket: Int32Array.from(unitBucket),
      unitCount: Float64Array.from(unitCount),
      gapOff,
      gapBucket: Int32Array.from(gapBucket),
      gapCount: Float64Array.from(gapCount),
      gapSum: Float64Array.from(gapSum),
      lead,
      trail,
    });
    marked.push(mark);
  });
  const bucketAt = lengthsOf.map((sorted) => {
    const top = sorted.length ? sorted[sorted.length - 1] : 0;
    const table = new Int32Array(Number.isInteger(top) && top < 1 << 20 ? top + 1 : 0);
    for (let g = 0; g < table.length; g++) table[g] = bucketOf(sorted, g);
    return table;
  });
  return { documents: [...documents], lengths, raters: R, labels: [...c.labels], parts, lengthsOf, bucketAt, marked };
}

/** α_U (overall, then one per label) of a resample; reused buffers live in the returned closure. */
export function resampledAlphaU(p: PreparedResampling): (w: Int32Array) => { overall: Alpha; perLabel: Alpha[] } {
  const R = p.raters;
  const D = p.documents.length;
  const count: Float64Array[] = p.lengthsOf.map((s) => new Float64Array(s.length + 1));
  const sum: Float64Array[] = p.lengthsOf.map((s) => new Float64Array(s.length + 1));
  const weightOf: Float64Array[] = p.lengthsOf.map((s) => new Float64Array(s.length));
  const open = new Float64Array(R);
  const lengths = p.lengths;
  return (w) => {
    let L = 0;
    for (let d = 0; d < D; d++) L += w[d] * lengths[d];
    const perLabel: Alpha[] = [];
    let sumObs = 0;
    let sumExp = 0;
    let anyUnit = false;
    for (let li = 0; li < p.labels.length; li++) {
      const { observed: obs, units: un, squared: sq, cubic: cu, unitOff, unitBucket, unitCount } = p.parts[li];
      const { gapOff, gapBucket, gapCount, gapSum, lead, trail } = p.parts[li];
      const sorted = p.lengthsOf[li];
      const table = p.bucketAt[li];
      const K = sorted.length;
      const bucket = (g: number) =>
        g < table.length && Number.isInteger(g) ? table[g] : g >= sorted[K - 1] ? K : bucketOf(sorted, g);
      const cnt = count[li];
      const sm = sum[li];
      const wt = weightOf[li];
      cnt.fill(0);
      sm.fill(0);
      wt.fill(0);
      open.fill(0);
      let observed = 0;
      let units = 0;
      let squared = 0;
      let cubic = 0;
      for (let d = 0; d < D; d++) {
        const k = w[d];
        if (k === 0) continue;
        observed += k * obs[d];
        units += k * un[d];
        squared += k * sq[d];
        cubic += k * cu[d];
        for (let i = unitOff[d], end = unitOff[d + 1]; i < end; i++) wt[unitBucket[i]] += k * unitCount[i];
        for (let i = gapOff[d], end = gapOff[d + 1]; i < end; i++) {
          cnt[gapBucket[i]] += k * gapCount[i];
          sm[gapBucket[i]] += k * gapSum[i];
        }
        const base = d * R;
        for (let r = 0; r < R; r++) {
          const before = lead[base + r];
          if (before < 0) {
            open[r] += k * lengths[d];
            continue;
          }
          const after = trail[base + r];
          const first = open[r] + before;
          if (first > 0) {
            const b = bucket(first);
            cnt[b] += 1;
            sm[b] += first;
          }
          const joined = after + before;
          if (k > 1 && joined > 0) {
            const b = bucket(joined);
            cnt[b] += k - 1;
            sm[b] += (k - 1) * joined;
          }
          open[r] = after;
        }
      }
      if (units === 0) {
        perLabel.push(null);
        continue;
      }
      for (let r = 0; r < R; r++)
        if (open[r] > 0) {
          const b = bucket(open[r]);
          cnt[b] += 1;
          sm[b] += open[r];
        }
      // suffix sums: cnt[b], sm[b] = count and Σ of the gaps at least as long as the b-th distinct length (1-based)
      for (let b = cnt.length - 2; b >= 0; b--) {
        cnt[b] += cnt[b + 1];
        sm[b] += sm[b + 1];
      }
      let placements = ((units - 1) * cubic) / 3;
      for (let j = 0; j < sorted.length; j++) {
        if (wt[j] === 0) continue;
        const l = sorted[j];
        placements += wt[j] * l * l * (sm[j + 1] - (l - 1) * cnt[j + 1]);
      }
      const dObs = (2 * observed) / (R * (R - 1) * L * L);
      const dExp = (placements * 2) / L / (R * L * (R * L - 1) - squared);
      anyUnit = true;
      sumObs += dObs;
      sumExp += dExp;
      perLabel.push(alphaFromDisagreement(dObs, dExp, true).value);
    }
    const overall = anyUnit && L > 0 ? alphaFromDisagreement(sumObs, sumExp, true).value : null;
    return { overall, perLabel: L > 0 ? perLabel : perLabel.map(() => null) };
  };
}

/** One nominal variable as the parts Krippendorff's α is summed from, per unit (document). */
export interface PreparedNominal {
  /** Values per unit that can be paired (0 when fewer than two). */
  values: Float64Array;
  /** Σ_{c ≠ k} n_c n_k / (m − 1) per unit: its off-diagonal coincidences. */
  disagreement: Float64Array;
  /** counts[u · q + c]: values of category c in unit u (pairable units only). */
  counts: Float64Array;
  categories: number;
}

/** Splits a unit × category count table into per-unit parts of nominal α. */
export function prepareNominal(counts: readonly (readonly number[])[], categories: number): PreparedNominal {
  const U = counts.length;
  const values = new Float64Array(U);
  const disagreement = new Float64Array(U);
  const flat = new Float64Array(U * categories);
  counts.forEach((row, u) => {
    let m = 0;
    let sq = 0;
    for (const k of row) {
      m += k;
      sq += k * k;
    }
    if (m < 2) return;
    values[u] = m;
    disagreement[u] = (m * m - sq) / (m - 1);
    for (let c = 0; c < categories; c++) flat[u * categories + c] = row[c] ?? 0;
  });
  return { values, disagreement, counts: flat, categories };
}

/** Nominal α of a resample: 1 − (n − 1)·Σ disagreement / (n² − Σ n_c²); null when undefined. */
export function resampledNominalAlpha(p: PreparedNominal): (w: Int32Array) => Alpha {
  const q = p.categories;
  const marginal = new Float64Array(q);
  return (w) => {
    marginal.fill(0);
    let n = 0;
    let dis = 0;
    for (let u = 0; u < w.length; u++) {
      const k = w[u];
      if (k === 0 || p.values[u] === 0) continue;
      n += k * p.values[u];
      dis += k * p.disagreement[u];
      for (let c = 0; c < q; c++) marginal[c] += k * p.counts[u * q + c];
    }
    if (n < 2) return null;
    let sq = 0;
    for (let c = 0; c < q; c++) sq += marginal[c] * marginal[c];
    const denominator = n * n - sq;
    if (denominator === 0) return null;
    const a = 1 - ((n - 1) * dis) / denominator;
    return Number.isFinite(a) ? a : null;
  };
}
