// Heavy reports run as jobs the app polls (like a round's close): the agreement dashboard and the outlet tables
// of a large project take seconds of CPU. The parent gathers the input (it holds the project's caches), a worker
// thread computes; a small project is computed in place, where starting a thread would cost more than the work.
// A job writes nothing: a cancelled one leaves only its status, and its thread is terminated.
import { randomBytes } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import type { QueueRow } from '../core/adjudicationQueue';
import type { OutletReport, ReportKind, ReportWork } from '../core/api';
import type { AgreementResult } from '../core/reports';
import { ProjectError } from './project';
import {
  type AgreementIntervals,
  computeReport,
  fromMain,
  type ReportInput,
  type ReportMessage,
  type ThreadMessage,
  toThread,
} from './reportCompute';
import { spawn, type WorkerSource, workerBeside } from './trainJobs';

/**
 * Projects with at least this many documents are computed in a thread. Below it the whole report takes tens of
 * milliseconds in place, less than starting a thread (and, from source, loading TypeScript into it).
 */
export const REPORT_THREAD_FROM = 300;

/** Finished jobs kept for their results (each holds a whole report in memory). */
const KEEP = 4;

interface Job {
  status: ReportWork;
  worker: Worker | null;
  agreement: AgreementResult | null;
  outlets: OutletReport | null;
  queue: QueueRow[] | null;
  finished: Promise<ReportWork>;
}

/** How the parent reads a project into a report's input; `progress` tells how far the reading is. */
export type Gather = (progress: (done: number, total: number) => void) => Promise<{ input: ReportInput; size: number }>;

export class ReportJobs {
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly source: WorkerSource = workerBeside('reportWorker'),
    private readonly threadFrom: number = REPORT_THREAD_FROM,
  ) {}

  /** Starts a report; answers its status at once (the reading and computing go on behind it). */
  start(kind: ReportKind, gather: Gather): ReportWork {
    const id = randomBytes(8).toString('hex');
    const job: Job = {
      status: {
        id,
        kind,
        state: 'running',
        stage: 'reading',
        done: 0,
        total: 0,
        ready: false,
        parts: 0,
        thread: false,
        startedAt: new Date().toISOString(),
      },
      worker: null,
      agreement: null,
      outlets: null,
      queue: null,
      finished: Promise.resolve(null as unknown as ReportWork),
    };
    job.finished = this.run(job, gather);
    this.jobs.set(id, job);
    this.prune();
    return { ...job.status };
  }

  private async run(job: Job, gather: Gather): Promise<ReportWork> {
    const running = () => job.status.state === 'running';
    let gathered: { input: ReportInput; size: number };
    try {
      gathered = await gather((done, total) => {
        if (running()) Object.assign(job.status, { done, total });
      });
    } catch (error) {
      if (running()) Object.assign(job.status, { state: 'failed', error: (error as Error).message });
      return { ...job.status };
    }
    if (!running()) return { ...job.status };
    Object.assign(job.status, { stage: 'computing', done: 0, total: 0 });
    return new Promise<ReportWork>((resolve) => {
      let settled = false;
      const end = (patch: Partial<ReportWork>) => {
        if (settled) return;
        settled = true;
        if (running()) Object.assign(job.status, patch);
        const worker = job.worker;
        job.worker = null;
        void worker?.terminate();
        resolve({ ...job.status });
      };
      const onMessage = (m: ReportMessage) => {
        if (!running()) return end({});
        if (m.kind === 'progress') Object.assign(job.status, { stage: m.stage, done: m.done, total: m.total });
        else if (m.kind === 'figures') {
          job.agreement = { figures: m.figures, intervals: null, modelIntervals: null };
          Object.assign(job.status, { ready: true, parts: 1 });
        } else if (m.kind === 'disagreements') {
          if (job.agreement)
            job.agreement.figures = { ...job.agreement.figures, disagreements: m.table, confusion: m.confusion };
          job.status.parts = 2;
        } else if (m.kind === 'failed') end({ state: 'failed', error: m.message });
        else {
          if (job.status.kind === 'agreement') {
            if (job.agreement) job.agreement = { ...job.agreement, ...(m.result as AgreementIntervals) };
          } else if (job.status.kind === 'outlets') job.outlets = m.result as OutletReport;
          else job.queue = m.result as QueueRow[];
          end({ state: 'done', stage: 'done', ready: true, parts: job.status.parts + 1, done: job.status.total });
        }
      };
      if (gathered.size < this.threadFrom) {
        // a macrotask first, so the caller gets its job id before the work starts
        setImmediate(() => {
          if (!running()) return end({});
          computeReport(gathered.input, onMessage, () => !running());
          end({});
        });
        return;
      }
      job.status.thread = true;
      const { data, transfer } = toThread(gathered.input);
      const worker = spawn(this.source, data, transfer);
      job.worker = worker;
      worker.on('message', (m: ThreadMessage) => onMessage(fromMain(m)));
      worker.on('error', (error) => end({ state: 'failed', error: error.message }));
      worker.on('exit', (code) =>
        end({ state: 'failed', error: `the thread computing the report stopped (exit code ${code})` }),
      );
    });
  }

  status(id: string): ReportWork {
    return { ...this.job(id).status };
  }

  /** Resolves when the job has ended (done, failed or cancelled). */
  wait(id: string): Promise<ReportWork> {
    return this.job(id).finished;
  }

  /** Stops a job: its thread is terminated and whatever it had computed is dropped. */
  cancel(id: string): ReportWork {
    const job = this.job(id);
    if (job.status.state === 'running') {
      Object.assign(job.status, { state: 'cancelled', error: 'cancelled' });
      job.agreement = null;
      job.outlets = null;
      job.queue = null;
      const worker = job.worker;
      job.worker = null;
      void worker?.terminate();
    }
    return { ...job.status };
  }

  /** The agreement figures of a job (its intervals too once it is done); refused before the figures exist. */
  agreement(id: string): AgreementResult {
    const job = this.job(id);
    if (job.status.kind !== 'agreement') throw new ProjectError(`report ${id} is not an agreement report`);
    if (!job.agreement) throw new ProjectError(this.notReady(job));
    return job.agreement;
  }

  outlets(id: string): OutletReport {
    const job = this.job(id);
    if (job.status.kind !== 'outlets') throw new ProjectError(`report ${id} is not an outlet report`);
    if (!job.outlets) throw new ProjectError(this.notReady(job));
    return job.outlets;
  }

  queue(id: string): QueueRow[] {
    const job = this.job(id);
    if (job.status.kind !== 'queue') throw new ProjectError(`report ${id} is not an adjudication queue`);
    if (!job.queue) throw new ProjectError(this.notReady(job));
    return job.queue;
  }

  private notReady(job: Job): string {
    const { id, state } = job.status;
    return state === 'running' ? `report ${id} is still being computed` : `report ${id} ${state}: it has no figures`;
  }

  /** Stops every running job (the project changes or the service closes). */
  stopAll(): void {
    for (const id of this.jobs.keys()) this.cancel(id);
    this.jobs.clear();
  }

  /** How many threads are running now (tests check that a cancel leaves none). */
  threads(): number {
    return [...this.jobs.values()].filter((j) => j.worker !== null).length;
  }

  private job(id: string): Job {
    const job = this.jobs.get(id);
    if (!job) throw new ProjectError(`no report ${id}`);
    return job;
  }

  private prune(): void {
    const finished = [...this.jobs.entries()].filter(([, j]) => j.status.state !== 'running');
    for (const [id] of finished.slice(0, Math.max(0, finished.length - KEEP))) this.jobs.delete(id);
  }
}
