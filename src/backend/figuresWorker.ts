// The thread that computes a round's figures (every agreement figure and its bootstrap) for the backend, which
// also runs in Electron's main process. It only computes; the parent writes. The Electron build bundles this
// file as out/main/figuresWorker.js.
import { parentPort, workerData } from 'node:worker_threads';
import { roundFigures } from '../core/study/figures';
import type { FiguresMessage, FiguresRequest } from './figuresThread';

const port = parentPort;
if (!port) throw new Error('figuresWorker runs as a worker thread only');
const { round, base, options } = workerData as FiguresRequest;
const post = (m: FiguresMessage) => port.postMessage(m);
try {
  const onProgress = (done: number, total: number) => post({ kind: 'progress', done, total });
  post({ kind: 'done', figures: roundFigures(round, base, { ...options, onProgress }) });
} catch (error) {
  post({ kind: 'failed', message: (error as Error).message });
}
