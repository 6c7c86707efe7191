// The import and export speed targets: 10,000 articles (about 50 MB of JSONL) imported within 10× the time to read
// and JSON.parse the same file (and under 10 s) with steady memory, exported in under 1 s.
// Run alone: node bin/run-ts.js bench/importExport.ts
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { exportProject } from '../src/backend/exporter';
import { importIntoProject } from '../src/backend/importer';
import { Project } from '../src/backend/project';
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
  while (words.join(' ').length < 4800) words.push(WORDS[Math.floor(rand() * WORDS.length)]);
  return words.join(' ');
}

/** The benchmark entry used by bench/run.ts. */
export async function run(): Promise<object> {
  const dir = await mkdtemp(join(tmpdir(), 'framelens-bench-io-'));
  try {
    const rand = mulberry32(7);
    const file = join(dir, 'corpus.jsonl');
    const lines: string[] = [];
    for (let i = 0; i < DOCUMENTS; i++) {
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
    lines.length = 0;
    const bytes = (await stat(file)).size;

    let t = performance.now();
    let parsed = 0;
    for await (const line of createInterface({
      input: createReadStream(file, 'utf8'),
      crlfDelay: Number.POSITIVE_INFINITY,
    })) {
      if (line) {
        JSON.parse(line);
        parsed++;
      }
    }
    const parseMs = performance.now() - t;

    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let peakHeap = heapBefore;
    const sampler = setInterval(() => {
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    }, 20);
    const project = await Project.create(join(dir, 'project'), 'bench');
    t = performance.now();
    const report = await importIntoProject(project, { paths: [file], format: 'jsonl' });
    const importMs = performance.now() - t;
    clearInterval(sampler);

    t = performance.now();
    const exported = await exportProject(project, { format: 'jsonl', out: join(dir, 'out.jsonl') });
    const exportMs = performance.now() - t;

    return {
      name: 'import-export',
      documents: report.documentsAdded.length,
      lines_parsed: parsed,
      jsonl_mb: +(bytes / 1e6).toFixed(1),
      read_and_parse_ms: Math.round(parseMs),
      import_ms: Math.round(importMs),
      export_ms: Math.round(exportMs),
      export_lines: exported.lines,
      import_heap_growth_mb: +((peakHeap - heapBefore) / 1e6).toFixed(1),
      import_vs_read_and_parse: +(importMs / parseMs).toFixed(1),
      load_avg_1m: +loadavg()[0]!.toFixed(2),
      targets_met: {
        import_under_10s: importMs < 10_000,
        import_within_10x_read_and_parse: importMs < 10 * parseMs,
        export_under_5s: exportMs < 5_000,
        export_under_1s: exportMs < 1_000,
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(JSON.stringify(await run()));
