// What a report job computes, the same code in a worker thread (reportWorker.ts) and in place (a small
// project): the agreement dashboard's figures, then its disagreement list, then its intervals, each posted as
// soon as it exists; or the outlet tables. It only computes.
import { buildQueue, type QueueRow } from '../core/adjudicationQueue';
import type { AgreementInput, DisagreementTable, LabelConfusion } from '../core/agreement';
import { sharingCorpus } from '../core/agreement/corpus';
import type { OutletReport } from '../core/api';
import type { AnnotationRecord } from '../core/model';
import {
  type CorpusTables,
  docLabelCounts,
  labelRatesPerOutlet,
  type OutletCorpus,
  type OutletDocument,
  outletPhrases,
  relationTargets,
  replaceShare,
  tableCorpus,
  textCorpus,
  updatedLabelRates,
} from '../core/outlets';
import {
  type AgreementResult,
  dashboardIntervals,
  dashboardModelIntervals,
  type Figures,
  firstFigures,
  spanComparison,
} from '../core/reports';
import { type PackedRecords, packedBuffers, packRecords, unpackRecords } from './packedRecords';
import { type PackedOutletReport, packedTableBuffers, packOutletReport, unpackOutletReport } from './packedTables';

export type ReportInput =
  | { kind: 'agreement'; input: AgreementInput }
  | { kind: 'queue'; input: AgreementInput; titles: Record<string, string | undefined> }
  | {
      kind: 'outlets';
      corpus: CorpusTables;
      records: AnnotationRecord[];
      filter: { label?: string; story?: string };
    }
  // outlet tables computed before from the same inputs
  | { kind: 'kept'; report: OutletReport };

export type ReportMessage =
  | { kind: 'progress'; stage: string; done: number; total: number }
  | { kind: 'figures'; figures: Figures }
  | { kind: 'disagreements'; table: DisagreementTable; confusion: LabelConfusion }
  | { kind: 'done'; result: AgreementIntervals | OutletReport | QueueRow[] }
  | { kind: 'failed'; message: string };

/** What an agreement job adds to its figures when it is done (the figures went before, once). */
export type AgreementIntervals = Pick<AgreementResult, 'intervals' | 'modelIntervals'>;

/** The buffers a message hands over instead of copying (the disagreement table's arrays). */
export function transfers(m: ReportMessage): ArrayBuffer[] {
  if (m.kind !== 'disagreements') return [];
  const t = m.table;
  return [t.rows.buffer, t.overlapOff.buffer, t.overlaps.buffer] as ArrayBuffer[];
}

/** A report's input as it crosses into a thread: its records packed (packedRecords.ts). */
export type ThreadInput =
  | { kind: 'agreement'; input: Omit<AgreementInput, 'records'> & { records: PackedRecords } }
  | {
      kind: 'queue';
      input: Omit<AgreementInput, 'records'> & { records: PackedRecords };
      titles: Record<string, string | undefined>;
    }
  | (Omit<Extract<ReportInput, { kind: 'outlets' }>, 'records'> & { records: PackedRecords })
  | Extract<ReportInput, { kind: 'kept' }>;

/** The input to hand a thread, and the buffers to transfer with it. */
export function toThread(request: ReportInput): { data: ThreadInput; transfer: ArrayBuffer[] } {
  if (request.kind === 'kept') return { data: request, transfer: [] };
  if (request.kind === 'outlets') {
    const records = packRecords(request.records);
    return { data: { ...request, records }, transfer: packedBuffers(records) };
  }
  const records = packRecords(request.input.records);
  return { data: { ...request, input: { ...request.input, records } }, transfer: packedBuffers(records) };
}

export function fromThread(data: ThreadInput): ReportInput {
  if (data.kind === 'kept') return data;
  if (data.kind === 'outlets') return { ...data, records: unpackRecords(data.records) };
  return { ...data, input: { ...data.input, records: unpackRecords(data.input.records) } };
}

/** A message as a thread posts it: the outlet tables packed (packedTables.ts). */
export type ThreadMessage = ReportMessage | { kind: 'outletTables'; packed: PackedOutletReport };

/** The message a thread computing a report of `kind` posts for `m`, and the buffers to transfer with it. */
export function toMain(
  m: ReportMessage,
  kind: ThreadInput['kind'],
): { message: ThreadMessage; transfer: ArrayBuffer[] } {
  if (m.kind !== 'done' || kind !== 'outlets') return { message: m, transfer: transfers(m) };
  const packed = packOutletReport(m.result as OutletReport);
  return { message: { kind: 'outletTables', packed }, transfer: packedTableBuffers(packed) };
}

export function fromMain(m: ThreadMessage): ReportMessage {
  return m.kind === 'outletTables' ? { kind: 'done', result: unpackOutletReport(m.packed) } : m;
}

