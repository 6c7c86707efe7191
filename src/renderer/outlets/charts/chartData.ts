// What the outlet charts draw, as plain numbers: groups along the axis, one series per bar (or segment).
import type { OutletReport } from '../../../core/api';

/** One coloured series (a label, or a document-label value). */
interface Series {
  name: string;
  color: string;
}

/** A chart's data: `values[g][s]` is series s in group g. */
export interface ChartData {
  groups: string[];
  series: Series[];
  values: number[][];
}

/** Colour-blind-safe colours (Okabe–Ito) for values the codebook gives no colour. */
export const SERIES_COLORS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#999999'];

/** Keys in the preferred order first, then any others in sorted order. */
function ordered(preferred: string[], found: Iterable<string>): string[] {
  const seen = new Set(found);
  return [...preferred.filter((k) => seen.has(k)), ...[...seen].filter((k) => !preferred.includes(k)).sort()];
}

/** Label rate per 1,000 words: outlets along the axis, one bar per label that occurs anywhere. */
export function rateChartData(rates: OutletReport['rates'], labels: { name: string; color: string }[]): ChartData {
  const groups = Object.keys(rates);
  const names = ordered(
    labels.map((l) => l.name),
    groups.flatMap((g) => Object.keys(rates[g].perThousandWords)),
  );
  const color = new Map(labels.map((l) => [l.name, l.color]));
  return {
    groups,
    series: names.map((name, i) => ({ name, color: color.get(name) ?? SERIES_COLORS[i % SERIES_COLORS.length] })),
    values: groups.map((g) => names.map((n) => rates[g].perThousandWords[n] ?? 0)),
  };
}

/** Counts of one document-label group: outlets (or months) along the axis, one segment per value. */
export function stackChartData(
  byKey: Record<string, Record<string, number>>,
  options: string[],
  sortGroups: (a: string, b: string) => number = (a, b) => (a < b ? -1 : a > b ? 1 : 0),
): ChartData {
  const groups = Object.keys(byKey).sort(sortGroups);
  const names = ordered(
    options,
    groups.flatMap((g) => Object.keys(byKey[g])),
  );
  return {
    groups,
    series: names.map((name, i) => ({ name, color: SERIES_COLORS[i % SERIES_COLORS.length] })),
    values: groups.map((g) => names.map((n) => byKey[g][n] ?? 0)),
  };
}

/**
 * The spans one relation type points at: outlets along the axis, one bar per target among `targets` (the most
 * named first), each outlet's count of relations pointing at it.
 */
export function relationTargetChartData(
  byOutlet: Record<string, { phrase: string; count: number }[]>,
  targets: string[],
): ChartData {
  const groups = Object.keys(byOutlet);
  const counts = groups.map((g) => new Map(byOutlet[g].map((row) => [row.phrase, row.count])));
  return {
    groups,
    series: targets.map((name, i) => ({ name, color: SERIES_COLORS[i % SERIES_COLORS.length] })),
    values: counts.map((c) => targets.map((t) => c.get(t) ?? 0)),
  };
}

/** Months in time order with undated documents last. */
export function byMonth(a: string, b: string): number {
  const ua = a.startsWith('(');
  const ub = b.startsWith('(');
  if (ua !== ub) return ua ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A round axis maximum and its ticks (1, 2 or 5 times a power of ten per step). */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw)!;
  const top = Math.ceil(max / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = 0; v <= top + step / 2; v += step) ticks.push(Number(v.toFixed(10)));
  return ticks;
}
