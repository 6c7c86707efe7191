// Two writers on one project: two `framelens import` processes started at the same moment, and a CLI import
// while the app's backend (the service, as `serve` runs it) saves annotations, edits metadata and the
// codebook. Without the project lock and the version checks these lose documents while both report
// success: each import commits an index built from the copy it read before the other committed, and the
// service writes its stale in-memory index and codebook over the CLI's.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Project } from '../../src/backend/project';
import { FrameLensService } from '../../src/backend/service';
import { tempDir } from '../backend/helpers';

const TRIALS = 20;
const DOCS_PER_IMPORT = 30;

/** A long-lived child that runs one CLI command per line of stdin, so a trial pays no process start. */
class CliRunner {
  private readonly child: ChildProcess;
  private readonly lines: AsyncIterator<string>;
  stderr = '';

  constructor(configDir: string) {
    this.child = spawn(process.execPath, ['bin/run-ts.js', 'test/cli/fixtures/cliRunner.ts'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, FRAMELENS_CONFIG_DIR: configDir },
    });
    this.child.stderr?.on('data', (d) => {
      this.stderr += String(d);
    });
    this.lines = createInterface({ input: this.child.stdout! })[Symbol.asyncIterator]();
  }

  /** Waits for a line starting with `prefix` (command output before it is skipped). */
  private async expectLine(prefix: string): Promise<string> {
    for (;;) {
      const next = await this.lines.next();
      if (next.done) throw new Error(`the CLI runner stopped: ${this.stderr}`);
      if (next.value.startsWith(prefix)) return next.value;
    }
  }

  ready(): Promise<string> {
    return this.expectLine('ready');
  }

  async run(args: string[]): Promise<number> {
    this.child.stdin?.write(`${JSON.stringify(args)}\n`);
    return Number((await this.expectLine('done ')).slice(5));
  }

  stop(): void {
    this.child.stdin?.end();
  }
}

async function writeDocs(folder: string, prefix: string, n: number, annotator?: string): Promise<string[]> {
  await mkdir(folder, { recursive: true });
  const ids = Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);
  const lines = ids.map((id, i) =>
    JSON.stringify({
      id,
      text: `${prefix} article ${i}: protesters marched while police watched the square.`,
      ...(annotator ? { annotator, spans: [{ start: 0, end: prefix.length, label: `${prefix}Label` }] } : {}),
    }),
  );
  await writeFile(join(folder, `${prefix}.jsonl`), `${lines.join('\n')}\n`);
  return ids;
}

async function indexIds(root: string): Promise<string[]> {
  const file = JSON.parse(await readFile(join(root, 'document-index.json'), 'utf8')) as {
    documents: { id: string }[];
  };
  return file.documents.map((d) => d.id).sort();
}

let dir: string;
let cleanup: () => Promise<void>;
let runners: CliRunner[];

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('framelens-writers-'));
  runners = [new CliRunner(join(dir, 'cfg-a')), new CliRunner(join(dir, 'cfg-b'))];
  await Promise.all(runners.map((r) => r.ready()));
}, 120_000);

afterAll(async () => {
  for (const r of runners ?? []) r.stop();
  await cleanup();
});

describe('two writers on one project', () => {
  it(`two CLI imports at once keep every document of both, ${TRIALS} of ${TRIALS} trials`, async () => {
    const failures: string[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const root = join(dir, `p${trial}`);
      await Project.create(root, `Trial ${trial}`);
      const a = await writeDocs(join(dir, `in${trial}a`), 'alpha', DOCS_PER_IMPORT);
      const b = await writeDocs(join(dir, `in${trial}b`), 'beta', DOCS_PER_IMPORT);
      const codes = await Promise.all([
        runners[0].run(['import', root, join(dir, `in${trial}a`), '--format', 'jsonl']),
        runners[1].run(['import', root, join(dir, `in${trial}b`), '--format', 'jsonl']),
      ]);
      const ids = await indexIds(root);
      const files = (await readdir(join(root, 'documents'))).length;
      const want = [...a, ...b].sort();
      if (codes.some((c) => c !== 0) || JSON.stringify(ids) !== JSON.stringify(want) || files !== want.length)
        failures.push(`trial ${trial}: exit ${codes.join('/')}, ${ids.length} in the index, ${files} files`);
    }
    expect(failures, runners.map((r) => r.stderr).join('')).toEqual([]);
  }, 300_000);

  it('a CLI import while the app saves annotations, edits metadata and the codebook: nothing lost, every conflict surfaced', async () => {
    const root = join(dir, 'app');
    const seed = await writeDocs(join(dir, 'seed'), 'seed', 3);
    const project = await Project.create(root, 'App and CLI');
    await project.saveCodebook(
      { ...project.codebook, spanLabels: [{ name: 'AppLabel', color: '#e6194b' }] },
      project.codebook.version,
    );
    const service = await FrameLensService.start({
      projectDir: root,
      configDir: join(dir, 'cfg-app'),
      allowedRoots: [dir],
    });
    await service.importFiles({ paths: [join(dir, 'seed')], format: 'jsonl' });
    const incoming = await writeDocs(join(dir, 'cli'), 'cli', 200, 'carol');

    const staleVersion = (await service.getProject()).codebook.version;
    const cli = runners[0].run(['import', root, join(dir, 'cli'), '--format', 'jsonl']);
    const saved: string[] = [];
    const conflicts: string[] = [];
    let round = 0;
    let cliDone = false;
    void cli.then(() => {
      cliDone = true;
    });
    // The app keeps editing until the CLI import is done, and a few rounds after.
    while (!cliDone || round < 3) {
      const doc = seed[round % seed.length];
      const { textHash } = await service.getDocument(doc);
      const before = await service.getAnnotations(doc, 'alice');
      await service.saveAnnotations({
        document: doc,
        annotator: 'alice',
        textHash,
        status: 'in_progress',
        spans: [{ start: 0, end: 4, label: 'AppLabel', note: `round ${round}` }],
        docLabels: {},
        baseUpdatedAt: before?.updatedAt ?? null,
      });
      saved.push(`${doc}:${round}`);
      await service.setDocumentMeta(doc, { title: `Edited in round ${round}` });
      round++;
    }
    expect(await cli).toBe(0);
    // The app's copy of the codebook is from before the CLI added cliLabel: saving it is a conflict.
    const app = (await service.getProject()).codebook;
    await service
      .saveCodebook(
        { ...app, version: staleVersion, spanLabels: [{ name: 'AppLabel', color: '#e6194b' }] },
        staleVersion,
      )
      .catch((error: Error) => conflicts.push(error.message));
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatch(/conflict: the codebook changed/);

    const ids = await indexIds(root);
    expect(ids).toEqual([...seed, ...incoming].sort());
    const fresh = await Project.open(root);
    expect(fresh.codebook.spanLabels.map((l) => l.name).sort()).toEqual(['AppLabel', 'cliLabel']);
    for (const doc of seed) {
      const last = Math.max(...saved.filter((s) => s.startsWith(`${doc}:`)).map((s) => Number(s.split(':')[1])));
      expect((await fresh.readRecord('alice', doc))?.spans[0].note).toBe(`round ${last}`);
      expect(fresh.index.get(doc)?.meta.title).toBe(`Edited in round ${last}`);
    }
    expect(await fresh.records('carol')).toHaveLength(200);
    expect(service.current().index.size).toBe(203);
    await service.close();
  }, 300_000);
});
