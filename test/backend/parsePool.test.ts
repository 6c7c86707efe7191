// Every import is read in a worker thread with a budget per file: a file that stalls its parse (deep HTML
// nesting) is refused naming it, the project is left as it was, and the thread answering the API keeps
// answering meanwhile.
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImportCancelled, importIntoProject } from '../../src/backend/importer';
import { BudgetError, DEFAULT_BUDGET, ParsePool, parsePool } from '../../src/backend/parsePool';
import { Project } from '../../src/backend/project';
import { FrameLensService } from '../../src/backend/service';
import { mulberry32 } from '../../src/core/prng';
import { sampleProject, tempDir } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());
afterAll(() => parsePool.close());

const nestedDivs = (depth: number) =>
  `<!doctype html><html><body>${'<div>'.repeat(depth)}<p>Protesters marched while police watched.</p>${'</div>'.repeat(depth)}</body></html>`;

/** Every file under a folder, relative, sorted: what "the project is unchanged" compares. */
async function tree(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && !e.name.endsWith('.lock'))
    .map((e) => join(e.parentPath, e.name).slice(root.length))
    .sort();
}

async function drain(pool: ParsePool, path: string, html: string): Promise<void> {
  for await (const _ of pool.parse({
    format: 'html',
    files: [{ path, bytes: new TextEncoder().encode(html) }],
    dryRun: true,
    formatOptions: {},
    verify: false,
  }));
}

