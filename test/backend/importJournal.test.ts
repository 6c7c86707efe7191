// All or nothing under SIGKILL: the journal's recovery on open, and a CLI import killed at random points,
// after which the project is either as before or fully imported.
import { spawn } from 'node:child_process';
import { cp, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useFileSystemSync } from '../../src/backend/durableFile';
import { GENERATION, ImportStaging, JOURNAL, recoverImport } from '../../src/backend/importJournal';
import { type IndexEntry, Project } from '../../src/backend/project';
import { mulberry32 } from '../../src/core/prng';
import { documentFileSchema, documentIndexEntrySchema, documentIndexFileSchema } from '../../src/core/schemas';
import { stableStringify } from '../../src/core/stableJson';
import { sampleProject, tempDir } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir('framelens-journal-')));
afterEach(() => cleanup());

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'framelens.js');

/** Everything a reader of the project sees, after opening it (which finishes or undoes an interrupted import). */
async function state(root: string): Promise<string> {
  const project = await Project.open(root);
  const out: unknown[] = [[...project.index.values()].map((e) => [e.id, e.textHash]), project.codebook];
  for (const a of await project.annotators())
    for (const r of await project.records(a)) out.push([a, r.document, r.status, r.spans, r.docLabels]);
  const leftovers = (await readdir(root)).filter((n) => n.startsWith('.import') && n !== GENERATION);
  // A document file the index does not name (one placed by an import that never committed) is a leftover too.
  out.push(leftovers, (await readdir(join(root, 'documents'))).sort(), [...project.problems.values()]);
  // Its caches are saved on a timer; done now, so no late write lands in the folder the next trial resets.
  await project.flushCaches();
  return JSON.stringify(out);
}

