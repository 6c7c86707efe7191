// Phrase rows of one label per outlet, optionally folded by simple plural ("riots" ~ "riot").
import type { DocumentSummary } from '../../core/model';
import { type PhraseRow, phraseStem, UNKNOWN_OUTLET } from '../../core/outlets';

/** One row of an outlet column: a phrase (or a plural group) with every variant it covers. */
export interface PhraseGroup {
  phrase: string;
  variants: string[];
  count: number;
  documents: string[];
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Rows as groups, folded by phraseStem when asked; sorted by count (highest first), then phrase. */
export function groupPhrases(rows: PhraseRow[], foldPlurals: boolean): PhraseGroup[] {
  const groups = new Map<string, { rows: PhraseRow[] }>();
  for (const r of rows) {
    const key = foldPlurals ? phraseStem(r.phrase) : r.phrase;
    const g = groups.get(key) ?? { rows: [] };
    g.rows.push(r);
    groups.set(key, g);
  }
  return [...groups.values()]
    .map(({ rows: rs }) => {
      // The most used variant names the group; ties go to the shorter (singular) form.
      const named = [...rs].sort(
        (a, b) => b.count - a.count || a.phrase.length - b.phrase.length || byString(a.phrase, b.phrase),
      );
      return {
        phrase: named[0].phrase,
        variants: named.map((r) => r.phrase),
        count: rs.reduce((n, r) => n + r.count, 0),
        documents: [...new Set(rs.flatMap((r) => r.documents))].sort(byString),
      };
    })
    .sort((a, b) => b.count - a.count || byString(a.phrase, b.phrase));
}

/** The outlet a document falls under, as the backend names it. */
export function outletOf(meta: DocumentSummary['meta']): string {
  return meta.outlet?.trim() || UNKNOWN_OUTLET;
}

/** The outlets to show as columns: those with phrases and those with documents, sorted. */
export function outletNames(withPhrases: string[], withDocuments: string[]): string[] {
  return [...new Set([...withPhrases, ...withDocuments])].sort(byString);
}
