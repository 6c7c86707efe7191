// The growth table: projects of 1,000 and 10,000 documents (100,000 with FRAMELENS_BENCH_100K=1) × 3 coders ×
// ~30 spans each, generated under the temp folder, and what a user of each feels: open and list, document
// switch, corpus search (the index built from scratch, then warm, then from its cache at a new open), stats,
// the agreement report and the outlet tables (at a first open and at a later one, from the record cache; the outlet view at a later open, its tables computed in a thread), the backend's memory, `git status`, and saves with the change feed
// on. FRAMELENS_BENCH_SIZES=1000,30000 picks other sizes. Then 20 simulated annotators saving over loopback HTTP for FRAMELENS_BENCH_LOOPBACK_S seconds (60 by
// default): latency and whether every acknowledged save is on disk. The machine's load is in the output.
// Run: node bin/run-ts.js bench/run.ts scale (or node bin/run-ts.js bench/scale.ts).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { textHash } from '../src/backend/hash';
import { startHttpServer } from '../src/backend/httpServer';
import { Project } from '../src/backend/project';
import { searchCorpus, searchIndex } from '../src/backend/search';
import { FrameLensService } from '../src/backend/service';
import { HTTP_TOKEN_HEADER, type ReportRequest, type ReportWork, type SaveAnnotationsInput } from '../src/core/api';
import { mulberry32 } from '../src/core/prng';

const CODERS = ['alice', 'bob', 'carol'];
const LABELS = ['Economic', 'Security', 'Human interest', 'Conflict', 'Morality'];
const SPANS = 30;
const DOC_CHARS = 2_000;
const RARE = 'Zyxwvätrom';
const WORDS = (
  'protesters police marched city government minister said crisis economy rioters peaceful demonstrators ' +
  'violence security officials reported thousands streets capital opposition leaders reform election ' +
  'migrants border workers strike union wages prices inflation climate energy protest clashes arrested ' +
  'Köln São Paulo Zürich café naïve résumé'
).split(' ');

const round = (x: number, digits = 1) => Number(x.toFixed(digits));
const log = (message: string) => process.stderr.write(`[scale] ${message}\n`);

/** Wall time, and this process's CPU time (all its threads): on a loaded machine the second says more. */
async function time<T>(task: () => Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const value = await task();
  const c = process.cpuUsage(c0);
  return { ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000, value };
}

function p95(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  return round(s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)] ?? 0, 2);
}

function median(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  return round(s[Math.floor(s.length / 2)] ?? 0, 2);
}

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);
sampler.unref();

/** Writes the project's files directly (as a clone would bring them), far faster than importing them. */
export async function generate(root: string, documents: number): Promise<void> {
  const project = await Project.create(root, `scale ${documents}`);
  await project.saveCodebook(
    { ...project.codebook, spanLabels: LABELS.map((name, i) => ({ name, color: `#${String(i + 1).repeat(6)}` })) },
    project.codebook.version,
  );
  const random = mulberry32(documents);
  const index: { id: string; textHash: string; length: number; meta: Record<string, string> }[] = [];
  const now = new Date().toISOString();
  for (const coder of CODERS) await mkdir(project.layout.annotatorDir(coder), { recursive: true });
  const batch: Promise<void>[] = [];
  for (let d = 0; d < documents; d++) {
    const id = `doc-${String(d).padStart(6, '0')}`;
    const words: string[] = [];
    let length = 0;
    while (length < DOC_CHARS) {
      const w = WORDS[Math.floor(random() * WORDS.length)]!;
      words.push(w);
      length += w.length + 1;
    }
    if (d % 997 === 3) words.splice(5, 0, RARE);
    const text = `${words.join(' ')}.`;
    const hash = textHash(text);
    const meta = { outlet: `Outlet ${d % 12}`, title: id, story: `story-${d % 500}` };
    index.push({ id, textHash: hash, length: [...text].length, meta });
    batch.push(
      writeFile(project.layout.documentFile(id), JSON.stringify({ schema: 1, id, textHash: hash, meta, text })),
    );
    const base = Array.from({ length: SPANS }, (_, j) => {
      const start = j * 60 + Math.floor(random() * 20);
      return { start, end: start + 10 + Math.floor(random() * 30), label: LABELS[(j + d) % LABELS.length]! };
    });
    for (const coder of CODERS) {
      const spans = base.map((s, j) => ({
        id: `s${j}`,
        ...s,
        start: Math.max(0, s.start + Math.floor(random() * 5) - 2),
        ...(random() < 0.1 ? { label: LABELS[Math.floor(random() * LABELS.length)]! } : {}),
      }));
      const file = {
        schema: 1,
        document: id,
        annotator: coder,
        textHash: hash,
        codebookVersion: project.codebook.version,
        status: 'done',
        spans,
        docLabels: {},
        updatedAt: now,
      };
      batch.push(writeFile(project.layout.annotationFile(coder, id), JSON.stringify(file)));
    }
    if (batch.length >= 256) await Promise.all(batch.splice(0));
  }
  await Promise.all(batch);
  await writeFile(project.layout.indexFile, JSON.stringify({ schema: 1, documents: index }));
}

