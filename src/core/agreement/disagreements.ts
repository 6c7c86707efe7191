// Every place two annotators disagree about spans, as a list a person can walk through: a span only one
// of them marked, the same stretch with different labels, or the same label with different boundaries.

import { IntList } from '../intList';
import { type AgreementInput, prepareCorpus } from './corpus';
import { forEachCodedPair, type LabelledSpan } from './spanList';

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

/**
 * Reused buffers for one pair's comparison: a 10,000-document corpus compares 30,000 pairs of span lists and finds
 * hundreds of thousands of disagreements, and an object per candidate match and per disagreement was most of
 * the build's time (and its garbage).
 */
class PairScratch {
  usedA = new Uint8Array(64);
  usedB = new Uint8Array(64);
  // candidate matches: spans i of a and j of b, their overlap
  ci: number[] = [];
  cj: number[] = [];
  cov: number[] = [];
  order: number[] = [];
  // disagreements found: kind code, span of a and of b (−1: none), the stretch covering both
  kind: number[] = [];
  i: number[] = [];
  j: number[] = [];
  start: number[] = [];
  end: number[] = [];
  byPlace: number[] = [];

  reset(a: number, b: number): void {
    if (this.usedA.length < a) this.usedA = new Uint8Array(a * 2);
    else this.usedA.fill(0, 0, a);
    if (this.usedB.length < b) this.usedB = new Uint8Array(b * 2);
    else this.usedB.fill(0, 0, b);
    this.kind.length = this.i.length = this.j.length = this.start.length = this.end.length = 0;
  }

  found(kind: number, i: number, j: number, a: readonly LabelledSpan[], b: readonly LabelledSpan[]): void {
    this.kind.push(kind);
    this.i.push(i);
    this.j.push(j);
    this.start.push(Math.min(i < 0 ? Infinity : a[i].start, j < 0 ? Infinity : b[j].start));
    this.end.push(Math.max(i < 0 ? -Infinity : a[i].end, j < 0 ? -Infinity : b[j].end));
  }
}

const MISSING = 0;
const LABEL = 1;
const BOUNDARIES = 2;

/**
 * Pairs overlapping spans greedily, largest overlap first (ties by position), each span used once. Candidates
 * arise in (i, j) order, so ordering them by overlap with ties kept in arrival order is that order.
 */
function matchGreedy(
  a: readonly LabelledSpan[],
  b: readonly LabelledSpan[],
  s: PairScratch,
  sameLabel: boolean,
  kind: number,
): void {
  const { usedA, usedB, ci, cj, cov, order } = s;
  ci.length = cj.length = cov.length = order.length = 0;
  let from = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    while (from < b.length && b[from].end <= x.start) from++;
    if (usedA[i]) continue;
    for (let j = from; j < b.length && b[j].start < x.end; j++) {
      const y = b[j];
      const overlap = Math.min(x.end, y.end) - Math.max(x.start, y.start);
      if (overlap > 0 && !usedB[j] && (x.label === y.label) === sameLabel) {
        order.push(ci.length);
        ci.push(i);
        cj.push(j);
        cov.push(overlap);
      }
    }
  }
  if (order.length > 1) order.sort((p, q) => cov[q] - cov[p] || p - q);
  for (const k of order) {
    const i = ci[k];
    const j = cj[k];
    if (usedA[i] || usedB[j]) continue;
    usedA[i] = 1;
    usedB[j] = 1;
    s.found(kind, i, j, a, b);
  }
}

/**
 * The disagreements of two annotators' span lists of one document (exact matches are agreement), into `s`:
 * boundaries, then labels, then spans only a has, then spans only b has.
 */
function comparePair(a: readonly LabelledSpan[], b: readonly LabelledSpan[], s: PairScratch): void {
  s.reset(a.length, b.length);
  const { usedA, usedB } = s;
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
  matchGreedy(a, b, s, true, BOUNDARIES);
  matchGreedy(a, b, s, false, LABEL);
  for (let i = 0; i < a.length; i++) if (!usedA[i]) s.found(MISSING, i, -1, a, b);
  for (let j = 0; j < b.length; j++) if (!usedB[j]) s.found(MISSING, -1, j, a, b);
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

/** Every span disagreement of every annotator pair in every document both coded, in document and text order. */
export function disagreementTable(input: AgreementInput, filter: DisagreementFilter = {}): DisagreementTable {
  const c = prepareCorpus(input);
  const rows = new IntList();
  const overlaps = new IntList();
  const overlapOff = new IntList();
  overlapOff.push(0);
  const docIndex = new Map(c.docIds.map((d, i) => [d, i]));
  const wanted = filter.label === undefined ? null : c.labels.indexOf(filter.label);
  const s = new PairScratch();
  // documents come in id order and pairs in annotator order (both sorted), so ordering each pair's list by place
  // (ties in the order found) gives the order byPairPlace gives the whole list
  forEachCodedPair(c, (document, ai, bi, la, lb) => {
    if (filter.pair && !(filter.pair.includes(c.annotators[ai]) && filter.pair.includes(c.annotators[bi]))) return;
    if (wanted === -1) return;
    comparePair(la, lb, s);
    const { kind, i, j, start, end, byPlace } = s;
    byPlace.length = 0;
    for (let k = 0; k < kind.length; k++)
      if (wanted === null || (i[k] >= 0 && la[i[k]].label === wanted) || (j[k] >= 0 && lb[j[k]].label === wanted))
        byPlace.push(k);
    if (byPlace.length > 1) byPlace.sort((p, q) => start[p] - start[q] || end[p] - end[q] || p - q);
    const doc = docIndex.get(document)!;
    for (const k of byPlace) {
      const sa = i[k] < 0 ? null : la[i[k]];
      const sb = j[k] < 0 ? null : lb[j[k]];
      rows.push(doc);
      rows.push(ai);
      rows.push(bi);
      rows.push(kind[k]);
      rows.push(sa ? sa.start : 0);
      rows.push(sa ? sa.end : 0);
      rows.push(sa ? sa.label : -1);
      rows.push(sb ? sb.start : 0);
      rows.push(sb ? sb.end : 0);
      rows.push(sb ? sb.label : -1);
      rows.push(start[k]);
      rows.push(end[k]);
      if (kind[k] === MISSING) {
        const from = start[k];
        const to = end[k];
        for (const o of sa ? lb : la) {
          if (o.start >= to) break; // sorted by start
          if (o.end > from) {
            overlaps.push(o.start);
            overlaps.push(o.end);
            overlaps.push(o.label);
          }
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
