// The agreement dashboard's figures and the windows of its long lists. The backend computes the figures once
// per report (in a worker thread for a large project) and answers the view a window at a time: a list of
// every document or every disagreement of a 10,000-document corpus need not cross in one answer.

import type { QueueRow } from './adjudicationQueue';
import {
  type AgreementInput,
  type AgreementReport,
  agreementReport,
  type BootstrapReport,
  bootstrapIntervals,
  type Disagreement,
  disagreements,
  type LabelConfusion,
  labelConfusion,
  type PerDocumentReport,
  type RelationDisagreement,
  relationDisagreements,
} from './agreement';
import { hasModelLayer, type ModelAgreement, modelAgreement } from './learn/modelAgreement';
import type { OutletPhrases, RelationTargets } from './outlets';

/** Every figure, the confusion matrix and the disagreement lists: what the dashboard shows before the intervals. */
export interface Figures {
  report: AgreementReport;
  confusion: LabelConfusion;
  disagreements: Disagreement[];
  /** Relations one coder of a pair has and the other lacks, under the relation F1's exact matching. */
  relationDisagreements: RelationDisagreement[];
  /** The model against each coder and gold, beside the coders' pairs; null without a model layer. */
  model: ModelAgreement | null;
}

/** Seeded, so the same annotations always show the same interval. */
export const DASHBOARD_BOOTSTRAP = { draws: 1000, seed: 1 } as const;

export function dashboardFigures(input: AgreementInput): Figures {
  return {
    report: agreementReport(input),
    confusion: labelConfusion(input),
    disagreements: disagreements(input),
    relationDisagreements: relationDisagreements(input),
    model: hasModelLayer(input) ? modelAgreement(input) : null,
  };
}

export function dashboardIntervals(
  input: AgreementInput,
  onProgress?: (done: number, total: number) => void,
): BootstrapReport {
  return bootstrapIntervals(input, { ...DASHBOARD_BOOTSTRAP, onProgress });
}

export function dashboardModelIntervals(input: AgreementInput): ModelAgreement['intervals'] | null {
  return hasModelLayer(input)
    ? (modelAgreement(input, { intervals: true, ...DASHBOARD_BOOTSTRAP }).intervals ?? null)
    : null;
}

/** A finished agreement report: the figures, then the intervals (null until the bootstrap is done). */
export interface AgreementResult {
  figures: Figures;
  intervals: BootstrapReport | null;
  modelIntervals: ModelAgreement['intervals'] | null;
}

/**
 * The dashboard's head: the report without its per-document rows (and without their null reasons), the
 * confusion matrix, the model's figures and the intervals, with the lengths of the lists kept back.
 */
export interface AgreementOverview {
  report: AgreementReport;
  confusion: LabelConfusion;
  model: ModelAgreement | null;
  intervals: BootstrapReport | null;
  modelIntervals: ModelAgreement['intervals'] | null;
  counts: { documents: number; disagreements: number; relationDisagreements: number };
}

const PER_DOCUMENT = '/per_document/';

export function agreementOverview(result: AgreementResult): AgreementOverview {
  const { report, confusion, model } = result.figures;
  const reasons: Record<string, string> = {};
  for (const [k, v] of Object.entries(report.null_reasons)) if (!k.startsWith(PER_DOCUMENT)) reasons[k] = v;
  return {
    report: { ...report, per_document: [], null_reasons: reasons },
    confusion,
    model,
    intervals: result.intervals,
    modelIntervals: result.modelIntervals,
    counts: {
      documents: report.per_document.length,
      disagreements: result.figures.disagreements.length,
      relationDisagreements: result.figures.relationDisagreements.length,
    },
  };
}

/** Which rows of a list to answer: `limit` from `offset` of the rows the sort and the filters give. */
export interface RowsRequest {
  offset: number;
  limit: number;
  /** Documents: by id, α_U (undefined figures last either way) or length. Default: α_U ascending. */
  sort?: { key: 'id' | 'alpha' | 'length'; asc: boolean };
  /** Disagreements: a label either side has, an annotator pair ("a\u0000b"), a kind, a document. */
  filters?: { label?: string; pair?: string; kind?: string; document?: string };
}

/** A document's row with the null reasons of its figures (keyed as in the whole report). */
export interface DocumentAgreementRow extends PerDocumentReport {
  /** Its place in the report's `per_document` (what its null reasons' pointers name). */
  index: number;
  reasons: Record<string, string>;
}

export interface RowsPage<T> {
  total: number;
  offset: number;
  rows: T[];
}

/** The most rows one answer carries, whatever was asked. */
export const MAX_ROWS = 500;

