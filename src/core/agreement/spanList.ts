// One counted record's spans as one list over all labels (sorted by start, end, label), for the measures
// that compare individual spans across labels: the label confusion matrix and the disagreement list.
import type { Corpus, CorpusRecord } from './corpus';

/** A span of a counted record with its label index (into Corpus.labels). */
export interface LabelledSpan {
  start: number;
  end: number;
  label: number;
}

// the confusion matrix and the disagreement list walk the same records (callers never change a list)
const lists = new WeakMap<CorpusRecord, LabelledSpan[]>();

/** All labels' de-duplicated spans of one record, sorted by start, end, then label. */
export function spansOf(rec: CorpusRecord): LabelledSpan[] {
  let out = lists.get(rec);
  if (!out) {
    out = listOf(rec);
    lists.set(rec, out);
  }
  return out;
}

function listOf(rec: CorpusRecord): LabelledSpan[] {
  const out: LabelledSpan[] = [];
  rec.perLabel.forEach((ls, label) => {
    for (const [start, end] of ls.raw) out.push({ start, end, label });
  });
  return out.sort((x, y) => x.start - y.start || x.end - y.end || x.label - y.label);
}

/** Every pair of annotators (by index, a < b) that both coded a document, with their span lists, document by document. */
export function forEachCodedPair(
  c: Corpus,
  visit: (document: string, a: number, b: number, la: LabelledSpan[], lb: LabelledSpan[]) => void,
): void {
  const A = c.annotators.length;
  for (const document of c.docIds) {
    const row = c.records.get(document);
    if (!row) continue;
    const lists = row.map((rec) => (rec ? spansOf(rec) : null));
    for (let a = 0; a < A; a++)
      for (let b = a + 1; b < A; b++) {
        const la = lists[a];
        const lb = lists[b];
        if (la && lb) visit(document, a, b, la, lb);
      }
  }
}

/** Calls visit(i, j, overlap) for every pair of spans (one per list) that share at least one position. */
export function forEachOverlap(
  a: readonly LabelledSpan[],
  b: readonly LabelledSpan[],
  visit: (i: number, j: number, overlap: number) => void,
): void {
  let from = 0;
  for (let i = 0; i < a.length; i++) {
    const s = a[i];
    // b is sorted by start; spans ending at or before s.start can never overlap a later span of a
    while (from < b.length && b[from].end <= s.start) from++;
    for (let j = from; j < b.length && b[j].start < s.end; j++) {
      const overlap = Math.min(s.end, b[j].end) - Math.max(s.start, b[j].start);
      if (overlap > 0) visit(i, j, overlap);
    }
  }
}
