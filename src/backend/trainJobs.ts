// Training runs in a worker thread, never on the thread that called: the backend also runs in Electron's
// main process, where a minute of cross-fitting would freeze every window. The app polls a job like an
// import; the CLI waits for it. The thread only computes; the result is written here, through Project, once
// it is complete, so a cancelled, failed or killed run changes nothing.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { TrainingJobStatus, TrainOptions } from '../core/api';
import type { Progress } from '../core/learn';
import { learnInput, storeTraining } from './learn';
import { type Project, ProjectError } from './project';
import type { TrainRequest, WorkerMessage } from './trainProtocol';

/** Where the training thread's code is: the built `trainWorker.js`, or the TypeScript source run through tsx. */
export interface WorkerSource {
  url: URL;
  typescript: boolean;
}

/** The source beside this module: TypeScript when running from src (CLI, tests), else the built file. */
export function defaultWorkerSource(): WorkerSource {
  return workerBeside('trainWorker');
}

/** A thread's code by its name (`out/main/<name>.js` in the Electron build, `src/backend/<name>.ts` from src). */
export function workerBeside(name: string): WorkerSource {
  const here = import.meta.url;
  return here.endsWith('.ts')
    ? { url: new URL(`./${name}.ts`, here), typescript: true }
    : { url: new URL(`./${name}.js`, here), typescript: false };
}

/** tsx's ESM loader, for a thread that must run TypeScript (threads do not inherit the parent's loader). */
function tsxLoader(): string {
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve('tsx/package.json'));
  const pkg = require('tsx/package.json') as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(join(dir, pkg.exports['./esm/api'].import.default)).href;
}

/** A thread running `source` with `request` as its workerData; `transferList` buffers are moved, not copied. */
export function spawn(source: WorkerSource, request: unknown, transferList: ArrayBuffer[] = []): Worker {
  if (!source.typescript) return new Worker(source.url, { workerData: request, transferList });
  const code = `import(${JSON.stringify(tsxLoader())}).then((m) => { m.register(); return import(${JSON.stringify(source.url.href)}); });`;
  return new Worker(code, { eval: true, workerData: request, transferList });
}

interface Job {
  status: TrainingJobStatus;
  root: string;
  worker: Worker | null;
  finished: Promise<TrainingJobStatus>;
}

const KEEP = 10;
// After a cancel message, the thread gets this long to stop by itself before it is terminated.
const CANCEL_GRACE_MS = 2000;

/** The training runs of one service (one at a time per project folder). */
export class TrainingJobs {
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly source: WorkerSource = defaultWorkerSource()) {}

  /** Starts training on the project's current coding; returns the job id at once. */
  async start(project: Project, options: TrainOptions = {}, onProgress?: (p: Progress) => void): Promise<string> {
    const root = project.layout.root;
    const running = [...this.jobs.values()].find((j) => j.root === root && j.status.state === 'running');
    if (running) throw new ProjectError(`a training is already running on this project (job ${running.status.id})`);
    const input = await learnInput(project);
    const id = randomBytes(8).toString('hex');
    const job: Job = {
      status: { id, state: 'running', stage: 'starting', done: 0, total: 1, startedAt: new Date().toISOString() },
      root,
      worker: null,
      finished: Promise.resolve(null as unknown as TrainingJobStatus),
    };
    const request: TrainRequest = {
      input: { documents: input.documents, records: input.records, codebook: input.codebook },
      options: { folds: options.folds ?? 5, seed: options.seed ?? 1 },
    };
    const worker = spawn(this.source, request);
    job.worker = worker;
    job.finished = new Promise<TrainingJobStatus>((resolve) => {
      const end = (patch: Partial<TrainingJobStatus>) => {
        if (job.status.state !== 'running') return;
        job.status = { ...job.status, ...patch };
        job.worker = null;
        void worker.terminate();
        resolve(job.status);
      };
      worker.on('message', (m: WorkerMessage) => {
        if (m.kind === 'progress') {
          job.status = { ...job.status, ...m.progress };
          onProgress?.(m.progress);
        } else if (m.kind === 'cancelled') end({ state: 'cancelled', error: 'cancelled' });
        else if (m.kind === 'failed') end({ state: 'failed', error: m.message });
        else {
          job.status = { ...job.status, stage: 'saving' };
          storeTraining(project, input, m.result, new Date().toISOString()).then(
            () => end({ state: 'done', stage: 'done', done: job.status.total }),
            (error: Error) => end({ state: 'failed', error: error.message }),
          );
        }
      });
      worker.on('error', (error) => end({ state: 'failed', error: error.message }));
      worker.on('exit', (code) => {
        if (job.status.stage === 'saving') return;
        end(
          job.status.stage === 'cancelling'
            ? { state: 'cancelled', error: 'cancelled' }
            : { state: 'failed', error: `the training thread stopped (exit code ${code})` },
        );
      });
    });
    this.jobs.set(id, job);
    this.prune();
    return id;
  }

  status(id: string): TrainingJobStatus {
    return this.job(id).status;
  }

  /** The running job of a project folder, else its latest. */
  latest(root: string): TrainingJobStatus | null {
    const mine = [...this.jobs.values()].filter((j) => j.root === root);
    return (mine.find((j) => j.status.state === 'running') ?? mine.at(-1))?.status ?? null;
  }

  /** Resolves when the job has ended (done, failed or cancelled). */
  wait(id: string): Promise<TrainingJobStatus> {
    return this.job(id).finished;
  }

  /** Asks the thread to stop; it is terminated if it has not stopped within two seconds. */
  cancel(id: string): TrainingJobStatus {
    const job = this.job(id);
    const worker = job.worker;
    if (job.status.state === 'running' && worker && job.status.stage !== 'saving') {
      job.status = { ...job.status, stage: 'cancelling' };
      worker.postMessage({ kind: 'cancel' });
      setTimeout(() => void worker.terminate(), CANCEL_GRACE_MS).unref();
    }
    return job.status;
  }

  /** Stops every running thread (the service is closing). */
  async stopAll(): Promise<void> {
    await Promise.all([...this.jobs.values()].map((j) => j.worker?.terminate()));
  }

  private job(id: string): Job {
    const job = this.jobs.get(id);
    if (!job) throw new ProjectError(`no training job ${id}`);
    return job;
  }

  private prune(): void {
    const finished = [...this.jobs.entries()].filter(([, j]) => j.status.state !== 'running');
    for (const [id] of finished.slice(0, Math.max(0, finished.length - KEEP))) this.jobs.delete(id);
  }
}
