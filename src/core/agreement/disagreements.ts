// Every place two annotators disagree about spans, as a list a person can walk through: a span only one
// of them marked, the same stretch with different labels, or the same label with different boundaries.
import { type AgreementInput, prepareCorpus } from './corpus';
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

/** Kinds by their code in a DisagreementTable. */
export const DISAGREEMENT_KINDS: readonly DisagreementKind[] = ['missing', 'label', 'boundaries'];

/** Int32 fields per row of a DisagreementTable. */
export const DISAGREEMENT_FIELDS = 12;

/**
 * The disagreement list packed into typed arrays: a 10,000-document corpus has hundreds of thousands of
 * disagreements, which as objects cost seconds to create and seconds more to copy between threads; these arrays
 * are transferred whole. Row i is rows[12i .. 12i+12): document (into documents), a, b (into annotators), kind
 * (into DISAGREEMENT_KINDS), span A's start, end, label (into labels; −1: no span A), span B's likewise, the
 * stretch's start and end. Its overlapping spans are overlaps[3·overlapOff[i] .. 3·overlapOff[i+1]) as
 * (start, end, label) triples.
 */
export interface DisagreementTable {
  count: number;
  documents: string[];
  annotators: string[];
  labels: string[];
  rows: Int32Array;
  overlapOff: Int32Array;
  overlaps: Int32Array;
}

class IntList {
  data = new Int32Array(1024);
  length = 0;
  push(x: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = x;
  }
  done(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

/** Every span disagreement of every annotator pair in every document both coded, in document and text order. */
export function disagreementTable(input: AgreementInput, filter: DisagreementFilter = {}): DisagreementTable {
  const c = prepareCorpus(input);
  const rows = new IntList();
  const overlaps = new IntList();
  const overlapOff = new IntList();
  overlapOff.push(0);
  const docIndex = new Map(c.docIds.map((d, i) => [d, i]));
  const wanted = filter.label === undefined ? null : c.labels.indexOf(filter.label);
  const kindCode = new Map(DISAGREEMENT_KINDS.map((k, i) => [k, i]));
  // documents come in id order and pairs in annotator order (both sorted), so sorting each pair's list by place
  // gives the order byPairPlace gives the whole list
  forEachCodedPair(c, (document, ai, bi, la, lb) => {
    if (filter.pair && !(filter.pair.includes(c.annotators[ai]) && filter.pair.includes(c.annotators[bi]))) return;
    if (wanted === -1) return;
    const found: {
      kind: number;
      sa: LabelledSpan | undefined;
      sb: LabelledSpan | undefined;
      start: number;
      end: number;
    }[] = [];
    for (const d of compareSpans(la, lb)) {
      const sa = d.i === null ? undefined : la[d.i];
      const sb = d.j === null ? undefined : lb[d.j];
      if (wanted !== null && sa?.label !== wanted && sb?.label !== wanted) continue;
      const start = Math.min(sa?.start ?? Infinity, sb?.start ?? Infinity);
      const end = Math.max(sa?.end ?? -Infinity, sb?.end ?? -Infinity);
      found.push({ kind: kindCode.get(d.kind)!, sa, sb, start, end });
    }
    found.sort((x, y) => x.start - y.start || x.end - y.end);
    const doc = docIndex.get(document)!;
    for (const f of found) {
      rows.push(doc);
      rows.push(ai);
      rows.push(bi);
      rows.push(f.kind);
      for (const s of [f.sa, f.sb]) {
        rows.push(s ? s.start : 0);
        rows.push(s ? s.end : 0);
        rows.push(s ? s.label : -1);
      }
      rows.push(f.start);
      rows.push(f.end);
      if (f.kind === 0)
        for (const s of f.sa ? lb : la) {
          if (s.start >= f.end) break; // sorted by start
          if (s.end > f.start) {
            overlaps.push(s.start);
            overlaps.push(s.end);
            overlaps.push(s.label);
          }
        }
      overlapOff.push(overlaps.length / 3);
    }
  });
  return {
    count: rows.length / DISAGREEMENT_FIELDS,
    documents: c.docIds,
    annotators: c.annotators,
    labels: c.labels,
    rows: rows.done(),
    overlapOff: overlapOff.done(),
    overlaps: overlaps.done(),
  };
}

/** Row i of a table as the list shows it. */
export function disagreementAt(t: DisagreementTable, i: number): Disagreement {
  const r = t.rows;
  const o = i * DISAGREEMENT_FIELDS;
  const span = (at: number): ListedSpan | null =>
    r[at + 2] < 0 ? null : { start: r[at], end: r[at + 1], label: t.labels[r[at + 2]] };
  const overlapping: ListedSpan[] = [];
  for (let k = t.overlapOff[i]; k < t.overlapOff[i + 1]; k++)
    overlapping.push({ start: t.overlaps[3 * k], end: t.overlaps[3 * k + 1], label: t.labels[t.overlaps[3 * k + 2]] });
  return {
    document: t.documents[r[o]],
    a: t.annotators[r[o + 1]],
    b: t.annotators[r[o + 2]],
    kind: DISAGREEMENT_KINDS[r[o + 3]],
    spanA: span(o + 4),
    spanB: span(o + 7),
    start: r[o + 10],
    end: r[o + 11],
    overlapping,
  };
}

/** Every span disagreement of every annotator pair in every document both coded, in document and text order. */
export function disagreements(input: AgreementInput, filter: DisagreementFilter = {}): Disagreement[] {
  const t = disagreementTable(input, filter);
  return Array.from({ length: t.count }, (_, i) => disagreementAt(t, i));
}
