// The derived caches in .framelens-cache/ (the search index, the record summaries): a header line with the
// cache's format and the SHA-256 of the body, then the body as JSON. A cache cut short, edited or written by
// another version is rebuilt, never trusted.
import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFileDurably } from './durableFile';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The cache's body, or why it cannot be trusted. */
export function readCheckedCache(text: string, format: number): { data: unknown } | { problem: string } {
  const newline = text.indexOf('\n');
  if (newline < 0) return { problem: 'no header' };
  let header: { format?: unknown; sha256?: unknown };
  try {
    header = JSON.parse(text.slice(0, newline));
  } catch {
    return { problem: 'header does not parse' };
  }
  if (header.format !== format) return { problem: 'another format' };
  const body = text.slice(newline + 1);
  if (sha256(body) !== header.sha256) return { problem: 'checksum mismatch' };
  try {
    return { data: JSON.parse(body) };
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

/**
 * One cache file kept by its owner: loaded once, saved two seconds after the last change (or at once by `save`).
 * The timer is unref'd so a pending save never holds the process open.
 */
export class CheckedCacheFile {
  private dirty = false;
  private saveTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly path: () => string,
    private readonly format: number,
    private readonly body: () => unknown,
  ) {}

  /**
   * Hands the trusted body to `adopt`, which takes it or says why not. Returns the problem (`'none'` when there is
   * no file) or null; on a problem other than a missing file, `reset` drops whatever was taken and the file goes,
   * so an untrusted cache is never read twice.
   */
  async load(adopt: (data: unknown) => string | null, reset: () => void): Promise<string | null> {
    let text: string;
    try {
      text = await readFile(this.path(), 'utf8');
    } catch {
      return 'none';
    }
    const read = readCheckedCache(text, this.format);
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
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      void this.save().catch(() => {});
    }, 2000);
    this.saveTimer.unref();
  }

  /** Writes the cache now, a pending save included. */
  async save(): Promise<void> {
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.saveTimer = null;
    }
    if (!this.dirty) return;
    this.dirty = false;
    await writeCheckedCache(this.path(), this.format, this.body());
  }
}
