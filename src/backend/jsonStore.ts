// Every read and write of a project file goes through lowdb here, one write at a time per file.
import { readFile } from 'node:fs/promises';
import { Low } from 'lowdb';
import type { z } from 'zod';
import { describeZodError } from '../core/schemas';
import { stableLine } from '../core/stableJson';
import { appendFileDurably, DurableJsonFile, FileProblemError } from './durableFile';
import { KeyedQueue } from './keyedQueue';

const writes = new KeyedQueue();

/** Serializes writes to one path so a later save never lands before an earlier one. */
function enqueue<R>(path: string, task: () => Promise<R>): Promise<R> {
  return writes.run(path, task);
}

/** Reads and validates one file; null when it does not exist, FileProblemError when it is bad. */
export async function readJson<T>(path: string, schema: z.ZodType<T>): Promise<T | null> {
  const db = new Low<T | null>(new DurableJsonFile(path, schema) as DurableJsonFile<T | null>, null);
  await db.read();
  return db.data;
}

/** `readJson` done synchronously, for callers that read many small files in slices between yields. */
export function readJsonSync<T>(path: string, schema: z.ZodType<T>): T | null {
  return new DurableJsonFile(path, schema).readSync();
}

/** `readJsonSync` that also gives the file's text as read. */
export function readJsonSyncAsWritten<T>(path: string, schema: z.ZodType<T>): { value: T; raw: string } | null {
  return new DurableJsonFile(path, schema).readSyncAsWritten();
}

/** Writes one file durably (resolves only after fsync), serialized per path. */
export function writeJson<T>(
  path: string,
  schema: z.ZodType<T>,
  data: T,
  options: { syncDir?: boolean; syncFile?: boolean; compact?: boolean } = {},
): Promise<void> {
  return enqueue(path, async () => {
    const db = new Low<T>(new DurableJsonFile(path, schema, options), data);
    db.data = data;
    await db.write();
  });
}

/** What an update may know or do beside reading and writing the file, inside the path's queue. */
export interface UpdateHooks<T> {
  /** The file's content as the caller last read or wrote it, when it knows the file is unchanged (undefined: read it). */
  kept?: () => Promise<T | undefined>;
  /** Runs after the write, before the next update of the path starts (to note the version just written). */
  written?: (data: T) => Promise<void>;
}

/**
 * Read-check-write under the path's queue, so a file that cannot be read is never overwritten
 * and two concurrent updates of one file cannot interleave.
 */
export function updateJson<T>(
  path: string,
  schema: z.ZodType<T>,
  update: (current: T | null) => T | Promise<T>,
  hooks: UpdateHooks<T> = {},
): Promise<T> {
  return enqueue(path, async () => {
    const db = new Low<T | null>(new DurableJsonFile(path, schema) as DurableJsonFile<T | null>, null);
    const known = await hooks.kept?.();
    if (known !== undefined) db.data = known;
    else await db.read(); // throws FileProblemError for an unreadable file: nothing is written
    const next = await update(db.data);
    db.data = next;
    await db.write();
    await hooks.written?.(next);
    return next;
  });
}

/** A JSONL file read: its values, and where an append must start. */
interface JsonLines<T> {
  values: T[];
  /** Bytes to keep: less than the file when its last line is an append a crash cut short. */
  keepBytes: number;
  /** The last line is complete but has no newline (written by hand): the next append starts one. */
  openLine: boolean;
  size: number;
}

async function readLines<T>(path: string, schema: z.ZodType<T>): Promise<JsonLines<T> | null> {
  let raw: Buffer;
  try {
    raw = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new FileProblemError(path, `cannot be read (${(error as Error).message})`);
  }
  const end = raw.lastIndexOf(0x0a) + 1;
  const lines = raw.subarray(0, end).toString('utf8').split('\n');
  const values: T[] = [];
  const parse = (line: string, n: number): T | undefined => {
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch (error) {
      throw new FileProblemError(path, `line ${n}: not valid JSON (${(error as Error).message})`);
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw new FileProblemError(path, `line ${n}: ${describeZodError(parsed.error)}`);
    return parsed.data;
  };
  lines.forEach((line, i) => {
    if (line.trim() !== '') values.push(parse(line, i + 1) as T);
  });
  const tail = raw.subarray(end).toString('utf8');
  if (tail.trim() === '') return { values, keepBytes: end, openLine: false, size: raw.length };
  try {
    values.push(parse(tail, lines.length) as T);
    return { values, keepBytes: raw.length, openLine: true, size: raw.length };
  } catch {
    // every append ends with a newline in the same write: an unterminated line that does not parse was cut short
    return { values, keepBytes: end, openLine: false, size: raw.length };
  }
}

/** Reads and validates a JSONL file, one value a line; null when it does not exist, FileProblemError when bad. */
export async function readJsonLines<T>(path: string, schema: z.ZodType<T>): Promise<T[] | null> {
  return (await readLines(path, schema))?.values ?? null;
}

/**
 * Appends one value as a line, durably, serialized per path. A file with a bad line is never appended to; a last
 * line a crash cut short is cut off first.
 */
export function appendJsonLine<T>(path: string, schema: z.ZodType<T>, value: T): Promise<void> {
  return enqueue(path, async () => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new FileProblemError(path, `refused to write: ${describeZodError(parsed.error)}`);
    const current = await readLines(path, schema);
    const line = `${current?.openLine ? '\n' : ''}${stableLine(parsed.data)}\n`;
    await appendFileDurably(path, line, current && current.keepBytes < current.size ? current.keepBytes : undefined);
  });
}
