// Phrase rows of one label per outlet, optionally folded by simple plural ("riots" ~ "riot").
import type { DocumentSummary } from '../../core/model';
import { UNKNOWN_OUTLET } from '../../core/outlets';

export { groupPhrases, type PhraseGroup } from '../../core/outlets';

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The outlet a document falls under, as the backend names it. */
export function outletOf(meta: DocumentSummary['meta']): string {
  return meta.outlet?.trim() || UNKNOWN_OUTLET;
}

/** The outlets to show as columns: those with phrases and those with documents, sorted. */
export function outletNames(withPhrases: string[], withDocuments: string[]): string[] {
  return [...new Set([...withPhrases, ...withDocuments])].sort(byString);
}
