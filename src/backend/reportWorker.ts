// The thread that computes a report (the agreement dashboard's figures, disagreements and intervals, or the
// outlet tables): the backend also runs in Electron's main process, where seconds of it would freeze every
// window. Its input's records arrive packed (packedRecords.ts). It only computes and posts; cancelling terminates
// it. The Electron build bundles this file as out/main/reportWorker.js.
import { parentPort, workerData } from 'node:worker_threads';
import { computeReport, fromThread, type ReportMessage, type ThreadInput, transfers } from './reportCompute';

const port = parentPort;
if (!port) throw new Error('reportWorker runs as a worker thread only');
const post = (m: ReportMessage) => port.postMessage(m, transfers(m));
try {
  computeReport(fromThread(workerData as ThreadInput), post);
} catch (error) {
  post({ kind: 'failed', message: (error as Error).message });
}
