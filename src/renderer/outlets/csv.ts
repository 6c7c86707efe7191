// CSV text for the outlet tables (RFC 4180 quoting; cells a spreadsheet would run as formulas are defused).
import type { OutletReport } from '../../core/api';

/** One CSV cell, quoted when needed; strings starting with = + - @ get a leading ' against formula injection. */
export function csvCell(value: string | number): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows of cells as CSV text with CRLF line ends. */
export function toCsv(rows: (string | number)[][]): string {
  return `${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** The label-rate table: one row per outlet, one column per label (per 1,000 words). */
export function ratesCsv(rates: OutletReport['rates'], labels: string[]): string {
  const rows: (string | number)[][] = [['outlet', 'words', 'documents', ...labels.map((l) => `${l} per 1000 words`)]];
  for (const [outlet, r] of Object.entries(rates))
    rows.push([outlet, r.words, r.documents, ...labels.map((l) => round(r.perThousandWords[l] ?? 0))]);
  return toCsv(rows);
}

/** Document-level label counts, long form: group, key (outlet or month), value, documents. */
export function docLabelsCsv(table: Record<string, Record<string, Record<string, number>>>, keyName: string): string {
  const rows: (string | number)[][] = [['group', keyName, 'value', 'count']];
  for (const [group, byKey] of Object.entries(table))
    for (const [key, values] of Object.entries(byKey))
      for (const [value, n] of Object.entries(values)) rows.push([group, key, value, n]);
  return toCsv(rows);
}

/** The phrase table, long form: label, outlet, phrase, count, documents. */
export function phrasesCsv(labels: OutletReport['labels']): string {
  const rows: (string | number)[][] = [['label', 'outlet', 'phrase', 'count', 'documents']];
  for (const [label, byOutlet] of Object.entries(labels))
    for (const [outlet, list] of Object.entries(byOutlet))
      for (const p of list) rows.push([label, outlet, p.phrase, p.count, p.documents.join(' ')]);
  return toCsv(rows);
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
