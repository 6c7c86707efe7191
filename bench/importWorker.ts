// A slow HTML import beside other API calls: the service imports a page built to stall readability (2,000
// nested <div>s, and a 44 KB page of deep nesting) while another client calls getProject and listDocuments
// every 10 ms. Reports each import's outcome and time and the other calls' latency (p50, p95, max), with the
// machine's load average at the start.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { articleExtractor } from '../src/backend/articleExtractor';
import { Project } from '../src/backend/project';
import { FrameLensService } from '../src/backend/service';

const PAGES: Record<string, () => string> = {
  'nested-2000-divs': () =>
    `<!doctype html><html><body>${'<div>'.repeat(2000)}<p>Protesters marched.</p>${'</div>'.repeat(2000)}</body></html>`,
  'deep-44kb': () => {
    let html = '<!doctype html><html><body>';
    for (let i = 0; html.length < 44_000; i++) html += `<div class="c${i % 7}"><span>w${i} `;
    return `${html}</body></html>`;
  },
};

function quantile(sorted: number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0;
}

export async function run() {
  const dir = await mkdtemp(join(tmpdir(), 'framelens-bench-worker-'));
  const load = loadavg()[0];
  const results: Record<string, unknown> = {};
  try {
    const root = join(dir, 'p');
    await Project.create(root, 'Bench');
    const service = await FrameLensService.start({ projectDir: root, configDir: join(dir, 'cfg') });
    for (const [name, make] of Object.entries(PAGES)) {
      const file = join(dir, `${name}.html`);
      const html = make();
      await writeFile(file, html);
      const started = performance.now();
      let done = false;
      const outcome = service.importFiles({ paths: [file], format: 'html' }).then(
        (r) => `imported ${r.documentsAdded.length}`,
        (e: Error) => e.message.replace(file, `${name}.html`),
      );
      void outcome.then(() => {
        done = true;
      });
      const latencies: number[] = [];
      while (!done) {
        const t = performance.now();
        await Promise.all([service.getProject(), service.listDocuments()]);
        latencies.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 10));
      }
      const sorted = latencies.sort((a, b) => a - b);
      results[name] = {
        bytes: html.length,
        outcome: await outcome,
        importMs: Math.round(performance.now() - started),
        otherCalls: {
          count: sorted.length,
          p50Ms: Math.round(quantile(sorted, 0.5)),
          p95Ms: Math.round(quantile(sorted, 0.95)),
          maxMs: Math.round(sorted.at(-1) ?? 0),
        },
      };
    }
  } finally {
    await articleExtractor.close();
    await rm(dir, { recursive: true, force: true });
  }
  return { loadAverage1m: load, cpus: cpus().length, pages: results };
}
