// Benchmark of the project-folder store: save latency in a small and a 10,000-document project,
// import of 10,000 documents, and opening + listing the big project.
// Run alone: `node bin/run-ts.js bench/store.ts` prints one JSON object; bench/run.ts calls run().
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { importIntoProject } from '../src/backend/importer';
import { Project } from '../src/backend/project';
import type { Span } from '../src/core/model';
import { mulberry32 } from '../src/core/prng';

const SMALL_DOCS = 10;
const LARGE_DOCS = 10_000;
const DOC_CHARS = 2_000;
const SPANS = 50;
const WARMUP = 20;
const SAVES = 200;
const ANNOTATED = 1_000;
const LABELS = ['Frame', 'Blame', 'Solution'];

export interface Latency {
  p50: number;
  p95: number;
  max: number;
}

export interface StoreResult {
  name: 'store';
  save_small: Latency;
  save_large: Latency;
  p95_ratio: number;
  open_and_list_10k_ms: number;
  list_with_annotator_ms: number;
  import_10k_ms: number;
  generate_jsonl_ms: number;
  seed_1000_records_ms: number;
  heap_mb: { used_after_list: number; project_10k_retained: number; list_with_annotator_retained: number };
  targets_met: {
    save_p95_small_lt_20ms: boolean;
    save_p95_large_lt_20ms: boolean;
    p95_ratio_le_1_5: boolean;
    open_and_list_10k_lt_1s: boolean;
    list_with_annotator_lt_1s: boolean;
  };
}

/** A real gc() for heap figures, without requiring `node --expose-gc`. */
function getGc(): () => void {
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return () => {};
  }
}
const gc = getGc();
const round = (x: number, digits = 2) => Number(x.toFixed(digits));
const log = (message: string) => process.stderr.write(`[store] ${message}\n`);

const WORDS = (
  'protesters police marched city government minister said crisis economy rioters peaceful demonstrators ' +
  'violence security officials reported thousands streets capital opposition leaders reform election ' +
  'migrants border workers strike union wages prices inflation climate energy protest clashes arrested'
).split(' ');

/** Writes a JSONL of `count` documents of about DOC_CHARS characters each. */
async function writeJsonl(path: string, count: number, prefix: string, seed: number): Promise<void> {
  const random = mulberry32(seed);
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const words: string[] = [];
    let length = 0;
    while (length < DOC_CHARS) {
      const w = WORDS[Math.floor(random() * WORDS.length)]!;
      words.push(w);
      length += w.length + 1;
    }
    const id = `${prefix}${String(i).padStart(5, '0')}`;
    lines.push(JSON.stringify({ id, text: `${words.join(' ')}.`, meta: { outlet: `Outlet ${i % 7}`, title: id } }));
  }
  await writeFile(path, `${lines.join('\n')}\n`);
}

/** An empty project with the benchmark's labels in its codebook. */
async function createProject(root: string): Promise<Project> {
  const project = await Project.create(root, 'bench');
  await project.saveCodebook(
    { ...project.codebook, spanLabels: LABELS.map((name, i) => ({ name, color: `#${String(i + 1).repeat(6)}` })) },
    project.codebook.version,
  );
  return project;
}

/** One save of `document` with SPANS spans; the note carries `n` so every save writes new bytes. */
function save(project: Project, annotator: string, document: string, n: number) {
  const spans: Span[] = Array.from({ length: SPANS }, (_, j) => ({
    start: j * 38,
    end: j * 38 + 20,
    label: LABELS[j % LABELS.length]!,
    note: `n=${n}`,
  }));
  return project.saveRecord({
    document,
    annotator,
    textHash: project.entry(document).textHash,
    status: 'in_progress',
    spans,
    docLabels: {},
  });
}

/** Nearest-rank percentiles of the measured latencies. */
function summarize(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { p50: round(at(0.5), 3), p95: round(at(0.95), 3), max: round(sorted[sorted.length - 1]!, 3) };
}

async function time<T>(task: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await task();
  return { ms: performance.now() - t0, value };
}

interface Opened {
  ms: number;
  /** Heap held by the open project and its list (after a full gc), bytes. */
  retained: number;
  heapUsed: number;
}

/**
 * Project.open + listDocuments, timed, and the heap they keep alive. Its own function, so the
 * previous run's project is unreachable when the baseline is taken.
 */