async function saveLatency(project: Project, document: string, count: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = await time(() =>
      project.saveRecord({
        document,
        annotator: 'bench',
        textHash: project.entry(document).textHash,
        status: 'in_progress',
        spans: Array.from({ length: SPANS }, (_, j) => ({
          start: j * 60,
          end: j * 60 + 20,
          label: LABELS[0]!,
          note: `n${i}`,
        })),
        docLabels: {},
      }),
    );
    if (i >= 10) out.push(t.ms);
  }
  return out;
}

async function growthRow(dir: string, documents: number, small: Project) {
  const root = join(dir, `p${documents}`);
  const generated = await time(() => generate(root, documents));
  log(`${documents}: generated in ${Math.round(generated.ms)} ms`);
  peakRss = process.memoryUsage().rss;
  const row: Record<string, unknown> = { documents, generate_ms: round(generated.ms, 0) };

  // First open after a fresh clone: no cache, so every annotation file is read and summarised once.
  const opened = await time(async () => {
    const p = await Project.open(root);
    await p.allSummaries();
    const list = await p.listDocuments('alice');
    if (list.length !== documents) throw new Error(`listed ${list.length}`);
    return p;
  });
  row.first_open_no_cache_ms = round(opened.ms);
  row.first_open_no_cache_cpu_ms = round(opened.cpuMs);
  row.summaries_read_first_open = opened.value.summaryCache.reads;
  await opened.value.flushCaches();

  // Every later open: the summaries come from their cache; only files whose version moved are read.
  const reopened = await time(async () => {
    const p = await Project.open(root);
    const list = await p.listDocuments('alice');
    if (list.length !== documents) throw new Error(`listed ${list.length}`);
    return p;
  });
  row.open_and_list_ms = round(reopened.ms);
  row.open_and_list_cpu_ms = round(reopened.cpuMs);
  row.summaries_read_at_open = reopened.value.summaryCache.reads;
  const project = opened.value;

  const ids = [...project.index.keys()];
  const switches: number[] = [];
  for (let i = 0; i < 20; i++) {
    const id = ids[Math.floor((i * 7919) % ids.length)]!;
    switches.push((await time(async () => Promise.all([project.getDocument(id), project.listRecords(id)]))).ms);
  }
  row.switch_ms = median(switches);

  let progressCalls = 0;
  const built = await time(() => searchIndex(project, () => progressCalls++));
  row.search_index_build_ms = round(built.ms);
  row.search_index_build_progress_calls = progressCalls;
  const rare: number[] = [];
  let hits = 0;
  for (let i = 0; i < 5; i++) {
    const t = await time(() => searchCorpus(project, RARE.toUpperCase()));
    hits = t.value.length;
    rare.push(t.ms);
  }
  row.search_rare_ms = median(rare);
  row.search_rare_hits = hits;
  row.search_common_ms = round((await time(() => searchCorpus(project, 'protesters marched'))).ms);
  await (await searchIndex(project)).save();
  const cachedOpen = await time(async () => {
    const p = await Project.open(root);
    await searchCorpus(p, RARE);
    return (await searchIndex(p)).lastSync;
  });
  row.open_and_search_from_cache_ms = round(cachedOpen.ms);
  row.search_cache_used = cachedOpen.value.fromCache;

  // the app's report thread is the built file (electron-vite build); from source a thread compiles the core first
  const builtWorker = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'main', 'reportWorker.js');
  const reportWorker = existsSync(builtWorker) ? { url: pathToFileURL(builtWorker), typescript: false } : undefined;
  row.report_worker_built = reportWorker !== undefined;
  const service = await FrameLensService.start({
    projectDir: root,
    configDir: join(dir, `cfg${documents}`),
    reportWorker,
  });
  // Wall and CPU time of each report into the row; a failure is recorded in its place.
  const timeReports = async (tasks: readonly (readonly [string, () => Promise<unknown>])[]) => {
    for (const [name, task] of tasks) {
      try {
        const t = await time(task);
        row[name] = round(t.ms);
        row[name.replace(/_ms$/, '_cpu_ms')] = round(t.cpuMs);
      } catch (error) {
        row[name] = `failed: ${(error as Error).message.slice(0, 120)}`;
      }
      log(`${documents}: ${name} ${row[name]}`);
    }
  };
  await timeReports([
    ['stats_ms', () => service.stats()],
    ['agreement_ms', () => service.agreement()],
    ['outlets_ms', () => service.outlets()],
  ]);

  // The views' path: the report as a job (a worker thread at this size), then its head and a first window of
  // each list, and how many bytes each answer carries (JSON, as the HTTP transport sends it).
  const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));
  const job = async (request: ReportRequest, until: (w: ReportWork) => boolean) => {
    let w = await service.startReport(request);
    while (w.state === 'running' && !until(w)) {
      await new Promise((r) => setTimeout(r, 20));
      w = await service.reportWork(w.id);
    }
    if (w.state === 'failed') throw new Error(w.error);
    return w;
  };
  await timeReports([
    [
      'agreement_view_figures_ms',
      async () => {
        const w = await job({ kind: 'agreement' }, (x) => x.ready);
        const head = await service.agreementOverview(w.id);
        const docs = await service.agreementDocuments(w.id, { offset: 0, limit: 100 });
        const dis = await service.agreementDisagreements(w.id, { offset: 0, limit: 100 });
        row.agreement_view_thread = w.thread;
        row.agreement_overview_bytes = bytes(head);
        row.agreement_rows_page_bytes = bytes(docs) + bytes(dis);
        await service.cancelReport(w.id);
      },
    ],
    ['agreement_view_with_intervals_ms', () => job({ kind: 'agreement' }, () => false)],
    [
      'outlets_view_ms',
      async () => {
        const w = await job({ kind: 'outlets' }, () => false);
        const tables = await service.outletTables(w.id);
        row.outlet_tables_bytes = bytes(tables);
      },
    ],
  ]);
  row.outlets_full_answer_bytes = Buffer.byteLength(JSON.stringify(await service.outlets()));

  // The reports at a later open: the annotation files come from the record cache, not 3 × documents files.
  await service.current().flushCaches();
  const later = await FrameLensService.start({ projectDir: root, configDir: join(dir, `cfgr${documents}`) });
  await timeReports([
    ['agreement_from_cache_ms', () => later.agreement()],
    ['outlets_from_cache_ms', () => later.outlets()],
  ]);
  row.record_files_read_at_later_open = later.current().recordFileCache.reads;
  await later.close();

  // The outlet view at a later open as the app shows it: the tables as a job (in a thread, nothing kept yet),
  // then their head and a first window of one column.
  const viewer = await FrameLensService.start({
    projectDir: root,
    configDir: join(dir, `cfgv${documents}`),
    reportWorker,
  });
  await timeReports([
    [
      'outlets_view_from_cache_ms',
      async () => {
        let w = await viewer.startReport({ kind: 'outlets' });
        while (w.state === 'running') {
          await new Promise((r) => setTimeout(r, 20));
          w = await viewer.reportWork(w.id);
        }
        if (w.state === 'failed') throw new Error(w.error);
        row.outlets_view_from_cache_thread = w.thread;
        const head = await viewer.outletOverview(w.id);
        const [label, byOutlet] = Object.entries(head.phrases)[0] ?? [];
        const outlet = Object.keys(byOutlet ?? {})[0];
        if (label && outlet)
          row.outlet_column_page_bytes = bytes(
            await viewer.outletPhraseRows(w.id, { label, outlet, fold: false, offset: 0, limit: 100 }),
          );
        row.outlet_overview_bytes = bytes(head);
      },
    ],
  ]);
  await viewer.close();

  // Saves with the change feed on (as the app runs), here and in the small project alternately.
  await service.changes(0);
  const smallService = await FrameLensService.start({ projectDir: small.layout.root, configDir: join(dir, 'cfgs') });
  await smallService.changes(0);
  const largeDoc = ids[Math.floor(ids.length / 2)]!;
  const smallDoc = [...small.index.keys()][0]!;
  const largeSaves: number[] = [];
  const smallSaves: number[] = [];
  for (let i = 0; i < 4; i++) {
    smallSaves.push(...(await saveLatency(smallService.current(), smallDoc, 40)));
    largeSaves.push(...(await saveLatency(service.current(), largeDoc, 40)));
  }
  row.save_p95_feed_on_ms = p95(largeSaves);
  row.save_p95_feed_on_10_docs_ms = p95(smallSaves);
  const feedPage = await service.changes(0);
  row.feed_changes_seen = feedPage.changes.length;
  await smallService.close();
  await service.close();
  row.peak_rss_mb = round(peakRss / 2 ** 20, 0);
  row.heap_used_mb = round(process.memoryUsage().heapUsed / 2 ** 20, 0);

  row.app_cold_start_ms = await coldStart(dir, root, documents).catch(
    (error) => `failed: ${(error as Error).message.slice(0, 160)}`,
  );
  log(`${documents}: app cold start ${row.app_cold_start_ms}`);

  if (documents <= 10_000 || process.env.FRAMELENS_BENCH_GIT === '1') {
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
    git('init', '-q');
    git('-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', 'add', '-A');
    git('-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', 'commit', '-q', '-m', 'corpus');
    const runs: number[] = [];
    let dirty = '';
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      dirty = git('status', '--porcelain').toString();
      runs.push(performance.now() - t0);
    }
    row.git_status_ms = median(runs);
    row.git_status_clean = dirty.trim() === '';
  }
  await rm(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  return row;
}

