// The derived caches in .framelens-cache/ (the search index, the record summaries): a header line with the
// cache's format and the SHA-256 of the body, then the body as JSON. A cache cut short, edited or written by
// another version is rebuilt, never trusted.
import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFileDurably } from './durableFile';

const sha256 = (text: string | Uint8Array) => createHash('sha256').update(text).digest('hex');

/**
 * The cache's body, or why it cannot be trusted. Given the file's bytes, the body is hashed as read and decoded
 * once (hashing the decoded text encodes it again: a third of the checksum's time on a 36 MB cache).
 */
export function readCheckedCache(content: string | Buffer, format: number): { data: unknown } | { problem: string } {
  const newline = content.indexOf('\n');
  if (newline < 0) return { problem: 'no header' };
  const part = (start: number, end?: number) =>
    typeof content === 'string' ? content.slice(start, end) : content.subarray(start, end);
  let header: { format?: unknown; sha256?: unknown };
  try {
    header = JSON.parse(part(0, newline).toString());
  } catch {
    return { problem: 'header does not parse' };
  }
  if (header.format !== format) return { problem: 'another format' };
  const body = part(newline + 1);
  if (sha256(body) !== header.sha256) return { problem: 'checksum mismatch' };
  try {
    return { data: JSON.parse(body.toString()) };
  } catch {
    return { problem: 'body does not parse' };
  }
}

/** Writes a cache file under its header; the cache folder ignores itself in git. */
export async function writeCheckedCache(path: string, format: number, data: unknown): Promise<void> {
  const body = JSON.stringify(data);
  const header = JSON.stringify({ format, sha256: sha256(body) });
  const ignore = join(dirname(path), '.gitignore');
  if ((await readFile(ignore, 'utf8').catch(() => '')) !== '*\n') await writeFileDurably(ignore, '*\n');
  await writeFileDurably(path, `${header}\n${body}`, { syncDir: false });
}

/** A cache is saved once changes have stopped for this long (a burst of saves writes it once, after). */
const QUIET_MS = 2000;
/** ...but no later than this after the first change not yet saved, so steady saves still persist it. */
const MAX_DELAY_MS = 30_000;

/**
 * One cache file kept by its owner: loaded once, saved two seconds after the last change (at most thirty seconds
 * after the first unsaved one), or at once by `save`. A cache file is a whole derived table (every record's
 * summary), so serializing, hashing and syncing it after each of many saves would hold the thread that answers
 * them; a crash before the save loses nothing, as rows are checked against the files' versions when read.
 * The timer is unref'd so a pending save never holds the process open.
 */
export class CheckedCacheFile {
  private dirty = false;
  private saveTimer: NodeJS.Timeout | null = null;
  private firstChange = 0;
  private lastChange = 0;
  /** The write in progress (writes run one after another, so an older body never lands after a newer one). */
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly path: () => string,
    private readonly format: number,
    private readonly body: () => unknown,
    /** Awaited before each write (an owner that must read the file before it may write it). */
    private readonly ready: () => Promise<void> = async () => {},
  ) {}

  /**
   * Hands the trusted body to `adopt`, which takes it or says why not. Returns the problem (`'none'` when there is
   * no file) or null; on a problem other than a missing file, `reset` drops whatever was taken and the file goes,
   * so an untrusted cache is never read twice.
   */
  async load(adopt: (data: unknown) => string | null, reset: () => void): Promise<string | null> {
    let content: Buffer;
    try {
      content = await readFile(this.path());
    } catch {
      return 'none';
    }
    const read = readCheckedCache(content, this.format);
    const problem = 'problem' in read ? read.problem : adopt(read.data);
    if (problem) {
      reset();
      await rm(this.path(), { force: true });
    }
    return problem;
  }

  /** Marks the cache changed without scheduling a save (the owner schedules once a batch of changes is done). */
  touch(): void {
    this.dirty = true;
  }

  get isDirty(): boolean {
    return this.dirty;
  }

  /** Marks the cache changed and schedules a save. */
  changed(): void {
    this.dirty = true;
    this.scheduleSave();
  }

  scheduleSave(): void {
    const now = performance.now();
    this.lastChange = now;
    if (this.saveTimer) return;
    this.firstChange = now;
    this.arm(QUIET_MS);
  }

  /** One timer per pending save, moved on when it fires early rather than reset on every change. */
  private arm(ms: number): void {
    this.saveTimer = setTimeout(() => {
      const now = performance.now();
      const wait = Math.min(this.lastChange + QUIET_MS, this.firstChange + MAX_DELAY_MS) - now;
      if (wait > 1) {
        this.arm(wait);
        return;
      }
      this.saveTimer = null;
      void this.save().catch(() => {});
    }, ms);
    this.saveTimer.unref();
  }

  /** Writes the cache now, a pending save included; resolves once every write begun before is done too. */
  save(): Promise<void> {
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.saveTimer = null;
    }
    const write = this.writing.then(async () => {
      await this.ready().catch(() => {});
      if (!this.dirty) return;
      this.dirty = false;
      try {
        await writeCheckedCache(this.path(), this.format, this.body());
      } catch (error) {
        this.dirty = true;
        throw error;
      }
    });
    this.writing = write.catch(() => {});
    return write;
  }
}

/**
 * Holds the saves of an owner's cache files while a task runs (a pass over many files): a change only marks its
 * file, and the marked files are saved once when the outermost task ends, not every few seconds over a pass that
 * can take minutes (each save serializes, hashes and syncs the whole file).
 */
export class SaveHold {
  private depth = 0;

  constructor(private readonly files: () => Iterable<CheckedCacheFile>) {}

  async during<T>(task: () => Promise<T>): Promise<T> {
    this.depth++;
    try {
      return await task();
    } finally {
      if (--this.depth === 0) for (const f of this.files()) if (f.isDirty) f.scheduleSave();
    }
  }

  /** Marks `file` changed: saved soon, or when the held task ends. */
  changed(file: CheckedCacheFile): void {
    if (this.depth) file.touch();
    else file.changed();
  }
}