async function openAndList(root: string, documents: number, annotator?: string, records = 0): Promise<Opened> {
  gc();
  const before = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const project = await Project.open(root);
  const docs = await project.listDocuments(annotator);
  const ms = performance.now() - t0;
  gc();
  const heapUsed = process.memoryUsage().heapUsed;
  // The checks come after the gc, so the project and the list are still alive when it runs.
  if (docs.length !== documents) throw new Error(`listed ${docs.length} documents, expected ${documents}`);
  const annotated = docs.filter((d) => d.status !== 'todo').length;
  if (annotated !== records) throw new Error(`${annotator} has ${annotated} records, expected ${records}`);
  if (project.problems.size) throw new Error(`problems: ${[...project.problems.keys()].join(', ')}`);
  return { ms, retained: heapUsed - before, heapUsed };
}

/** Runs the whole benchmark in a temp folder that is removed afterwards. */
export async function run(): Promise<StoreResult> {
  const dir = await mkdtemp(join(tmpdir(), 'framelens-bench-store-'));
  try {
    log(`working in ${dir}`);
    const smallJsonl = join(dir, 'small.jsonl');
    await writeJsonl(smallJsonl, SMALL_DOCS, 's', 1);
    const small = await createProject(join(dir, 'small'));
    await importIntoProject(small, { paths: [smallJsonl], format: 'jsonl' });

    const largeJsonl = join(dir, 'large.jsonl');
    const generated = await time(() => writeJsonl(largeJsonl, LARGE_DOCS, 'doc', 2));
    log(`generated ${LARGE_DOCS} documents in ${Math.round(generated.ms)} ms; importing`);
    const largeRoot = join(dir, 'large');
    const large = await createProject(largeRoot);
    const imported = await time(() => importIntoProject(large, { paths: [largeJsonl], format: 'jsonl' }));
    if (imported.value.documentsAdded.length !== LARGE_DOCS) throw new Error('the import did not add every document');
    log(`imported in ${Math.round(imported.ms)} ms; measuring saves`);

    // Small and large saves alternate, so drift in the disk's fsync latency hits both alike.
    const smallDoc = [...small.index.keys()][SMALL_DOCS / 2]!;
    const largeDoc = [...large.index.keys()][LARGE_DOCS / 2]!;
    const smallMs: number[] = [];
    const largeMs: number[] = [];
    for (let i = 0; i < WARMUP + SAVES; i++) {
      const s = await time(() => save(small, 'bench', smallDoc, i));
      const l = await time(() => save(large, 'bench', largeDoc, i));
      if (i >= WARMUP) {
        smallMs.push(s.ms);
        largeMs.push(l.ms);
      }
    }
    const saveSmall = summarize(smallMs);
    const saveLarge = summarize(largeMs);

    log(`saving ${ANNOTATED} records of one annotator`);
    const ids = [...large.index.keys()];
    const seeded = await time(async () => {
      const step = Math.floor(LARGE_DOCS / ANNOTATED);
      const queue = Array.from({ length: ANNOTATED }, (_, i) => ids[i * step]!);
      const worker = async () => {
        for (let doc = queue.pop(); doc; doc = queue.pop()) await save(large, 'alice', doc, 0);
      };
      await Promise.all(Array.from({ length: 16 }, worker));
    });

    log('opening and listing');
    // Each figure is the median of three runs (the first pays for a cold module/JIT state).
    const openList: Opened[] = [];
    const withAnnotator: Opened[] = [];
    for (let r = 0; r < 3; r++) {
      openList.push(await openAndList(largeRoot, LARGE_DOCS));
      withAnnotator.push(await openAndList(largeRoot, LARGE_DOCS, 'alice', ANNOTATED));
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
    const openAndListMs = round(median(openList.map((o) => o.ms)));
    const listWithAnnotator = round(median(withAnnotator.map((o) => o.ms)));
    // large / small: how much slower a save gets in a 10,000-document project.
    const p95Ratio = round(saveLarge.p95 / saveSmall.p95, 3);

    return {
      name: 'store',
      save_small: saveSmall,
      save_large: saveLarge,
      p95_ratio: p95Ratio,
      open_and_list_10k_ms: openAndListMs,
      list_with_annotator_ms: listWithAnnotator,
      import_10k_ms: round(imported.ms),
      generate_jsonl_ms: round(generated.ms),
      seed_1000_records_ms: round(seeded.ms),
      heap_mb: {
        used_after_list: round(median(withAnnotator.map((o) => o.heapUsed)) / 2 ** 20),
        project_10k_retained: round(median(openList.map((o) => o.retained)) / 2 ** 20),
        list_with_annotator_retained: round(median(withAnnotator.map((o) => o.retained)) / 2 ** 20),
      },
      targets_met: {
        save_p95_small_lt_20ms: saveSmall.p95 < 20,
        save_p95_large_lt_20ms: saveLarge.p95 < 20,
        p95_ratio_le_1_5: p95Ratio <= 1.5,
        open_and_list_10k_lt_1s: openAndListMs < 1000,
        list_with_annotator_lt_1s: listWithAnnotator < 1000,
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await run()));
}
