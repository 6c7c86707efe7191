import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { textHash } from '../../src/backend/hash';
import { importIntoProject } from '../../src/backend/importer';
import { Project } from '../../src/backend/project';
import { searchCorpus, searchIndex } from '../../src/backend/search';
import { CACHE_DIR } from '../../src/backend/searchIndex';
import { searchText } from '../../src/core/search';
import { sampleProject, tempDir } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
let project: Project;

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  project = await sampleProject(dir);
});
afterEach(() => cleanup());

describe('corpus search', () => {
  it('finds matches case-insensitively with code-point offsets after an emoji, and context', async () => {
    const hits = await searchCorpus(project, 'CONTINUED');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ document: 'doc2', start: 17, end: 26 });
    expect(hits[0].context).toEqual({ before: 'Demonstrations 😀 ', match: 'continued', after: '.' });
    expect(await searchCorpus(project, '   ')).toEqual([]);
  });

  it('folds accents, respects whole words, and handles right-to-left text', () => {
    expect(searchText('d', 'Köln and koln', 'koln').map((h) => h.start)).toEqual([0, 9]);
    expect(searchText('d', 'banks bank', 'bank', { wholeWords: true }).map((h) => h.start)).toEqual([6]);
    const fa = 'وزیر Ali Rezaei در سال ۱۴۰۲ گفت';
    const [hit] = searchText('d', fa, 'سال ۱۴۰۲');
    expect([...fa].slice(hit.start, hit.end).join('')).toBe('سال ۱۴۰۲');
  });
});

describe('the search index (a derived cache, never the only copy)', () => {
  it('is persisted, used at the next open without reading any document, and follows new documents', async () => {
    const first = await searchIndex(project);
    expect(first.lastSync.read).toBe(2);
    await first.save();
    const reopened = await Project.open(project.layout.root);
    const again = await searchIndex(reopened);
    expect(again.lastSync).toMatchObject({ fromCache: true, read: 0 });
    expect((await searchCorpus(reopened, 'continued')).map((h) => h.document)).toEqual(['doc2']);
    const jsonl = join(dir, 'more.jsonl');
    await writeFile(jsonl, `${JSON.stringify({ id: 'doc3', text: 'Crowds CONTINUÉD to gather.' })}\n`);
    await importIntoProject(reopened, { paths: [jsonl], format: 'jsonl' });
    expect((await searchCorpus(reopened, 'continued')).map((h) => h.document)).toEqual(['doc2', 'doc3']);
    expect(again.lastSync.read).toBe(1);
    expect(await readFile(join(project.layout.root, CACHE_DIR, '.gitignore'), 'utf8')).toBe('*\n');
  });

  it('is rebuilt when the cache is deleted, and the answers do not change', async () => {
    const before = await searchCorpus(project, 'protesters marched');
    await (await searchIndex(project)).save();
    await rm(join(project.layout.root, CACHE_DIR), { recursive: true });
    const reopened = await Project.open(project.layout.root);
    expect(await searchCorpus(reopened, 'protesters marched')).toEqual(before);
    expect((await searchIndex(reopened)).lastSync).toMatchObject({ fromCache: false, read: 2 });
  });

  it('never trusts a corrupt cache: a changed byte, a cut file or garbage is rebuilt from the documents', async () => {
    const index = await searchIndex(project);
    await index.save();
    const good = await readFile(index.cachePath, 'utf8');
    for (const bad of [good.replace('rioters', 'riotery'), good.slice(0, good.length - 9), 'garbage', '']) {
      await writeFile(index.cachePath, bad);
      const reopened = await Project.open(project.layout.root);
      expect((await searchCorpus(reopened, 'rioters')).map((h) => [h.document, h.start])).toEqual([['doc1', 0]]);
      const rebuilt = await searchIndex(reopened);
      expect(rebuilt.lastSync.fromCache).toBe(false);
      expect(rebuilt.lastSync.cacheProblem).not.toBeNull();
      expect(rebuilt.lastSync.read).toBe(2);
    }
  });

  it('forgets documents that leave or whose text changes, in its answers and in its cache', async () => {
    const p = await Project.create(join(dir, 'many'), 'many');
    const document = async (id: string, text: string) => {
      const hash = textHash(text);
      await writeFile(p.layout.documentFile(id), JSON.stringify({ schema: 1, id, textHash: hash, meta: {}, text }));
      return { id, textHash: hash, length: [...text].length, meta: {} };
    };
    const setIndex = async (documents: unknown[]) => {
      await writeFile(p.layout.indexFile, JSON.stringify({ schema: 1, documents }));
      await p.refresh();
    };
    // Enough documents leave that the forgotten ones are taken out of the word lists too.
    const entries = [];
    for (let d = 0; d < 1100; d++) {
      const id = `d${String(d).padStart(4, '0')}`;
      entries.push(await document(id, `${d % 2 ? 'odd' : 'even'} words ${id}`));
    }
    await setIndex(entries);
    const index = await searchIndex(p);
    expect(index.candidates('odd')?.size).toBe(550);
    const kept = [await document('d0000', 'a changed text'), ...entries.slice(1, 10)];
    await setIndex(kept);
    await searchIndex(p);
    const sorted = (q: string) => [...(index.candidates(q) ?? [])].sort();
    expect(index.size).toBe(10);
    expect(sorted('words')).toEqual(kept.slice(1).map((e) => e.id));
    expect(sorted('changed')).toEqual(['d0000']);
    expect(sorted('even')).toEqual(['d0002', 'd0004', 'd0006', 'd0008']);
    expect(sorted('d00')).toEqual(kept.slice(1).map((e) => e.id));
    await index.save();
    const again = await searchIndex(await Project.open(p.layout.root));
    expect(again.lastSync).toMatchObject({ fromCache: true, read: 0 });
    for (const q of ['words', 'changed', 'odd', 'even', 'd0003', 'd0500'])
      expect([...(again.candidates(q) ?? [])].sort()).toEqual(sorted(q));
  });

  it('narrows the documents to read to those that may hold every word, parts of words included', async () => {
    const index = await searchIndex(project);
    expect([...(index.candidates('PROTEST') ?? [])]).toEqual(['doc1']);
    expect([...(index.candidates('ters marc') ?? [])]).toEqual(['doc1']);
    expect([...(index.candidates('köln') ?? [])]).toEqual([]);
    expect(index.candidates(' … ')).toBeNull();
    expect((await searchCorpus(project, 'rs ma')).map((h) => h.start)).toEqual([32]);
  });
});
