// The agreement worker: computes the dashboard's figures off the UI thread (one request at a time;
// the dashboard terminates a worker whose answer is no longer wanted).
import { answer, type EngineRequest } from './compute';

self.onmessage = (event: MessageEvent<EngineRequest>) => {
  answer(event.data, (m) => self.postMessage(m));
};
