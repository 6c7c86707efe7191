// What the models learn from: per document, the gold layer where it exists, else what the coders agreed on.
//
// Agreed spans are a token-level majority vote, per label: a token is inside when more than half of the
// coders who coded the document cover it with that label, and a run of such tokens is split where more than
// half of them start a span. With one coder that is the coder's spans; with two, what both marked; with
// three, what two of them marked. Requiring identical spans instead would drop most of what coders share
// (two coders who mark the same phrase one word apart agree on the phrase, not on the span), and token-level
// majority voting is the usual baseline for pooling several people's sequence labels.
// Agreed document labels: the value (single choice) or each option (multiple choice) chosen by more than
// half of the coders whose record carries the group.
import { type AnnotationRecord, type DocLabelValue, GOLD, isModelName } from '../model';
import { B, I, O, spansToTags, tagsToSpans } from './bio';
import type { TokenizedText } from './tokens';

export { isModelName, MODEL } from '../model';

/** A document-label group as the models need it. */
export interface GroupSpec {
  name: string;
  kind: 'single' | 'multiple';
  options: string[];
}

/** What one document teaches: its spans per label and its document labels, and where they come from. */
export interface Target {
  document: string;
  source: 'gold' | 'agreed';
  /** The coders whose records were pooled (empty for gold). */
  coders: string[];
  spans: { start: number; end: number; label: string }[];
  docLabels: Record<string, DocLabelValue>;
}

/** The records a target may be built from: no model layer, and only the statuses asked for. */
export function usableRecords(records: readonly AnnotationRecord[], statuses: readonly string[]): AnnotationRecord[] {
  const latest = new Map<string, AnnotationRecord>();
  for (const r of records) {
    if (isModelName(r.annotator) || !statuses.includes(r.status)) continue;
    const key = `${r.document}\u0000${r.annotator}`;
    const prev = latest.get(key);
    if (!prev || (r.updatedAt ?? '') >= (prev.updatedAt ?? '')) latest.set(key, r);
  }
  return [...latest.values()];
}

/** Spans of each label that a majority of the given coders' span lists mark, token by token. */
export function agreedSpans(
  tokens: TokenizedText,
  coders: readonly (readonly { start: number; end: number; label: string }[])[],
  labels: readonly string[],
): { start: number; end: number; label: string }[] {
  const n = tokens.words.length;
  const out: { start: number; end: number; label: string }[] = [];
  const m = coders.length;
  if (m === 0) return out;
  for (const label of labels) {
    const inside = new Int32Array(n);
    const begins = new Int32Array(n);
    for (const spans of coders) {
      const tags = spansToTags(
        tokens,
        spans.filter((s) => s.label === label),
      );
      for (let k = 0; k < n; k++) {
        if (tags[k] !== O) inside[k]++;
        if (tags[k] === B) begins[k]++;
      }
    }
    const voted = new Uint8Array(n);
    for (let k = 0; k < n; k++) {
      if (2 * inside[k] <= m) continue;
      voted[k] = k > 0 && voted[k - 1] !== O && 2 * begins[k] <= m ? I : B;
    }
    for (const s of tagsToSpans(tokens, voted)) out.push({ ...s, label });
  }
  return out;
}

function agreedDocLabels(
  records: readonly AnnotationRecord[],
  groups: readonly GroupSpec[],
): Record<string, DocLabelValue> {
  const out: Record<string, DocLabelValue> = {};
  for (const g of groups) {
    const values = records.map((r) => r.docLabels?.[g.name]).filter((v) => v !== undefined);
    if (values.length === 0) continue;
    if (g.kind === 'single') {
      const counts = new Map<string, number>();
      for (const v of values) if (typeof v === 'string') counts.set(v, (counts.get(v) ?? 0) + 1);
      for (const [v, c] of counts) if (2 * c > values.length) out[g.name] = v;
    } else {
      const chosen = g.options.filter(
        (o) => 2 * values.filter((v) => Array.isArray(v) && v.includes(o)).length > values.length,
      );
      out[g.name] = chosen;
    }
  }
  return out;
}

/**
 * The target of one document from its usable records, or null when nobody coded it. Gold wins for spans
 * and for each group gold carries; the coders' agreement fills in the groups gold lacks.
 */
export function documentTarget(
  document: string,
  tokens: TokenizedText,
  records: readonly AnnotationRecord[],
  labels: readonly string[],
  groups: readonly GroupSpec[],
): Target | null {
  const gold = records.find((r) => r.annotator === GOLD);
  const coders = records.filter((r) => r.annotator !== GOLD).sort((a, b) => (a.annotator < b.annotator ? -1 : 1));
  if (!gold && coders.length === 0) return null;
  const labelSet = new Set(labels);
  const coderLabels = agreedDocLabels(coders, groups);
  if (gold) {
    const docLabels: Record<string, DocLabelValue> = { ...coderLabels };
    for (const g of groups) if (gold.docLabels?.[g.name] !== undefined) docLabels[g.name] = gold.docLabels[g.name];
    return {
      document,
      source: 'gold',
      coders: [],
      spans: gold.spans
        .filter((s) => labelSet.has(s.label))
        .map((s) => ({ start: s.start, end: s.end, label: s.label })),
      docLabels,
    };
  }
  return {
    document,
    source: 'agreed',
    coders: coders.map((r) => r.annotator),
    spans: agreedSpans(
      tokens,
      coders.map((r) => r.spans),
      labels,
    ),
    docLabels: coderLabels,
  };
}
