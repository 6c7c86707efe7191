// Runs article extraction in a worker thread with a time and size budget per page. In Electron the backend
// lives in the main process, so a page that stalled readability would freeze every window; a worker thread
// (not a utility process) is enough: the parse is pure JavaScript, needs no Electron API, and a thread
// starts faster and is killed as surely (Worker.terminate stops even a busy loop).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ExtractReply, ExtractRequest } from './articleWorker';
import type { ExtractedArticle } from './html';

export interface ExtractBudget {
  /** Longest time one page may take, in milliseconds. */
  timeMs: number;
  /** Largest page read, in bytes of UTF-16 text. */
  maxChars: number;
}

export const DEFAULT_BUDGET: ExtractBudget = { timeMs: 5_000, maxChars: 16 * 1024 * 1024 };

/** A page refused for its size or time; the message names no content of the page, the caller names the file. */
export class BudgetError extends Error {}

/**
 * From source (tsx, vitest) the worker is the .ts file beside this one, loaded through tsx; in the built app
 * electron-vite emits it as its own entry (out/main/articleWorker.js), next to or one folder above the chunk
 * this code lands in.
 */
function startWorker(): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const require = createRequire(here);
    const tsx = dirname(require.resolve('tsx/package.json'));
    const api = pathToFileURL(join(tsx, 'dist/esm/api/index.mjs')).href;
    const entry = new URL('./articleWorker.ts', here).href;
    const boot = `import { register } from ${JSON.stringify(api)}; register(); await import(${JSON.stringify(entry)});`;
    return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`));
  }
  const dir = dirname(fileURLToPath(here));
  const built = [join(dir, 'articleWorker.js'), join(dir, '..', 'articleWorker.js')].find((p) => existsSync(p));
  if (!built) throw new Error('the article worker (articleWorker.js) is missing from the build');
  return new Worker(built);
}

interface Pending {
  resolve: (article: ExtractedArticle) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** One worker, one page at a time; a page over its time budget costs the worker, which restarts for the next. */
export class ArticleExtractor {
  private worker: Promise<Worker> | null = null;
  private readonly pending = new Map<number, Pending>();
  private next = 1;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly budget: ExtractBudget = DEFAULT_BUDGET) {}

  extract(html: string): Promise<ExtractedArticle> {
    const run = () => this.run(html);
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => {});
    return result;
  }

  private run(html: string): Promise<ExtractedArticle> {
    if (html.length > this.budget.maxChars)
      return Promise.reject(
        new BudgetError(
          `${Math.ceil(html.length / 1024)} KiB of HTML is over the ${Math.floor(this.budget.maxChars / 1024)} KiB a page may have; refused, nothing was imported`,
        ),
      );
    return this.ensure().then((worker) => this.post(worker, html));
  }

  private post(worker: Worker, html: string): Promise<ExtractedArticle> {
    const id = this.next++;
    return new Promise<ExtractedArticle>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        void this.kill();
        reject(
          new BudgetError(
            `reading the page took longer than ${this.budget.timeMs / 1000} s (deeply nested markup?); refused, nothing was imported`,
          ),
        );
      }, this.budget.timeMs);
      this.pending.set(id, { resolve, reject, timer });
      worker.postMessage({ id, html } satisfies ExtractRequest);
    });
  }

  /** The running worker; the page budget starts once it has loaded, so a slow start costs no page its time. */
  private ensure(): Promise<Worker> {
    if (this.worker) return this.worker;
    const worker = startWorker();
    worker.unref();
    const started = new Promise<Worker>((resolve, reject) => {
      // A worker killed for its budget is no longer current; its exit concerns no page still waiting.
      const fail = (error: Error) => {
        if (this.worker !== started) return;
        this.worker = null;
        reject(error);
        for (const [id, p] of this.pending) {
          clearTimeout(p.timer);
          p.reject(error);
          this.pending.delete(id);
        }
      };
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`the article worker stopped (exit code ${code})`)));
      worker.on('message', (reply: ExtractReply | 'ready') => {
        if (reply === 'ready') return resolve(worker);
        const p = this.pending.get(reply.id);
        if (!p) return;
        this.pending.delete(reply.id);
        clearTimeout(p.timer);
        if (reply.ok) p.resolve(reply.article);
        else p.reject(new Error(reply.message));
      });
    });
    this.worker = started;
    return started;
  }

  private async kill(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await (await worker?.catch(() => null))?.terminate();
  }

  /** Stops the worker (tests, shutdown); the next page starts a new one. */
  close(): Promise<void> {
    return this.kill();
  }
}

/** The extractor the backend shares: one worker per process, started at the first page. */
export const articleExtractor = new ArticleExtractor();
