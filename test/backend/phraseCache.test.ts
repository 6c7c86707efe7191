import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importIntoProject } from '../../src/backend/importer';
import { loadDocuments, projectOutlets, selectedRecords } from '../../src/backend/outlets';
import { Project } from '../../src/backend/project';
import { outletTables } from '../../src/backend/reportCompute';
import { FrameLensService } from '../../src/backend/service';
import { CACHE_DIR } from '../../src/backend/summaryCache';
import { mulberry32 } from '../../src/core/prng';
import { suggestStories } from '../../src/core/stories';
import { tempDir } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
let root: string;

const OUTLETS = ['PressTV', 'MENAFN', ' Reuters ', undefined];
const NAMES = ['Vladimir Putin', 'Masoud Pezeshkian', 'Donald Trump', 'São Paulo', 'Zürich Police', 'Ali Khamenei'];
const WORDS = 'the riots  were called peaceful protests by officials 𝒳 café naïve RIOTERS said on Friday in'.split(' ');
const LABELS = ['Naming', 'Attribution', 'Economy'];

/** A generated corpus with outlets, stories, dates, astral characters and doubled spaces, coded by two people. */
async function generated(documents: number): Promise<string> {
  const random = mulberry32(7);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const lines: string[] = [];
  for (let d = 0; d < documents; d++) {
    const parts: string[] = [];
    while (parts.join(' ').length < 400) parts.push(random() < 0.15 ? pick(NAMES) : pick(WORDS));
    const text = parts.join(' ');
    const length = [...text].length;
    const id = `doc${String(d).padStart(3, '0')}`;
    const outlet = OUTLETS[d % OUTLETS.length];
    const meta = {
      ...(outlet ? { outlet } : {}),
      story: `s${d % 4}`,
      published: `2026-01-${String(10 + (d % 5)).padStart(2, '0')}`,
    };
    for (const annotator of ['alice', 'bob']) {
      const spans = Array.from({ length: 6 }, (_, j) => {
        const start = Math.floor(random() * (length - 30));
        return { start, end: start + 3 + Math.floor(random() * 25), label: LABELS[(j + d) % LABELS.length]! };
      });
      lines.push(JSON.stringify({ id, text, meta, annotator, status: 'done', spans, doc_labels: {} }));
    }
  }
  const project = await Project.create(join(dir, 'p'), 'Generated');
  const file = join(dir, 'in.jsonl');
  await writeFile(file, `${lines.join('\n')}\n`);
  await importIntoProject(project, { paths: [file], format: 'jsonl' });
  return project.layout.root;
}

/** The tables and story suggestions from the documents' texts, as computed before any cache existed. */
async function uncached(projectRoot: string, filter: { label?: string; story?: string } = {}) {
  const project = await Project.open(projectRoot);
  const documents = await loadDocuments(project);
  return {
    tables: outletTables(documents, await selectedRecords(project, {}), filter),
    stories: suggestStories(documents, {}),
  };
}

/** The same through the service (the phrase cache), with how many documents it read. */
async function cached(projectRoot: string, filter: { label?: string; story?: string } = {}) {
  const service = await FrameLensService.start({ projectDir: projectRoot, configDir: join(dir, 'cfg') });
  const tables = await service.outlets(filter);
  const stories = await service.storySuggestions();
  const reads = service.current().phraseCache.reads;
  await service.close();
  return { tables, stories, reads };
}

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  root = await generated(40);
});
afterEach(() => cleanup());