const RENDERER = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'renderer');

/**
 * Browser mode in headless Chromium, as a user opens it: URL to the first document's text visible (the page
 * served compressed). Needs `npm run build`; null without the bundle.
 */
async function coldStart(dir: string, root: string, documents: number): Promise<number | null> {
  if (!existsSync(join(RENDERER, 'index.html'))) return null;
  const configDir = join(dir, `cfgapp${documents}`);
  await mkdir(configDir, { recursive: true });
  await writeFile(join(configDir, 'settings.json'), JSON.stringify({ schema: 1, annotator: 'alice' }));
  const api = await FrameLensService.start({ projectDir: root, configDir });
  const server = await startHttpServer({ api, staticDir: RENDERER });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const t0 = performance.now();
    await page.goto(server.url);
    await page.getByTestId('reader').first().waitFor({ state: 'visible', timeout: 120_000 });
    await page.waitForFunction(
      () => (document.querySelector('[data-testid="reader"]')?.textContent ?? '').length > 100,
      null,
      {
        timeout: 120_000,
      },
    );
    return round(performance.now() - t0);
  } finally {
    await browser.close();
    await server.close();
    await api.close();
  }
}

/** 20 annotators, each saving their own documents over loopback HTTP as fast as answers come back. */
export async function loopback(dir: string, seconds: number) {
  const root = join(dir, 'loopback');
  await generate(root, 1_000);
  const api = await FrameLensService.start({ projectDir: root, configDir: join(dir, 'cfgl') });
  const server = await startHttpServer({ api });
  const project = api.current();
  const ids = [...project.index.keys()];
  const call = async (method: string, args: unknown[]) => {
    const res = await fetch(`${server.origin}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [HTTP_TOKEN_HEADER]: server.token },
      body: JSON.stringify({ args }),
    });
    const body = (await res.json()) as { result?: unknown; error?: string };
    if (res.status !== 200) throw new Error(body.error ?? String(res.status));
    return body.result;
  };
  const latencies: number[] = [];
  const acked = new Map<string, string>();
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  let polls = 0;
  const poller = (async () => {
    let cursor = 0;
    while (performance.now() < end) {
      cursor = ((await call('changes', [cursor])) as { cursor: number }).cursor;
      polls++;
      await new Promise((r) => setTimeout(r, 1000));
    }
  })();
  await Promise.all(
    Array.from({ length: 20 }, async (_, a) => {
      const annotator = `coder${String(a).padStart(2, '0')}`;
      for (let n = 0; performance.now() < end; n++) {
        const document = ids[(a * 37 + n) % ids.length]!;
        const input: SaveAnnotationsInput = {
          document,
          annotator,
          textHash: project.entry(document).textHash,
          status: 'in_progress',
          spans: Array.from({ length: SPANS }, (_, j) => ({
            start: j * 60,
            end: j * 60 + 12,
            label: LABELS[j % 5]!,
            note: `${a}:${n}`,
          })),
          docLabels: {},
        };
        const t0 = performance.now();
        try {
          await call('saveAnnotations', [input]);
          latencies.push(performance.now() - t0);
          acked.set(`${annotator}/${document}`, `${a}:${n}`);
        } catch {
          errors++;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    }),
  );
  await poller;
  let lost = 0;
  for (const [key, note] of acked) {
    const [annotator, document] = key.split('/') as [string, string];
    const file = JSON.parse(await readFile(project.layout.annotationFile(annotator, document), 'utf8'));
    if (file.spans?.[0]?.note !== note) lost++;
  }
  await server.close();
  await api.close();
  return {
    seconds,
    annotators: 20,
    saves: latencies.length,
    save_p50_ms: median(latencies),
    save_p95_ms: p95(latencies),
    errors,
    acknowledged_saves_lost: lost,
    feed_polls: polls,
  };
}

export async function run() {
  const dir = await mkdtemp(join(tmpdir(), 'framelens-bench-scale-'));
  try {
    const sizes = process.env.FRAMELENS_BENCH_SIZES
      ? process.env.FRAMELENS_BENCH_SIZES.split(',').map(Number)
      : [1_000, 10_000, ...(process.env.FRAMELENS_BENCH_100K === '1' ? [100_000] : [])];
    await generate(join(dir, 'small'), 10);
    const small = await Project.open(join(dir, 'small'));
    const rows = [];
    for (const n of sizes) rows.push(await growthRow(dir, n, small));
    const seconds = Number(process.env.FRAMELENS_BENCH_LOOPBACK_S ?? 60);
    const annotators = seconds > 0 ? await loopback(dir, seconds) : null;
    return {
      name: 'scale',
      load_avg_1m: round(loadavg()[0]!, 2),
      cpus: cpus().length,
      inotify_max_user_watches: await readFile('/proc/sys/fs/inotify/max_user_watches', 'utf8')
        .then((s) => Number(s.trim()))
        .catch(() => null),
      growth: rows,
      loopback_20_annotators: annotators,
    };
  } finally {
    clearInterval(sampler);
    await rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await run()));
}
