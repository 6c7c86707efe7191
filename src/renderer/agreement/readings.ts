// How the dashboard words and colours figures: one-line readings, three-decimal numbers, a colour scale.
import type { Num } from '../../core/agreement';

/** Each overall figure comes with one sentence on what it measures (and what it does not). */
export const READINGS = {
  alpha_u:
    "Krippendorff's unitizing α: do the annotators mark the same stretches of text with the same label? 1 = identical, 0 = no better than chance placement, below 0 = systematic disagreement.",
  fleiss_kappa_char:
    "Fleiss' κ over every character: agreement on each character's labels beyond chance. Readings such as 0.61–0.80 = “substantial” (Landis & Koch) are conventions, not truths.",
  cohen_kappa_char: "Cohen's κ over every character, for one pair of annotators, chance from each one's own habits.",
  f1_exact: 'Exact-match F1: share of spans the other annotator drew with the same start, end and label.',
  f1_overlap: 'Overlap F1 (SemEval-2020 Task 11): partial credit for spans of the same label that overlap.',
  doc_alpha:
    "Krippendorff's α (nominal) on a document label, missing answers allowed. 0.8 is often asked for, 0.667 tolerated for tentative conclusions — conventions, not truths.",
} as const;

/** ".800", the way a minimum α is written. */
export function coef(v: number): string {
  return v.toFixed(3).replace(/^(-?)0\./, '$1.');
}

/** Figures are shown with three decimals everywhere (the CLI prints full precision). */
export function fmt(v: Num | undefined): string {
  return v === null || v === undefined ? '—' : v.toFixed(3);
}

/** Heatmap cells: red (≤ 0) through amber to green (1); grey for undefined. */
export function heat(v: Num): string {
  if (v === null) return '#eeeeee';
  const t = Math.max(0, Math.min(1, v));
  const hue = Math.round(t * 120);
  return `hsl(${hue} 65% ${88 - t * 18}%)`;
}

/** The JSON Pointer (RFC 6901) of a figure in the report, which keys `null_reasons`; labels may hold "/" or "~". */
export function pointer(...path: (string | number)[]): string {
  return path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}
