// Imports started from the app run as jobs: the wizard polls their progress and may cancel them. A
// cancelled import is a failed import: nothing is changed.
import { randomBytes } from 'node:crypto';
import type { ImportJobStatus, ImportOptions } from '../core/formats/options';
import type { FileSource } from './fileSource';
import { ImportCancelled, importIntoProject } from './importer';
import type { Project } from './project';

interface Job {
  status: ImportJobStatus;
  controller: AbortController;
}

const KEEP = 20;

/** The running and recently finished imports of one service. */
export class ImportJobs {
  private readonly jobs = new Map<string, Job>();

  /** Starts an import in the background and returns its id at once. */
  start(project: Project, options: ImportOptions, source?: FileSource): string {
    const id = randomBytes(8).toString('hex');
    const controller = new AbortController();
    const job: Job = { status: { id, state: 'running', processed: 0 }, controller };
    this.jobs.set(id, job);
    importIntoProject(
      project,
      options,
      {
        signal: controller.signal,
        onProgress: (processed) => {
          job.status = { ...job.status, processed };
        },
      },
      source,
    ).then(
      (report) => {
        job.status = { ...job.status, state: 'done', report };
      },
      (error: Error) => {
        job.status = {
          ...job.status,
          state: error instanceof ImportCancelled ? 'cancelled' : 'failed',
          error: error.message,
        };
      },
    );
    this.prune();
    return id;
  }

  /** A job's progress, or a clear refusal for an unknown id. */
  status(id: string): ImportJobStatus {
    const job = this.jobs.get(id);
    if (!job) throw new Error(`no import job ${id}`);
    return job.status;
  }

  /** Asks a running import to stop; it then removes what it wrote. */
  cancel(id: string): ImportJobStatus {
    const job = this.jobs.get(id);
    if (!job) throw new Error(`no import job ${id}`);
    if (job.status.state === 'running') job.controller.abort();
    return job.status;
  }

  private prune(): void {
    const finished = [...this.jobs.entries()].filter(([, j]) => j.status.state !== 'running');
    for (const [id] of finished.slice(0, Math.max(0, finished.length - KEEP))) this.jobs.delete(id);
  }
}
