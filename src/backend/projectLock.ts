// One writer at a time per project folder, across processes: proper-lockfile's lock (an atomic mkdir of
// `.framelens.lock`, its mtime refreshed while held, taken over once older than STALE_MS) plus an in-process
// queue, since proper-lockfile refuses a second lock of the same folder in one process. The lock folder is
// created with an `owner` file inside (pid, host, what it is doing) in one rename, so a waiter can name the
// writer, and a lock whose owner is a dead process on this host counts as stale at once instead of after
// STALE_MS: a writer killed with SIGKILL does not hold the project for ten seconds.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { KeyedQueue } from './keyedQueue';

export const LOCK_DIR = '.framelens.lock';
const OWNER = 'owner';
/** The lock's mtime is refreshed every STALE_MS / 2; a lock not refreshed for STALE_MS is taken over. */
const STALE_MS = 10_000;
/** Temp folders of a lock being created; a crash between mkdir and rename leaves one behind. */
export const LOCK_TEMP = /^\.framelens\.lock\.[0-9a-f]{12}\.tmp$/;

/** Who holds a lock, as its owner file says. */
interface Owner {
  pid: number;
  host: string;
  what: string;
  since: string;
}

/** A write refused because another program kept the project locked for longer than the caller waits. */
export class LockBusyError extends Error {}

/** How long a writer waits for the lock, and whom it tells that it is waiting. */
export interface LockWait {
  waitMs: number;
  onWait?: (message: string) => void;
}

function readOwner(lockPath: string): Owner | null {
  try {
    const data = JSON.parse(fs.readFileSync(join(lockPath, OWNER), 'utf8')) as Owner;
    return typeof data.pid === 'number' && typeof data.host === 'string' ? data : null;
  } catch {
    return null;
  }
}

function isDead(owner: Owner): boolean {
  if (owner.host !== hostname() || owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

type Callback<T = void> = (error: NodeJS.ErrnoException | null, result?: T) => void;

/**
 * The file system proper-lockfile works through: the lock folder appears with its owner file already inside
 * (mkdir of a temp folder, then rename), is removed with it, and reads as stale when its owner is dead.
 */
function lockFs(what: () => string) {
  const owner = (): string =>
    JSON.stringify({ pid: process.pid, host: hostname(), what: what(), since: new Date().toISOString() });
  const removeSync = (path: string) => {
    fs.rmSync(join(path, OWNER), { force: true });
    fs.rmdirSync(path);
  };
  return {
    ...fs,
    mkdir(path: string, callback: Callback) {
      const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        fs.mkdirSync(temp);
        fs.writeFileSync(join(temp, OWNER), owner());
        fs.renameSync(temp, path);
        callback(null);
      } catch (error) {
        fs.rmSync(temp, { recursive: true, force: true });
        const e = error as NodeJS.ErrnoException;
        // A held lock is a folder with its owner inside: renaming onto it fails with ENOTEMPTY (or EEXIST).
        if (e.code === 'ENOTEMPTY' || e.code === 'EEXIST' || e.code === 'EISDIR' || e.code === 'EPERM')
          return callback(Object.assign(new Error(`${path} exists`), { code: 'EEXIST' }));
        callback(e);
      }
    },
    stat(path: string, callback: Callback<fs.Stats>) {
      fs.stat(path, (error, stats) => {
        if (error) return callback(error);
        const who = path.endsWith(LOCK_DIR) ? readOwner(path) : null;
        if (who && isDead(who)) {
          const stale = Object.create(stats) as fs.Stats;
          Object.defineProperty(stale, 'mtime', { value: new Date(0) });
          return callback(null, stale);
        }
        callback(null, stats);
      });
    },
    rmdir(path: string, callback: Callback) {
      try {
        removeSync(path);
        callback(null);
      } catch (error) {
        callback(error as NodeJS.ErrnoException);
      }
    },
    rmdirSync: removeSync,
  };
}

/** The in-process side: one queue per folder, and which folders the current async context holds. */
const queues = new KeyedQueue();
const held = new AsyncLocalStorage<ReadonlySet<string>>();
const compromised = new Map<string, Error>();

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Whether the current async context holds the lock of `root` (a nested write runs inside it). */
export function holdsLock(root: string): boolean {
  return held.getStore()?.has(root) ?? false;
}

/** Throws when the lock of `root` was lost while held (the process was paused past STALE_MS and another took it). */
export function assertLockHeld(root: string): void {
  const error = compromised.get(root);
  if (error) throw new LockBusyError(`lost the lock of ${root} (${error.message}); nothing more was written`);
}

async function acquire(root: string, what: string, wait: LockWait): Promise<() => Promise<void>> {
  const lockPath = join(root, LOCK_DIR);
  const options = {
    lockfilePath: lockPath,
    realpath: false,
    stale: STALE_MS,
    retries: 0,
    fs: lockFs(() => what),
    onCompromised: (error: Error) => {
      compromised.set(root, error);
    },
  };
  const deadline = Date.now() + wait.waitMs;
  let told = false;
  let delay = 20;
  for (;;) {
    try {
      const release = await lockfile.lock(root, options);
      compromised.delete(root);
      return release;
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      if (e.code !== 'ELOCKED') throw new LockBusyError(`cannot lock ${root} for writing (${e.code ?? e.message})`);
      const owner = readOwner(lockPath);
      const who = owner
        ? `${owner.what} (process ${owner.pid}${owner.host === hostname() ? '' : ` on ${owner.host}`}, since ${owner.since})`
        : 'another program';
      if (Date.now() >= deadline)
        throw new LockBusyError(`refused: ${root} is being written by ${who}; nothing was changed, try again`);
      if (!told) {
        told = true;
        wait.onWait?.(`waiting for ${who} to finish writing to ${root}…`);
      }
      await sleep(Math.min(delay, Math.max(1, deadline - Date.now())));
      delay = Math.min(delay * 2, 250);
    }
  }
}

/**
 * Runs `fn` holding the lock of `root`. Reentrant: a call made inside `fn` (same async context) runs at once.
 * In-process callers queue in order; another process's writer is waited for up to `wait.waitMs`.
 */
export function withProjectLock<T>(root: string, what: string, wait: LockWait, fn: () => Promise<T>): Promise<T> {
  if (holdsLock(root)) return fn();
  return queues.run(root, async () => {
    const release = await acquire(root, what, wait);
    try {
      return await held.run(new Set([...(held.getStore() ?? []), root]), fn);
    } finally {
      await release().catch(() => {});
    }
  });
}
