// What a report job computes, the same code in a worker thread (reportWorker.ts) and in place (a small
// project): the agreement dashboard's figures then its intervals, or the outlet tables. It only computes.
import { buildQueue, type QueueRow } from '../core/adjudicationQueue';
import type { AgreementInput } from '../core/agreement';
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
  tableCorpus,
  textCorpus,
} from '../core/outlets';
import {
  type AgreementResult,
  dashboardFigures,
  dashboardIntervals,
  dashboardModelIntervals,
  type Figures,
} from '../core/reports';

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
  | { kind: 'done'; result: AgreementIntervals | OutletReport | QueueRow[] }
  | { kind: 'failed'; message: string };

/** What an agreement job adds to its figures when it is done (the figures went before, once). */
export type AgreementIntervals = Pick<AgreementResult, 'intervals' | 'modelIntervals'>;

/** The buffers a message hands over instead of copying (the disagreement table's arrays). */
export function transfers(m: ReportMessage): ArrayBuffer[] {
  if (m.kind !== 'figures') return [];
  const t = m.figures.disagreements;
  return [t.rows.buffer, t.overlapOff.buffer, t.overlaps.buffer] as ArrayBuffer[];
}

/** Phrases per label per outlet, relation targets, label rates and document labels (for one story, or all). */
export function outletTables(
  documents: OutletDocument[] | OutletCorpus,
  records: AnnotationRecord[],
  filter: { label?: string; story?: string },
): OutletReport {
  const corpus = Array.isArray(documents) ? textCorpus(documents) : documents;
  const phrases = outletPhrases(corpus, records, filter);
  const storyDocs =
    filter.story === undefined ? corpus.documents : corpus.documents.filter((d) => d.meta.story === filter.story);
  const story = storyDocs === corpus.documents ? corpus : { ...corpus, documents: storyDocs };
  const ids = new Set(storyDocs.map((d) => d.id));
  const storyRecords = records.filter((r) => ids.has(r.document));
  return {
    ...phrases,
    relations: relationTargets(story, storyRecords),
    rates: labelRatesPerOutlet(story, storyRecords),
    doc_labels: docLabelCounts(storyDocs, storyRecords),
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
      post({ kind: 'figures', figures: dashboardFigures(input) });
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