describe('import journal', () => {
  it('stages a long list in slices as the same bytes as the whole file at once, and refuses a bad entry by its place', async () => {
    const staging = new ImportStaging(dir);
    const entry = (i: number): IndexEntry => ({
      id: `doc-${String(i).padStart(5, '0')}`,
      textHash: `sha256:${String(i % 10).repeat(64)}`,
      length: i,
      meta: i % 3 ? { outlet: `Outlet "${i % 7}"\nline`, title: 'Á title' } : {},
    });
    for (const [name, n] of [
      ['none.json', 0],
      ['one.json', 1],
      ['many.json', 1234],
    ] as const) {
      const documents = Array.from({ length: n }, (_, i) => entry(i));
      await staging.writeListJson(
        name,
        documentIndexFileSchema,
        { schema: 1 },
        'documents',
        documents,
        documentIndexEntrySchema,
      );
      await staging.commit(() => 0);
      expect(await readFile(join(dir, name), 'utf8'), name).toBe(stableStringify({ schema: 1, documents }));
    }
    const bad = Array.from({ length: 700 }, (_, i) => (i === 612 ? { ...entry(i), length: -1 } : entry(i)));
    const next = new ImportStaging(dir);
    await expect(
      next.writeListJson(
        'bad.json',
        documentIndexFileSchema,
        { schema: 1 },
        'documents',
        bad,
        documentIndexEntrySchema,
      ),
    ).rejects.toThrow(/refused to write: documents\.612\.length: /);
    await next.discard();
  });

  for (const whole of [true, false])
    it(`commits staged files flushed ${whole ? 'with the file system' : 'file by file'}, across several flushes`, async () => {
      useFileSystemSync(whole);
      try {
        const staging = new ImportStaging(dir);
        const body = (i: number) => `${String(i).repeat(20_000).slice(0, 20_000)}\n`;
        // 600 files of 20 KB: more than one flush (every 8 MiB) and more than one batch of fsyncs.
        for (let i = 0; i < 600; i++) await staging.writeChecked(`documents/d${i}.json`, body(i));
        await staging.commit(() => 0);
        const names = await readdir(join(dir, 'documents'));
        expect(names).toHaveLength(600);
        for (const i of [0, 1, 299, 599])
          expect(await readFile(join(dir, 'documents', `d${i}.json`), 'utf8')).toBe(body(i));
        expect((await readdir(dir)).filter((n) => n.startsWith('.import-') && n !== GENERATION)).toEqual([]);
      } finally {
        useFileSystemSync(true);
      }
    });

  it('rolls a committed import forward on open, and removes the staging of one that never committed', async () => {
    const project = await sampleProject(dir);
    const root = project.layout.root;
    const staged = new ImportStaging(root);
    const doc = { schema: 1 as const, id: 'late', textHash: `sha256:${'0'.repeat(64)}`, meta: {}, text: 'x' };
    await staged.writeJson('documents/late.json', documentFileSchema, doc);
    // As if killed after the journal was written, before any rename.
    await writeFile(join(root, JOURNAL), JSON.stringify({ staging: staged.name, files: ['documents/late.json'] }));
    expect(await recoverImport(root)).toBe('rolled forward');
    expect(JSON.parse(await readFile(join(root, 'documents', 'late.json'), 'utf8')).text).toBe('x');
    expect((await readdir(root)).filter((n) => n.startsWith('.import'))).toEqual([GENERATION]);

    // Killed while staging: its folder names a process that is gone.
    const orphan = new ImportStaging(root);
    await orphan.writeJson('documents/never.json', documentFileSchema, { ...doc, id: 'never' });
    await rename(join(root, orphan.name), join(root, '.import-999999999-0123456789ab'));
    expect(await recoverImport(root)).toBe('cleaned');
    expect(await readdir(join(root, 'documents'))).not.toContain('never.json');
    expect((await readdir(root)).filter((n) => n.startsWith('.import'))).toEqual([GENERATION]);

    // An older version's staging folder, named without a pid, whose `.owner` file names a process that is gone.
    await mkdir(join(root, '.import-ba9876543210', 'documents'), { recursive: true });
    await writeFile(join(root, '.import-ba9876543210', 'documents', 'never.json'), '{}');
    await writeFile(join(root, '.import-ba9876543210', '.owner'), '999999999\n');
    expect(await recoverImport(root)).toBe('cleaned');
    expect((await readdir(root)).filter((n) => n.startsWith('.import'))).toEqual([GENERATION]);
  });

  it('takes back the documents an import placed before a commit it never made, and keeps those it committed', async () => {
    const project = await sampleProject(dir);
    const root = project.layout.root;
    const hash = `sha256:${'0'.repeat(64)}`;
    const doc = (id: string) => ({ schema: 1 as const, id, textHash: hash, meta: {}, text: id });
    const documents = () => readdir(join(root, 'documents'));
    const doc2 = await readFile(join(root, 'documents', 'doc2.json'), 'utf8');

    // Killed after placing its new documents, before its commit; doc2's place was taken, so it stayed staged.
    const killed = new ImportStaging(root);
    await killed.writeJson('documents/placed.json', documentFileSchema, doc('placed'));
    await killed.writeJson('documents/doc2.json', documentFileSchema, doc('doc2'));
    await killed.place(['documents/placed.json', 'documents/doc2.json']);
    expect(await documents()).toContain('placed.json');
    await rename(join(root, killed.name), join(root, '.import-999999999-0123456789ab'));
    await Project.open(root);
    expect(await documents()).not.toContain('placed.json');
    expect(await readFile(join(root, 'documents', 'doc2.json'), 'utf8')).toBe(doc2);

    // Killed after its commit, before it removed its folder: the index names the document it placed.
    const done = new ImportStaging(root);
    await done.writeJson('documents/kept.json', documentFileSchema, doc('kept'));
    await done.place(['documents/kept.json']);
    const entries = [...project.index.values(), { id: 'kept', textHash: hash, length: 4, meta: {} }];
    await done.writeJson('document-index.json', documentIndexFileSchema, {
      schema: 1,
      documents: entries.sort((a, b) => (a.id < b.id ? -1 : 1)),
    });
    await done.commit(() => 0, { keepFolder: true });
    await rename(join(root, done.name), join(root, '.import-999999999-0123456789ac'));
    const reopened = await Project.open(root);
    expect((await reopened.getDocument('kept')).text).toBe('kept');
    expect((await readdir(root)).filter((n) => n.startsWith('.import'))).toEqual([GENERATION]);
  });

  it('leaves a staging folder of a live process alone from the moment it exists', async () => {
    const project = await sampleProject(dir);
    const root = project.layout.root;
    // As if the importing process were between making the folder and writing anything into it.
    const fresh = new ImportStaging(root).name;
    await mkdir(join(root, fresh));
    expect(fresh).toContain(`-${process.pid}-`);
    expect(await recoverImport(root)).toBeNull();
    expect(await readdir(root)).toContain(fresh);
  });

  it('leaves the staging of an import still running in a live process alone', async () => {
    const project = await sampleProject(dir);
    const running = new ImportStaging(project.layout.root);
    await running.writeJson('documents/busy.json', documentFileSchema, {
      schema: 1,
      id: 'busy',
      textHash: `sha256:${'0'.repeat(64)}`,
      meta: {},
      text: 'x',
    });
    expect(await recoverImport(project.layout.root)).toBeNull();
    expect(await readdir(project.layout.root)).toContain(running.name);
    await running.discard();
  });

  it('a CLI import killed at random points leaves the project as before or fully imported', {
    timeout: 240_000,
  }, async () => {
    const root = join(dir, 'p');
    const base = await sampleProject(dir);
    const pristine = join(dir, 'pristine');
    await cp(base.layout.root, pristine, { recursive: true });
    // Enough work that a kill lands in the staging, in the commit's renames, or after: 600 documents with
    // three annotators each, and a replacement of the records alice already has.
    const lines: string[] = [];
    for (let i = 0; i < 600; i++)
      for (const a of ['alice', 'bob', 'carol'])
        lines.push(
          JSON.stringify({
            id: `k${i}`,
            text: `Comment ${i}: protesters marched\r\nwhile police watched 😀 e\u0301.`,
            annotator: a,
            spans: [{ start: 0, end: 7 + (i % 5), label: a === 'carol' ? 'Riot' : 'Naming' }],
          }),
        );
    lines.push(
      JSON.stringify({
        id: 'doc1',
        text: 'Rioters attacked banks. Protesters marched.',
        annotator: 'alice',
        status: 'done',
        spans: [{ start: 24, end: 34, label: 'Naming' }],
      }),
    );
    const input = join(dir, 'big.jsonl');
    await writeFile(input, `${lines.join('\n')}\n`);
    // A kill `delay` ms after the start, or (`afterJournal`) `delay` ms after the commit point, while the
    // staged files are being renamed into place.
    const run = (delay: number | null, afterJournal = false) =>
      new Promise<{ code: number | null; ms: number }>((resolve, reject) => {
        const started = Date.now();
        const child = spawn(process.execPath, [BIN, 'import', root, input, '--replace'], {
          stdio: ['ignore', 'ignore', 'pipe'],
          env: { ...process.env, FRAMELENS_CONFIG_DIR: join(dir, 'cfg') },
        });
        let err = '';
        child.stderr.on('data', (c) => {
          err += c;
        });
        let timer: NodeJS.Timeout | undefined;
        let poll: NodeJS.Timeout | undefined;
        if (delay !== null && !afterJournal) timer = setTimeout(() => child.kill('SIGKILL'), delay);
        if (delay !== null && afterJournal)
          poll = setInterval(() => {
            readFile(join(root, JOURNAL)).then(
              () => {
                clearInterval(poll);
                timer = setTimeout(() => child.kill('SIGKILL'), delay);
              },
              () => {},
            );
          }, 2);
        child.on('error', reject);
        child.on('close', (code) => {
          clearTimeout(timer);
          clearInterval(poll);
          if (delay === null && code !== 0) reject(new Error(err));
          resolve({ code, ms: Date.now() - started });
        });
      });
    const reset = async () => {
      await rm(root, { recursive: true, force: true });
      await cp(pristine, root, { recursive: true });
    };
    const before = await state(root);
    const full = await run(null);
    const after = await state(root);
    expect(after).not.toBe(before);
    const random = mulberry32(Number(process.env.KILL_SEED ?? 4242));
    const seen = { before: 0, after: 0 };
    for (let k = 0; k < 6; k++) {
      await reset();
      const inCommit = k % 2 === 1;
      const delay = inCommit ? Math.floor(random() * 300) : Math.floor((0.2 + 0.8 * random()) * full.ms);
      const result = await run(delay, inCommit);
      const now = await state(root);
      expect([before, after], `kill ${k} ${delay} ms after ${inCommit ? 'the commit point' : 'the start'}`).toContain(
        now,
      );
      if (inCommit && result.code === null) expect(now, 'a kill after the commit point rolls forward').toBe(after);
      seen[now === before ? 'before' : 'after']++;
    }
    console.info(
      `import kill test: full import ${full.ms} ms; after 6 kills the project was as before ${seen.before}×, fully imported ${seen.after}×`,
    );
  });
});
