// The reasons summary as CSV (label × reason counts), downloaded in the browser without a server.
import { DECISION_REASONS } from '../../core/model';

const cell = (v: string | number) => {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** One row per label, one column per reason, and a total, for spreadsheet work on the codebook. */
export function reasonsCsv(counts: Record<string, Record<string, number>>): string {
  const header = ['label', ...DECISION_REASONS, 'total'];
  const rows = Object.keys(counts)
    .sort()
    .map((label) => {
      const row = counts[label];
      const values = DECISION_REASONS.map((r) => row[r] ?? 0);
      return [label, ...values, values.reduce((a, b) => a + b, 0)];
    });
  return `${[header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** A link target for the CSV: a Blob URL where the browser has them, a data URL otherwise. */
export function csvHref(text: string): { href: string; revoke(): void } {
  if (typeof URL.createObjectURL === 'function') {
    const href = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
    return { href, revoke: () => URL.revokeObjectURL(href) };
  }
  return { href: `data:text/csv;charset=utf-8,${encodeURIComponent(text)}`, revoke: () => {} };
}
