// A round's figures off the calling thread. Closing a round of 1,000 documents and three coders bootstraps every
// figure 1,000 times (seconds of CPU, more on a loaded machine); in Electron the backend runs in the main
// process, where that would freeze every window. Small rounds are computed in place: starting a thread costs
// more than they do.
import type { AgreementInput, BootstrapOptions } from '../core/agreement';
import { type RoundFigures, roundFigures } from '../core/study/figures';
import type { StudyRound } from '../core/study/round';
import { spawn, type WorkerSource, workerBeside } from './trainJobs';

export interface FiguresRequest {
  round: StudyRound;
  base: AgreementInput;
  options: BootstrapOptions;
}

/** Bootstrap resamples drawn so far, of all. */
export type Progress = (done: number, total: number) => void;

export type FiguresMessage =
  | { kind: 'progress'; done: number; total: number }
  | { kind: 'done'; figures: RoundFigures }
  | { kind: 'failed'; message: string };

/** Rounds with at least this many documents in their sample are computed in a thread. */
export const THREAD_FROM_DOCUMENTS = 100;

/** roundFigures in a worker thread (the same function, so the same figures, seed for seed). */
export function roundFiguresInThread(
  request: FiguresRequest,
  onProgress?: Progress,
  source: WorkerSource = workerBeside('figuresWorker'),
): Promise<RoundFigures> {
  const worker = spawn(source, request);
  return new Promise<RoundFigures>((resolve, reject) => {
    let settled = false;
    const end = (settle: () => void) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      settle();
    };
    worker.on('message', (m: FiguresMessage) => {
      if (m.kind === 'progress') onProgress?.(m.done, m.total);
      else end(() => (m.kind === 'done' ? resolve(m.figures) : reject(new Error(m.message))));
    });
    worker.on('error', (error) => end(() => reject(error)));
    worker.on('exit', (code) =>
      end(() => reject(new Error(`the thread computing the round's figures stopped (exit code ${code})`))),
    );
  });
}

/** A round's figures: in a thread for a large sample, in place for a small one. */
export function computeRoundFigures(request: FiguresRequest, onProgress?: Progress): Promise<RoundFigures> {
  if (request.round.sample.documents.length >= THREAD_FROM_DOCUMENTS) return roundFiguresInThread(request, onProgress);
  return Promise.resolve(roundFigures(request.round, request.base, { ...request.options, onProgress }));
}
