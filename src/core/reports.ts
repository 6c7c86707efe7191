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
  DISAGREEMENT_FIELDS,
  DISAGREEMENT_KINDS,
  type Disagreement,
  type DisagreementTable,
  disagreementAt,
  disagreementTable,
  type LabelConfusion,
  labelConfusion,
  type PerDocumentReport,
  type RelationDisagreement,
  relationDisagreements,
} from './agreement';
import { sharingCorpus } from './agreement/corpus';
import { hasModelLayer, type ModelAgreement, modelAgreement } from './learn/modelAgreement';
import {
  groupPhrases,
  type OutletPhrases,
  type PhraseGroup,
  type PhraseRow,
  phraseStem,
  type RelationTargets,
} from './outlets';

/** Every figure, the confusion matrix and the disagreement lists: what the dashboard shows before the intervals. */
export interface Figures {
  report: AgreementReport;
  /** Null until it arrives with the disagreement list (both compare every span of every pair). */
  confusion: LabelConfusion | null;
  /**
   * Packed: the list is answered a window at a time, and its arrays cross from the report thread uncopied. Null
   * while it is built: the figures are shown first, the list follows.
   */
  disagreements: DisagreementTable | null;
  /** Relations one coder of a pair has and the other lacks, under the relation F1's exact matching. */
  relationDisagreements: RelationDisagreement[];
  /** The model against each coder and gold, beside the coders' pairs; null without a model layer. */
  model: ModelAgreement | null;
}

/** Seeded, so the same annotations always show the same interval. */
export const DASHBOARD_BOOTSTRAP = { draws: 1000, seed: 1 } as const;

export function dashboardFigures(input: AgreementInput): Figures {
  return sharingCorpus(input, () => ({ ...firstFigures(input), ...spanComparison(input) }));
}

/**
 * The figures without the label confusion and the span disagreement list, which walk every pair of spans and
 * together take longer than the report.
 */
export function firstFigures(input: AgreementInput): Figures {
  return sharingCorpus(input, () => ({
    report: agreementReport(input),
    confusion: null,
    disagreements: null,
    relationDisagreements: relationDisagreements(input),
    model: hasModelLayer(input) ? modelAgreement(input) : null,
  }));
}

