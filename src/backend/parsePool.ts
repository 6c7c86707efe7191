// Every import's reading (decoding and its format's parse, the dry-run preview's too) runs in a worker thread,
// never on the thread that answers the API: in Electron the backend lives in the main process, and a page that
// stalls readability or a 50 MB file would freeze every window. A thread (not a utility process) is enough:
// the parse is pure JavaScript, and Worker.terminate stops even a busy loop.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { FormatError } from '../core/formats/common';
import { formatNamed } from '../core/formats/registry';
import type { ParseMessage, ParseRequest } from './parseWorker';

export interface ParseBudget {
  /** Time one file may take to decode and parse, plus `msPerMiB` for each MiB of it. */
  timeMs: number;
  msPerMiB: number;
  /** Largest file read, in bytes. */
  maxBytes: number;
  /** Largest HTML page (readability's time grows steeply with its size). */
  maxPageBytes: number;
}

export const DEFAULT_BUDGET: ParseBudget = {
  timeMs: 4_500,
  msPerMiB: 1_000,
  maxBytes: 1024 * 1024 * 1024,
  maxPageBytes: 16 * 1024 * 1024,
};

/**
 * From source (tsx, vitest) the worker is the .ts file beside this one, loaded through tsx; in the built app
 * electron-vite emits it as its own entry (out/main/<name>.js), next to or one folder above the chunk this
 * code lands in.
 */
