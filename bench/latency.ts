// Saves while others work: a single save with the change feed on (100 in a row, one annotator), 20 annotators
// saving over loopback HTTP for FRAMELENS_BENCH_LATENCY_S seconds (20 by default; bench/scale.ts runs the same
// for 60 s), and the reader's big record: getAnnotations over HTTP of a 1,000,000-character document's record of
// 50,000 spans (time and bytes on the wire), with the machine's load at the start.
// Run: node bin/run-ts.js bench/run.ts latency
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startHttpServer } from '../src/backend/httpServer';
import { FrameLensService } from '../src/backend/service';
import { HTTP_TOKEN_HEADER } from '../src/core/api';
import { generate, loopback } from './scale';

const round = (x: number, digits = 1) => Number(x.toFixed(digits));

function quantile(samples: number[], q: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return round(s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? 0, 2);
}

async function singleSaves(dir: string) {
  const root = join(dir, 'single');
  await generate(root, 1_000);
  const service = await FrameLensService.start({ projectDir: root, configDir: join(dir, 'cfg1') });
  await service.changes(0);
  const project = service.current();
  const document = [...project.index.keys()][500]!;
  const out: number[] = [];
  for (let i = 0; i < 110; i++) {
    const t0 = performance.now();
    await service.saveAnnotations({
      document,
      annotator: 'solo',
      textHash: project.entry(document).textHash,
      status: 'in_progress',
      spans: Array.from({ length: 30 }, (_, j) => ({ start: j * 60, end: j * 60 + 20, label: 'Economic' })),
      docLabels: {},
    });
    if (i >= 10) out.push(performance.now() - t0);
  }
  await service.close();
  return { saves: out.length, p50_ms: quantile(out, 0.5), p95_ms: quantile(out, 0.95), max_ms: quantile(out, 1) };
}

/** A 1M-character document with 50,000 spans of one annotator, read back over HTTP as the reader opens it. */
async function bigRecord(dir: string) {
  const root = join(dir, 'big');
  const words = 'protesters police marched through the capital as ministers spoke of reform '.split(' ');
  let text = '';
  for (let i = 0; text.length < 1_000_000; i++) text += `${words[i % words.length]} `;
  text = text.slice(0, 1_000_000);
  const spans = Array.from({ length: 50_000 }, (_, j) => ({ start: j * 20, end: j * 20 + 8, label: `L${j % 5}` }));
  const file = join(dir, 'big.jsonl');
  await writeFile(file, `${JSON.stringify({ id: 'big', text, annotator: 'alice', spans })}\n`);
  const { Project } = await import('../src/backend/project');
  await Project.create(root, 'big');
  const api = await FrameLensService.start({ projectDir: root, configDir: join(dir, 'cfg2'), allowedRoots: [dir] });
  await api.importFiles({ paths: [file], format: 'jsonl' });
  const server = await startHttpServer({ api });
  const times: number[] = [];
  let bytes = 0;
  let wire = 0;
  let encoding: string | null = null;
  for (let i = 0; i < 8; i++) {
    const t0 = performance.now();
    const res = await fetch(`${server.origin}/api/getAnnotations`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'accept-encoding': 'gzip, br',
        [HTTP_TOKEN_HEADER]: server.token,
      },
      body: JSON.stringify({ args: ['big', 'alice'] }),
    });
    const body = await res.text();
    times.push(performance.now() - t0);
    bytes = Buffer.byteLength(body);
    wire = Number(res.headers.get('content-length') ?? bytes);
    encoding = res.headers.get('content-encoding');
  }
  await server.close();
  await api.close();
  return {
    characters: text.length,
    spans: spans.length,
    body_bytes: bytes,
    wire_bytes: wire,
    content_encoding: encoding,
    first_ms: round(times[0]!),
    p50_ms: quantile(times.slice(1), 0.5),
    max_ms: quantile(times.slice(1), 1),
  };
}

export async function run() {
  const dir = await mkdtemp(join(tmpdir(), 'framelens-bench-latency-'));
  const load = loadavg()[0]!;
  try {
    const single = await singleSaves(dir);
    const seconds = Number(process.env.FRAMELENS_BENCH_LATENCY_S ?? 20);
    const annotators = seconds > 0 ? await loopback(dir, seconds) : null;
    const big = await bigRecord(dir);
    return {
      name: 'latency',
      load_avg_1m: round(load, 2),
      load_avg_1m_end: round(loadavg()[0]!, 2),
      cpus: cpus().length,
      single_save_feed_on: single,
      loopback_20_annotators: annotators,
      big_record_over_http: big,
    };
  } finally {
    await rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
}