/** The label confusion and the span disagreement list, which the view shows after the figures. */
export function spanComparison(input: AgreementInput): { confusion: LabelConfusion; disagreements: DisagreementTable } {
  return sharingCorpus(input, () => ({ confusion: labelConfusion(input), disagreements: disagreementTable(input) }));
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
  /** Null while the disagreement list is built. */
  confusion: LabelConfusion | null;
  model: ModelAgreement | null;
  intervals: BootstrapReport | null;
  modelIntervals: ModelAgreement['intervals'] | null;
  /** `disagreements` is null while the list is built. */
  counts: { documents: number; disagreements: number | null; relationDisagreements: number };
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
      disagreements: result.figures.disagreements?.count ?? null,
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

function windowOf(request: { offset: number; limit: number }): { offset: number; limit: number } {
  return {
    offset: Math.max(0, Math.floor(request.offset)),
    limit: Math.max(0, Math.min(MAX_ROWS, Math.floor(request.limit))),
  };
}

export function pageOf<T>(all: T[], request: { offset: number; limit: number }): RowsPage<T> {
  const { offset, limit } = windowOf(request);
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
  /** No rows yet: the span list is still being built (ask again when the job's `parts` grows). */
  pending?: boolean;
  spans: RowsPage<Disagreement>;
  relations: RowsPage<RelationDisagreement>;
}

export const relationKind = (k: RelationDisagreement['kind']) => `relation-${k}`;

export function disagreementRows(result: AgreementResult, request: RowsRequest): DisagreementsPage {
  const { label, pair, kind, document } = request.filters ?? {};
  const table = result.figures.disagreements;
  const spans = table && disagreementIndices(table, request.filters ?? {});
  const total = !table ? 0 : spans ? spans.length : table.count;
  const { offset, limit } = windowOf(request);
  const relations = result.figures.relationDisagreements.filter(
    (d) =>
      (!label || d.relation.from.label === label || d.relation.to.label === label) &&
      (!pair || `${d.a}\u0000${d.b}` === pair) &&
      (!kind || relationKind(d.kind) === kind) &&
      (!document || d.document === document),
  );
  const rows: Disagreement[] = [];
  if (table)
    for (let k = offset; k < Math.min(total, offset + limit); k++)
      rows.push(disagreementAt(table, spans ? spans[k] : k));
  return {
    ...(table ? {} : { pending: true }),
    spans: { total, offset, rows },
    relations: pageOf(relations, request),
  };
}

/** The rows of a table the filters keep, in order; null when no filter is set (every row). */
function disagreementIndices(t: DisagreementTable, filters: NonNullable<RowsRequest['filters']>): number[] | null {
  const { label, pair, kind, document } = filters;
  if (!label && !pair && !kind && !document) return null;
  const code = (names: readonly string[], name: string | undefined) => (name ? names.indexOf(name) : -2);
  const l = code(t.labels, label);
  const k = code(DISAGREEMENT_KINDS, kind);
  const d = code(t.documents, document);
  const [pa, pb] = pair ? pair.split('\u0000') : [];
  const a = code(t.annotators, pa);
  const b = code(t.annotators, pb);
  // a name the table does not have matches no row
  if (l === -1 || k === -1 || d === -1 || a === -1 || b === -1 || (pair && pair.split('\u0000').length !== 2))
    return [];
  const r = t.rows;
  const out: number[] = [];
  for (let i = 0, o = 0; i < t.count; i++, o += DISAGREEMENT_FIELDS) {
    if (d >= 0 && r[o] !== d) continue;
    if (a >= 0 && (r[o + 1] !== a || r[o + 2] !== b)) continue;
    if (k >= 0 && r[o + 3] !== k) continue;
    if (l >= 0 && r[o + 6] !== l && r[o + 9] !== l) continue;
    out.push(i);
  }
  return out;
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

/** The size of one outlet's phrase column: spans, phrase rows, and rows with simple plurals folded together. */
export interface PhraseColumnSize {
  spans: number;
  rows: number;
  folded: number;
}

/**
 * The outlet tables' head: the report without its phrase rows (relations are few: kept, their documents counted
 * as in pagedOutlets), and per label and outlet the size of its phrase column, whose rows come a window at a time
 * (tens of thousands of distinct phrases per outlet at 10,000 documents).
 */
export type OutletOverview<R extends PhraseTables> = Omit<R, 'labels'> & {
  phrases: Record<string, Record<string, PhraseColumnSize>>;
};

// a folded column is grouped once per report, not once per window
const folds = new WeakMap<PhraseRow[], PhraseGroup[]>();

function groupsOf(rows: PhraseRow[], fold: boolean): PhraseGroup[] {
  if (!fold) return groupPhrases(rows, false);
  let groups = folds.get(rows);
  if (!groups) {
    groups = groupPhrases(rows, true);
    folds.set(rows, groups);
  }
  return groups;
}

/** How many groups folding plurals makes of a column (one per stem), without making them: a column is grouped when shown. */
function stemCount(rows: PhraseRow[]): number {
  const folded = folds.get(rows);
  if (folded) return folded.length;
  const stems = new Set<string>();
  for (const r of rows) stems.add(phraseStem(r.phrase));
  return stems.size;
}

export function outletOverview<R extends PhraseTables>(report: R): OutletOverview<R> {
  const phrases: Record<string, Record<string, PhraseColumnSize>> = {};
  for (const [label, byOutlet] of Object.entries(report.labels)) {
    phrases[label] = {};
    for (const [outlet, rows] of Object.entries(byOutlet))
      phrases[label][outlet] = {
        spans: rows.reduce((n, r) => n + r.count, 0),
        rows: rows.length,
        folded: stemCount(rows),
      };
  }
  const { labels: _rows, ...rest } = report;
  return { ...rest, relations: previewed(report.relations), phrases };
}

/** Which window of one outlet's phrase column for one label. */
export interface PhraseRowsRequest {
  label: string;
  outlet: string;
  /** Simple plurals folded into one row ("riots" with "riot"). */
  fold: boolean;
  offset: number;
  limit: number;
}

/**
 * A window of one phrase column, by count then phrase as the whole table orders it; each row's documents are
 * counted (`documentCount`) and fetched with phraseDocumentRows.
 */
export function phraseRowsPage(report: PhraseTables, request: PhraseRowsRequest): RowsPage<PhraseGroup> {
  const rows = report.labels[request.label]?.[request.outlet] ?? [];
  // unfolded rows are already in order: only the window is turned into groups
  if (!request.fold) {
    const page = pageOf(rows, request);
    return { ...page, rows: groupPhrases(page.rows, false).map(countedGroup) };
  }
  const page = pageOf(groupsOf(rows, true), request);
  return { ...page, rows: page.rows.map(countedGroup) };
}

function countedGroup(g: PhraseGroup): PhraseGroup {
  return { ...g, documents: g.documents.slice(0, PHRASE_PREVIEW), documentCount: g.documents.length };
}

/** A window of the adjudication queue in its order; with `filters.document`, that document's row only. */
export function queueRows(queue: QueueRow[], request: RowsRequest): RowsPage<QueueRow> {
  const document = request.filters?.document;
  return pageOf(document ? queue.filter((r) => r.id === document) : queue, request);
}
