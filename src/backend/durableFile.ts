// A lowdb adapter that validates on read and makes every acknowledged write durable:
// stable key order, temp file + fsync + rename + directory fsync.
import { type ChildProcessByStdio, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type FileHandle, mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { Adapter } from 'lowdb';
import type { z } from 'zod';
import { describeZodError } from '../core/schemas';
import { stableLine, stableStringify } from '../core/stableJson';

/** A project file that exists but cannot be used; carries the path and one-line reason. */
export class FileProblemError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

/** Folders being created, so a concurrent write into one waits until the creator has made it durable. */
const creating = new Map<string, Promise<void>>();
/**
 * Folders this process made durable or found in place: a save into one skips the mkdir, a call on libuv's pool
 * that waits its turn behind other files' fsyncs. A folder removed since is made again when a write into it fails.
 */
const present = new Set<string>();

/**
 * Creates a folder and its missing parents durably: a new folder (a new annotator's first save) survives a crash
 * only once every new level and its parent are synced. A second write into a folder another write is creating
 * waits for those syncs, so it is never acknowledged before the folder it lies in is durable.
 */
export async function makeDirDurably(dir: string): Promise<void> {
  if (present.has(dir)) return;
  const pending = creating.get(dir);
  if (pending) return pending;
  const make = (async () => {
    const created = await mkdir(dir, { recursive: true });
    if (!created) return;
    for (let d = dir; d.length >= created.length; d = dirname(d)) await syncDirectory(d);
    await syncDirectory(dirname(created));
  })();
  creating.set(dir, make);
  try {
    await make;
    present.add(dir);
  } finally {
    creating.delete(dir);
  }
}

/**
 * Opens a file in a folder taken as present; when the folder has gone since, makes it again, durably (every
 * write that finds it gone does, as several may be writing into it at once).
 */
function openIn(dir: string, path: string, flags: 'w' | 'a'): Promise<FileHandle> {
  return open(path, flags).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
    present.delete(dir);
    await makeDirDurably(dir);
    return open(path, flags);
  });
}

/** Writes bytes so that after the promise resolves they survive a crash (SIGKILL or power loss). */
export async function writeFileDurably(
  path: string,
  content: string | Uint8Array,
  options: { syncDir?: boolean; syncFile?: boolean } = {},
): Promise<void> {
  await replaceDurably(path, (handle) => handle.writeFile(content, 'utf8'), options);
}

/**
 * `writeFileDurably` for content made piece by piece (an export): the pieces are written to the temp file as
 * they come, so the whole content is never one string in memory; the target appears whole or not at all.
 */
export async function writeChunksDurably(path: string, chunks: AsyncIterable<string>): Promise<void> {
  await replaceDurably(path, async (handle) => {
    // The next piece is made while the last one is written: one write in flight, pieces in order.
    let writing: Promise<unknown> = Promise.resolve();
    try {
      for await (const chunk of chunks) {
        if (!chunk) continue;
        await writing;
        writing = handle.write(chunk, null, 'utf8');
        // Handled here so a failed write met between two pieces is not an unhandled rejection; awaited below.
        writing.catch(() => {});
      }
    } finally {
      await writing.catch(() => {});
    }
    await writing;
  });
}

/** Fills a temp file beside `path`, syncs it and renames it over `path`: the target is whole or untouched. */
async function replaceDurably(
  path: string,
  fill: (handle: FileHandle) => Promise<unknown>,
  options: { syncDir?: boolean; syncFile?: boolean } = {},
): Promise<void> {
  const dir = dirname(path);
  await makeDirDurably(dir);
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await openIn(dir, temp, 'w');
    try {
      await fill(handle);
      // Without: the caller syncs the file itself before anything depends on it (a staged batch).
      if (options.syncFile !== false) await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  }
  // Batch writers (imports) sync the folder once at the end instead, before their commit point.
  if (options.syncDir !== false) await syncDirectory(dir);
}

/**
 * Appends bytes to a file so that after the promise resolves they survive a crash. `keepBytes` first cuts the
 * file to that length: the caller found a last line a crash cut short, which no one was ever told was saved.
 */
export async function appendFileDurably(path: string, content: string, keepBytes?: number): Promise<void> {
  const dir = dirname(path);
  await makeDirDurably(dir);
  const existed = await stat(path).then(
    () => true,
    () => false,
  );
  const handle = await openIn(dir, path, 'a');
  try {
    if (keepBytes !== undefined) await handle.truncate(keepBytes);
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  if (!existed) await syncDirectory(dir);
}

/** Temp files a crash left behind (between create and rename) match this name. */
export const TEMP_FILE = /^\..+\.[0-9a-f]{12}\.tmp$/;

/** Removes temp files older than `minAgeMs` in one folder (a crash's leftovers, never a write in flight). */
export async function removeStaleTempFiles(dir: string, minAgeMs = 60_000): Promise<number> {
  const names = await readdir(dir).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names) {
    if (!TEMP_FILE.test(name)) continue;
    const info = await stat(join(dir, name)).catch(() => null);
    if (info?.isFile() && Date.now() - info.mtimeMs > minAgeMs) {
      await unlink(join(dir, name)).catch(() => {});
      removed++;
    }
  }
  return removed;
}

/** A rename is durable only once its directory entry is flushed. */
export async function syncDirectory(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Some platforms (Windows) cannot open or fsync a directory; the file itself was synced.
  } finally {
    await handle?.close();
  }
}

/** Whether `sync -f` (syncfs) flushes a file system here: unknown until first tried; Linux only. */
let fileSystemSync: boolean | undefined = process.platform === 'linux' ? undefined : false;

