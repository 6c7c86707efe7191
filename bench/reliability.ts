// Benchmark of the reliability bootstrap: 1,000 documents × 3 coders × 50 spans, 1,000 resamples (α_U overall and
// per label, and α of every document label), in Node and in a Web Worker of headless Chromium (the way the app
// runs it); beside it, in the same run, the per-resample cost of rebuilding the continuum as the bootstrap did
// before, and the time to write a round's report. Target: the bootstrap within 5 s in the worker. Wall times
// stretch with the machine's load (load_avg_1m, shared cores); bootstrap_node_cpu_ms is the process's CPU time.
// Run: node bin/run-ts.js bench/run.ts reliability. Prints one JSON object; the machine's load is in it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { bootstrapIntervals } from '../src/core/agreement/bootstrap';
import { buildContinuum } from '../src/core/agreement/continuum';
import { fullyAnnotated, prepareCorpus } from '../src/core/agreement/corpus';
import { mulberry32, randomIndex } from '../src/core/agreement/prng';
import { alphaUnitizingPrepared } from '../src/core/agreement/unitizing';
import { roundReportFiles } from '../src/core/study/appendix';
import { roundFigures } from '../src/core/study/figures';
import { closeRound, createRound } from '../src/core/study/round';
import { drawSample } from '../src/core/study/sample';
import { syntheticCorpus } from './agreement';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DOCUMENTS = 1000;
const DRAWS = 1000;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function input() {
  return {
    ...syntheticCorpus(DOCUMENTS),
    docLabelGroups: [
      { name: 'Stance', kind: 'single' as const, options: ['pro', 'con', 'neutral'] },
      { name: 'Frames', kind: 'multiple' as const, options: ['Economic', 'Security'] },
    ],
  };
}

/** The bootstrap as it was: every resample's continuum rebuilt and swept (a few draws, per-draw time). */
function rebuildPerDraw(data: ReturnType<typeof input>, draws: number): number {
  const c = prepareCorpus(data);
  const raters = [...c.annotators.keys()];
  const full = fullyAnnotated(c);
  const next = mulberry32(1);
  const sample = new Array<string>(full.length);
  const t = performance.now();
  for (let d = 0; d < draws; d++) {
    for (let i = 0; i < full.length; i++) sample[i] = full[randomIndex(next, full.length)];
    sample.sort();
    alphaUnitizingPrepared(buildContinuum(c, sample, raters));
  }
  return (performance.now() - t) / draws;
}

async function inWorker(data: ReturnType<typeof input>): Promise<{ worker_ms: number[]; transfer_ms: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'framelens-bench-reliability-'));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const entry = join(dir, 'worker.ts');
    await writeFile(
      entry,
      `import { bootstrapIntervals } from ${JSON.stringify(join(ROOT, 'src/core/agreement/bootstrap.ts'))};
self.onmessage = (e) => {
  const t = performance.now();
  const r = bootstrapIntervals(e.data, { draws: ${DRAWS}, seed: 1 });
  self.postMessage({ ms: performance.now() - t, alpha: r.alpha_u.overall.estimate });
};`,
    );
    const out = await build({ entryPoints: [entry], bundle: true, format: 'iife', target: 'es2022', write: false });
    await writeFile(join(dir, 'index.html'), '<!DOCTYPE html><title>bench</title>');
    const page = await browser.newPage();
    page.on('crash', () => console.error('bench: the page crashed'));
    await page.goto(pathToFileURL(join(dir, 'index.html')).href);
    const source = out.outputFiles[0].text;
    const result = (await page.evaluate(
      async ({ source, json, runs }) => {
        const data = JSON.parse(json);
        const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
        const worker = new Worker(url);
        const times: number[] = [];
        let transfer = 0;
        for (let i = 0; i < runs; i++) {
          const t = performance.now();
          const r = await new Promise<{ ms: number }>((resolve) => {
            worker.onmessage = (e) => resolve(e.data);
            worker.postMessage(data);
          });
          times.push(r.ms);
          transfer = performance.now() - t - r.ms;
        }
        worker.terminate();
        return { worker_ms: times, transfer_ms: transfer };
      },
      { source, json: JSON.stringify(data), runs: 3 },
    )) as { worker_ms: number[]; transfer_ms: number };
    return result;
  } finally {
    await browser.close();
    await rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
}

export async function run(): Promise<object> {
  const data = input();
  const load = loadavg()[0];
  bootstrapIntervals(data, { draws: 50 }); // warm-up
  const nodeTimes: number[] = [];
  const nodeCpu: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const cpu = process.cpuUsage();
    bootstrapIntervals(data, { draws: DRAWS, seed: 1 });
    nodeTimes.push(performance.now() - t);
    const used = process.cpuUsage(cpu);
    nodeCpu.push((used.user + used.system) / 1000);
  }
  const oldPerDraw = rebuildPerDraw(data, 10);
  const browser = await inWorker(data);

  const sample = drawSample({
    seed: 1,
    size: DOCUMENTS,
    strata: 'none',
    documents: data.documents.map((d) => ({ id: d.id })),
  });
  const round = closeRound(
    createRound([], {
      name: 'bench',
      kind: 'main',
      coders: ['alice', 'bob', 'carol'],
      codebookVersion: 3,
      sample,
      at: '2025-06-01T00:00:00Z',
    }),
    '2025-06-02T00:00:00Z',
  );
  let t = performance.now();
  const figures = roundFigures(round, data, { draws: DRAWS, seed: 1 });
  const figuresMs = performance.now() - t;
  t = performance.now();
  const files = roundReportFiles({
    project: 'bench',
    round,
    figures,
    codebook: { version: 3, spanLabels: [], docLabels: [] },
    changelog: [],
    records: data.records,
  });
  const reportMs = performance.now() - t;

  const nodeMs = median(nodeTimes);
  const r1 = (x: number) => Math.round(x * 10) / 10;
  return {
    name: 'reliability',
    documents: DOCUMENTS,
    coders: 3,
    spans_per_record: 50,
    draws: DRAWS,
    bootstrap_node_ms: r1(nodeMs),
    bootstrap_node_cpu_ms: r1(median(nodeCpu)),
    bootstrap_worker_ms: r1(median(browser.worker_ms)),
    worker_runs_ms: browser.worker_ms.map(r1),
    worker_message_ms: r1(browser.transfer_ms),
    target_worker_ms: 5000,
    rebuilt_continuum_per_draw_ms: r1(oldPerDraw),
    rebuilt_continuum_1000_draws_ms_extrapolated: Math.round(oldPerDraw * DRAWS),
    speedup_vs_rebuilt: r1((oldPerDraw * DRAWS) / nodeMs),
    round_figures_ms: r1(figuresMs),
    round_report_ms: r1(reportMs),
    report_files: files.length,
    load_avg_1m: r1(load),
    cpus: cpus().length,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  run().then((r) => {
    process.stdout.write(`${JSON.stringify(r)}\n`);
  });
}
