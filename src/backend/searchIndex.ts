// The corpus search index: which folded words each document holds, derived from the document files and never
// the only copy. A query's words narrow the documents to read to those that can hold the phrase; each candidate
// is then searched exactly as before (core/search.ts), so hits, offsets and context do not change.
//
// Kept in memory and persisted as a cache file (.framelens-cache/search-index.json, git-ignored by a .gitignore
// of its own). Each entry is keyed by the document's textHash: a document's text never changes under its hash,
// so at open only documents whose hash the index does not know are read again. The cache carries a checksum of
// its body; a cache that does not parse, does not match its checksum or has another format is rebuilt, never
// trusted; deleting it loses nothing.
import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fold, foldedWords } from '../core/search';
import { writeFileDurably } from './durableFile';
import type { Project } from './project';
import { CACHE_DIR } from './summaryCache';

export { CACHE_DIR };

const CACHE_FILE = 'search-index.json';
const FORMAT = 1;

interface Entry {
  textHash: string;
  /** Word ids (into `words`) the folded text holds. */
  words: number[];
}

/** Progress of a build: documents indexed so far of how many. */
export type IndexProgress = (done: number, total: number) => void;

export class SearchIndex {
  private readonly words: string[] = [];
  private readonly wordIds = new Map<string, number>();
  /** Documents holding each word id (document ids; removed documents are dropped lazily at query time). */
  private readonly postings: Set<string>[] = [];
  private readonly entries = new Map<string, Entry>();
  private loaded = false;
  private dirty = false;
  private syncing: Promise<void> | null = null;
  private saveTimer: NodeJS.Timeout | null = null;
  /** How the last sync went, for the bench and the tests. */
  lastSync = { fromCache: false, cacheProblem: null as string | null, read: 0 };

  constructor(private readonly project: Project) {}

  get cachePath(): string {
    return join(this.project.layout.root, CACHE_DIR, CACHE_FILE);
  }

  /**
   * Brings the index up to the project's document index: loads the cache once, reads the documents whose text
   * it does not know, drops documents that left. Concurrent calls share one run.
   */
  sync(progress?: IndexProgress): Promise<void> {
    if (!this.syncing)
      this.syncing = this.runSync(progress).finally(() => {
        this.syncing = null;
      });
    return this.syncing;
  }

  private async runSync(progress?: IndexProgress): Promise<void> {
    if (!this.loaded) {
      this.loaded = true;
      await this.loadCache();
    }
    const index = this.project.index;
    for (const id of [...this.entries.keys()])
      if (index.get(id)?.textHash !== this.entries.get(id)!.textHash) this.remove(id);
    const missing = [...index.values()].filter((e) => !this.entries.has(e.id)).map((e) => e.id);
    let done = 0;
    progress?.(0, missing.length);
    for (let i = 0; i < missing.length; i += 64) {
      const batch = missing.slice(i, i + 64);
      const docs = await Promise.all(batch.map((id) => this.project.getDocument(id).catch(() => null)));
      for (const doc of docs)
        if (doc && index.get(doc.id)?.textHash === doc.textHash) this.add(doc.id, doc.textHash, doc.text);
      done += batch.length;
      progress?.(done, missing.length);
    }
    this.lastSync.read += missing.length;
    if (this.dirty) this.scheduleSave();
  }

  private add(id: string, textHash: string, text: string): void {
    const ids: number[] = [];
    for (const word of foldedWords(fold(text))) {
      let w = this.wordIds.get(word);
      if (w === undefined) {
        w = this.words.length;
        this.words.push(word);
        this.wordIds.set(word, w);
        this.postings.push(new Set());
      }
      this.postings[w]!.add(id);
      ids.push(w);
    }
    this.entries.set(id, { textHash, words: ids });
    this.dirty = true;
  }

  private remove(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    for (const w of entry.words) this.postings[w]?.delete(id);
    this.entries.delete(id);
    this.dirty = true;
  }

