// Crash safety of the save path: a child process saves annotation records in a loop and is killed
// with SIGKILL at random (seeded) moments, many times over. Afterwards every project file must still
// parse and validate, and no acknowledged save may be lost.
//
// Why this test can fail (checked by hand with the fixture's CRASH_SAVER_MODE, which the child inherits):
// - Non-atomic writes: a file written in place is truncated first and filled afterwards; a kill in
//   between leaves an empty or half-written file, which fails JSON.parse / Project.readRecord below.
//   `CRASH_SAVER_MODE=torn-write npx vitest run --project node test/backend/crash.test.ts` fails.
// - Acks before the write finished: the child acks `i` while the save of `i` is still in flight, so a
//   kill during that window leaves `i - 1` on disk although `i` was acknowledged, failing the
//   `counter >= last ack` check. `CRASH_SAVER_MODE=early-ack ...` fails.
// - A reader that counted leftover temp files as records would fail the records/annotators checks.
// What it cannot see: SIGKILL leaves the kernel's page cache intact, so a missing fsync (file or
// directory) does not show up here; only power loss would reveal it.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importIntoProject } from '../../src/backend/importer';
import { Project } from '../../src/backend/project';
import { mulberry32 } from '../../src/core/prng';
import { tempDir } from './helpers';

const DOCS = ['d1', 'd2', 'd3'];
const ANNOTATORS = ['alice', 'bob'];
const KILLS = 30; // at least 25 SIGKILLs
const MAX_DELAY_MS = 150; // a kill lands uniformly in [0, MAX_DELAY_MS) after the child is ready
const SEED = Number(process.env.CRASH_SEED ?? 0x5eed_f1a3);
/** The temp file name writeFileDurably uses: `.<name>.<12 hex>.tmp`. */
const TEMP_FILE = /^\..+\.[0-9a-f]{12}\.tmp$/;

const key = (doc: string, annotator: string) => `${doc}/${annotator}`;

let dir: string;
let cleanup: () => Promise<void>;
let root: string;
let configDir: string;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('framelens-crash-'));
  root = join(dir, 'project');
  configDir = join(dir, 'config');
  const texts = join(dir, 'texts');
  await mkdir(texts);
  await mkdir(configDir);
  for (const [n, doc] of DOCS.entries())
    await writeFile(
      join(texts, `${doc}.txt`),
      `Article ${n}: ${'protesters marched while police watched. '.repeat(12)}`,
    );
  const project = await Project.create(root, 'Crash test');
  await importIntoProject(project, { paths: [texts], format: 'txt' });
  await project.saveCodebook(
    { ...project.codebook, spanLabels: [{ name: 'Frame', color: '#e6194b' }] },
    project.codebook.version,
  );
});
afterAll(() => cleanup());

interface Round {
  acks: number;
  exit: { code: number | null; signal: NodeJS.Signals | null };
  stderr: string;
}

/** One life of the child: start it, wait until it saves, kill it after `delay` ms, collect acks. */
function runChild(start: number, delay: number, lastAck: Map<string, number>): Promise<Round> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(
      process.execPath,
      [
        'bin/run-ts.js',
        'test/backend/fixtures/crashSaver.ts',
        root,
        String(start),
        configDir,
        DOCS.join(','),
        ANNOTATORS.join(','),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let buffered = '';
    let stderr = '';
    let acks = 0;
    let timer: NodeJS.Timeout | undefined;
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? ''; // an unterminated line is never counted as an ack
      for (const line of lines) {
        if (line === 'ready') {
          timer = setTimeout(() => child.kill('SIGKILL'), delay);
          continue;
        }
        const m = /^ack (\S+) (\S+) (\d+)$/.exec(line);
        if (!m) continue;
        const k = key(m[1]!, m[2]!);
        const i = Number(m[3]);
        // Within one child each (doc, annotator) loop acks strictly increasing counters.
        if (i <= (lastAck.get(k) ?? 0)) reject(new Error(`ack ${i} for ${k} is not after ${lastAck.get(k)}`));
        lastAck.set(k, i);
        acks++;
      }
    });
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    // 'close' comes after stdout is drained, so every ack the child wrote has been read.
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ acks, exit: { code, signal }, stderr });
    });
  });
}

/** Every file under the project folder, relative to it. */
async function walk(folder: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else out.push(relative(root, path));
  }
  return out;
}

