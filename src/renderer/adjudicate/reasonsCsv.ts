import { DECISION_REASONS } from '../../core/model';
import { toCsv } from '../ui/csv';

/** One row per label, one column per reason, and a total: where the codebook needs work. */
export function reasonsCsv(counts: Record<string, Record<string, number>>): string {
  const header = ['label', ...DECISION_REASONS, 'total'];
  const rows = Object.keys(counts)
    .sort()
    .map((label) => {
      const row = counts[label];
      const values = DECISION_REASONS.map((r) => row[r] ?? 0);
      return [label, ...values, values.reduce((a, b) => a + b, 0)];
    });
  return toCsv([header, ...rows]);
}
