// Cuts a document into stretches where neither annotator's label set changes, for the two-layer compare view.
import type { Span } from '../../core/model';

/** One stretch of text [start, end) in code points with the labels each annotator gave it. */
interface CompareSegment {
  start: number;
  end: number;
  a: string[];
  b: string[];
  /** The two annotators gave this stretch different label sets. */
  differs: boolean;
}

function labelsAt(spans: readonly Span[], pos: number): string[] {
  const out = new Set<string>();
  for (const s of spans) if (s.start <= pos && pos < s.end) out.add(s.label);
  return [...out].sort();
}

export function compareSegments(length: number, a: readonly Span[], b: readonly Span[]): CompareSegment[] {
  const cuts = new Set<number>([0, length]);
  for (const s of [...a, ...b]) {
    if (s.start > 0 && s.start < length) cuts.add(s.start);
    if (s.end > 0 && s.end < length) cuts.add(s.end);
  }
  const points = [...cuts].sort((x, y) => x - y);
  const out: CompareSegment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const la = labelsAt(a, points[i]);
    const lb = labelsAt(b, points[i]);
    out.push({ start: points[i], end: points[i + 1], a: la, b: lb, differs: la.join('\u0000') !== lb.join('\u0000') });
  }
  return out;
}
