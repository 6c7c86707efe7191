// Every read and write of a project file goes through lowdb here, one write at a time per file.
import { Low } from 'lowdb';
import type { z } from 'zod';
import { DurableJsonFile } from './durableFile';

const queues = new Map<string, Promise<unknown>>();

/** Serializes writes to one path so a later save never lands before an earlier one. */
function enqueue<R>(path: string, task: () => Promise<R>): Promise<R> {
  const previous = queues.get(path) ?? Promise.resolve();
  const next = previous.then(task, task);
  const settled = next.catch(() => {});
  queues.set(path, settled);
  void settled.then(() => {
    if (queues.get(path) === settled) queues.delete(path);
  });
  return next;
}

/** Reads and validates one file; null when it does not exist, FileProblemError when it is bad. */
export async function readJson<T>(path: string, schema: z.ZodType<T>): Promise<T | null> {
  const db = new Low<T | null>(new DurableJsonFile(path, schema) as DurableJsonFile<T | null>, null);
  await db.read();
  return db.data;
}

/** Writes one file durably (resolves only after fsync), serialized per path. */
export function writeJson<T>(
  path: string,
  schema: z.ZodType<T>,
  data: T,
  options: { syncDir?: boolean; compact?: boolean } = {},
): Promise<void> {
  return enqueue(path, async () => {
    const db = new Low<T>(new DurableJsonFile(path, schema, options), data);
    db.data = data;
    await db.write();
  });
}

/**
 * Read-check-write under the path's queue, so a file that cannot be read is never overwritten
 * and two concurrent updates of one file cannot interleave.
 */
export function updateJson<T>(
  path: string,
  schema: z.ZodType<T>,
  update: (current: T | null) => T | Promise<T>,
): Promise<T> {
  return enqueue(path, async () => {
    const db = new Low<T | null>(new DurableJsonFile(path, schema) as DurableJsonFile<T | null>, null);
    await db.read(); // throws FileProblemError for an unreadable file: nothing is written
    const next = await update(db.data);
    db.data = next;
    await db.write();
    return next;
  });
}
