// The worker thread that runs article extraction (readability over linkedom). Its time grows steeply with
// nesting depth, so it never runs on the thread that answers the API; see articleExtractor.ts.
import { parentPort } from 'node:worker_threads';
import { extractArticle } from './html';

export interface ExtractRequest {
  id: number;
  html: string;
}

export type ExtractReply =
  | { id: number; ok: true; article: ReturnType<typeof extractArticle> }
  | { id: number; ok: false; message: string };

parentPort?.postMessage('ready');
parentPort?.on('message', (request: ExtractRequest) => {
  let reply: ExtractReply;
  try {
    reply = { id: request.id, ok: true, article: extractArticle(request.html) };
  } catch (error) {
    reply = { id: request.id, ok: false, message: (error as Error).message };
  }
  parentPort?.postMessage(reply);
});