  /**
   * The documents that may hold `query` (a superset: every document holding it is among them), or null when the
   * query has no word to narrow by (then every document is a candidate). Unordered.
   */
  candidates(query: string): Set<string> | null {
    const terms = foldedWords(fold(query.trim()));
    if (terms.length === 0) return null;
    let out: Set<string> | null = null;
    // Longest first: the rarest words narrow the most before the others are looked at.
    for (const term of terms.sort((a, b) => b.length - a.length)) {
      const docs = new Set<string>();
      // The query's first and last words may be parts of longer words in the text; match words containing them.
      for (let w = 0; w < this.words.length; w++)
        if (this.words[w]!.includes(term)) for (const id of this.postings[w]!) if (!out || out.has(id)) docs.add(id);
      out = docs;
      if (out.size === 0) break;
    }
    return out;
  }

  /** How many documents the index holds. */
  get size(): number {
    return this.entries.size;
  }

  private async loadCache(): Promise<void> {
    this.lastSync = { fromCache: false, cacheProblem: null, read: 0 };
    let text: string;
    try {
      text = await readFile(this.cachePath, 'utf8');
    } catch {
      this.lastSync.cacheProblem = 'none';
      return;
    }
    const problem = this.adoptCache(text);
    this.lastSync.cacheProblem = problem;
    this.lastSync.fromCache = problem === null;
    if (problem) {
      this.clear();
      // A cache that cannot be trusted is replaced by the rebuilt one; until then it is gone.
      await rm(this.cachePath, { force: true });
    }
  }

  /** Takes the cache's entries, or says why not (then the caller clears whatever was taken). */
  private adoptCache(text: string): string | null {
    const newline = text.indexOf('\n');
    if (newline < 0) return 'no header';
    let header: { format?: unknown; sha256?: unknown };
    try {
      header = JSON.parse(text.slice(0, newline));
    } catch {
      return 'header does not parse';
    }
    if (header.format !== FORMAT) return 'another format';
    const body = text.slice(newline + 1);
    if (createHash('sha256').update(body).digest('hex') !== header.sha256) return 'checksum mismatch';
    let data: { words: string[]; docs: [string, string, number[]][] };
    try {
      data = JSON.parse(body);
    } catch {
      return 'body does not parse';
    }
    if (!Array.isArray(data.words) || !Array.isArray(data.docs)) return 'wrong shape';
    const map: number[] = [];
    for (const word of data.words) {
      if (typeof word !== 'string') return 'wrong shape';
      let w = this.wordIds.get(word);
      if (w === undefined) {
        w = this.words.length;
        this.words.push(word);
        this.wordIds.set(word, w);
        this.postings.push(new Set());
      }
      map.push(w);
    }
    for (const doc of data.docs) {
      if (!Array.isArray(doc) || typeof doc[0] !== 'string' || typeof doc[1] !== 'string' || !Array.isArray(doc[2]))
        return 'wrong shape';
      const words: number[] = [];
      for (const k of doc[2]) {
        const w = map[k];
        if (w === undefined) return 'wrong shape';
        this.postings[w]!.add(doc[0]);
        words.push(w);
      }
      this.entries.set(doc[0], { textHash: doc[1], words });
    }
    return null;
  }

  private clear(): void {
    this.words.length = 0;
    this.wordIds.clear();
    this.postings.length = 0;
    this.entries.clear();
  }

  private scheduleSave(): void {
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      void this.save().catch(() => {});
    }, 2000);
    this.saveTimer.unref();
  }

  /** Writes the cache now (a pending save included); the cache folder ignores itself in git. */
  async save(): Promise<void> {
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.saveTimer = null;
    }
    if (!this.dirty) return;
    this.dirty = false;
    const body = JSON.stringify({
      words: this.words,
      docs: [...this.entries].map(([id, e]) => [id, e.textHash, e.words]),
    });
    const header = JSON.stringify({ format: FORMAT, sha256: createHash('sha256').update(body).digest('hex') });
    const dir = join(this.project.layout.root, CACHE_DIR);
    const ignore = join(dir, '.gitignore');
    if ((await readFile(ignore, 'utf8').catch(() => '')) !== '*\n') await writeFileDurably(ignore, '*\n');
    await writeFileDurably(this.cachePath, `${header}\n${body}`, { syncDir: false });
  }
}
