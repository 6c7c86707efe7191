// The adjudication queue: documents from lowest agreement up (α_U of each document on its own; none last),
// with who coded each and how much of it gold has settled.
import { countedRecords, isDecided } from './adjudication';
import { type AgreementInput, agreementReport } from './agreement';
import { type AnnotationRecord, GOLD } from './model';

export interface QueueRow {
  id: string;
  title: string | null;
  /** α_U of the document (null: fewer than two annotators, or no figure). */
  alpha: number | null;
  perLabel: Record<string, number | null>;
  annotators: string[];
  candidates: number;
  decided: number;
}

export function buildQueue(input: AgreementInput, titles: Record<string, string | undefined> = {}): QueueRow[] {
  const report = agreementReport(input);
  const perDoc = new Map(report.per_document.map((d) => [d.id, d]));
  const byDoc = new Map<string, AnnotationRecord[]>();
  for (const r of input.records) {
    const list = byDoc.get(r.document);
    if (list) list.push(r);
    else byDoc.set(r.document, [r]);
  }
  const rows = input.documents.map(({ id }): QueueRow => {
    const records = byDoc.get(id) ?? [];
    const coders = countedRecords(records).sort((a, b) => (a.annotator < b.annotator ? -1 : 1));
    const gold = records.find((r) => r.annotator === GOLD) ?? null;
    const keys = new Map<string, { start: number; end: number; label: string }>();
    for (const r of coders) for (const s of r.spans) keys.set(`${s.start}:${s.end}:${s.label}`, s);
    const pd = perDoc.get(id);
    const alpha = coders.length >= 2 ? (pd?.alpha_u.overall ?? null) : null;
    return {
      id,
      title: titles[id] ?? null,
      alpha,
      perLabel: pd?.alpha_u.per_label ?? {},
      annotators: coders.map((r) => r.annotator),
      candidates: keys.size,
      decided: [...keys.values()].filter((s) => isDecided(gold, s)).length,
    };
  });
  return rows.sort(
    (a, b) =>
      (a.alpha === null ? 1 : 0) - (b.alpha === null ? 1 : 0) ||
      (a.alpha ?? 0) - (b.alpha ?? 0) ||
      b.annotators.length - a.annotators.length ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}