export function pageOf<T>(all: T[], request: { offset: number; limit: number }): RowsPage<T> {
  const offset = Math.max(0, Math.floor(request.offset));
  const limit = Math.max(0, Math.min(MAX_ROWS, Math.floor(request.limit)));
  return { total: all.length, offset, rows: all.slice(offset, offset + limit) };
}

const byId = (x: { id: string }, y: { id: string }) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);

export function documentRows(result: AgreementResult, request: RowsRequest): RowsPage<DocumentAgreementRow> {
  const { report } = result.figures;
  const sort = request.sort ?? { key: 'alpha', asc: true };
  const indexed = report.per_document.map((d, index) => ({ d, index }));
  const compare = (x: PerDocumentReport, y: PerDocumentReport) =>
    sort.key === 'id'
      ? byId(x, y)
      : sort.key === 'length'
        ? x.length - y.length
        : (x.alpha_u.overall ?? 0) - (y.alpha_u.overall ?? 0);
  indexed.sort(({ d: x }, { d: y }) => {
    if (sort.key === 'alpha') {
      const nx = x.alpha_u.overall === null;
      const ny = y.alpha_u.overall === null;
      if (nx !== ny) return nx ? 1 : -1;
    }
    const c = compare(x, y);
    return (sort.asc ? c : -c) || byId(x, y);
  });
  const page = pageOf(indexed, request);
  return {
    ...page,
    rows: page.rows.map(({ d, index }) => {
      const prefix = `${PER_DOCUMENT}${index}/`;
      const reasons: Record<string, string> = {};
      for (const [k, v] of Object.entries(report.null_reasons)) if (k.startsWith(prefix)) reasons[k] = v;
      return { ...d, index, reasons };
    }),
  };
}

/** A window of the span disagreements and one of the relation disagreements, filtered alike. */
export interface DisagreementsPage {
  spans: RowsPage<Disagreement>;
  relations: RowsPage<RelationDisagreement>;
}

export const relationKind = (k: RelationDisagreement['kind']) => `relation-${k}`;

export function disagreementRows(result: AgreementResult, request: RowsRequest): DisagreementsPage {
  const { label, pair, kind, document } = request.filters ?? {};
  const spans = result.figures.disagreements.filter(
    (d) =>
      (!label || d.spanA?.label === label || d.spanB?.label === label) &&
      (!pair || `${d.a}\u0000${d.b}` === pair) &&
      (!kind || d.kind === kind) &&
      (!document || d.document === document),
  );
  const relations = result.figures.relationDisagreements.filter(
    (d) =>
      (!label || d.relation.from.label === label || d.relation.to.label === label) &&
      (!pair || `${d.a}\u0000${d.b}` === pair) &&
      (!kind || relationKind(d.kind) === kind) &&
      (!document || d.document === document),
  );
  return { spans: pageOf(spans, request), relations: pageOf(relations, request) };
}

/**
 * Documents a phrase row of the paged outlet tables names: none, its count says how many there are and they are
 * fetched a window at a time (at 1,000 documents the lists were a third of the whole answer).
 */
export const PHRASE_PREVIEW = 0;

type PhraseTable = OutletPhrases['labels'];

/** What the paged outlet answers read of an outlet report. */
interface PhraseTables {
  labels: PhraseTable;
  relations: RelationTargets;
}

/** Which documents of one phrase row of an outlet report to answer. */
export interface PhraseDocumentsRequest {
  /** `labels` (phrases per label) or `relations` (targets per relation type). */
  table: 'labels' | 'relations';
  key: string;
  outlet: string;
  phrase: string;
  offset: number;
  limit: number;
}

function previewed(table: PhraseTable): PhraseTable {
  const out: PhraseTable = {};
  for (const [key, byOutlet] of Object.entries(table)) {
    out[key] = {};
    for (const [outlet, rows] of Object.entries(byOutlet))
      out[key][outlet] = rows.map((r) => ({
        ...r,
        documents: r.documents.slice(0, PHRASE_PREVIEW),
        documentCount: r.documents.length,
      }));
  }
  return out;
}

/** The outlet tables with each phrase's document count in place of its documents. */
export function pagedOutlets<R extends PhraseTables>(report: R): R {
  return { ...report, labels: previewed(report.labels), relations: previewed(report.relations) };
}

export function phraseDocumentRows(report: PhraseTables, request: PhraseDocumentsRequest): RowsPage<string> {
  const rows = report[request.table][request.key]?.[request.outlet] ?? [];
  const row = rows.find((r) => r.phrase === request.phrase);
  return pageOf(row?.documents ?? [], request);
}

/** A window of the adjudication queue in its order; with `filters.document`, that document's row only. */
export function queueRows(queue: QueueRow[], request: RowsRequest): RowsPage<QueueRow> {
  const document = request.filters?.document;
  return pageOf(document ? queue.filter((r) => r.id === document) : queue, request);
}
