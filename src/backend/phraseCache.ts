// What the outlet tables and the story suggestions need of each document's text, persisted in
// .framelens-cache/phrases/: the document's metadata and number of words, the normalised phrase each annotated
// span covers, and its named phrases. A row holds while the document file's version stamp is unchanged; a phrase
// holds while the text is (its hash), so an edited record only adds the phrases of its new spans. Deleting the
// folder loses nothing; a shard cut short, edited or of another format is dropped and its documents read again.
import { join } from 'node:path';
import type { DocumentMeta } from '../core/model';
import { CheckedCacheFile, SaveHold } from './checkedCache';
import { shardOf } from './recordCache';
import { CACHE_DIR } from './summaryCache';

// Bumped whenever normalizePhrase, countWords or namedPhrases change what they give for the same text.
const FORMAT = 1;

export interface PhraseRow {
  /** The document file's version stamp when the row was made. */
  stamp: string;
  textHash: string;
  meta: DocumentMeta;
  words: number;
  /** The text's named phrases (for story suggestions) in the order namedPhrases gives them. */
  named: string[];
  /** Normalised phrase by spanKey(start, end). */
  phrases: Map<number, string>;
}

type StoredRow = [
  document: string,
  stamp: string,
  textHash: string,
  meta: DocumentMeta,
  words: number,
  named: string[],
  phrases: (number | string)[],
];

class Shard {
  readonly rows = new Map<string, PhraseRow>();
  readonly file: CheckedCacheFile;

  constructor(path: string) {
    this.file = new CheckedCacheFile(
      () => path,
      FORMAT,
      () =>
        [...this.rows].map(
          ([d, r]): StoredRow => [d, r.stamp, r.textHash, r.meta, r.words, r.named, [...r.phrases].flat()],
        ),
    );
  }

  adopt(body: unknown): string | null {
    if (!Array.isArray(body)) return 'wrong shape';
    for (const row of body as unknown[]) {
      if (!Array.isArray(row) || row.length !== 7) return 'wrong shape';
      const [document, stamp, textHash, meta, words, named, flat] = row as StoredRow;
      if (
        typeof document !== 'string' ||
        typeof stamp !== 'string' ||
        typeof textHash !== 'string' ||
        !meta ||
        typeof meta !== 'object' ||
        Array.isArray(meta) ||
        !Number.isInteger(words) ||
        !Array.isArray(named) ||
        !named.every((p) => typeof p === 'string') ||
        !Array.isArray(flat) ||
        flat.length % 2 !== 0
      )
        return 'wrong shape';
      const phrases = new Map<number, string>();
      for (let i = 0; i < flat.length; i += 2) {
        const key = flat[i];
        const phrase = flat[i + 1];
        if (!Number.isSafeInteger(key) || typeof phrase !== 'string') return 'wrong shape';
        phrases.set(key as number, phrase);
      }
      this.rows.set(document, { stamp, textHash, meta, words, named, phrases });
    }
    return null;
  }
}

const SHARDS = 32;

export class PhraseCache {
  private readonly shards: Shard[];
  private loading: Promise<void> | null = null;
  private readonly hold = new SaveHold(() => this.shards.map((s) => s.file));
  /** Document files read to fill rows since the project opened, for the bench and the tests. */
  reads = 0;
  /** How the shards were found at open: how many were trusted, and the problems of those that were not. */
  lastLoad = { trusted: 0, problems: [] as string[] };

  constructor(private readonly root: string) {
    this.shards = Array.from({ length: SHARDS }, (_, i) => new Shard(join(this.dir, `${i}.json`)));
  }

  get dir(): string {
    return join(this.root, CACHE_DIR, 'phrases');
  }

  /** Reads the persisted shards once; later calls share the first. */
  load(): Promise<void> {
    this.loading ??= Promise.all(
      this.shards.map((s) =>
        s.file.load(
          (body) => s.adopt(body),
          () => s.rows.clear(),
        ),
      ),
    ).then((problems) => {
      this.lastLoad = {
        trusted: problems.filter((p) => p === null).length,
        problems: problems.filter((p): p is string => p !== null && p !== 'none'),
      };
    });
    return this.loading;
  }

  get(document: string): PhraseRow | undefined {
    return this.shard(document).rows.get(document);
  }

  /** Keeps `row` for `document` (the caller changed it in place or made it new). */
  set(document: string, row: PhraseRow): void {
    const shard = this.shard(document);
    shard.rows.set(document, row);
    this.changed(shard);
  }

  /** Drops the rows of documents not in `present`. */
  keep(present: ReadonlySet<string>): void {
    for (const shard of this.shards)
      for (const id of [...shard.rows.keys()])
        if (!present.has(id)) {
          shard.rows.delete(id);
          this.changed(shard);
        }
  }

  /** Runs `task` with the saves of changed shards held until it ends (one save per shard, not one per row). */
  deferSaves<T>(task: () => Promise<T>): Promise<T> {
    return this.hold.during(task);
  }

  /** Writes every changed shard now. */
  async save(): Promise<void> {
    await Promise.all(this.shards.map((s) => s.file.save()));
  }

  private shard(document: string): Shard {
    return this.shards[shardOf(document) % SHARDS]!;
  }

  private changed(shard: Shard): void {
    this.hold.changed(shard.file);
  }
}