/** Turns the file system flush off (tests of the per-file path) or back to its default. */
export function useFileSystemSync(on: boolean): void {
  fileSystemSync = on && process.platform === 'linux' ? undefined : false;
}

/**
 * A shell that runs `sync -f` for each path it reads on a line and answers 0 (flushed) or 1, one line each, in
 * order. Started once, while the process is small: spawning a child forks the whole process, which held the
 * thread that answers the API for tens of milliseconds once an import had grown it to hundreds of megabytes.
 */
interface Flusher {
  child: ChildProcessByStdio<Writable, Readable, null>;
  waiting: ((flushed: boolean | Error) => void)[];
}
let flusher: Flusher | null = null;

const FLUSHER = 'while IFS= read -r p; do if sync -f -- "$p" 2>/dev/null; then echo 0; else echo 1; fi; done';

/** Starts the flusher now (opening a project does), so no import pays for the fork later. */
export function prepareFileSystemSync(): void {
  if (fileSystemSync === false || flusher) return;
  let child: Flusher['child'];
  try {
    child = spawn('sh', ['-c', FLUSHER], { stdio: ['pipe', 'pipe', 'ignore'] });
  } catch {
    return;
  }
  const own: Flusher = { child, waiting: [] };
  flusher = own;
  let buffered = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffered += chunk;
    let at = buffered.indexOf('\n');
    while (at >= 0) {
      const answer = buffered.slice(0, at).trim();
      buffered = buffered.slice(at + 1);
      own.waiting.shift()?.(answer === '0');
      at = buffered.indexOf('\n');
    }
    idle(own);
  });
  const gone = (error: Error) => {
    if (flusher === own) flusher = null;
    for (const resolve of own.waiting.splice(0)) resolve(error);
  };
  child.on('error', gone);
  child.on('exit', () => gone(new Error('the flushing process ended')));
  child.stdin.on('error', () => {});
  idle(own);
}

/** The flusher keeps the process alive only while a flush is waiting. */
function idle(own: Flusher): void {
  const handles = [own.child, own.child.stdout, own.child.stdin] as unknown as { ref(): void; unref(): void }[];
  for (const handle of handles)
    if (own.waiting.length > 0) handle.ref();
    else handle.unref();
}

/**
 * One `sync -f` of `path`: true when flushed. A path the line protocol cannot carry, or a flusher that is gone,
 * gets a `sync` of its own.
 */
async function flushThrough(path: string): Promise<boolean> {
  if (!path.includes('\n')) prepareFileSystemSync();
  const own = flusher;
  if (own && !path.includes('\n')) {
    const answer = await new Promise<boolean | Error>((resolve) => {
      own.waiting.push(resolve);
      idle(own);
      own.child.stdin.write(`${path}\n`);
    });
    if (typeof answer === 'boolean') return answer;
  }
  return new Promise((resolve) => {
    execFile('sync', ['-f', path], { timeout: 120_000 }, (error) => resolve(!error));
  });
}

/**
 * Makes every write made so far to the file system holding `path` durable, files and folder entries alike, in
 * one flush (syncfs through coreutils' `sync -f`, run by a child process, so no thread of libuv's pool waits on
 * it): thousands of staged files cost one journal commit instead of one fsync each. False when this system
 * cannot (not Linux, no `sync -f`): the caller syncs each file and folder itself. A flush that fails once it
 * has worked is an error: the writes may not be on disk.
 */
export async function syncFileSystem(path: string): Promise<boolean> {
  if (fileSystemSync === false) return false;
  const flushed = await flushThrough(path);
  if (flushed === true) {
    fileSystemSync = true;
    return true;
  }
  if (fileSystemSync === undefined) {
    fileSystemSync = false;
    return false;
  }
  throw new Error(`the file system could not be flushed (sync -f ${path} failed)`);
}

/** Lowdb adapter for one JSON file of the project, validated against its zod schema. */
export class DurableJsonFile<T> implements Adapter<T> {
  constructor(
    readonly path: string,
    private readonly schema: z.ZodType<T>,
    private readonly options: { syncDir?: boolean; syncFile?: boolean; compact?: boolean } = {},
  ) {}

  async read(): Promise<T | null> {
    let raw: string;
    try {
      raw = await readFile(this.path, 'utf8');
    } catch (error) {
      return this.unread(error);
    }
    return this.parse(raw);
  }

  /** `read` without a round trip per file to the thread pool: for many small files read in slices. */
  readSync(): T | null {
    return this.readSyncAsWritten()?.value ?? null;
  }

  /** `readSync` that also gives the file's text as read (a reader may take parts of it as written). */
  readSyncAsWritten(): { value: T; raw: string } | null {
    let raw: string;
    try {
      raw = readFileSync(this.path, 'utf8');
    } catch (error) {
      return this.unread(error);
    }
    const value = this.parse(raw);
    return value === null ? null : { value, raw };
  }

  private unread(error: unknown): null {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new FileProblemError(this.path, `cannot be read (${(error as Error).message})`);
  }

  private parse(raw: string): T | null {
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch (error) {
      throw new FileProblemError(this.path, `is not valid JSON (${(error as Error).message})`);
    }
    const parsed = this.schema.safeParse(data);
    if (!parsed.success) throw new FileProblemError(this.path, describeZodError(parsed.error));
    return parsed.data;
  }

  async write(data: T): Promise<void> {
    const parsed = this.schema.safeParse(data);
    if (!parsed.success) throw new FileProblemError(this.path, `refused to write: ${describeZodError(parsed.error)}`);
    // compact: large derived files (the model), where one number a line would triple the size
    const text = this.options.compact ? `${stableLine(parsed.data)}\n` : stableStringify(parsed.data);
    await writeFileDurably(this.path, text, this.options);
  }
}
