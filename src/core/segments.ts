// Code retrieval as QDA tools offer it: every coded segment of some labels across the corpus with its
// context and the document's variables ("coded segments", "retrieved segments"), and how often labels
// overlap within one coder's record or occur together in one document ("code co-occurrence", the
// "code relations browser").
import type { AnnotationRecord, DocumentMeta, Span } from './model';
import { OffsetMap } from './offsets';

/** Whose spans count: one annotator, gold, or (default) every annotator but gold; and which labels. */
export interface CodingLayerOptions {
  labels?: string[];
  annotator?: string;
  gold?: boolean;
  /** Who asks: during an open study round, other coders' work on its documents stays hidden. */
  viewer?: string;
}

/** One span with the text it covers, a stretch of text on each side, and its document's metadata. */
export interface CodedSegment {
  document: string;
  annotator: string;
  id?: string;
  start: number;
  end: number;
  label: string;
  text: string;
  before: string;
  after: string;
  note?: string;
  meta: DocumentMeta;
  /** The document's variables from another tool (REFI-QDA) that no metadata field took: name → value. */
  variables?: Record<string, string>;
}

export interface CodedSegments {
  segments: CodedSegment[];
  /** How many segments there are; more than `segments` holds when the list was cut at the limit. */
  total: number;
}

/** The context on each side, in code points; it stops at a line break. */
const CONTEXT = 80;

function contextAround(text: string, map: OffsetMap, span: Span): Pick<CodedSegment, 'text' | 'before' | 'after'> {
  const a = map.toUtf16(span.start);
  const b = map.toUtf16(span.end);
  const lineStart = Math.max(text.lastIndexOf('\n', a - 1) + 1, map.toUtf16(Math.max(0, span.start - CONTEXT)));
  let lineEnd = text.indexOf('\n', b);
  if (lineEnd < 0) lineEnd = text.length;
  lineEnd = Math.min(lineEnd, map.toUtf16(Math.min(map.codePoints, span.end + CONTEXT)));
  let before = text.slice(lineStart, a).replace(/\r$/, '');
  let after = text.slice(b, lineEnd).replace(/\r$/, '');
  // A context cut at the limit starts and ends on a whole word.
  if (lineStart > 0 && !/\s/.test(text[lineStart - 1])) before = before.replace(/^\S+\s+/u, '');
  if (lineEnd < text.length && !/\s/.test(text[lineEnd])) after = after.replace(/\s+\S+$/u, '');
  return { before, text: text.slice(a, b), after };
}

/** The segments of one document's records, in text order, then annotator, then label. */
export function documentSegments(
  doc: { id: string; text: string; meta: DocumentMeta },
  records: Pick<AnnotationRecord, 'annotator' | 'spans'>[],
  labels?: ReadonlySet<string>,
): CodedSegment[] {
  const map = new OffsetMap(doc.text);
  const out: CodedSegment[] = [];
  for (const r of records)
    for (const s of r.spans) {
      if (labels && !labels.has(s.label)) continue;
      if (s.end > map.codePoints) continue;
      out.push({
        document: doc.id,
        annotator: r.annotator,
        ...(s.id !== undefined ? { id: s.id } : {}),
        start: s.start,
        end: s.end,
        label: s.label,
        ...contextAround(doc.text, map, s),
        ...(s.note !== undefined ? { note: s.note } : {}),
        meta: doc.meta,
      });
    }
  return out.sort(
    (x, y) =>
      x.start - y.start ||
      x.end - y.end ||
      (x.annotator < y.annotator ? -1 : x.annotator > y.annotator ? 1 : 0) ||
      (x.label < y.label ? -1 : x.label > y.label ? 1 : 0),
  );
}

/** Label × label counts over the records of one layer (one record: one annotator's coding of one document). */
export interface Cooccurrence {
  /** The codebook's labels in its order, then labels the records use that it lacks. */
  labels: string[];
  records: number;
  /** Spans of each label. */
  spans: number[];
  /**
   * [i][j], i ≠ j: pairs of a span of label i and a span of label j in one record that share at least one
   * code point. [i][i]: pairs of two spans of label i that overlap.
   */
  overlaps: number[][];
  /** [i][j]: records holding both labels (per annotator: a document counts once for each coder); [i][i]: records holding i. */
  together: number[][];
}

/** Counts overlaps and co-occurrences; O(spans + overlapping pairs) per record. */
export function cooccurrence(records: Pick<AnnotationRecord, 'spans'>[], codebookLabels: string[]): Cooccurrence {
  const labels = [...codebookLabels];
  const index = new Map(labels.map((l, i) => [l, i]));
  for (const r of records)
    for (const s of r.spans)
      if (!index.has(s.label)) {
        index.set(s.label, labels.length);
        labels.push(s.label);
      }
  const n = labels.length;
  const square = () => Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const spans = new Array<number>(n).fill(0);
  const overlaps = square();
  const together = square();
  for (const r of records) {
    const sorted = [...r.spans].sort((a, b) => a.start - b.start || a.end - b.end);
    const present = new Set<number>();
    for (let i = 0; i < sorted.length; i++) {
      const a = sorted[i];
      const li = index.get(a.label) as number;
      spans[li]++;
      present.add(li);
      for (let j = i + 1; j < sorted.length && sorted[j].start < a.end; j++) {
        const lj = index.get(sorted[j].label) as number;
        overlaps[li][lj]++;
        if (li !== lj) overlaps[lj][li]++;
      }
    }
    for (const i of present) for (const j of present) together[i][j]++;
  }
  return { labels, records: records.length, spans, overlaps, together };
}

/** ATLAS.ti's c-coefficient, n12 / (n1 + n2 − n12): 0 when two codes never meet, 1 when they always do. */
export function cCoefficient(n12: number, n1: number, n2: number): number | null {
  const denominator = n1 + n2 - n12;
  return denominator > 0 ? n12 / denominator : null;
}
