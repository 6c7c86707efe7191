// Report jobs: the agreement dashboard and the outlet tables computed in a worker thread equal the same
// computation in place, their progress rises to its total, a cancel ends the thread and keeps nothing, and the
// service answers the long lists a window at a time.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { agreementInput } from '../../src/backend/agreement';
import { loadDocuments, outletCorpus, projectOutlets } from '../../src/backend/outlets';
import type { Project } from '../../src/backend/project';
import { computeReport, outletTables, type ReportMessage } from '../../src/backend/reportCompute';
import { type Gather, ReportJobs } from '../../src/backend/reportJobs';
import { FrameLensService } from '../../src/backend/service';
import { type Disagreement, disagreements } from '../../src/core/agreement';
import type { ReportWork } from '../../src/core/api';
import { groupPhrases, type PhraseGroup } from '../../src/core/outlets';
import {
  dashboardFigures,
  dashboardIntervals,
  dashboardModelIntervals,
  documentRows,
  PHRASE_PREVIEW,
  type RowsRequest,
} from '../../src/core/reports';
import { codedProject } from './codedProject';
import { tempDir } from './helpers';

// A thread compiles the core through tsx when it starts: seconds on a loaded machine.
vi.setConfig({ testTimeout: 120_000 });

let dir: string;
let cleanup: () => Promise<void>;
let project: Project;
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  project = await codedProject(join(dir, 'p'), { documents: 24, uncoded: 3 });
});
afterAll(() => cleanup());

const agreementGather: Gather = async () => {
  const input = await agreementInput(project);
  return { input: { kind: 'agreement', input }, size: input.documents.length };
};

/** Polls a job until it ends, keeping every status seen. */
async function polled(jobs: ReportJobs, id: string): Promise<ReportWork[]> {
  const seen: ReportWork[] = [];
  for (;;) {
    const s = jobs.status(id);
    seen.push(s);
    if (s.state !== 'running') return seen;
    await new Promise((r) => setTimeout(r, 2));
  }
}

