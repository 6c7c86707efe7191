// All or nothing for every change of several files (an import, a label rename, merge or delete, a merge of
// packages, a metadata edit), even under SIGKILL. The change writes every file it will add or replace into a
// staging folder inside the project (`.import-<hex>/`, mirroring the project's paths); nothing of the project
// changes meanwhile (but for new documents an import links in place early, which no reader opens before the
// index names them). The commit point is `.import-journal.json` put in place durably (written to the project
// root, or staged and sealed with the files and renamed there), which lists the staged files; then each is
// renamed into place, `.import-generation` gets a new random value, and the journal is removed. A reader that
// sees no journal and the same generation before and after its reads saw one committed state. The next writer
// (under the project lock) rolls a journal it finds forward (the renames are idempotent) and deletes staging
// folders no journal names (a killed or refused change), with the files they placed: the project is either as
// before or fully changed.
import { randomBytes } from 'node:crypto';
import { type BigIntStats, mkdirSync } from 'node:fs';
import { link, lstat, open, readdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import { z } from 'zod';
import { describeZodError } from '../core/schemas';
import { stableStringify } from '../core/stableJson';
import { FileProblemError, makeDirDurably, syncDirectory, syncFileSystem, writeFileDurably } from './durableFile';
import { inTurn } from './writeGate';

/** The journal's name at the project root. */
export const JOURNAL = '.import-journal.json';
/** Changes with every commit, so a reader can tell that one happened while it read. */
export const GENERATION = '.import-generation';
// The folder's name carries the pid of the process making the change, so a kill at any moment (even right
// after the folder is made) leaves a folder that tells whether its maker is alive. Folders of older versions
// carry no pid and name it in an `.owner` file.
const STAGING = /^\.import-(?:(\d+)-)?[0-9a-f]{12}$/;
const OWNER = '.owner';
/** Staged bytes between two flushes. */
const SYNC_BYTES = 8 << 20;
/** Staged files fsync'd together where the file system cannot be flushed whole. */
const BATCH = 256;
/** List entries checked and serialized between two turns of the event loop. */
const LIST_SLICE = 500;

/** A staging folder whose change is still being made by a live process is not a leftover. */
async function leftover(root: string, name: string): Promise<boolean> {
  const dir = join(root, name);
  const named = STAGING.exec(name)?.[1];
  const pid = Number(named ?? (await readFile(join(dir, OWNER), 'utf8').catch(() => '')).trim());
  if (!Number.isInteger(pid) || pid <= 0) {
    // An older version's folder whose owner file was not written yet: only an old one is abandoned.
    const info = await stat(dir).catch(() => null);
    return !info || Date.now() - info.mtimeMs > 60_000;
  }
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

interface Journal {
  staging: string;
  files: string[];
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

export class ImportStaging {
  readonly name = `.import-${process.pid}-${randomBytes(6).toString('hex')}`;
  private readonly files = new Set<string>();
  private readonly dirs = new Set<string>();

  constructor(readonly root: string) {}

  private path(rel: string): string {
    if (rel.split(/[\\/]/).some((p) => p === '..' || p === '')) throw new Error(`refused: staging path ${rel}`);
    return join(this.root, this.name, rel);
  }

  /**
   * Stages one JSON file at a project-relative path (validated by the file's schema, laid out as Project writes
   * it). Nothing reads a staged file before the commit, which makes it durable first, so it is written in place
   * (no temp file and rename).
   */
  async writeJson<T>(rel: string, schema: z.ZodType<T>, data: T): Promise<void> {
    const parsed = schema.safeParse(data);
    if (!parsed.success) this.refuse(rel, `refused to write: ${describeZodError(parsed.error)}`);
    await this.writeChecked(rel, stableStringify(parsed.data));
  }

  /**
   * `writeJson` for a file that is mostly one long list (the document index: 10,000 entries take the thread a
   * fifth of a second to check and serialize at once): the list is checked and serialized in slices, giving
   * way between them, into the same bytes.
   */
  async writeListJson<T>(
    rel: string,
    schema: z.ZodType,
    fields: Record<string, unknown>,
    key: string,
    items: T[],
    itemSchema: z.ZodType<T>,
  ): Promise<void> {
    const shell = schema.safeParse({ ...fields, [key]: [] });
    if (!shell.success) this.refuse(rel, `refused to write: ${describeZodError(shell.error)}`);
    const list = z.array(itemSchema);
    const parts: string[] = [];
    for (let at = 0; at < items.length; at += LIST_SLICE) {
      const parsed = list.safeParse(items.slice(at, at + LIST_SLICE));
      if (!parsed.success) {
        // The whole file checked again names the entry by its place in the file, as writeJson would.
        const whole = schema.safeParse({ ...fields, [key]: items });
        this.refuse(
          rel,
          `refused to write: ${whole.success ? describeZodError(parsed.error) : describeZodError(whole.error)}`,
        );
      }
      for (const item of parsed.data) parts.push(`    ${stableStringify(item).slice(0, -1).replace(/\n/g, '\n    ')}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const empty = stableStringify(shell.data);
    const marker = `\n  ${JSON.stringify(key)}: []`;
    if (!empty.includes(marker)) throw new Error(`${rel}: ${key} is not a list at the top of the file`);
    await this.writeChecked(
      rel,
      parts.length ? empty.replace(marker, `\n  ${JSON.stringify(key)}: [\n${parts.join(',\n')}\n  ]`) : empty,
    );
  }

  /**
   * Leaves a staged file out of the commit (`include: false`: a part of the change that turned out not to be
   * written), or counts it in again.
   */
  include(rel: string, include: boolean): void {
    const key = rel.split(sep).join('/');
    if (include) this.files.add(key);
    else this.files.delete(key);
  }

  /** Refuses the file at `rel`, as `writeJson` refuses data its schema rejects. */
  refuse(rel: string, problem: string): never {
    throw new FileProblemError(this.path(rel), problem);
  }

  /**
   * `writeJson` that also gives the data as checked and the staged file's stats, for a caller that keeps what it
   * wrote: the commit's rename leaves the file's inode, modification time and size as they are.
   */
  async writeJsonKept<T>(rel: string, schema: z.ZodType<T>, data: T): Promise<{ data: T; stats: BigIntStats }> {
    const parsed = schema.safeParse(data);
    if (!parsed.success) this.refuse(rel, `refused to write: ${describeZodError(parsed.error)}`);
    const content = stableStringify(parsed.data);
    const path = this.folderFor(rel);
    const stats = await inTurn(async () => {
      const handle = await open(path, 'w');
      try {
        await handle.writeFile(content);
        return await handle.stat({ bigint: true });
      } finally {
        await handle.close();
      }
    });
    await this.staged(rel, path, Buffer.byteLength(content));
    return { data: parsed.data, stats };
  }

  /** Stages content already checked against its file's schema and laid out. */
  async writeChecked(rel: string, content: string | Uint8Array): Promise<void> {
    const path = this.folderFor(rel);
    await inTurn(() => writeFile(path, content));
    await this.staged(rel, path, typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength);
  }

  /** The staged path of `rel`, its folder made (and marked to be synced). */
  private folderFor(rel: string): string {
    const path = this.path(rel);
    const dir = dirname(path);
    if (!this.dirs.has(dir)) mkdirSync(dir, { recursive: true });
    this.addDirs(dir);
    this.unsyncedDirs.add(dir);
    return path;
  }

  /** The staging folder, mirroring the project's paths. */
  get folder(): string {
    return join(this.root, this.name);
  }

  // Every new level is synced at the seal (when files are synced one by one), so the entries that lead to the
  // files are durable too.
  private addDirs(dir: string): void {
    for (let d = dir; d.length > this.folder.length && !this.dirs.has(d); d = dirname(d)) {
      this.dirs.add(d);
      this.unsyncedDirs.add(d);
    }
  }

  /** Folders with entries not yet synced (when files are synced one by one). */
  private readonly unsyncedDirs = new Set<string>();

  private async staged(rel: string, path: string, bytes: number): Promise<void> {
    this.files.add(rel.split(sep).join('/'));
    this.unsynced.push(path);
    this.unsyncedBytes += bytes;
    if (this.unsyncedBytes >= SYNC_BYTES) {
      this.flush();
      // Bounded: a disk slower at flushing than the import at writing holds the import back.
      while (this.syncing.length > 2) await this.syncing.shift();
    }
  }

  private unsynced: string[] = [];
  private unsyncedBytes = 0;
  private syncing: Promise<void>[] = [];
  private fileByFile = false;

  /**
   * Makes the staged files written so far durable, while staging goes on: one flush of the file system where it
   * can (syncFileSystem), else each file's fsync, issued together in batches (the file system commits them in
   * one journal flush) as their turns come (writeGate.ts), then each of their folders once. Flushing every few
   * megabytes keeps little unwritten data for a save's fsync to wait behind; the commit waits for every flush.
   */
  private flush(): void {
    const files = this.unsynced;
    this.unsynced = [];
    this.unsyncedBytes = 0;
    const run = async () => {
      if (await syncFileSystem(this.root)) return;
      this.fileByFile = true;
      for (let at = 0; at < files.length; at += BATCH) {
        const batch = files.slice(at, at + BATCH);
        await pooled(batch, 64, (path) =>
          inTurn(async () => {
            const handle = await open(path, 'r+');
            try {
              await handle.sync();
            } finally {
              await handle.close();
            }
          }),
        );
        for (const d of new Set(batch.map((f) => dirname(f)))) await syncDirectory(d);
      }
    };
    const done = run();
    done.catch(() => {});
    this.syncing.push(done);
  }

  /**
   * Removes the staging folder (a refused or cancelled change, or one committed); the files it placed are taken
   * back unless it committed.
   */
  async discard(): Promise<void> {
    this.unsynced = [];
    await Promise.allSettled(this.syncing);
    if (!this.committed) {
      await pooled([...this.placed], 16, (rel) => takeBack(this.root, this.folder, rel));
      this.placed.clear();
    } else {
      // The staged twins of placed files are all that is left in the folder but for a few: each is unlinked by
      // name, where removing the folder whole would stat every entry first.
      await pooled([...this.placed], 16, (rel) => inTurn(() => unlink(this.path(rel)).catch(() => {})));
    }
    await rm(join(this.root, this.name), { recursive: true, force: true });
  }

  /**
   * Makes every file staged so far durable, with the folders that lead to them. A change seals its staging
   * before it takes the project lock, so the commit under the lock has little or nothing left to flush. Given
   * the commit's order, the journal the commit will write is staged and made durable with the files, so the
   * commit point under the lock is one rename and one flush of the project folder.
   */
  async seal(order?: (rel: string) => number): Promise<void> {
    let journal: string | undefined;
    if (order) {
      journal = this.journalText(order);
      if (journal !== this.sealedJournal) {
        const path = join(this.folder, JOURNAL);
        mkdirSync(this.folder, { recursive: true });
        await inTurn(() => writeFile(path, journal as string));
        this.unsynced.push(path);
        this.unsyncedDirs.add(this.folder);
      }
    }
    // Each flush starts after the files it covers were written (and the links placed).
    if (this.unsynced.length || this.placedSinceSeal) this.flush();
    this.placedSinceSeal = false;
    await Promise.all(this.syncing);
    if (this.fileByFile && this.unsyncedDirs.size) {
      const dirs = [...this.unsyncedDirs];
      this.unsyncedDirs.clear();
      for (const d of dirs) await syncDirectory(d);
      await syncDirectory(this.folder);
    }
    if (journal !== undefined) this.sealedJournal = journal;
  }

  /** The journal staged and made durable by the last `seal`, as text. */
  private sealedJournal: string | null = null;

  private journalText(order: (rel: string) => number): string {
    const files = [...this.files].sort((a, b) => order(a) - order(b) || (a < b ? -1 : a > b ? 1 : 0));
    const journal: Journal = { staging: this.name, files };
    return `${JSON.stringify(journal)}\n`;
  }

  /**
   * The files staged so far; `rollback` leaves out of the commit whatever was staged after this point (a part
   * of the change that is staged again, from a newer state of the project).
   */
  checkpoint(): { rollback: () => void } {
    const kept = new Set(this.files);
    return {
      rollback: () => {
        for (const rel of this.files) if (!kept.has(rel)) this.files.delete(rel);
      },
    };
  }

  /**
   * Puts staged files whose place in the project is free into it before the commit, as a second link to the
   * staged file: new documents, which no reader opens before the document index names them. A place that is
   * taken (EEXIST: a link never replaces) is left to the commit's renames, as is every file once links fail
   * (a file system without them). The commit then renames only the rest under the lock. A placed file is
   * taken back by `discard`, or by `recoverImport` after a crash, when its change was not committed: the file
   * in place is still the staged file (same inode) and the committed state does not name it.
   */
  async place(rels: readonly string[]): Promise<void> {
    if (this.committed) return;
    await pooled(rels, 16, async (rel) => {
      const key = rel.split(sep).join('/');
      if (!this.linking || !this.files.has(key)) return;
      const target = join(this.root, rel);
      try {
        await makeDirDurably(dirname(target));
        await inTurn(() => link(this.path(rel), target));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') this.linking = false;
        return;
      }
      this.files.delete(key);
      this.placed.add(key);
      this.unsyncedDirs.add(dirname(target));
      this.placedSinceSeal = true;
    });
  }

  /** Files put in place before the commit (`place`). */
  private readonly placed = new Set<string>();
  /** Cleared by the first link that fails for another reason than a taken place: the commit renames the rest. */
  private linking = true;
  private placedSinceSeal = false;
  /** Set once the journal is in place: from then on the change is committed, whatever happens. */
  private committed = false;

  /**
   * The commit: the staging sealed, the journal put in place durably (the commit point), then applied. The
   * staging folder is removed after, unless `keepFolder` (the caller removes it with `discard` once it has let go
   * of the lock: the folder names a live process, so no one else touches it meanwhile).
   */
  async commit(order: (rel: string) => number, options: { keepFolder?: boolean } = {}): Promise<void> {
    await this.seal();
    const journal = this.journalText(order);
    if (journal === this.sealedJournal) {
      await rename(join(this.folder, JOURNAL), join(this.root, JOURNAL));
      this.committed = true;
      await syncDirectory(this.root);
    } else {
      await writeFileDurably(join(this.root, JOURNAL), journal);
      this.committed = true;
    }
    await applyJournal(this.root, JSON.parse(journal) as Journal);
    if (!options.keepFolder) await rm(this.folder, { recursive: true, force: true });
  }
}

/** Runs `task` over `items`, at most `limit` at a time, in order of start. */
export async function pooled<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

async function applyJournal(root: string, journal: Journal): Promise<void> {
  const touched = new Set<string>();
  const dirs = [...new Set(journal.files.map((rel) => dirname(join(root, rel))))];
  for (const d of dirs) await makeDirDurably(d);
  // Under the project lock no save of this process runs, so the renames take the pool's full width: every
  // write waits for the lock meanwhile.
  await pooled(journal.files, 16, async (rel) => {
    const from = join(root, journal.staging, rel);
    const to = join(root, rel);
    try {
      await rename(from, to);
      touched.add(dirname(to));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || !(await exists(to)))
        throw new Error(`${JOURNAL} names ${rel}, which is neither staged nor in place`);
    }
  });
  // The generation tells readers running now that a commit happened; no reader outlives a crash, so it is not
  // synced. It changes before the journal goes, and the folders are flushed together.
  await Promise.all([
    ...[...touched].map(syncDirectory),
    writeFileDurably(join(root, GENERATION), `${randomBytes(8).toString('hex')}\n`, {
      syncDir: false,
      syncFile: false,
    }),
  ]);
  await unlink(join(root, JOURNAL));
  await syncDirectory(root);
}

/** Removes the file at `rel` in the project when it is the staged file of `folder` placed there (same inode). */
async function takeBack(root: string, folder: string, rel: string): Promise<void> {
  const [staged, placed] = await Promise.all([
    lstat(join(folder, rel)).catch(() => null),
    lstat(join(root, rel)).catch(() => null),
  ]);
  if (staged && placed && staged.ino === placed.ino && staged.dev === placed.dev)
    await unlink(join(root, rel)).catch(() => {});
}

/** Every file under a staging folder, project-relative, '/'-separated. */
async function stagedFiles(folder: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(join(folder, rel), { withFileTypes: true }).catch(() => []))
    if (entry.isDirectory()) out.push(...(await stagedFiles(folder, `${rel}${entry.name}/`)));
    else if (entry.isFile()) out.push(`${rel}${entry.name}`);
  return out;
}

/** Whether a journal or an abandoned staging folder waits for `recoverImport`. */
export async function needsRecovery(root: string): Promise<boolean> {
  if (await exists(join(root, JOURNAL))) return true;
  for (const name of await readdir(root).catch(() => [] as string[]))
    if (STAGING.test(name) && (await leftover(root, name))) return true;
  return false;
}

/**
 * Finishes or undoes a change a crash interrupted: a journal is rolled forward, staging folders without one
 * are removed, with the files their change had placed (`ImportStaging.place`) unless `committed` says the
 * project names them (the change committed, and its process died before it removed its folder). Run only under
 * the project lock, so it never races a commit in progress.
 */
export async function recoverImport(
  root: string,
  committed: (rels: string[]) => Promise<Set<string>> = async (rels) => new Set(rels),
): Promise<'rolled forward' | 'cleaned' | null> {
  let did: 'rolled forward' | 'cleaned' | null = null;
  const raw = await readFile(join(root, JOURNAL), 'utf8').catch(() => null);
  if (raw !== null) {
    let journal: Journal | null = null;
    try {
      const data = JSON.parse(raw) as Journal;
      if (STAGING.test(data.staging) && Array.isArray(data.files) && data.files.every((f) => typeof f === 'string'))
        journal = data;
    } catch {
      journal = null;
    }
    // A journal is written whole (temp file and rename) or not at all; one that does not parse was never ours.
    if (!journal) throw new Error(`${JOURNAL} cannot be read: an interrupted change cannot be finished`);
    if (journal.files.some((f) => f.split('/').some((p) => p === '..' || p === '')))
      throw new Error(`${JOURNAL} names a path outside the project`);
    await applyJournal(root, journal);
    await rm(join(root, journal.staging), { recursive: true, force: true });
    did = 'rolled forward';
  }
  for (const name of await readdir(root).catch(() => [] as string[]))
    if (STAGING.test(name) && (await leftover(root, name))) {
      const folder = join(root, name);
      const files = await stagedFiles(folder);
      const kept = await committed(files);
      await pooled(
        files.filter((rel) => !kept.has(rel)),
        16,
        (rel) => takeBack(root, folder, rel),
      );
      await rm(folder, { recursive: true, force: true });
      did ??= 'cleaned';
    }
  return did;
}