export function startWorker(name: string): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const require = createRequire(here);
    const tsx = dirname(require.resolve('tsx/package.json'));
    const api = pathToFileURL(join(tsx, 'dist/esm/api/index.mjs')).href;
    const entry = new URL(`./${name}.ts`, here).href;
    const boot = `import { register } from ${JSON.stringify(api)}; register(); await import(${JSON.stringify(entry)});`;
    return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`));
  }
  const dir = dirname(fileURLToPath(here));
  const built = [join(dir, `${name}.js`), join(dir, '..', `${name}.js`)].find((p) => existsSync(p));
  if (!built) throw new Error(`the ${name} thread (${name}.js) is missing from the build`);
  return new Worker(built);
}

/** A file refused for its size or time; the message names no content of the file. */
export class BudgetError extends FormatError {}

export type ParseEvent = Exclude<ParseMessage, { kind: 'ready' } | { kind: 'file' } | { kind: 'refused' | 'failed' }>;

interface Running {
  worker: Worker;
  ready: Promise<void>;
}

/**
 * A few threads, each reading one import at a time; imports beyond them wait their turn. A file over its time
 * budget, or a cancelled import, costs its thread, which is replaced for the next import.
 */
export class ParsePool {
  private idle: Running[] = [];
  private busy = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly budget: ParseBudget = DEFAULT_BUDGET,
    private readonly size = 2,
  ) {}

  /**
   * Decodes and parses the files in a thread; yields what it read in order, batch by batch. Refusals come as
   * FormatError (file, line, problem); an abort stops the thread at once and throws `signal.reason`. The
   * files' bytes move to the thread: the caller must not use them afterwards.
   */
  async *parse(request: ParseRequest, signal?: AbortSignal): AsyncGenerator<ParseEvent> {
    const sizes = new Map(request.files.map((f) => [f.path, f.bytes.byteLength]));
    for (const f of request.files) {
      const page = formatNamed(request.format)?.extractsArticles === true;
      const max = page ? this.budget.maxPageBytes : this.budget.maxBytes;
      if (f.bytes.byteLength > max)
        throw new BudgetError(
          f.path,
          0,
          `${mib(f.bytes.byteLength)} is over the ${mib(max)} a${page ? ' page' : ' file'} may have; refused, nothing was imported`,
        );
    }
    const running = await this.acquire();
    // Reused only when its job ended by itself: a thread left mid-file would post into the next import.
    let finished = false;
    const queue: (ParseMessage | Error)[] = [];
    let wake: (() => void) | null = null;
    const push = (m: ParseMessage | Error) => {
      queue.push(m);
      wake?.();
      wake = null;
    };
    let timer: NodeJS.Timeout | undefined;
    const startClock = (path: string) => {
      clearTimeout(timer);
      const ms = this.budget.timeMs + Math.ceil(((sizes.get(path) ?? 0) / 1048576) * this.budget.msPerMiB);
      timer = setTimeout(
        () =>
          push(
            new BudgetError(
              path,
              0,
              `reading it took longer than ${seconds(ms)} (deeply nested markup?); refused, nothing was imported`,
            ),
          ),
        ms,
      );
    };
    const onMessage = (m: ParseMessage) => {
      if (m.kind === 'file') startClock(m.path);
      else push(m);
    };
    const onExit = (code: number) => push(new Error(`the import thread stopped (exit code ${code})`));
    const onError = (error: Error) => push(error);
    const onAbort = () => push(signal?.reason instanceof Error ? signal.reason : new Error('cancelled'));
    running.worker.on('message', onMessage);
    running.worker.on('exit', onExit);
    running.worker.on('error', onError);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      if (signal?.aborted) onAbort();
      else running.worker.postMessage(request, transferable(request));
      for (;;) {
        while (!queue.length) await new Promise<void>((resolve) => (wake = resolve));
        const m = queue.shift() as ParseMessage | Error;
        if (m instanceof Error) throw m;
        if (m.kind === 'refused' || m.kind === 'failed' || m.kind === 'done') finished = true;
        if (m.kind === 'refused') throw new FormatError(m.file, m.line, m.problem);
        if (m.kind === 'failed') throw new Error(m.message);
        if (m.kind === 'ready' || m.kind === 'file') continue;
        yield m;
        if (m.kind === 'done') return;
      }
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      running.worker.off('message', onMessage);
      running.worker.off('exit', onExit);
      running.worker.off('error', onError);
      // A thread stopped mid-import is gone before the caller goes on (and discards the import's staging).
      await this.release(running, finished && queue.length === 0);
    }
  }

  private async acquire(): Promise<Running> {
    while (this.busy >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.busy++;
    const reused = this.idle.pop();
    if (reused) {
      // A thread started ahead (release) may still be loading; one that failed to start is replaced here.
      const started = await reused.ready.then(
        () => true,
        () => false,
      );
      if (started) return reused;
    }
    const running = this.start();
    try {
      // The budget starts once the thread has loaded, so a slow start costs no file its time.
      await running.ready;
    } catch (error) {
      await this.release(running, false);
      throw error;
    }
    return running;
  }

  private start(): Running {
    const worker = startWorker('parseWorker');
    worker.unref();
    const ready = new Promise<void>((resolve, reject) => {
      const onExit = (code: number) => reject(new Error(`the import thread did not start (exit code ${code})`));
      const onMessage = (m: ParseMessage) => {
        if (m.kind !== 'ready') return;
        worker.off('message', onMessage);
        worker.off('exit', onExit);
        resolve();
      };
      worker.on('message', onMessage);
      worker.on('exit', onExit);
    });
    ready.catch(() => {});
    return { worker, ready };
  }

  private async release(running: Running, reusable: boolean): Promise<void> {
    this.busy--;
    if (reusable) this.idle.push(running);
    this.waiting.shift()?.();
    if (reusable) return;
    await running.worker.terminate();
    // The thread a refused or cancelled import cost is replaced now, so the next import does not wait for a
    // thread to load, nor load it while the app is answering other calls.
    if (this.busy + this.idle.length < this.size) this.idle.push(this.start());
  }

  /** Stops every idle thread (tests, shutdown); the next import starts new ones. */
  async close(): Promise<void> {
    const idle = this.idle;
    this.idle = [];
    await Promise.all(idle.map((r) => r.worker.terminate()));
  }
}

/**
 * The files' buffers, moved to the thread rather than copied: copying 50 MB holds the calling thread for a
 * tenth of a second. The caller hands its bytes over (they are empty here afterwards); a view into a larger or
 * shared buffer, or one buffer under two files, is copied.
 */
function transferable(request: ParseRequest): ArrayBuffer[] {
  const counts = new Map<ArrayBufferLike, number>();
  for (const { bytes } of request.files) counts.set(bytes.buffer, (counts.get(bytes.buffer) ?? 0) + 1);
  return request.files.flatMap(({ bytes }) =>
    bytes.buffer instanceof ArrayBuffer &&
    counts.get(bytes.buffer) === 1 &&
    bytes.byteOffset === 0 &&
    bytes.byteLength === bytes.buffer.byteLength
      ? [bytes.buffer]
      : [],
  );
}

function mib(bytes: number): string {
  return bytes >= 1048576
    ? `${(bytes / 1048576).toFixed(bytes >= 10 * 1048576 ? 0 : 1)} MiB`
    : `${Math.ceil(bytes / 1024)} KiB`;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

/** The pool the backend shares, started at the first import. */
export const parsePool = new ParsePool();