/** The counter a record was saved with, from its spans' notes; every span must agree. */
function counterOf(spans: { note?: string }[]): number {
  const notes = new Set(spans.map((s) => s.note));
  expect(notes.size).toBe(1);
  const m = /^n=(\d+)$/.exec([...notes][0] ?? '');
  expect(m).not.toBeNull();
  return Number(m![1]);
}

describe('saving under SIGKILL', () => {
  it(`keeps every file valid and every acknowledged save, across ${KILLS} kills`, async () => {
    const random = mulberry32(SEED);
    const lastAck = new Map<string, number>();
    let totalAcks = 0;
    for (let round = 0; round < KILLS; round++) {
      const start = Math.max(0, ...lastAck.values()) + 1;
      const delay = Math.floor(random() * MAX_DELAY_MS);
      const result = await runChild(start, delay, lastAck);
      // The child never stops on its own: anything but our SIGKILL is a failed save.
      expect(result.exit, `round ${round} (seed ${SEED}): ${result.stderr}`).toEqual({ code: null, signal: 'SIGKILL' });
      totalAcks += result.acks;
      // Check after every kill, not only at the end: a later life would overwrite a torn file.
      for (const annotator of ANNOTATORS)
        for (const doc of DOCS) {
          const path = join(root, 'annotations', annotator, `${doc}.json`);
          const raw = await readFile(path, 'utf8').catch(() => null);
          if (raw === null) continue; // not saved yet
          expect(
            () => JSON.parse(raw),
            `after kill ${round} (seed ${SEED}): ${relative(root, path)} parses`,
          ).not.toThrow();
        }
    }

    // Every (doc, annotator) was acknowledged at least once, so the check below is not vacuous.
    expect(lastAck.size).toBe(DOCS.length * ANNOTATORS.length);

    // 1. Every file in the folder is a project file that parses as JSON, a leftover temp file, the commit
    // journal's generation stamp, or the lock the last killed child held (the next writer takes it over).
    const files = await walk(root);
    const temps = files.filter((f) => TEMP_FILE.test(f.split(/[/\\]/).pop()!));
    const bookkeeping = (f: string) =>
      f === '.gitignore' || f === '.import-generation' || f.startsWith('.framelens.lock');
    for (const file of files) {
      if (temps.includes(file) || bookkeeping(file)) continue;
      expect(file, 'only JSON files besides temp files and .gitignore').toMatch(/\.json$/);
      const raw = await readFile(join(root, file), 'utf8');
      expect(() => JSON.parse(raw), `${file} parses`).not.toThrow();
    }

    // 2. The project opens without problems and every record validates against it.
    const project = await Project.open(root);
    expect([...project.index.keys()]).toEqual(DOCS);
    for (const doc of DOCS) expect((await project.getDocument(doc)).id).toBe(doc);
    expect(await project.annotators()).toEqual(ANNOTATORS);
    // A lock whose owner was killed is taken over at once, not after the stale time.
    project.lockWait = { waitMs: 2000 };
    await expect(project.exclusive(async () => 'written')).resolves.toBe('written');
    for (const annotator of ANNOTATORS) {
      // Temp files sit next to the records; the reader must not count them.
      expect((await project.records(annotator)).map((r) => r.document)).toEqual(DOCS);
      for (const doc of DOCS) {
        const record = await project.readRecord(annotator, doc);
        expect(record, `${annotator}/${doc}`).not.toBeNull();
        // 3. No acknowledged save was lost: the record on disk is at least the last acked one.
        const onDisk = counterOf(record!.spans);
        expect(onDisk, `${annotator}/${doc} (seed ${SEED})`).toBeGreaterThanOrEqual(lastAck.get(key(doc, annotator))!);
      }
    }
    const listed = await project.listDocuments('alice');
    expect(listed.map((d) => d.status)).toEqual(DOCS.map(() => 'in_progress'));
    expect([...project.problems.values()]).toEqual([]);

    console.info(
      `crash test: seed ${SEED}, ${KILLS} kills, ${totalAcks} acknowledged saves, ` +
        `${temps.length} leftover temp file(s) ignored by the reader${temps.length ? ` (e.g. ${temps[0]})` : ''}`,
    );
    // Thirty child processes start one after another: on a loaded machine that alone takes minutes.
  }, 300_000);
});