describe('the phrase cache (a derived cache, never the only copy)', () => {
  it('gives the tables and story suggestions the texts give, and a later open reads no document', async () => {
    const expected = await uncached(root);
    expect(Object.keys(expected.tables.labels).length).toBeGreaterThan(0);
    expect(expected.stories.length).toBeGreaterThan(0);
    const first = await cached(root);
    expect(first.tables).toEqual(expected.tables);
    expect(JSON.stringify(first.tables)).toBe(JSON.stringify(expected.tables));
    expect(first.stories).toEqual(expected.stories);
    expect(first.reads).toBe(40);
    expect(await readFile(join(root, CACHE_DIR, 'phrases', '.gitignore'), 'utf8')).toBe('*\n');

    const later = await cached(root);
    expect(later.reads).toBe(0);
    expect(JSON.stringify(later.tables)).toBe(JSON.stringify(expected.tables));
    expect(later.stories).toEqual(expected.stories);
    for (const filter of [{ story: 's1' }, { label: 'Naming' }])
      expect((await cached(root, filter)).tables).toEqual((await uncached(root, filter)).tables);
  });

  it('follows an edit of one record and of one document, reading only that document', async () => {
    await cached(root);
    const project = await Project.open(root);
    const doc = 'doc005';
    const record = (await project.records('alice')).find((r) => r.document === doc)!;
    await project.saveRecord({
      document: doc,
      annotator: 'alice',
      textHash: record.textHash,
      status: 'done',
      spans: [...record.spans, { start: 1, end: 20, label: 'Economy' }],
      docLabels: {},
    });
    const afterSave = await cached(root);
    expect(afterSave.reads).toBe(1);
    expect(afterSave.tables).toEqual((await uncached(root)).tables);

    await project.setDocumentMeta('doc007', { ...(await project.getDocument('doc007')).meta, outlet: 'Al Jazeera' });
    const afterMeta = await cached(root);
    expect(afterMeta.reads).toBe(1);
    expect(afterMeta.tables.rates['Al Jazeera']).toBeDefined();
    expect(afterMeta.tables).toEqual((await uncached(root)).tables);
  });

  it('is rebuilt when a shard is corrupt or the cache deleted, and the answers do not change', async () => {
    const expected = await uncached(root);
    await cached(root);
    const shards = join(root, CACHE_DIR, 'phrases');
    const files = (await readdir(shards)).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(1);
    const victim = join(shards, files[0]!);
    const text = await readFile(victim, 'utf8');
    // valid JSON of the same length, another phrase: the checksum catches it
    await writeFile(
      victim,
      text.replace(/"[a-z]/, (m) => `"${m[1] === 'a' ? 'b' : 'a'}`),
    );
    const corrupt = await cached(root);
    expect(corrupt.reads).toBeGreaterThan(0);
    expect(corrupt.reads).toBeLessThan(40);
    expect(corrupt.tables).toEqual(expected.tables);
    expect(corrupt.stories).toEqual(expected.stories);

    await writeFile(victim, text.slice(0, text.length >> 1));
    expect((await cached(root)).tables).toEqual(expected.tables);

    await rm(join(root, CACHE_DIR), { recursive: true });
    const rebuilt = await cached(root);
    expect(rebuilt.reads).toBe(40);
    expect(rebuilt.tables).toEqual(expected.tables);
  });

  it('keeps the last tables while their inputs are unchanged, and computes them again after an edit', async () => {
    const service = await FrameLensService.start({ projectDir: root, configDir: join(dir, 'cfg') });
    const run = async () => {
      const started = await service.startReport({ kind: 'outlets' });
      await new Promise((r) => setTimeout(r, 0));
      for (let w = started; w.state === 'running'; w = await service.reportWork(started.id))
        await new Promise((r) => setTimeout(r, 10));
      return service.outletOverview(started.id);
    };
    const first = await run();
    const again = await run();
    expect(again).toEqual(first);
    const tables = await service.outlets();
    // the same object: computed once, kept while no record or document changed
    expect(await service.outlets()).toBe(tables);
    const project = service.current();
    const record = (await project.records('bob')).find((r) => r.document === 'doc002')!;
    await service.saveAnnotations({
      document: 'doc002',
      annotator: 'bob',
      textHash: record.textHash,
      status: 'done',
      spans: [...record.spans, { start: 0, end: 9, label: 'Economy' }],
      docLabels: {},
    });
    const edited = await run();
    // doc002 is of ' Reuters ', counted as Reuters
    expect(edited.phrases.Economy!.Reuters!.spans).toBe(first.phrases.Economy!.Reuters!.spans + 1);
    const after = await service.outlets();
    expect(after).not.toBe(tables);
    expect(after).toEqual((await uncached(root)).tables);
    await service.close();
  });

  it('answers projectOutlets as the uncached tables for one layer', async () => {
    const project = await Project.open(root);
    const documents = await loadDocuments(project);
    const records = await selectedRecords(project, { annotator: 'bob' });
    expect(await projectOutlets(project, { annotator: 'bob' })).toEqual(outletTables(documents, records, {}));
  });
});
