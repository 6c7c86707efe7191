import { join } from 'node:path';
import { IntList } from '../core/intList';
import { fold, foldedWords } from '../core/search';
import { CheckedCacheFile } from './checkedCache';
import type { Project } from './project';
import { CACHE_DIR } from './summaryCache';

export { CACHE_DIR };

const CACHE_FILE = 'search-index.json';
const FORMAT = 1;

/** Progress of a build: documents indexed so far of how many. */
export type IndexProgress = (done: number, total: number) => void;

export class SearchIndex {
  private readonly words: string[] = [];
  private readonly wordIds = new Map<string, number>();
  /**
   * Documents holding each word id, by number. A document's number is never given again: a document that leaves
   * (or whose text changes) is only forgotten in `byNumber`, and its number dropped from the postings once
   * forgotten numbers outnumber the others. A document's words are found from the postings when the cache is
   * written, so no list of them is kept per document (at 100,000 documents those lists and sets of ids held
   * most of the index).
   */
  private readonly postings: IntList[] = [];
  /** Each document's number and text hash, by id; and each number's id (undefined once forgotten). */
  private readonly entries = new Map<string, { no: number; textHash: string }>();
  private readonly byNumber: (string | undefined)[] = [];
  private forgotten = 0;
  private loaded = false;
  private syncing: Promise<void> | null = null;
  private readonly file = new CheckedCacheFile(
    () => this.cachePath,
    FORMAT,
    () => ({ words: this.words, docs: this.storedDocs() }),
  );
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
    for (const [id, entry] of [...this.entries]) if (index.get(id)?.textHash !== entry.textHash) this.remove(id);
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
    if (this.file.isDirty) this.file.scheduleSave();
  }

  /** The number of a word, given a new one (and an empty posting list) when it is new. */
  private wordId(word: string): number {
    let w = this.wordIds.get(word);
    if (w === undefined) {
      w = this.words.length;
      this.words.push(word);
      this.wordIds.set(word, w);
      this.postings.push(new IntList(4));
    }
    return w;
  }

  /** Numbers a new document (one not in the index: `remove` first when it is). */
  private number(id: string, textHash: string): number {
    const no = this.byNumber.length;
    this.byNumber.push(id);
    this.entries.set(id, { no, textHash });
    this.file.touch();
    return no;
  }

  private add(id: string, textHash: string, text: string): void {
    this.remove(id);
    const no = this.number(id, textHash);
    for (const word of foldedWords(fold(text))) this.postings[this.wordId(word)]!.push(no);
  }

  private remove(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.byNumber[entry.no] = undefined;
    this.entries.delete(id);
    this.file.touch();
    if (++this.forgotten > 1024 && this.forgotten > this.entries.size) this.dropForgotten();
  }

  /** Takes forgotten documents' numbers out of the postings. */
  private dropForgotten(): void {
    for (const list of this.postings) {
      let kept = 0;
      for (let i = 0; i < list.length; i++) {
        const no = list.data[i]!;
        if (this.byNumber[no] !== undefined) list.data[kept++] = no;
      }
      list.length = kept;
    }
    this.forgotten = 0;
  }

  /** Each document's id, text hash and word ids, as the cache holds them. */
  private storedDocs(): [string, string, number[]][] {
    const words: number[][] = [];
    this.postings.forEach((list, w) => {
      for (let i = 0; i < list.length; i++) {
        const no = list.data[i]!;
        if (this.byNumber[no] === undefined) continue;
        const of = words[no];
        if (of) of.push(w);
        else words[no] = [w];
      }
    });
    return [...this.entries].map(([id, e]) => [id, e.textHash, words[e.no] ?? []]);
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
      for (let w = 0; w < this.words.length; w++) {
        if (!this.words[w]!.includes(term)) continue;
        const list = this.postings[w]!;
        for (let i = 0; i < list.length; i++) {
          const id = this.byNumber[list.data[i]!];
          if (id !== undefined && (!out || out.has(id))) docs.add(id);
        }
      }
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
    const problem = await this.file.load(
      (data) => this.adoptCache(data),
      () => this.clear(),
    );
    this.lastSync.cacheProblem = problem;
    this.lastSync.fromCache = problem === null;
  }

  /** Takes the cache's entries, or says why not (then the caller clears whatever was taken). */
  private adoptCache(body: unknown): string | null {
    const data = body as { words: string[]; docs: [string, string, number[]][] };
    if (!Array.isArray(data.words) || !Array.isArray(data.docs)) return 'wrong shape';
    const map: number[] = [];
    for (const word of data.words) {
      if (typeof word !== 'string') return 'wrong shape';
      const w = this.wordId(word);
      map.push(w);
    }
    for (const doc of data.docs) {
      if (!Array.isArray(doc) || typeof doc[0] !== 'string' || typeof doc[1] !== 'string' || !Array.isArray(doc[2]))
        return 'wrong shape';
      if (this.entries.has(doc[0])) return 'wrong shape';
      const no = this.number(doc[0], doc[1]);
      for (const k of doc[2]) {
        const w = map[k];
        if (w === undefined) return 'wrong shape';
        this.postings[w]!.push(no);
      }
    }
    return null;
  }

  private clear(): void {
    this.words.length = 0;
    this.wordIds.clear();
    this.postings.length = 0;
    this.entries.clear();
    this.byNumber.length = 0;
    this.forgotten = 0;
  }

  /** Writes the cache now (a pending save included); the cache folder ignores itself in git. */
  save(): Promise<void> {
    return this.file.save();
  }
}
