// The thread that computes a report (the agreement dashboard's figures, disagreements and intervals, or the
// outlet tables): the backend also runs in Electron's main process, where seconds of it would freeze every
// window. Its input's records arrive packed (packedRecords.ts) and outlet tables leave packed (packedTables.ts).
// It only computes and posts; cancelling terminates it. The Electron build bundles this file as
// out/main/reportWorker.js.
import { parentPort, workerData } from 'node:worker_threads';
import { computeReport, fromThread, type ReportMessage, type ThreadInput, toMain } from './reportCompute';

const port = parentPort;
if (!port) throw new Error('reportWorker runs as a worker thread only');
const data = workerData as ThreadInput;
const post = (m: ReportMessage) => {
  const { message, transfer } = toMain(m, data.kind);
  port.postMessage(message, transfer);
};
try {
  computeReport(fromThread(data), post);
} catch (error) {
  post({ kind: 'failed', message: (error as Error).message });
}
