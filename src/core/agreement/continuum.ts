// Builds the α_U continuum: the chosen documents in the given order, concatenated, each document's offsets
// shifted by the total length of the documents before it; one rater's units of a label already merged.
import type { Corpus } from './corpus';
import type { PreparedContinuum, RaterUnits } from './unitizing';

/** α_U's input for a list of documents and a list of raters (indices into corpus.annotators). */
export function buildContinuum(c: Corpus, docs: readonly string[], raters: readonly number[]): PreparedContinuum {
  const categories = new Map<string, RaterUnits[]>();
  const per: RaterUnits[][] = c.labels.map(() => raters.map(() => ({ begin: [], length: [] })));
  let offset = 0;
  for (const d of docs) {
    const row = c.records.get(d);
    raters.forEach((r, ri) => {
      const rec = row?.[r];
      if (!rec) return;
      rec.perLabel.forEach((ls, li) => {
        const target = per[li][ri];
        for (const [s, e] of ls.merged) {
          target.begin.push(offset + s);
          target.length.push(e - s);
        }
      });
    });
    offset += c.lengths.get(d) ?? 0;
  }
  c.labels.forEach((l, li) => {
    categories.set(l, per[li]);
  });
  return { begin: 0, length: offset, raters: raters.length, categories };
}
