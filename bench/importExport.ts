// The import and export speed targets: 10,000 articles (about 50 MB of JSONL) imported within 10× the time to read
// and JSON.parse the same file (and under 10 s) with steady memory, exported in under 1 s in JSONL and timed in every
// other export format, at 1,000 and 10,000 documents (FRAMELENS_BENCH_IO_SIZES=1000,10000;
// FRAMELENS_BENCH_IO_FORMATS=jsonl,csv picks formats). Run alone: node bin/run-ts.js bench/importExport.ts
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { exportProject } from '../src/backend/exporter';
import { importIntoProject } from '../src/backend/importer';
import { Project } from '../src/backend/project';
import { EXPORT_FORMAT_NAMES } from '../src/core/formats/registry';
import { mulberry32 } from '../src/core/prng';

const DOCUMENTS = 10_000;
const WORDS = [
  'protest',
  'riot',
  'sanction',
  'rial',
  'Tehran',
  'Moscow',
  'statement',
  'security',
  'forces',
  'inflation',
  'talks',
  'call',
];

function article(i: number, rand: () => number): string {
  const words: string[] = [`Article ${i}.`];
  let length = words[0]!.length;
  while (length < 4800) {
    const word = WORDS[Math.floor(rand() * WORDS.length)]!;
    words.push(word);
    length += word.length + 1;
  }
  return words.join(' ');
}

const SIZES = (process.env.FRAMELENS_BENCH_IO_SIZES ?? '1000,10000').split(',').map(Number);
const FORMATS = process.env.FRAMELENS_BENCH_IO_FORMATS?.split(',') ?? [...EXPORT_FORMAT_NAMES];

export async function writeCorpus(file: string, documents: number): Promise<number> {
  const rand = mulberry32(7);
  const lines: string[] = [];
  for (let i = 0; i < documents; i++) {
    const text = article(i, rand);
    const record =
      i % 2 === 0
        ? {
            annotator: 'alice',
            spans: [
              { start: 0, end: 7, label: 'Naming' },
              { start: 20, end: 40, label: 'Cause' },
            ],
          }
        : {};
    lines.push(
      JSON.stringify({
        id: `article${String(i).padStart(6, '0')}`,
        text,
        meta: { outlet: i % 3 ? 'A' : 'B' },
        ...record,
      }),
    );
  }
  await writeFile(file, `${lines.join('\n')}\n`);
  return (await stat(file)).size;
}

/** The floor an import is measured against: reading the file line by line and JSON.parse of each line. */
async function readAndParse(file: string): Promise<{ ms: number; lines: number }> {
  const t = performance.now();
  let lines = 0;
  for await (const line of createInterface({
    input: createReadStream(file, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  })) {
    if (line) {
      JSON.parse(line);
      lines++;
    }
  }
  return { ms: performance.now() - t, lines };
}

async function row(dir: string, documents: number) {
  const file = join(dir, `corpus-${documents}.jsonl`);
  const bytes = await writeCorpus(file, documents);
  const floor = await readAndParse(file);
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let peakHeap = heapBefore;
  const sampler = setInterval(() => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }, 20);
  const project = await Project.create(join(dir, `project-${documents}`), 'bench');
  let t = performance.now();
  const report = await importIntoProject(project, { paths: [file], format: 'jsonl' });
  const importMs = performance.now() - t;
  clearInterval(sampler);
  const exportMs: Record<string, number> = {};
  let exportLines = 0;
  for (const format of FORMATS) {
    // A fresh Project for each export: what `framelens export` sees, nothing kept from the import.
    const fresh = await Project.open(project.layout.root);
    t = performance.now();
    const exported = await exportProject(fresh, { format, out: join(dir, `out-${documents}-${format}`) });
    exportMs[format] = Math.round(performance.now() - t);
    if (format === 'jsonl') exportLines = exported.lines;
    log(`${documents}: export ${format} ${exportMs[format]} ms`);
  }
  log(`${documents}: import ${Math.round(importMs)} ms, floor ${Math.round(floor.ms)} ms`);
  return {
    documents: report.documentsAdded.length,
    lines_parsed: floor.lines,
    jsonl_mb: +(bytes / 1e6).toFixed(1),
    read_and_parse_ms: Math.round(floor.ms),
    import_ms: Math.round(importMs),
    import_vs_read_and_parse: +(importMs / floor.ms).toFixed(1),
    import_heap_growth_mb: +((peakHeap - heapBefore) / 1e6).toFixed(1),
    export_ms: exportMs.jsonl ?? null,
    export_lines: exportLines,
    export_ms_by_format: exportMs,
  };
}

const log = (message: string) => process.stderr.write(`[import-export] ${message}\n`);

/** The benchmark entry used by bench/run.ts: one row per size; the 10,000 row's figures also at the top level. */
export async function run(): Promise<object> {
  const dir = await mkdtemp(join(tmpdir(), 'framelens-bench-io-'));
  try {
    const loadBefore = +loadavg()[0]!.toFixed(2);
    const rows: Record<string, Awaited<ReturnType<typeof row>>> = {};
    for (const size of SIZES) {
      rows[size] = await row(dir, size);
      await rm(join(dir, `project-${size}`), { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    }
    const main = rows[DOCUMENTS] ?? rows[SIZES[SIZES.length - 1]!]!;
    const slowest = Math.max(...Object.values(main.export_ms_by_format));
    return {
      name: 'import-export',
      ...main,
      sizes: rows,
      cpus: cpus().length,
      load_avg_1m_before: loadBefore,
      load_avg_1m: +loadavg()[0]!.toFixed(2),
      targets_met: {
        import_under_10s: main.import_ms < 10_000,
        import_within_10x_read_and_parse: main.import_vs_read_and_parse <= 10,
        export_under_5s: (main.export_ms ?? Infinity) < 5_000,
        export_under_1s: (main.export_ms ?? Infinity) < 1_000,
        every_format_under_1s: slowest < 1_000,
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(JSON.stringify(await run()));
