// Imports beside other API calls: the service imports a page built to stall readability (2,000 nested
// <div>s), a 44 KB page of deep nesting, and a 50 MB JSONL file, while another client calls getDocument and
// saveAnnotations back to back (10 ms apart). Every import is read in the parse thread; what is left on the
// calling thread is staging and the commit. Reports each import's outcome and time and the other calls'
// latency (p50, p95, max; the 100 ms target is for the max), with the machine's load average at the start.
// With FRAMELENS_BENCH_BASELINE naming another checkout (with node_modules), each variant (that checkout, this
// one) runs in a process of its own, taking turns FRAMELENS_BENCH_IMPORT_ROUNDS times (2), so the machine's
// load falls on both alike; `compare` lines up the 50 MB import's figures per variant and turn.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parsePool } from '../src/backend/parsePool';
import { Project } from '../src/backend/project';
import { FrameLensService } from '../src/backend/service';
import { mulberry32 } from '../src/core/prng';

const TEXT = 'Protesters marched through the capital as police watched from the side streets. ';
const WORDS = (
  'protest police march crowd capital street minister riot calm violence peaceful demand reform economy ' +
  'rial dollar strike union student worker square night arrest clash tear gas government opposition'
).split(' ');

/** An article of about `chars` characters of varied words, so duplicate fingerprints cost what real text costs. */
function article(random: () => number, chars: number): string {
  const out: string[] = [];
  let length = 0;
  while (length < chars) {
    const word = WORDS[Math.floor(random() * WORDS.length)];
    out.push(word);
    length += word.length + 1;
  }
  return out.join(' ');
}

const INPUTS: Record<string, { ext: string; format: string; make: () => string }> = {
  'nested-2000-divs': {
    ext: 'html',
    format: 'html',
    make: () =>
      `<!doctype html><html><body>${'<div>'.repeat(2000)}<p>Protesters marched.</p>${'</div>'.repeat(2000)}</body></html>`,
  },
  'deep-44kb': {
    ext: 'html',
    format: 'html',
    make: () => {
      let html = '<!doctype html><html><body>';
      for (let i = 0; html.length < 44_000; i++) html += `<div class="c${i % 7}"><span>w${i} `;
      return `${html}</body></html>`;
    },
  },
  'jsonl-50mb': {
    ext: 'jsonl',
    format: 'jsonl',
    // 1,000 articles of 50 KB each.
    make: () => {
      const random = mulberry32(13);
      const lines: string[] = [];
      for (let i = 0; i < 1000; i++)
        lines.push(JSON.stringify({ id: `a${i}`, text: article(random, 50_000), meta: { outlet: `Outlet ${i % 9}` } }));
      return lines.join('\n');
    },
  },
};

function quantile(sorted: number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0;
}

function summary(latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50Ms: Math.round(quantile(sorted, 0.5)),
    p95Ms: Math.round(quantile(sorted, 0.95)),
    maxMs: Math.round(sorted.at(-1) ?? 0),
  };
}

const ROOT = join(import.meta.dirname, '..');

interface Calls {
  allOtherCalls: { p50Ms: number; p95Ms: number; maxMs: number };
  eventLoopDelay: { maxMs: number };
}

/** One variant's whole run in a child process: `bench/run.ts importWorker` of its checkout, in place. */
function inChild(checkout: string): Promise<Awaited<ReturnType<typeof measure>>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(checkout, 'bin', 'run-ts.js'), 'bench/run.ts', 'importWorker'], {
      cwd: checkout,
      env: { ...process.env, FRAMELENS_BENCH_BASELINE: '' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.once('exit', (code) => {
      try {
        if (code !== 0) throw new Error(`exit code ${code}`);
        resolve(JSON.parse(out).results.importWorker);
      } catch (error) {
        reject(new Error(`${checkout}: ${(error as Error).message}: ${out.slice(-500)}`));
      }
    });
  });
}

