// Benchmark of the agreement report (issue 4: 1,000 documents × 3 annotators × 50 spans in under 1 s),
// beside the time Node takes to read the same records as a JSONL file and JSON.parse every line (the
// baseline shared/perf/agreement.md measured). Each time is the median of several runs. Prints one JSON object.
// Run: npx tsx bench/agreement.ts. heap_mb = heap held (after a full GC) by the records, their JSONL and the report.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { mulberry32, randomIndex } from '../src/core/agreement/prng';
import { agreementReport } from '../src/core/agreement/report';
import type { AnnotationRecord } from '../src/core/model';

const LABELS = ['Economic framing', 'Foreign interference', 'Human interest', 'Protest naming', 'Security'];
const ANNOTATORS = ['alice', 'bob', 'carol'];

/** A seeded synthetic corpus where annotators mostly agree, with jittered boundaries and misses. */
export function syntheticCorpus(documents: number, seed = 1, spansPerRecord = 50) {
  const next = mulberry32(seed);
  const docs: { id: string; length: number }[] = [];
  const records: AnnotationRecord[] = [];
  for (let d = 0; d < documents; d++) {
    const id = `doc-${String(d).padStart(5, '0')}`;
    const length = 2500 + randomIndex(next, 1001);
    docs.push({ id, length });
    const base = Array.from({ length: spansPerRecord }, () => {
      const len = 5 + randomIndex(next, 60);
      const start = randomIndex(next, length - len);
      return { start, end: start + len, label: LABELS[randomIndex(next, LABELS.length)] };
    });
    for (const annotator of ANNOTATORS) {
      const spans = base.map((s) => {
        if (next() < 0.1) {
          const len = 5 + randomIndex(next, 60);
          const start = randomIndex(next, length - len);
          return { start, end: start + len, label: LABELS[randomIndex(next, LABELS.length)] };
        }
        const start = Math.max(0, s.start + randomIndex(next, 7) - 3);
        const end = Math.min(length, Math.max(start + 1, s.end + randomIndex(next, 7) - 3));
        return { start, end, label: s.label };
      });
      records.push({
        document: id,
        annotator,
        textHash: `sha256:${'0'.repeat(64)}`,
        codebookVersion: 3,
        status: 'done',
        spans,
        docLabels: { Stance: ['pro', 'con', 'neutral'][randomIndex(next, 3)], Frames: ['Economic'] },
        updatedAt: '2025-06-01T12:00:00.000Z',
      });
    }
  }
  return { documents: docs, records };
}

v8.setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

function heapMb(): number {
  collect();
  collect();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Reading the JSONL file and parsing every line, the fair floor for any report over those files. */
function parseJsonl(path: string): number {
  let parsed = 0;
  for (const line of readFileSync(path, 'utf8').split('\n'))
    if (line) parsed += (JSON.parse(line) as AnnotationRecord).spans.length;
  return parsed;
}

function measure(documents: number, runs = 5) {
  const base = heapMb();
  const input = syntheticCorpus(documents);
  const dir = mkdtempSync(join(tmpdir(), 'framelens-bench-'));
  const file = join(dir, 'annotations.jsonl');
  writeFileSync(file, `${input.records.map((r) => JSON.stringify(r)).join('\n')}\n`);
  const full = {
    ...input,
    docLabelGroups: [
      { name: 'Stance', kind: 'single' as const, options: ['pro', 'con', 'neutral'] },
      { name: 'Frames', kind: 'multiple' as const, options: ['Economic', 'Security'] },
    ],
  };
  const reportTimes: number[] = [];
  const parseTimes: number[] = [];
  let report = agreementReport(full);
  let parsed = 0;
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    report = agreementReport(full);
    reportTimes.push(performance.now() - t);
    t = performance.now();
    parsed = parseJsonl(file);
    parseTimes.push(performance.now() - t);
  }
  // heap held (after a full GC) by the records and the report
  const after = heapMb();
  rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  const reportMs = median(reportTimes);
  const parseMs = median(parseTimes);
  return {
    documents,
    spans: parsed,
    report_ms: Math.round(reportMs * 10) / 10,
    json_parse_ms: Math.round(parseMs * 10) / 10,
    ratio: Math.round((reportMs / parseMs) * 100) / 100,
    heap_mb: Math.round((after - base) * 10) / 10,
    alpha_u: report.spans.alpha_u.overall,
  };
}

/** Runs the benchmark at 1,000 documents (after a warm-up) and at 250 and 500 for memory growth. */
export async function run(): Promise<object> {
  measure(100, 3); // warm-up: JIT
  const growth = [250, 500].map((n) => measure(n, 3));
  const main = measure(1000);
  return {
    name: 'agreement',
    documents: main.documents,
    spans: main.spans,
    report_ms: main.report_ms,
    json_parse_ms: main.json_parse_ms,
    ratio: main.ratio,
    heap_mb: main.heap_mb,
    target_ms: 1000,
    growth: [...growth, main].map((m) => ({
      documents: m.documents,
      report_ms: m.report_ms,
      heap_mb: m.heap_mb,
    })),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  run().then((r) => {
    process.stdout.write(`${JSON.stringify(r)}\n`);
  });
}
