// The numbers behind the outlet tables and charts, as CSV.
import type { OutletReport } from '../../core/api';
import type { PhraseRow } from '../../core/outlets';
import { toCsv } from '../ui/csv';

/** One row per outlet, one column per label (per 1,000 words). */
export function ratesCsv(rates: OutletReport['rates'], labels: string[]): string {
  const rows: (string | number)[][] = [['outlet', 'words', 'documents', ...labels.map((l) => `${l} per 1000 words`)]];
  for (const [outlet, r] of Object.entries(rates))
    rows.push([outlet, r.words, r.documents, ...labels.map((l) => round(r.perThousandWords[l] ?? 0))]);
  return toCsv(rows);
}

/** Long form: group, key (outlet or month), value, count. */
export function docLabelsCsv(table: Record<string, Record<string, Record<string, number>>>, keyName: string): string {
  const rows: (string | number)[][] = [['group', keyName, 'value', 'count']];
  for (const [group, byKey] of Object.entries(table))
    for (const [key, values] of Object.entries(byKey))
      for (const [value, n] of Object.entries(values)) rows.push([group, key, value, n]);
  return toCsv(rows);
}

/** Long form: label, outlet, phrase, count, documents. */
export const phrasesCsv = (labels: OutletReport['labels']): string => phraseRowsCsv(labels, 'label');

/** Long form: relation type, outlet, target, count, documents. */
export const relationTargetsCsv = (relations: OutletReport['relations']): string =>
  phraseRowsCsv(relations, 'relation type', 'target');

function phraseRowsCsv(table: OutletReport['relations'], keyName: string, phraseName = 'phrase'): string {
  const rows: (string | number)[][] = [[keyName, 'outlet', phraseName, 'count', 'documents']];
  for (const [key, byOutlet] of Object.entries(table))
    for (const [outlet, list] of Object.entries(byOutlet))
      for (const p of list) rows.push([key, outlet, p.phrase, p.count, documentsCell(p)]);
  return toCsv(rows);
}

/** The app's outlet report counts a phrase's documents without naming them: the cell then says how many. */
function documentsCell(p: PhraseRow): string {
  const rest = (p.documentCount ?? p.documents.length) - p.documents.length;
  if (rest <= 0) return p.documents.join(' ');
  return p.documents.length ? `${p.documents.join(' ')} … ${rest} more` : `${rest} document${rest === 1 ? '' : 's'}`;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
