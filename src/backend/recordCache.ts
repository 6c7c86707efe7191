// Annotation files as last parsed and checked, with their version stamps, persisted in .framelens-cache/records/:
// a project-wide read (the agreement report, the outlet tables, exports) takes a file from here when its stamp
// is unchanged instead of opening, parsing and validating it again. Each annotator's files are spread over
// SHARDS files, so a save rewrites one small shard, not the whole cache. Deleting the folder loses nothing; a
// shard cut short, edited or of another format is dropped and its files are read again.
import { join } from 'node:path';
import type { z } from 'zod';
import type { annotationFileSchema } from '../core/schemas';
import { CheckedCacheFile, SaveHold } from './checkedCache';
import { CACHE_DIR } from './summaryCache';

type AnnotationFile = z.infer<typeof annotationFileSchema>;

// Bumped whenever the annotation file schema's output changes, so files parsed by another version are read again.
const FORMAT = 1;
const SHARDS = 32;

type StoredRow = [document: string, stamp: string, file: AnnotationFile];

/** Which shard a document's row lives in (FNV-1a of its id). */
export function shardOf(document: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < document.length; i++) h = Math.imul(h ^ document.charCodeAt(i), 0x01000193);
  return (h >>> 0) % SHARDS;
}

class Shard {
  readonly rows = new Map<string, { stamp: string; file: AnnotationFile }>();
  readonly file: CheckedCacheFile;
  /** The read of the persisted shard, once begun; null while its rows are not in memory. */
  loading: Promise<void> | null = null;
  // Rows are kept only once the shard is read: a shard saved before its file was read would replace the persisted
  // rows with the few set meanwhile.
  loaded = false;

  constructor(path: string) {
    this.file = new CheckedCacheFile(
      () => path,
      FORMAT,
      () => [...this.rows].map(([d, r]): StoredRow => [d, r.stamp, r.file]),
    );
  }

  adopt(annotator: string, body: unknown): string | null {
    if (!Array.isArray(body)) return 'wrong shape';
    for (const row of body as StoredRow[]) {
      if (!Array.isArray(row) || typeof row[0] !== 'string' || typeof row[1] !== 'string') return 'wrong shape';
      const file = row[2] as AnnotationFile | null;
      if (
        !file ||
        typeof file !== 'object' ||
        file.annotator !== annotator ||
        file.document !== row[0] ||
        !Array.isArray(file.spans)
      )
        return 'wrong shape';
      this.rows.set(row[0], { stamp: row[1], file });
    }
    return null;
  }
}

export class RecordFileCache {
  private readonly shards = new Map<string, Shard[]>();
  private readonly hold = new SaveHold(() => [...this.shards.values()].flat().map((s) => s.file));

  /** Runs `task` with the saves of changed shards held until it ends (a whole folder read saves each once). */
  deferSaves<T>(task: () => Promise<T>): Promise<T> {
    return this.hold.during(task);
  }

  private changed(shard: Shard): void {
    this.hold.changed(shard.file);
  }

  /** Files taken from the persisted cache since the project opened, for the bench and the tests. */
  hits = 0;
  /** Annotation files the project read from disk for want of a row here. */
  reads = 0;

  constructor(private readonly root: string) {}

  dir(annotator: string): string {
    return join(this.root, CACHE_DIR, 'records', annotator);
  }

  private shardsOf(annotator: string): Shard[] {
    let shards = this.shards.get(annotator);
    if (!shards) {
      shards = Array.from({ length: SHARDS }, (_, i) => new Shard(join(this.dir(annotator), `${i}.json`)));
      this.shards.set(annotator, shards);
    }
    return shards;
  }

  /**
   * Reads an annotator's persisted shards once (only those holding `documents`, when given); later calls share the
   * first. Resolves to the shards this call began to read, for `release`.
   */
  async load(annotator: string, documents?: Iterable<string>): Promise<number[]> {
    const shards = this.shardsOf(annotator);
    let wanted: Iterable<number> = shards.keys();
    if (documents) {
      const some = new Set<number>();
      for (const d of documents) some.add(shardOf(d));
      wanted = some;
    }
    const begun: number[] = [];
    const reads: Promise<void>[] = [];
    for (const i of wanted) {
      const s = shards[i]!;
      if (!s.loading) {
        begun.push(i);
        s.loading = s.file
          .load(
            (body) => s.adopt(annotator, body),
            () => s.rows.clear(),
          )
          .then(() => {
            s.loaded = true;
          });
      }
      reads.push(s.loading);
    }
    await Promise.all(reads);
    return begun;
  }

  /**
   * Writes the given shards of an annotator when changed, one after another, and drops their rows from memory: a
   * pass that summarised a whole folder needs them no longer, and a later project-wide read loads them again. A
   * shard changed again meanwhile (or that failed to write) keeps its rows, saved later as usual.
   */
  async release(annotator: string, indices: readonly number[]): Promise<void> {
    const shards = this.shards.get(annotator);
    if (!shards) return;
    for (const i of indices) {
      const s = shards[i]!;
      if (!s.loaded) continue;
      try {
        await s.file.save();
      } catch {
        continue;
      }
      if (s.file.isDirty) continue;
      s.rows.clear();
      s.loaded = false;
      s.loading = null;
    }
  }

  /** The file as parsed when its version was `stamp`, or undefined. */
  get(annotator: string, document: string, stamp: string): AnnotationFile | undefined {
    const row = this.shards.get(annotator)?.[shardOf(document)]?.rows.get(document);
    if (row?.stamp !== stamp) return undefined;
    this.hits++;
    return row.file;
  }

  set(annotator: string, document: string, stamp: string, file: AnnotationFile): void {
    const shard = this.shards.get(annotator)?.[shardOf(document)];
    if (!shard?.loaded) return;
    if (shard.rows.get(document)?.file === file) return;
    shard.rows.set(document, { stamp, file });
    this.changed(shard);
  }

  delete(annotator: string, document: string): void {
    const shard = this.shards.get(annotator)?.[shardOf(document)];
    if (shard?.rows.delete(document)) this.changed(shard);
  }

  /** Drops the rows of documents not in `present` (files deleted or no longer in the index). */
  keep(annotator: string, present: ReadonlySet<string>): void {
    for (const shard of this.shards.get(annotator) ?? [])
      for (const id of [...shard.rows.keys()])
        if (!present.has(id)) {
          shard.rows.delete(id);
          this.changed(shard);
        }
  }

  /** Writes every changed shard now. */
  async save(): Promise<void> {
    for (const shards of this.shards.values()) await Promise.all(shards.map((s) => s.file.save()));
  }
}