describe('import parsing off the calling thread', () => {
  it('imports a page without <html> or <body>, and refuses an empty one with a sentence', async () => {
    const project = await Project.create(join(dir, 'p'), 'Fragments');
    await writeFile(
      join(dir, 'fragment.html'),
      '<title>A fragment</title><p>Protesters marched while police watched.</p>',
    );
    await writeFile(join(dir, 'empty.html'), '<html><head><title>Nothing</title></head></html>');
    const report = await importIntoProject(project, {
      paths: [join(dir, 'fragment.html'), join(dir, 'empty.html')],
      format: 'html',
    });
    expect(report.documentsAdded).toEqual(['fragment']);
    expect((await project.getDocument('fragment')).text).toBe('Protesters marched while police watched.');
    expect(report.refused).toEqual([expect.objectContaining({ id: 'empty', reason: 'empty document (no text)' })]);
  });

  it('imports or refuses 2,000 nested <div>s within the budget, naming the file, while other calls are answered', async () => {
    const root = join(dir, 'p');
    await Project.create(root, 'Nested');
    const service = await FrameLensService.start({
      projectDir: root,
      configDir: join(dir, 'cfg'),
      allowedRoots: [dir],
    });
    const page = join(dir, 'nested.html');
    await writeFile(page, nestedDivs(2000));
    let done = false;
    const outcome = service.importFiles({ paths: [page], format: 'html' }).then(
      (r) => `imported ${r.documentsAdded.join(',')}`,
      (e: Error) => e.message,
    );
    void outcome.then(() => {
      done = true;
    });
    const latencies: number[] = [];
    while (!done) {
      const t = performance.now();
      await service.getProject();
      latencies.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
    const result = await outcome;
    expect(result).toMatch(/^imported nested$|nested\.html: reading it took longer than 4\.5 s/);
    // On the calling thread every call would wait for the whole parse (17 to 76 s measured); a worker leaves it
    // free. The bound is far under that and far over a loaded machine's scheduling stalls.
    expect(latencies.length).toBeGreaterThan(5);
    expect(Math.max(...latencies)).toBeLessThan(5000);
  }, 120_000);

  it('answers other calls between the steps of a long import, and keeps what they saved', async () => {
    const root = join(dir, 'p');
    await Project.create(root, 'Interleave');
    const service = await FrameLensService.start({
      projectDir: root,
      configDir: join(dir, 'cfg'),
      allowedRoots: [dir],
    });
    const words = 'police protest crowd square minister rial strike union arrest reform night march'.split(' ');
    const random = mulberry32(7);
    const text = (chars: number) => {
      let out = '';
      while (out.length < chars) out += `${words[Math.floor(random() * words.length)]} `;
      return out.trim();
    };
    await writeFile(
      join(dir, 'seed.jsonl'),
      JSON.stringify({
        id: 'seed',
        text: text(400),
        annotator: 'bob',
        spans: [{ start: 0, end: 5, label: 'Protest' }],
      }),
    );
    await service.importFiles({ paths: [join(dir, 'seed.jsonl')], format: 'jsonl' });
    const total = 1500;
    await writeFile(
      join(dir, 'big.jsonl'),
      Array.from({ length: total }, (_, i) => JSON.stringify({ id: `a${i}`, text: text(3000) })).join('\n'),
    );
    const job = await service.startImport({ paths: [join(dir, 'big.jsonl')], format: 'jsonl' });
    // What the import had processed each time another call was answered: calls answered only before the import
    // starts staging or after it ends would show no count strictly between 0 and the total, or only one.
    const seenAt: number[] = [];
    let base: string | null = null;
    let n = 0;
    for (;;) {
      const status = await service.importJob(job);
      if (status.state !== 'running') {
        expect(status.state).toBe('done');
        break;
      }
      const doc = await service.getDocument('seed');
      const saved = await service.saveAnnotations({
        document: 'seed',
        annotator: 'alice',
        textHash: doc.textHash,
        status: 'in_progress',
        spans: [{ start: 0, end: 1 + (n++ % 20), label: 'Protest' }],
        docLabels: {},
        baseUpdatedAt: base,
      });
      base = saved.record.updatedAt;
      seenAt.push((await service.importJob(job)).processed);
    }
    const during = new Set(seenAt.filter((p) => p > 0 && p < total));
    console.log(`interleave: ${seenAt.length} calls answered, at ${during.size} points of the import`);
    expect(during.size).toBeGreaterThanOrEqual(2);
    expect((await service.importJob(job)).report?.documentsAdded).toHaveLength(total);
    const record = await service.getAnnotations('seed', 'alice');
    expect(record?.spans.map((s) => s.end)).toEqual([1 + ((n - 1) % 20)]);
  }, 300_000);

  it('refuses a hostile file over its time in one line naming it, and leaves the project as it was', async () => {
    const project = await sampleProject(dir);
    const before = await tree(project.layout.root);
    const index = [...project.index.keys()];
    await writeFile(join(dir, 'fine.html'), '<p>Police watched the square all night long.</p>');
    await writeFile(join(dir, 'hostile.html'), nestedDivs(3000));
    const pool = new ParsePool({ ...DEFAULT_BUDGET, timeMs: 300, msPerMiB: 0 });
    try {
      const attempt = importIntoProject(
        project,
        { paths: [join(dir, 'fine.html'), join(dir, 'hostile.html')], format: 'html' },
        { parser: pool },
      );
      await expect(attempt).rejects.toMatchObject({
        message: `${join(dir, 'hostile.html')}: reading it took longer than 0.3 s (deeply nested markup?); refused, nothing was imported`,
      });
    } finally {
      await pool.close();
    }
    expect(await tree(project.layout.root)).toEqual(before);
    await project.refresh();
    expect([...project.index.keys()]).toEqual(index);
  }, 60_000);

  it('stops at once on cancel, in the middle of a large file, and changes nothing', async () => {
    const project = await sampleProject(dir);
    const before = await tree(project.layout.root);
    const lines = Array.from({ length: 20_000 }, (_, i) =>
      JSON.stringify({ id: `big${i}`, text: `Protesters marched in city ${i}. ${'The crowd grew. '.repeat(20)}` }),
    );
    await writeFile(join(dir, 'big.jsonl'), lines.join('\n'));
    const controller = new AbortController();
    let seen = 0;
    const attempt = importIntoProject(
      project,
      { paths: [join(dir, 'big.jsonl')], format: 'jsonl' },
      {
        signal: controller.signal,
        onProgress: (n) => {
          seen = n;
          if (n >= 1000) controller.abort();
        },
      },
    );
    await expect(attempt).rejects.toBeInstanceOf(ImportCancelled);
    expect(seen).toBeGreaterThanOrEqual(1000);
    expect(seen).toBeLessThan(20_000);
    expect(await tree(project.layout.root)).toEqual(before);
  }, 60_000);

  it('refuses a page over the size budget in one line, without its content', async () => {
    const small = new ParsePool({ ...DEFAULT_BUDGET, maxPageBytes: 1024 });
    try {
      await expect(drain(small, 'big.html', `<p>${'secret '.repeat(400)}</p>`)).rejects.toThrow(
        /^big\.html: 3 KiB is over the 1 KiB a page may have; refused, nothing was imported$/,
      );
    } finally {
      await small.close();
    }
  });

  it('fuzz: 300 generated pages each settle within the budget, as text or as a refusal', async () => {
    const budget = 1000;
    const pool = new ParsePool({ ...DEFAULT_BUDGET, timeMs: budget, msPerMiB: 0 }, 1);
    const random = mulberry32(0x13f00d);
    const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
    const tags = [
      'div',
      'p',
      'span',
      'b',
      'i',
      'a',
      'section',
      'article',
      'table',
      'td',
      'li',
      'ul',
      'font',
      'blockquote',
    ];
    const page = () => {
      const depth = random() < 0.03 ? 300 + Math.floor(random() * 2500) : Math.floor(random() * 60);
      const open: string[] = [];
      let html = random() < 0.5 ? '<!doctype html><html><body>' : '';
      for (let i = 0; i < depth; i++) {
        const tag = pick(tags);
        open.push(tag);
        html += `<${tag}${random() < 0.2 ? ' class="content article"' : ''}>${random() < 0.3 ? 'Police and protesters met in the square. ' : ''}`;
      }
      html += 'The rial fell further against the dollar as demonstrations continued.';
      while (open.length) {
        const tag = open.pop();
        if (random() < 0.8) html += `</${tag}>`;
      }
      if (random() < 0.1) html += '<p><div><table><p>unclosed';
      return html;
    };
    const outcomes = { text: 0, refused: 0 };
    let slowest = 0;
    try {
      for (let i = 0; i < 300; i++) {
        const html = page();
        // The thread starts with the first page and again after a refusal; its start is not the page's time.
        if (i === 0 || outcomes.refused) await drain(pool, 'warm.html', '<p>warm</p>');
        const t = performance.now();
        try {
          await drain(pool, `page${i}.html`, html);
          outcomes.text++;
        } catch (error) {
          expect(error, `page ${i}`).toBeInstanceOf(BudgetError);
          expect((error as Error).message).toMatch(new RegExp(`^page${i}\\.html: reading it took longer than 1 s`));
          outcomes.refused++;
        }
        slowest = Math.max(slowest, performance.now() - t);
      }
    } finally {
      await pool.close();
    }
    console.log(`html fuzz: ${outcomes.text} read, ${outcomes.refused} refused; slowest ${Math.round(slowest)} ms`);
    expect(outcomes.text + outcomes.refused).toBe(300);
    // Without the budget such pages ran 17 to 107 s. The bound is loose because on a loaded machine a timer
    // that is due after one second may fire seconds late.
    expect(slowest).toBeLessThan(budget * 5);
  }, 300_000);
});