describe('report jobs', () => {
  it('computes the agreement dashboard in a thread exactly as in place, with progress rising to its total', async () => {
    const input = await agreementInput(project);
    const threaded = new ReportJobs(undefined, 0);
    const started = threaded.start('agreement', agreementGather);
    expect(started.state).toBe('running');
    const seen = await polled(threaded, started.id);
    const end = seen.at(-1)!;
    expect(end).toMatchObject({ state: 'done', thread: true, ready: true, parts: 3 });
    const parts = seen.map((s) => s.parts);
    expect(parts).toEqual([...parts].sort((a, b) => a - b));
    const boot = seen.filter((s) => s.stage === 'intervals');
    expect(boot.length).toBeGreaterThan(1);
    const done = boot.map((s) => s.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(done.at(-1)).toBeGreaterThan(done[0]);
    expect(end.done).toBe(boot[0].total);
    expect(threaded.agreement(started.id)).toEqual({
      figures: dashboardFigures(input),
      intervals: dashboardIntervals(input),
      modelIntervals: dashboardModelIntervals(input),
    });
    const inPlace = new ReportJobs(undefined, Number.POSITIVE_INFINITY);
    const local = inPlace.start('agreement', agreementGather);
    expect((await inPlace.wait(local.id)).thread).toBe(false);
    expect(inPlace.agreement(local.id)).toEqual(threaded.agreement(started.id));
  });

  it('posts the figures first, then the disagreement list, then the intervals, and stops between steps on cancel', async () => {
    const input = await agreementInput(project);
    const kinds = (stopAfter: string | null) => {
      const posted: ReportMessage[] = [];
      computeReport(
        { kind: 'agreement', input },
        (m) => posted.push(m),
        () => posted.some((m) => m.kind === stopAfter),
      );
      return posted;
    };
    const all = kinds(null);
    const order = all.filter((m) => m.kind !== 'progress').map((m) => m.kind);
    expect(order).toEqual(['figures', 'disagreements', 'done']);
    const figures = all.find((m) => m.kind === 'figures');
    const table = all.find((m) => m.kind === 'disagreements');
    expect(figures?.kind === 'figures' && figures.figures.disagreements).toBeNull();
    expect(figures?.kind === 'figures' && figures.figures.confusion).toBeNull();
    const whole = dashboardFigures(input);
    expect(table?.kind === 'disagreements' && table.table).toEqual(whole.disagreements);
    expect(table?.kind === 'disagreements' && table.confusion).toEqual(whole.confusion);
    expect(all.filter((m) => m.kind === 'progress').map((m) => m.kind === 'progress' && m.stage)[1]).toBe(
      'disagreements',
    );
    expect(kinds('figures').map((m) => m.kind)).toEqual(['progress', 'figures']);
    expect(
      kinds('disagreements')
        .filter((m) => m.kind !== 'progress')
        .map((m) => m.kind),
    ).toEqual(['figures', 'disagreements']);
  });

  it('computes the outlet tables in a thread as `framelens outlets` does', async () => {
    const jobs = new ReportJobs(undefined, 0);
    const records = (await project.records('alice')).concat(await project.records('bob'));
    const { id } = jobs.start('outlets', async (progress) => {
      const corpus = await outletCorpus(project, records, progress);
      return { input: { kind: 'outlets', corpus, records, filter: {} }, size: corpus.documents.length };
    });
    expect(await jobs.wait(id)).toMatchObject({ state: 'done', thread: true });
    const fromTexts = outletTables(await loadDocuments(project), records, {});
    expect(jobs.outlets(id)).toEqual(fromTexts);
    expect(await projectOutlets(project, {})).toEqual(fromTexts);
  });

  it('a cancel ends the thread, keeps no figures, and leaves the job cancelled', async () => {
    const jobs = new ReportJobs(undefined, 0);
    const { id } = jobs.start('agreement', agreementGather);
    while (jobs.threads() === 0 && jobs.status(id).state === 'running') await new Promise((r) => setTimeout(r, 2));
    expect(jobs.threads()).toBe(1);
    expect(jobs.cancel(id)).toMatchObject({ state: 'cancelled' });
    expect(jobs.threads()).toBe(0);
    expect((await jobs.wait(id)).state).toBe('cancelled');
    expect(() => jobs.agreement(id)).toThrow(/cancelled/);
    await new Promise((r) => setTimeout(r, 50));
    expect(jobs.status(id).state).toBe('cancelled');
  });

  it('a failed read fails the job in one line', async () => {
    const jobs = new ReportJobs(undefined, 0);
    const { id } = jobs.start('agreement', async () => {
      throw new Error('annotations/alice/d1.json: not JSON');
    });
    expect(await jobs.wait(id)).toMatchObject({ state: 'failed', error: 'annotations/alice/d1.json: not JSON' });
  });
});

describe('paged answers of the service', () => {
  let service: FrameLensService;
  beforeAll(async () => {
    service = await FrameLensService.start({ projectDir: join(dir, 'p'), configDir: join(dir, 'cfg') });
  });
  afterAll(() => service.close());

  async function finished(work: ReportWork): Promise<ReportWork> {
    await service.reports.wait(work.id);
    return service.reportWork(work.id);
  }

  it('answers the agreement head without its lists, and the lists a window at a time', async () => {
    const work = await finished(await service.startReport({ kind: 'agreement' }));
    expect(work.state).toBe('done');
    const whole = await service.agreement();
    const head = await service.agreementOverview(work.id);
    expect(head.report.per_document).toEqual([]);
    expect(Object.keys(head.report.null_reasons).some((k) => k.startsWith('/per_document/'))).toBe(false);
    expect({ ...head.report, per_document: whole.per_document, null_reasons: whole.null_reasons }).toEqual(
      (({ model: _m, ...r }) => r)(whole),
    );
    expect(head.counts.documents).toBe(whole.per_document.length);
    expect(head.intervals).not.toBeNull();
    const rows = [];
    for (let offset = 0; offset < head.counts.documents; offset += 5) {
      const page = await service.agreementDocuments(work.id, { offset, limit: 5, sort: { key: 'id', asc: true } });
      expect(page.total).toBe(head.counts.documents);
      expect(page.rows.length).toBeLessThanOrEqual(5);
      rows.push(...page.rows);
    }
    expect(rows.map((r) => r.id)).toEqual(whole.per_document.map((d) => d.id).sort());
    for (const r of rows) expect(whole.per_document[r.index].id).toBe(r.id);
    const all = service.reports.agreement(work.id);
    expect(documentRows(all, { offset: 0, limit: 500 }).rows[0].alpha_u.overall).toBe(
      Math.min(...whole.per_document.map((d) => d.alpha_u.overall ?? Number.POSITIVE_INFINITY)),
    );
    const list = disagreements(await agreementInput(project));
    expect(list.length).toBeGreaterThan(6);
    const first = await service.agreementDisagreements(work.id, { offset: 0, limit: 3 });
    expect(first.spans.total).toBe(head.counts.disagreements);
    expect(first.spans.total).toBe(list.length);
    expect(first.spans.rows).toEqual(list.slice(0, 3));
    const doc = list[0].document;
    const narrowed = await service.agreementDisagreements(work.id, {
      offset: 0,
      limit: 500,
      filters: { document: doc },
    });
    expect(narrowed.spans.rows).toEqual(list.filter((d) => d.document === doc));
  });

  it('pages the disagreement list under every filter as the whole list filtered, concatenated', async () => {
    const work = await finished(await service.startReport({ kind: 'agreement' }));
    const list = disagreements(await agreementInput(project));
    const { a, b } = list[0];
    const label = (list[0].spanA ?? list[0].spanB)!.label;
    const cases: [RowsRequest['filters'], (d: Disagreement) => boolean][] = [
      [undefined, () => true],
      [{ kind: 'missing' }, (d) => d.kind === 'missing'],
      [{ kind: 'boundaries' }, (d) => d.kind === 'boundaries'],
      [{ label }, (d) => d.spanA?.label === label || d.spanB?.label === label],
      [{ pair: `${a}\u0000${b}` }, (d) => d.a === a && d.b === b],
      [{ pair: `${b}\u0000${a}` }, () => false],
      [{ pair: a }, () => false],
      [{ label: 'no such label' }, () => false],
      [{ kind: 'relation-missing' }, () => false],
      [
        { document: list.at(-1)!.document, kind: 'missing', label },
        (d) =>
          d.document === list.at(-1)!.document &&
          d.kind === 'missing' &&
          (d.spanA?.label === label || d.spanB?.label === label),
      ],
    ];
    for (const [filters, keep] of cases) {
      const rows: Disagreement[] = [];
      let total = -1;
      for (let offset = 0; total < 0 || offset < total; offset += 7) {
        const page = await service.agreementDisagreements(work.id, {
          offset,
          limit: 7,
          ...(filters ? { filters } : {}),
        });
        total = page.spans.total;
        rows.push(...page.spans.rows);
      }
      expect(rows).toEqual(list.filter(keep));
    }
  });

  it('answers the outlet tables with counts and a phrase’s documents a window at a time', async () => {
    const work = await finished(await service.startReport({ kind: 'outlets' }));
    const whole = await service.outlets();
    const paged = await service.outletTables(work.id);
    let checked = 0;
    for (const [label, byOutlet] of Object.entries(whole.labels))
      for (const [outlet, list] of Object.entries(byOutlet))
        list.forEach((row, i) => {
          const shown = paged.labels[label][outlet][i];
          expect(shown.documentCount).toBe(row.documents.length);
          expect(shown.documents).toEqual([]);
          expect(PHRASE_PREVIEW).toBe(0);
          checked++;
        });
    expect(checked).toBeGreaterThan(0);
    const [label, byOutlet] = Object.entries(whole.labels)[0];
    const [outlet, list] = Object.entries(byOutlet)[0];
    const row = [...list].sort((a, b) => b.documents.length - a.documents.length)[0];
    const got: string[] = [];
    for (let offset = 0; offset < row.documents.length; offset += 2) {
      const page = await service.phraseDocuments(work.id, {
        table: 'labels',
        key: label,
        outlet,
        phrase: row.phrase,
        offset,
        limit: 2,
      });
      expect(page.total).toBe(row.documents.length);
      got.push(...page.rows);
    }
    expect(got).toEqual(row.documents);
  });

  it('answers the outlet head without phrase rows, and each column a window at a time equal to the whole table', async () => {
    const work = await finished(await service.startReport({ kind: 'outlets' }));
    const whole = await service.outlets();
    const head = await service.outletOverview(work.id);
    expect(head).not.toHaveProperty('labels');
    expect(head.rates).toEqual(whole.rates);
    expect(head.doc_labels).toEqual(whole.doc_labels);
    expect(Object.keys(head.phrases)).toEqual(Object.keys(whole.labels));
    let columns = 0;
    for (const [label, byOutlet] of Object.entries(whole.labels))
      for (const [outlet, list] of Object.entries(byOutlet))
        for (const fold of [false, true]) {
          const expected = groupPhrases(list, fold);
          const got: PhraseGroup[] = [];
          let total = -1;
          for (let offset = 0; total < 0 || offset < total; offset += 3) {
            const page = await service.outletPhraseRows(work.id, { label, outlet, fold, offset, limit: 3 });
            total = page.total;
            got.push(...page.rows);
          }
          expect(got).toEqual(expected.map((g) => ({ ...g, documents: [], documentCount: g.documents.length })));
          const size = head.phrases[label][outlet];
          expect(fold ? size.folded : size.rows).toBe(expected.length);
          expect(size.spans).toBe(list.reduce((n, r) => n + r.count, 0));
          columns++;
        }
    expect(columns).toBeGreaterThan(2);
    const none = await service.outletPhraseRows(work.id, {
      label: 'no such',
      outlet: 'x',
      fold: false,
      offset: 0,
      limit: 5,
    });
    expect(none).toEqual({ total: 0, offset: 0, rows: [] });
  });

  it('refuses the figures of a report still running or of another kind', async () => {
    const outlets = await finished(await service.startReport({ kind: 'outlets' }));
    await expect(service.agreementOverview(outlets.id)).rejects.toThrow(/not an agreement report/);
    await expect(service.reportWork('0123456789abcdef')).rejects.toThrow(/no report/);
  });
});