export async function run() {
  const baseline = process.env.FRAMELENS_BENCH_BASELINE;
  if (!baseline) return measure();
  const rounds = Number(process.env.FRAMELENS_BENCH_IMPORT_ROUNDS ?? 2);
  const variants = { baseline, current: ROOT };
  const runs: Record<string, Awaited<ReturnType<typeof measure>>[]> = { baseline: [], current: [] };
  const loads = [loadavg()[0]];
  for (let r = 0; r < rounds; r++)
    for (const [name, checkout] of Object.entries(variants)) {
      runs[name].push(await inChild(checkout));
      loads.push(loadavg()[0]);
    }
  const jsonl = (x: Awaited<ReturnType<typeof measure>>) => {
    const i = x.imports['jsonl-50mb'] as Calls & { importMs: number; outcome: string };
    return {
      outcome: i.outcome,
      importMs: i.importMs,
      otherCallsMaxMs: i.allOtherCalls.maxMs,
      otherCallsP95Ms: i.allOtherCalls.p95Ms,
      otherCallsP50Ms: i.allOtherCalls.p50Ms,
      eventLoopMaxMs: i.eventLoopDelay.maxMs,
      idleCallsMaxMs: (x.noImport as Calls).allOtherCalls.maxMs,
    };
  };
  return {
    loadAverages1m: loads,
    cpus: cpus().length,
    targetMaxMs: 100,
    baseline,
    compare: Object.fromEntries(Object.entries(runs).map(([name, rs]) => [name, rs.map(jsonl)])),
    runs,
  };
}

async function measure() {
  const dir = await mkdtemp(join(tmpdir(), 'framelens-bench-worker-'));
  const load = loadavg()[0];
  const results: Record<string, unknown> = {};
  let noImport: unknown;
  try {
    const root = join(dir, 'p');
    await Project.create(root, 'Bench');
    const service = await FrameLensService.start({
      projectDir: root,
      configDir: join(dir, 'cfg'),
      allowedRoots: [dir],
    });
    // bob's record brings the label into the codebook; alice saves her own record over and over.
    const seed = join(dir, 'seed.jsonl');
    const span = { start: 0, end: 10, label: 'Protest' };
    await writeFile(seed, JSON.stringify({ id: 'seed', text: TEXT.repeat(20), annotator: 'bob', spans: [span] }));
    await service.importFiles({ paths: [seed], format: 'jsonl' });
    let base: string | null = null;
    let n = 0;
    /** getDocument then saveAnnotations, 10 ms apart, until `stop` says so. */
    const otherCalls = async (stop: () => boolean) => {
      const delay = monitorEventLoopDelay({ resolution: 5 });
      delay.enable();
      const get: number[] = [];
      const save: number[] = [];
      while (!stop()) {
        let t = performance.now();
        const doc = await service.getDocument('seed');
        get.push(performance.now() - t);
        t = performance.now();
        const saved = await service.saveAnnotations({
          document: 'seed',
          annotator: 'alice',
          textHash: doc.textHash,
          status: 'in_progress',
          spans: [{ start: 0, end: 10 + (n++ % 20), label: 'Protest' }],
          docLabels: {},
          baseUpdatedAt: base,
        });
        base = saved.record.updatedAt;
        save.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 10));
      }
      delay.disable();
      return {
        getDocument: summary(get),
        saveAnnotations: summary(save),
        allOtherCalls: summary([...get, ...save]),
        // How long the calling thread was held at a stretch: what a blocking parse would show.
        eventLoopDelay: { p95Ms: Math.round(delay.percentile(95) / 1e6), maxMs: Math.round(delay.max / 1e6) },
      };
    };
    // The same calls with no import running, just before: on a shared machine the ratio is what compares.
    const idleUntil = performance.now() + 3000;
    noImport = await otherCalls(() => performance.now() > idleUntil);
    for (const [name, input] of Object.entries(INPUTS)) {
      const file = join(dir, `${name}.${input.ext}`);
      const content = input.make();
      await writeFile(file, content);
      const started = performance.now();
      let done = false;
      const outcome = service.importFiles({ paths: [file], format: input.format }).then(
        (r) => `imported ${r.documentsAdded.length}`,
        (e: Error) => e.message.replace(file, `${name}.${input.ext}`),
      );
      void outcome.then(() => {
        done = true;
      });
      const calls = await otherCalls(() => done);
      results[name] = {
        bytes: Buffer.byteLength(content),
        outcome: await outcome,
        importMs: Math.round(performance.now() - started),
        ...calls,
      };
    }
  } finally {
    await parsePool.close();
    await rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
  return { loadAverage1m: load, cpus: cpus().length, targetMaxMs: 100, noImport, imports: results };
}
