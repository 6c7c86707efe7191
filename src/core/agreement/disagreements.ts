// Every place two annotators disagree about spans, as a list a person can walk through: a span only one
// of them marked, the same stretch with different labels, or the same label with different boundaries.
import { type AgreementInput, byPairPlace, prepareCorpus } from './corpus';
import { forEachCodedPair, forEachOverlap, type LabelledSpan } from './spanList';

/** The three ways two annotators' spans can differ. */
export type DisagreementKind = 'missing' | 'label' | 'boundaries';

/** A span as the disagreement list shows it (label by name). */
export interface ListedSpan {
  start: number;
  end: number;
  label: string;
}

/** One disagreement between annotators a < b in one document; the span of each side (null: none). */
export interface Disagreement {
  document: string;
  a: string;
  b: string;
  kind: DisagreementKind;
  spanA: ListedSpan | null;
  spanB: ListedSpan | null;
  /** The stretch covering both spans, for sorting and scrolling to it. */
  start: number;
  end: number;
  /**
   * For a span only one side has: the other side's spans over the same stretch, each already counted
   * against another span (so "missing" is never said of a stretch the other annotator labelled).
   */
  overlapping: ListedSpan[];
}

/** Which disagreements to list (default: all annotator pairs and labels). */
export interface DisagreementFilter {
  label?: string;
  pair?: [string, string];
}

interface Candidate {
  i: number;
  j: number;
  overlap: number;
}

/** Pairs overlapping spans greedily, largest overlap first (ties by position), each span used once. */
function matchGreedy(
  a: readonly LabelledSpan[],
  b: readonly LabelledSpan[],
  usedA: Uint8Array,
  usedB: Uint8Array,
  sameLabel: boolean,
): [number, number][] {
  const candidates: Candidate[] = [];
  forEachOverlap(a, b, (i, j, overlap) => {
    if (usedA[i] || usedB[j]) return;
    if ((a[i].label === b[j].label) === sameLabel) candidates.push({ i, j, overlap });
  });
  candidates.sort((x, y) => y.overlap - x.overlap || x.i - y.i || x.j - y.j);
  const out: [number, number][] = [];
  for (const { i, j } of candidates) {
    if (usedA[i] || usedB[j]) continue;
    usedA[i] = 1;
    usedB[j] = 1;
    out.push([i, j]);
  }
  return out;
}

/** The disagreements of two annotators' span lists of one document (exact matches are agreement). */
export function compareSpans(
  a: readonly LabelledSpan[],
  b: readonly LabelledSpan[],
): { kind: DisagreementKind; i: number | null; j: number | null }[] {
  const usedA = new Uint8Array(a.length);
  const usedB = new Uint8Array(b.length);
  // exact matches (same start, end, label): both lists are sorted by (start, end, label)
  let x = 0;
  let y = 0;
  while (x < a.length && y < b.length) {
    const d = a[x].start - b[y].start || a[x].end - b[y].end || a[x].label - b[y].label;
    if (d === 0) {
      usedA[x++] = 1;
      usedB[y++] = 1;
    } else if (d < 0) x++;
    else y++;
  }
  const out: { kind: DisagreementKind; i: number | null; j: number | null }[] = [];
  for (const [i, j] of matchGreedy(a, b, usedA, usedB, true)) out.push({ kind: 'boundaries', i, j });
  for (const [i, j] of matchGreedy(a, b, usedA, usedB, false)) out.push({ kind: 'label', i, j });
  a.forEach((_, i) => {
    if (!usedA[i]) out.push({ kind: 'missing', i, j: null });
  });
  b.forEach((_, j) => {
    if (!usedB[j]) out.push({ kind: 'missing', i: null, j });
  });
  return out;
}

/** Every span disagreement of every annotator pair in every document both coded, in document and text order. */
export function disagreements(input: AgreementInput, filter: DisagreementFilter = {}): Disagreement[] {
  const c = prepareCorpus(input);
  const out: Disagreement[] = [];
  const named = (s: LabelledSpan | undefined): ListedSpan | null =>
    s ? { start: s.start, end: s.end, label: c.labels[s.label] } : null;
  forEachCodedPair(c, (document, ai, bi, la, lb) => {
    const a = c.annotators[ai];
    const b = c.annotators[bi];
    if (filter.pair && !(filter.pair.includes(a) && filter.pair.includes(b))) return;
    for (const d of compareSpans(la, lb)) {
      const spanA = named(d.i === null ? undefined : la[d.i]);
      const spanB = named(d.j === null ? undefined : lb[d.j]);
      if (filter.label !== undefined && spanA?.label !== filter.label && spanB?.label !== filter.label) continue;
      const start = Math.min(spanA?.start ?? Infinity, spanB?.start ?? Infinity);
      const end = Math.max(spanA?.end ?? -Infinity, spanB?.end ?? -Infinity);
      const overlapping: ListedSpan[] = [];
      if (d.kind === 'missing')
        for (const s of d.i === null ? la : lb) {
          if (s.start >= end) break; // sorted by start
          if (s.end > start) overlapping.push({ start: s.start, end: s.end, label: c.labels[s.label] });
        }
      out.push({ document, a, b, kind: d.kind, spanA, spanB, start, end, overlapping });
    }
  });
  return out.sort(byPairPlace);
}