/** Phrases per label per outlet, relation targets, label rates and document labels (for one story, or all). */
export function outletTables(
  documents: OutletDocument[] | OutletCorpus,
  records: AnnotationRecord[],
  filter: { label?: string; story?: string },
): OutletReport {
  const corpus = Array.isArray(documents) ? textCorpus(documents) : documents;
  return { ...phraseTables(corpus, records, filter), ...storyCounts(corpus, records, filter) };
}

/** The tables of phrases: per label (spans) and per relation type (the spans relations point at). */
function phraseTables(
  corpus: OutletCorpus,
  records: AnnotationRecord[],
  filter: { label?: string; story?: string },
): Pick<OutletReport, 'labels' | 'relations'> {
  return {
    ...outletPhrases(corpus, records, filter),
    relations: relationTargets(corpus, records, { story: filter.story }),
  };
}

/** The documents of the story asked for (all when none is) and their records. */
function storyOf(corpus: OutletCorpus, records: AnnotationRecord[], filter: { story?: string }) {
  const documents =
    filter.story === undefined ? corpus.documents : corpus.documents.filter((d) => d.meta.story === filter.story);
  const ids = new Set(documents.map((d) => d.id));
  return {
    corpus: documents === corpus.documents ? corpus : { ...corpus, documents },
    records: records.filter((r) => ids.has(r.document)),
  };
}

/** Label rates and document labels per outlet: counts over the records of the story. */
function storyCounts(
  corpus: OutletCorpus,
  records: AnnotationRecord[],
  filter: { story?: string },
): Pick<OutletReport, 'rates' | 'doc_labels'> {
  const story = storyOf(corpus, records, filter);
  return {
    rates: labelRatesPerOutlet(story.corpus, story.records),
    doc_labels: docLabelCounts(story.corpus.documents, story.records),
  };
}

/**
 * `report`, the outlet tables of `before`, brought up to `after` where only the documents of `changed` differ
 * (their records, metadata or phrases): the phrase tables and label rates lose those documents' old share and
 * gain their new one; document labels are counted again. Equal to `outletTables` over `after`, for a fraction of
 * its work. Throws when `report` does not hold what `before` gives (see replaceShare, updatedLabelRates).
 */
export function updatedOutletTables(
  report: OutletReport,
  before: { corpus: OutletCorpus; records: AnnotationRecord[] },
  after: { corpus: OutletCorpus; records: AnnotationRecord[] },
  changed: ReadonlySet<string>,
  filter: { label?: string; story?: string },
): OutletReport {
  const share = (side: typeof before) =>
    phraseTables(
      { ...side.corpus, documents: side.corpus.documents.filter((d) => changed.has(d.id)) },
      side.records.filter((r) => changed.has(r.document)),
      filter,
    );
  const old = share(before);
  const now = share(after);
  const story = storyOf(after.corpus, after.records, filter);
  return {
    labels: replaceShare(report.labels, old.labels, now.labels),
    relations: replaceShare(report.relations, old.relations, now.relations),
    rates: updatedLabelRates(report.rates, storyOf(before.corpus, before.records, filter), story, changed),
    doc_labels: docLabelCounts(story.corpus.documents, story.records),
  };
}

/** Runs one report, telling `post` each step; `cancelled` is asked between steps. */
export function computeReport(
  request: ReportInput,
  post: (m: ReportMessage) => void,
  cancelled: () => boolean = () => false,
): void {
  try {
    if (request.kind === 'kept') {
      post({ kind: 'done', result: request.report });
      return;
    }
    if (request.kind === 'outlets') {
      post({ kind: 'progress', stage: 'tables', done: 0, total: 1 });
      post({ kind: 'done', result: outletTables(tableCorpus(request.corpus), request.records, request.filter) });
      return;
    }
    if (request.kind === 'queue') {
      post({ kind: 'progress', stage: 'computing', done: 0, total: 1 });
      post({ kind: 'done', result: buildQueue(request.input, request.titles) });
      return;
    }
    const { input } = request;
    sharingCorpus(input, () => {
      post({ kind: 'progress', stage: 'figures', done: 0, total: 1 });
      post({ kind: 'figures', figures: firstFigures(input) });
      if (cancelled()) return;
      post({ kind: 'progress', stage: 'disagreements', done: 0, total: 1 });
      const { disagreements, confusion } = spanComparison(input);
      post({ kind: 'disagreements', table: disagreements, confusion });
      if (cancelled()) return;
      let last = -1;
      const intervals = dashboardIntervals(input, (done, total) => {
        // a message per draw would flood the port; a percent is enough for a progress line
        const step = Math.floor((done * 100) / Math.max(1, total));
        if (step === last && done !== total) return;
        last = step;
        post({ kind: 'progress', stage: 'intervals', done, total });
      });
      if (cancelled()) return;
      post({ kind: 'done', result: { intervals, modelIntervals: dashboardModelIntervals(input) } });
    });
  } catch (error) {
    post({ kind: 'failed', message: (error as Error).message });
  }
}
