// Cuts a document into stretches where no lane's labels change, for the stacked compare view (one lane per
// annotator plus gold).
import type { PlainSpan } from './candidates';

/** One stretch [start, end) in code points with each lane's labels there. */
interface LaneSegment {
  start: number;
  end: number;
  /** labels[i]: the labels lane i gives this stretch, sorted. */
  labels: string[][];
  /** The annotator lanes (not gold) give this stretch different label sets. */
  differs: boolean;
}

function labelsAt(spans: readonly PlainSpan[], pos: number): string[] {
  const out = new Set<string>();
  for (const s of spans) if (s.start <= pos && pos < s.end) out.add(s.label);
  return [...out].sort();
}

/** The first `coders` lanes are compared; the rest (gold) are only shown. */
export function laneSegments(length: number, lanes: readonly (readonly PlainSpan[])[], coders: number): LaneSegment[] {
  const cuts = new Set<number>([0, length]);
  for (const lane of lanes)
    for (const s of lane) {
      if (s.start > 0 && s.start < length) cuts.add(s.start);
      if (s.end > 0 && s.end < length) cuts.add(s.end);
    }
  const points = [...cuts].sort((x, y) => x - y);
  const out: LaneSegment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const labels = lanes.map((lane) => labelsAt(lane, points[i]));
    const compared = labels.slice(0, coders).map((l) => l.join('\u0000'));
    out.push({ start: points[i], end: points[i + 1], labels, differs: new Set(compared).size > 1 });
  }
  return out;
}
