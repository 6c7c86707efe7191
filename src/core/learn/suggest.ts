// What the coding views draw from the model's layer (no zod, so the renderer and the study report can use
// it): the suggestions a coder has not dealt with yet, the share of a coder's spans that were accepted
// suggestions, the uncertainty order of "next document", and the sentence a methods section needs about it.
import {
  type AnnotationRecord,
  type DocLabelValue,
  type DocumentOrder,
  GOLD,
  isModelName,
  type RecordSummary,
  type Span,
} from '../model';
import { type DocumentUncertainty, uncertaintyOrder } from './crossfit';

function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** What the model proposes to one coder on one document. */
export interface SuggestionSet {
  /** The model's spans the coder has not marked: no span of the coder with the same label overlaps them. */
  spans: (Span & { id: string })[];
  /** The model's value of each document-label group the coder has not set. */
  docLabels: Record<string, DocLabelValue>;
}

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * The suggestions left for a coder: the model's spans of labels still in the codebook that no span of the
 * coder's with the same label overlaps (a coder who marked the phrase differently has dealt with it), and
 * the groups the coder left unset. Accepted suggestions are the coder's spans, so they drop out here too.
 */
export function suggestionsFor(
  model: AnnotationRecord,
  coder: Pick<AnnotationRecord, 'spans' | 'docLabels'> | null,
  codebook: { spanLabels: readonly { name: string }[]; docLabels: readonly { name: string; options: string[] }[] },
): SuggestionSet {
  const labels = new Set(codebook.spanLabels.map((l) => l.name));
  const own = coder?.spans ?? [];
  const spans = model.spans
    .filter((s) => labels.has(s.label) && !own.some((o) => o.label === s.label && overlaps(o, s)))
    .map((s) => ({ id: s.id ?? `${s.start}-${s.end}`, start: s.start, end: s.end, label: s.label }));
  const docLabels: Record<string, DocLabelValue> = {};
  for (const g of codebook.docLabels) {
    const value = model.docLabels[g.name];
    if (value === undefined || coder?.docLabels[g.name] !== undefined) continue;
    const fits = Array.isArray(value) ? value.every((v) => g.options.includes(v)) : g.options.includes(value);
    if (fits && !(Array.isArray(value) && value.length === 0)) docLabels[g.name] = value;
  }
  return { spans, docLabels };
}

/** Per coder: spans in counted records, and how many of them were accepted from the model's suggestions. */
export interface SuggestionShare {
  spans: number;
  accepted: number;
  /** accepted / spans; null when the coder has no spans. */
  share: number | null;
}

/** The share of each coder's spans that were accepted suggestions (records of status in_progress and done). */
export function suggestionShare(records: readonly AnnotationRecord[]): Record<string, SuggestionShare> {
  return suggestionShareOf(
    records.map((r) => ({
      annotator: r.annotator,
      status: r.status,
      spans: r.spans.length,
      suggested: r.spans.filter((x) => x.origin === 'suggestion').length,
    })),
  );
}

/** `suggestionShare` from record summaries (span counts, not spans). */
export function suggestionShareOf(
  records: readonly Pick<RecordSummary, 'annotator' | 'status' | 'spans' | 'suggested'>[],
): Record<string, SuggestionShare> {
  const out: Record<string, SuggestionShare> = {};
  for (const r of records) {
    if (r.annotator === GOLD || isModelName(r.annotator)) continue;
    if (r.status !== 'done' && r.status !== 'in_progress') continue;
    const s = out[r.annotator] ?? { spans: 0, accepted: 0, share: null };
    s.spans += r.spans;
    s.accepted += r.suggested;
    out[r.annotator] = s;
  }
  for (const s of Object.values(out)) s.share = s.spans > 0 ? s.accepted / s.spans : null;
  return Object.fromEntries(
    Object.keys(out)
      .sort(byString)
      .map((k) => [k, out[k]]),
  );
}

/** One sentence for a methods section: which order "next document" followed. */
export function documentOrderSentence(order: DocumentOrder | undefined): string {
  return order === 'uncertainty'
    ? 'Coders moved to the next document in the order of the model’s uncertainty: documents nobody had coded came first, those on which the models of the cross-fitting folds disagreed most first; coders could open any document at any time.'
    : 'Coders moved to the next document in the order of the document list (by document id); the model did not choose which document came next.';
}

/** The documents of `all` in the layer's uncertainty order; documents the layer does not know follow, in list order. */
export function orderByUncertainty(uncertainty: readonly DocumentUncertainty[], all: readonly string[]): string[] {
  const present = new Set(all);
  const ranked = uncertaintyOrder(uncertainty).filter((d) => present.has(d));
  const known = new Set(uncertainty.map((u) => u.document));
  return [...ranked, ...all.filter((d) => !known.has(d))];
}
