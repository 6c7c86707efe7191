// Where the figures are computed: a Web Worker in the app (the UI never waits on them), or the same code
// inline after a yield where workers are unavailable (tests, a worker that fails to start).
import type { AgreementInput } from '../../core/agreement';
import { answer, type EngineMessage } from './compute';

/** Starts a computation; answers arrive through onMessage; the returned function cancels it. */
export interface AgreementEngine {
  start(run: number, input: AgreementInput, onMessage: (m: EngineMessage) => void): () => void;
}

/** The same computation on this thread, after a macrotask so the screen paints "updating" first. */
export function inlineEngine(): AgreementEngine {
  return {
    start(run, input, onMessage) {
      let cancelled = false;
      const timer = setTimeout(() => {
        answer(
          { run, input },
          (m) => {
            if (!cancelled) onMessage(m);
          },
          () => cancelled,
        );
      }, 0);
      return () => {
        cancelled = true;
        clearTimeout(timer);
      };
    },
  };
}

/** One module worker per computation, terminated when it finishes or is cancelled; inline if it cannot start. */
export function workerEngine(create: () => Worker): AgreementEngine {
  const fallback = inlineEngine();
  return {
    start(run, input, onMessage) {
      let worker: Worker;
      try {
        worker = create();
      } catch {
        return fallback.start(run, input, onMessage);
      }
      let stopInline: (() => void) | null = null;
      let got = false;
      worker.onmessage = (event: MessageEvent<EngineMessage>) => {
        got = true;
        onMessage(event.data);
        if (event.data.kind === 'intervals' || event.data.kind === 'error') worker.terminate();
      };
      worker.onerror = (event) => {
        event.preventDefault?.();
        worker.terminate();
        // a worker that failed to load (e.g. a file:// page) computes inline instead
        if (!got) stopInline = fallback.start(run, input, onMessage);
        else onMessage({ run, kind: 'error', message: event.message || 'the agreement worker failed' });
      };
      worker.postMessage({ run, input });
      return () => {
        worker.terminate();
        stopInline?.();
      };
    },
  };
}

/** The engine the app uses: a module worker where the platform has them, inline otherwise. */
export function defaultEngine(): AgreementEngine {
  if (typeof Worker !== 'function') return inlineEngine();
  return workerEngine(() => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }));
}
