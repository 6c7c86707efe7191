// The thread that computes a report (the agreement dashboard's figures and intervals, or the outlet tables):
// the backend also runs in Electron's main process, where seconds of it would freeze every window. It only
// computes and posts; cancelling terminates it. The Electron build bundles this file as out/main/reportWorker.js.
import { parentPort, workerData } from 'node:worker_threads';
import { computeReport, type ReportInput, type ReportMessage, transfers } from './reportCompute';

const port = parentPort;
if (!port) throw new Error('reportWorker runs as a worker thread only');
computeReport(workerData as ReportInput, (m: ReportMessage) => port.postMessage(m, transfers(m)));
