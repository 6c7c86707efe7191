// The agreement view's job at 10,000 documents × 3 coders × 30 spans (FRAMELENS_BENCH_DASHBOARD_DOCS picks
// another size): wall and CPU time (this process, all its threads) from the start of the job to its first
// figures, to its disagreement list and to its bootstrap intervals, through the report thread the app uses (the
// built out/main/reportWorker.js when it exists). Then each part computed in place, and a digest of every
// figure, interval and disagreement row, so a faster build can be checked to give the same numbers.
// Run: node bin/run-ts.js bench/run.ts dashboard (or node bin/run-ts.js bench/dashboard.ts).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ReportJobs } from '../src/backend/reportJobs';
import { bootstrapIntervals, disagreementTable } from '../src/core/agreement';
import { agreementReport } from '../src/core/agreement/report';
import type { AgreementResult } from '../src/core/reports';
import { syntheticCorpus } from './agreement';

const round = (x: number) => Math.round(x);
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function input(documents: number) {
  return {
    ...syntheticCorpus(documents, 1, 30),
    docLabelGroups: [
      { name: 'Stance', kind: 'single' as const, options: ['pro', 'con', 'neutral'] },
      { name: 'Frames', kind: 'multiple' as const, options: ['Economic', 'Security'] },
    ],
  };
}

function digest(result: AgreementResult): string {
  const t = result.figures.disagreements;
  const h = createHash('sha256');
  h.update(JSON.stringify(result.figures.report));
  h.update(JSON.stringify(result.intervals));
  h.update(JSON.stringify(result.figures.confusion));
  if (t)
    for (const a of [t.rows, t.overlapOff, t.overlaps]) h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  return h.digest('hex').slice(0, 16);
}

/** The job as the view runs it: polled every 20 ms, as the app polls (every 150 ms) but finer. */
async function job(documents: number) {
  const built = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'main', 'reportWorker.js');
  const jobs = existsSync(built)
    ? new ReportJobs({ url: pathToFileURL(built), typescript: false }, 0)
    : new ReportJobs(undefined, 0);
  const data = input(documents);
  const t0 = performance.now();
  const c0 = cpuMs();
  const at = () => ({ ms: round(performance.now() - t0), cpu_ms: round(cpuMs() - c0) });
  const work = jobs.start('agreement', async () => ({
    input: { kind: 'agreement', input: data },
    size: data.documents.length,
  }));
  let figures: ReturnType<typeof at> | null = null;
  let listed: ReturnType<typeof at> | null = null;
  for (;;) {
    const w = jobs.status(work.id);
    if (w.state === 'failed') throw new Error(w.error);
    if (w.ready && !figures) figures = at();
    if (w.ready && !listed && jobs.agreement(work.id).figures.disagreements) listed = at();
    if (w.state !== 'running') break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const done = at();
  return {
    thread_built: existsSync(built),
    figures,
    disagreements: listed,
    intervals: done,
    digest: digest(jobs.agreement(work.id)),
  };
}

function part(task: () => unknown) {
  const t0 = performance.now();
  const c0 = cpuMs();
  task();
  return { ms: round(performance.now() - t0), cpu_ms: round(cpuMs() - c0) };
}

export async function run(): Promise<object> {
  const documents = Number(process.env.FRAMELENS_BENCH_DASHBOARD_DOCS ?? 10_000);
  const load = loadavg()[0];
  const viewJob = await job(documents);
  const data = input(documents);
  const inPlace = {
    report: part(() => agreementReport(data)),
    disagreements: part(() => disagreementTable(data)),
    intervals: part(() => bootstrapIntervals(data, { draws: 1000, seed: 1 })),
  };
  return {
    name: 'dashboard',
    documents,
    load_1m_start: Number(load.toFixed(2)),
    load_1m_end: Number(loadavg()[0].toFixed(2)),
    cores: cpus().length,
    target_first_figures_ms: 2000,
    job: viewJob,
    in_place: inPlace,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  run().then((r) => process.stdout.write(`${JSON.stringify(r)}\n`));
}
