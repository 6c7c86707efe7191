// Annotation files as last parsed and checked, with their version stamps, persisted in .framelens-cache/records/:
// a project-wide read (the agreement report, the outlet tables, exports) takes a file from here when its stamp
// is unchanged instead of opening, parsing and validating it again. Each annotator's files are spread over
// SHARDS files, so a save rewrites one small shard, not the whole cache. Deleting the folder loses nothing; a
// shard cut short, edited or of another format is dropped and its files are read again.
import { join } from 'node:path';
import type { z } from 'zod';
import type { annotationFileSchema } from '../core/schemas';
import { CheckedCacheFile } from './checkedCache';
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
  private readonly loading = new Map<string, Promise<void>>();
  // Rows are kept only for annotators whose shards are loaded: a shard saved before its file was read would
  // replace the persisted rows with the few set meanwhile.
  private readonly loaded = new Set<string>();
  // While a whole folder is read, changed shards are only marked and saved once at the end, not every two
  // seconds over a read that takes minutes.
  private deferring = 0;

  /** Runs `task` with the saves of changed shards held until it ends. */
  async deferSaves<T>(task: () => Promise<T>): Promise<T> {
    this.deferring++;
    try {
      return await task();
    } finally {
      if (--this.deferring === 0)
        for (const shards of this.shards.values()) for (const s of shards) if (s.file.isDirty) s.file.scheduleSave();
    }
  }

  private changed(shard: Shard): void {
    if (this.deferring) shard.file.touch();
    else shard.file.changed();
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

  /** Reads an annotator's persisted shards once; later calls share the first. */
  load(annotator: string): Promise<void> {
    let loading = this.loading.get(annotator);
    if (!loading) {
      const shards = this.shardsOf(annotator);
      loading = Promise.all(
        shards.map((s) =>
          s.file.load(
            (body) => s.adopt(annotator, body),
            () => s.rows.clear(),
          ),
        ),
      ).then(() => {
        this.loaded.add(annotator);
      });
      this.loading.set(annotator, loading);
    }
    return loading;
  }

  /** The file as parsed when its version was `stamp`, or undefined. */
  get(annotator: string, document: string, stamp: string): AnnotationFile | undefined {
    const row = this.shards.get(annotator)?.[shardOf(document)]?.rows.get(document);
    if (row?.stamp !== stamp) return undefined;
    this.hits++;
    return row.file;
  }

  set(annotator: string, document: string, stamp: string, file: AnnotationFile): void {
    if (!this.loaded.has(annotator)) return;
    const shard = this.shardsOf(annotator)[shardOf(document)]!;
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
