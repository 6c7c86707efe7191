// What the backend and its training thread say to each other (structured-cloneable data only).
import type { CrossFitOptions, CrossFitResult, LearnInput, ModelFile, Progress } from '../core/learn';

/** The thread's workerData. */
export interface TrainRequest {
  input: LearnInput;
  options: CrossFitOptions;
}

/** A cross-fitting result with the model as its file (typed arrays become plain numbers). */
export type TrainResult = Omit<CrossFitResult, 'model' | 'annotator'> & { model: ModelFile };

/** Thread → backend; the backend → thread message is `{ kind: 'cancel' }`. */
export type WorkerMessage =
  | { kind: 'progress'; progress: Progress }
  | { kind: 'done'; result: TrainResult }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };
