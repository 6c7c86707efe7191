// The training thread: cross-fits the model on the input it is given and posts progress, then the result.
// It never touches the project folder (the parent writes through Project), so a killed or cancelled run
// leaves nothing behind. The Electron build bundles this file as out/main/trainWorker.js.
import { parentPort, workerData } from 'node:worker_threads';
import { Cancelled, crossFit, modelToJson } from '../core/learn';
import type { TrainRequest, WorkerMessage } from './trainProtocol';

const port = parentPort;
if (!port) throw new Error('trainWorker runs as a worker thread only');

const signal = { aborted: false };
port.on('message', (message: { kind?: string }) => {
  if (message?.kind === 'cancel') signal.aborted = true;
});
const post = (m: WorkerMessage) => port.postMessage(m);

// Progress is posted at most every 100 ms, and the loop yields every 50 ms so a cancel message is heard.
let lastPost = 0;
let lastYield = Date.now();
async function onProgress(p: { stage: string; done: number; total: number }): Promise<void> {
  const now = Date.now();
  if (now - lastPost >= 100 || p.done === p.total) {
    lastPost = now;
    post({ kind: 'progress', progress: p });
  }
  if (now - lastYield >= 50) {
    lastYield = now;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const request = workerData as TrainRequest;
try {
  const fit = await crossFit(request.input, request.options, { onProgress, signal });
  post({
    kind: 'done',
    result: {
      model: modelToJson(fit.model),
      folds: fit.folds,
      seed: fit.seed,
      heldOut: fit.heldOut,
      trainedOn: fit.trainedOn,
      records: fit.records,
      uncertainty: fit.uncertainty,
      excluded: fit.excluded,
    },
  });
} catch (error) {
  post(error instanceof Cancelled ? { kind: 'cancelled' } : { kind: 'failed', message: (error as Error).message });
}
