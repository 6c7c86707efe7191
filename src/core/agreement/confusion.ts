// The label confusion matrix: where one annotator's span overlaps another annotator's span, which two
// labels they used. Off the diagonal is where the codebook's categories blur into each other.
import { type AgreementInput, prepareCorpus } from './corpus';
import { forEachCodedPair, forEachOverlap } from './spanList';

/** Counts of overlapping span pairs by their two labels, plus spans nobody else's span overlaps. */
export interface LabelConfusion {
  labels: string[];
  /**
   * counts[i][j]: span pairs of two different annotators (same document) that share at least one position,
   * one labelled labels[i] and the other labels[j]; each pair counted once, in both cells, so the matrix is
   * symmetric and its diagonal holds same-label overlaps.
   */
  counts: number[][];
  /** unmatched[i]: spans of labels[i] that no span of some other annotator (who annotated the document) overlaps. */
  unmatched: number[];
  /** How many (annotator pair, document) comparisons the counts pool. */
  pairs: number;
}

/** Which label pairs the annotators confuse, pooled over every annotator pair and every document both coded. */
export function labelConfusion(input: AgreementInput): LabelConfusion {
  const c = prepareCorpus(input);
  const K = c.labels.length;
  const counts = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  const unmatched = new Array<number>(K).fill(0);
  let pairs = 0;
  forEachCodedPair(c, (_document, _a, _b, la, lb) => {
    pairs++;
    const hitA = new Uint8Array(la.length);
    const hitB = new Uint8Array(lb.length);
    forEachOverlap(la, lb, (i, j) => {
      const x = la[i].label;
      const y = lb[j].label;
      counts[x][y]++;
      if (x !== y) counts[y][x]++;
      hitA[i] = 1;
      hitB[j] = 1;
    });
    la.forEach((s, i) => {
      if (!hitA[i]) unmatched[s.label]++;
    });
    lb.forEach((s, j) => {
      if (!hitB[j]) unmatched[s.label]++;
    });
  });
  return { labels: c.labels, counts, unmatched, pairs };
}
