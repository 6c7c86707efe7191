// The documents of a reliability round: a seeded simple random sample, or a stratified one with proportional
// allocation. The draw depends only on (seed, size, strata, the document ids with their strata, the excluded
// ids): the frame is put in id order first, so the order documents were listed in does not matter.
import { mulberry32, randomIndex } from '../prng';

/** What a sample may be stratified by (a document's meta.outlet or meta.story). */
export type StrataKind = 'none' | 'outlet' | 'story';

/** One document of the sampling frame and the stratum it belongs to (absent: the "(none)" stratum). */
export interface FrameDocument {
  id: string;
  stratum?: string | null;
}

/** What to draw. */
export interface SampleRequest {
  seed: number;
  size: number;
  strata: StrataKind;
  documents: readonly FrameDocument[];
  /** Documents that may not be drawn (e.g. coded in an earlier round). */
  exclude?: readonly string[];
}

/** One stratum: its documents in the frame, its exact proportional share, and how many were drawn. */
export interface StratumAllocation {
  stratum: string;
  population: number;
  quota: number;
  drawn: number;
}

/** A drawn sample with everything needed to redraw it and to describe it. */
export interface DrawnSample {
  seed: number;
  size: number;
  strata: StrataKind;
  /** Documents the sample was drawn from (after exclusions). */
  population: number;
  excluded: number;
  allocation: StratumAllocation[];
  /** The drawn ids in plain string order. */
  documents: string[];
}

/** The name of the stratum of documents without an outlet or story. */
export const NO_STRATUM = '(none)';

function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Proportional allocation by the largest-remainder (Hamilton) method: Σ drawn = size, drawn ≤ population. */
export function allocate(
  size: number,
  populations: readonly { stratum: string; population: number }[],
): StratumAllocation[] {
  const N = populations.reduce((a, s) => a + s.population, 0);
  const rows = populations.map((s) => {
    const quota = N === 0 ? 0 : (size * s.population) / N;
    return { stratum: s.stratum, population: s.population, quota, drawn: Math.floor(quota) };
  });
  let left = size - rows.reduce((a, r) => a + r.drawn, 0);
  // largest remainder first; ties to the larger stratum, then to the stratum name
  const order = rows
    .map((_, i) => i)
    .sort(
      (i, j) =>
        rows[j].quota - rows[j].drawn - (rows[i].quota - rows[i].drawn) ||
        rows[j].population - rows[i].population ||
        byString(rows[i].stratum, rows[j].stratum),
    );
  for (const i of order) {
    if (left === 0) break;
    if (rows[i].drawn < rows[i].population) {
      rows[i].drawn++;
      left--;
    }
  }
  return rows;
}

/** Draws the sample; throws on a request that cannot be met (with the reason in one line). */
export function drawSample(req: SampleRequest): DrawnSample {
  const { seed, size, strata } = req;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw new RangeError(`the seed must be a whole number from 0 to 4294967295, got ${seed}`);
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`the sample size must be a whole number ≥ 1, got ${size}`);
  const excluded = new Set(req.exclude ?? []);
  const seen = new Set<string>();
  const frame: { id: string; stratum: string }[] = [];
  for (const d of req.documents) {
    if (seen.has(d.id)) throw new Error(`document "${d.id}" is listed twice in the sampling frame`);
    seen.add(d.id);
    if (excluded.has(d.id)) continue;
    const s = strata === 'none' ? '' : (d.stratum ?? '').trim() || NO_STRATUM;
    frame.push({ id: d.id, stratum: s });
  }
  if (size > frame.length)
    throw new RangeError(`a sample of ${size} needs ${size} documents; ${frame.length} can be drawn`);
  frame.sort((a, b) => byString(a.id, b.id));
  const groups = new Map<string, string[]>();
  for (const d of frame) groups.set(d.stratum, [...(groups.get(d.stratum) ?? []), d.id]);
  const names = [...groups.keys()].sort(byString);
  const allocation = allocate(
    size,
    names.map((stratum) => ({ stratum, population: groups.get(stratum)!.length })),
  );
  const next = mulberry32(seed);
  const drawn: string[] = [];
  allocation.forEach((a) => {
    const ids = [...groups.get(a.stratum)!];
    // partial Fisher–Yates: the first a.drawn positions become a uniform sample without replacement
    for (let i = 0; i < a.drawn; i++) {
      const j = i + randomIndex(next, ids.length - i);
      [ids[i], ids[j]] = [ids[j], ids[i]];
      drawn.push(ids[i]);
    }
  });
  return {
    seed,
    size,
    strata,
    population: frame.length,
    excluded: req.documents.length - frame.length,
    allocation: strata === 'none' ? [] : allocation,
    documents: drawn.sort(byString),
  };
}

/** The frame of a project: every document with its outlet or story as stratum. */
export function sampleFrame(
  documents: readonly { id: string; meta: { outlet?: string; story?: string } }[],
  strata: StrataKind,
): FrameDocument[] {
  return documents.map((d) => ({
    id: d.id,
    stratum: strata === 'outlet' ? d.meta.outlet : strata === 'story' ? d.meta.story : undefined,
  }));
}
