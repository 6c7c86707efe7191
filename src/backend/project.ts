// One open project folder: settings, codebook, the document index, and per-annotator annotation files.
// Project is the only writer of project files. Every write runs under the project lock (projectLock.ts)
// after the in-memory copies (settings, codebook, index) are checked against their files' version stamps
// and reloaded when another process changed them; a change of several files is staged and committed
// through the journal (importJournal.ts), so readers and a kill see all of it or none.
import { AsyncResource } from 'node:async_hooks';
import { createHash, randomBytes } from 'node:crypto';
import { type BigIntStats, statSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { z } from 'zod';
import type { DocumentPage, MetaEdit, PageRequest, SaveAnnotationsInput } from '../core/api';
import type { AssignmentPlan } from '../core/assignment';
import { emptyCodebook } from '../core/codebook';
import { metaProblem, sameMeta, tidyMeta } from '../core/documentMeta';
import { pageOfDocuments } from '../core/documentQuery';
import { idKey, idProblem } from '../core/ids';
import { type ModelFile, type ModelLayer, modelFileSchema, modelLayerSchema } from '../core/learn';
import {
  type AnnotationRecord,
  type Codebook,
  type DocumentMeta,
  type DocumentOrder,
  type DocumentRecord,
  type DocumentSummary,
  type FileProblem,
  GOLD,
  isModelName,
  type Memo,
  MODEL,
  type ProjectSettings,
  type RecordSummary,
  type Relation,
  type Span,
} from '../core/model';
import {
  fitProblem,
  normalizeRelations,
  relationIdentity,
  relationProblem,
  relationsAfterSpans,
  relationTypesOf,
} from '../core/relations';
import {
  annotationFileSchema,
  assignmentsFileSchema,
  codebookFileSchema,
  documentFileSchema,
  documentIndexEntrySchema,
  documentIndexFileSchema,
  interopFileSchema,
  memosFileSchema,
  projectFileSchema,
  SCHEMA_VERSION,
} from '../core/schemas';
import { assignSpanIds, decidedSpanIds, type StoredSpan } from '../core/spanIds';
import { stableLine, writtenString } from '../core/stableJson';
import { summarizeRecord } from '../core/stats';
import type { ChangelogEntry } from '../core/study/changelog';
import {
  changelogEntrySchema,
  type RoundRecordsFile,
  roundRecordsFileSchema,
  type StudyFile,
  studyFileSchema,
} from '../core/study/schema';
import { sortSpans, spanProblem } from '../core/text';
import {
  FileProblemError,
  prepareFileSystemSync,
  removeStaleTempFiles,
  syncDirectory,
  writeFileDurably,
} from './durableFile';
import { GENERATION, ImportStaging, JOURNAL, needsRecovery, pooled, recoverImport } from './importJournal';
import {
  appendJsonLine,
  readJson,
  readJsonLines,
  readJsonSync,
  readJsonSyncAsWritten,
  updateJson,
  writeJson,
} from './jsonStore';
import { LAYOUT, ProjectLayout } from './layout';
import { PhraseCache } from './phraseCache';
import { assertLockHeld, holdsLock, LOCK_DIR, LOCK_TEMP, type LockWait, withProjectLock } from './projectLock';
import { RecordFileCache, shardOf } from './recordCache';
import { SummaryCache } from './summaryCache';
import { urgent } from './writeGate';

/** What a pass over many documents (`documentsInOrder`) wants beside the documents. */
export interface DocumentPass {
  /**
   * Each text also as the JSON string its file holds, when that is byte for byte JSON.stringify's: a line format
   * writes it without escaping the text again.
   */
  textJson?: boolean;
  /**
   * false: the documents read are not kept for later reads. A pass over the whole corpus (an export) would
   * otherwise replace every text kept for the reader with its own, each kept only to be dropped again.
   */
  keep?: boolean;
}

/** One row of the in-memory document index. */
export type IndexEntry = z.infer<typeof documentIndexFileSchema>['documents'][number];
type AnnotationFile = z.infer<typeof annotationFileSchema>;
type MemosFile = z.infer<typeof memosFileSchema>;
type DocumentFile = z.infer<typeof documentFileSchema>;

/**
 * A listing that summarises at least this many files of a folder goes shard by shard and lets their parsed copies go
 * (at 100,000 documents they would hold hundreds of MB); a smaller one keeps them for the reports that follow, as
 * writing every shard before the list is shown made a first open of 1,000 documents a fifth slower.
 */
const RELEASE_AFTER = 20_000;

/**
 * From this many cached summaries of an annotator, the app's first listing answers from them at once and checks
 * their files' versions after it (a stat each: at 100,000 files, most of a second of the open); below it the check
 * comes first, as it takes a few tens of milliseconds.
 */
const CHECK_AFTER_FROM = 20_000;

/** How much document text (UTF-16 units) stays in memory for the next read. */
const KEPT_TEXT_CHARS = 48_000_000;

/** The annotation files of one annotator as last read: the folder's version and each file's. */
interface RecordCache {
  dirStamp: string;
  /** `here`: the version this process wrote. */
  files: Map<string, { stamp: string; file: AnnotationFile | null | 'unread'; here?: boolean }>;
  /** Files the change feed saw change since the last read. */
  stale: Set<string>;
  /** Saves into the folder in progress. */
  writing: number;
}

/** What a format keeps for a faithful re-export (interop/<name>.json): tables of [key, value] entries. */
export type InteropTables = Record<string, [string, unknown][]>;

/** A memo as a label edit leaves it: itself when untouched, null when deleted. */
export type MemoRewrite = (memo: Memo) => Memo | null;

/** Memo ids are GUIDs: tools differ in case and braces but mean the same id. */
export function memoKey(id: string): string {
  return id.replace(/^\{|\}$/g, '').toLowerCase();
}

/** A save from the API, or of gold with its decisions. */
export type RecordInput = SaveAnnotationsInput &
  Pick<AnnotationRecord, 'decisions' | 'docLabelDecisions' | 'relationDecisions'>;

/** The parts of a stored record a label or relation-type change rewrites. */
export interface RecordContent {
  spans: Span[];
  relations: Relation[];
}

/** What an import changes besides its document files (Project.stageImport, Project.commitImport). */
export interface ImportChange {
  records: Omit<AnnotationRecord, 'codebookVersion' | 'updatedAt'>[];
  codebook: Codebook;
  index: IndexEntry[];
  /** Whole memo files to write, per annotator. */
  memos?: { annotator: string; memos: Memo[] }[];
  /** A format's kept tables, merged into interop/<name>.json. */
  interop?: { name: string; tables: InteropTables };
}

/** A record file an import staged, as checked, with the staged file's stats. */
export type StagedRecordFile = { data: AnnotationFile; stats: BigIntStats };

/**
 * Record files an import staged while it still read (Project.stageRecord), by project-relative path, each
 * exactly as `stageImport` would write it for this change, and the time they were stamped with.
 */
export interface EarlyRecords {
  now: string;
  staged: ReadonlyMap<string, StagedRecordFile>;
  /** The files staged early that this change does not keep as they are. */
  others: readonly string[];
}

/** A write waiting for, or running in, a shared hold of the project lock (Project.grouped). */
interface GroupedWrite {
  key: string;
  run: () => Promise<void>;
  fail: (error: unknown) => void;
}

/** How long after the lock was taken a grouped write may still join that hold of it. */
const JOIN_MS = 250;

/** A refusal the user caused (bad save, unknown document) rather than a broken file. */
export class ProjectError extends Error {}

/** A save whose file changed underneath it; the caller keeps the edit and shows both versions. */
class ConflictError extends ProjectError {}

/** The lines `init` puts in a project's .gitignore: temp files, staging and the lock never belong in git. */
const GITIGNORE = ['.*.tmp', '.import-*', `${LOCK_DIR}*`];

/**
 * A file's version: a rename over it (every write here) gives a new inode, an edit in place a new mtime.
 */
export async function stampOf(path: string): Promise<string> {
  const s = await stat(path, { bigint: true }).catch(() => null);
  return s ? stampOfStats(s) : 'none';
}

export function stampOfSync(path: string): string {
  const s = statSync(path, { bigint: true, throwIfNoEntry: false });
  return s ? stampOfStats(s) : 'none';
}

/** Joined rather than a template literal, whose result is a rope of its pieces: a stamp is kept for every file. */
function stampOfStats(s: BigIntStats): string {
  return [s.ino, s.mtimeNs, s.size].join(':');
}

/**
 * Documents first and the index after them, so a reader meeting a half-applied commit finds no dangling entry;
 * memos and kept tables, which name documents and labels, last.
 */
function commitOrder(rel: string): number {
  if (rel.startsWith(`${LAYOUT.documents}/`)) return 0;
  if (rel.startsWith(`${LAYOUT.annotations}/`)) return 1;
  if (rel === LAYOUT.codebook) return 2;
  return rel === LAYOUT.index ? 3 : 4;
}

/** An open project; the backend's only writer of project files. */
export class Project {
  readonly layout: ProjectLayout;
  settings: ProjectSettings;
  codebook: Codebook;
  /** Documents by id, in id order. */
  readonly index = new Map<string, IndexEntry>();
  /** Files that failed to read since the project was opened. */
  readonly problems = new Map<string, FileProblem>();
  /** How long a write waits for another program's lock, and where it says that it waits (the CLI prints it). */
  lockWait: LockWait = { waitMs: 30_000 };
  /** What this process is, for the message a writer waiting on our lock shows. */
  writer = 'Frame Lens';
  private readonly stamps = { project: '', codebook: '', index: '' };
  private refreshing: Promise<unknown> = Promise.resolve();
  /** Per-record summaries and per-text word counts, persisted under .framelens-cache/ (derived, never trusted blindly). */
  readonly summaryCache: SummaryCache;
  readonly recordFileCache: RecordFileCache;
  readonly phraseCache: PhraseCache;

  private constructor(root: string, settings: ProjectSettings) {
    this.layout = new ProjectLayout(root);
    this.summaryCache = new SummaryCache(this.layout.root);
    this.recordFileCache = new RecordFileCache(this.layout.root);
    this.phraseCache = new PhraseCache(this.layout.root);
    this.settings = settings;
    this.codebook = emptyCodebook();
  }

  /**
   * Creates a new project folder. Refuses a folder that holds a project, or any file of one (a codebook or
   * index whose project.json is missing is never rewritten); an existing .gitignore gets the missing lines.
   */
  static async create(root: string, name: string, codebook?: Codebook): Promise<Project> {
    const layout = new ProjectLayout(root);
    await mkdir(root, { recursive: true });
    await withProjectLock(root, 'creating a project', { waitMs: 30_000 }, async () => {
      if (await exists(layout.projectFile)) throw new ProjectError(`${root} already holds a Frame Lens project`);
      for (const path of [layout.codebookFile, layout.indexFile, layout.assignmentsFile])
        if (await exists(path))
          throw new ProjectError(
            `refused: ${path} exists but ${LAYOUT.project} does not; nothing was written (move it away, or restore ${LAYOUT.project})`,
          );
      for (const dir of [layout.documentsDir, layout.annotationsDir])
        if ((await readdir(dir).catch(() => [])).length)
          throw new ProjectError(`refused: ${dir} already holds files; nothing was written`);
      // project.json first: a create cut short leaves a project that opens (empty), not files init must refuse.
      await writeJson(layout.projectFile, projectFileSchema, {
        schema: SCHEMA_VERSION,
        kind: 'framelens-project',
        name,
        selectionUnit: 'word',
      });
      await mkdir(layout.documentsDir, { recursive: true });
      await mkdir(layout.annotationsDir, { recursive: true });
      await mergeGitignore(join(root, '.gitignore'));
      await writeJson(layout.codebookFile, codebookFileSchema, {
        schema: SCHEMA_VERSION,
        codebook: codebook ?? emptyCodebook(),
      });
      await writeJson(layout.indexFile, documentIndexFileSchema, { schema: SCHEMA_VERSION, documents: [] });
    });
    return Project.open(root);
  }

  /** Opens a project; bad files are reported in `problems` and the rest still opens. */
  static async open(root: string): Promise<Project> {
    const layout = new ProjectLayout(root);
    let projectFile: z.infer<typeof projectFileSchema> | null;
    try {
      projectFile = await readJson(layout.projectFile, projectFileSchema);
    } catch (error) {
      throw new ProjectError(error instanceof FileProblemError ? error.message : String(error));
    }
    if (!projectFile) throw new ProjectError(`${root} is not a Frame Lens project (no ${layout.projectFile})`);
    const project = new Project(root, {
      name: projectFile.name,
      selectionUnit: projectFile.selectionUnit,
      ...(projectFile.documentOrder ? { documentOrder: projectFile.documentOrder } : {}),
    });
    prepareFileSystemSync();
    // What a killed writer left is finished or removed under the lock (exclusive recovers before anything else).
    if (await needsRecovery(root)) await project.exclusive(async () => {});
    await project.refresh();
    // Not waited for: it lists every folder (400,000 names at 100,000 documents) for garbage no reader takes.
    project.cleaning = project.removeCrashLeftovers().catch(() => {});
    return project;
  }

  /**
   * Brings the in-memory settings, codebook and index up to date with their files: each is read again when
   * its version stamp changed (another process wrote it: the CLI, a sync, a git pull). A file that no longer
   * reads is reported (and so never overwritten); the last good copy stays in memory.
   */
  refresh(): Promise<void> {
    const run = () => this.reload();
    const next = this.refreshing.then(run, run);
    this.refreshing = next.catch(() => {});
    return next;
  }

  private async reload(): Promise<void> {
    const { layout } = this;
    const [projectStamp, codebookStamp, indexStamp] = await Promise.all(
      [layout.projectFile, layout.codebookFile, layout.indexFile].map(stampOf),
    );
    if (projectStamp !== this.stamps.project) {
      this.stamps.project = projectStamp;
      const file = await readJson(layout.projectFile, projectFileSchema).catch(() => null);
      if (file)
        this.settings = {
          name: file.name,
          selectionUnit: file.selectionUnit,
          ...(file.documentOrder ? { documentOrder: file.documentOrder } : {}),
        };
    }
    if (codebookStamp !== this.stamps.codebook) {
      this.stamps.codebook = codebookStamp;
      try {
        this.codebook = (await readJson(layout.codebookFile, codebookFileSchema))?.codebook ?? emptyCodebook();
        this.problems.delete(LAYOUT.codebook);
      } catch (error) {
        this.report(error);
      }
    }
    if (indexStamp !== this.stamps.index) {
      this.stamps.index = indexStamp;
      try {
        const file = await readJson(layout.indexFile, documentIndexFileSchema);
        this.adoptIndex(file?.documents ?? []);
        this.problems.delete(LAYOUT.index);
      } catch (error) {
        this.report(error);
      }
    }
  }

  private adoptIndex(entries: IndexEntry[]): IndexEntry[] {
    const sorted = [...entries].sort((a, b) => compare(a.id, b.id));
    this.index.clear();
    for (const e of sorted) this.index.set(e.id, e);
    return sorted;
  }

  /** The version stamp of the in-memory copy of a file, as last read or written. */
  version(which: 'codebook' | 'index'): string {
    return this.stamps[which];
  }

  /** Records the version of a file this process just wrote, so it is not read back as someone else's change. */
  private async wrote(which: 'codebook' | 'index'): Promise<void> {
    this.stamps[which] = await stampOf(which === 'codebook' ? this.layout.codebookFile : this.layout.indexFile);
  }

  /**
   * Runs a write holding the project lock, with the in-memory copies brought up to date first (and a
   * journal a killed writer left finished). Nested calls run inside the outer one.
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const root = this.layout.root;
    return withProjectLock(root, this.writer, this.lockWait, async () => {
      try {
        if (await recoverImport(root, (rels) => this.namedDocuments(rels)))
          this.stamps.index = this.stamps.codebook = '';
      } catch (error) {
        throw new ProjectError(`${root}: ${(error as Error).message}`);
      }
      await this.refresh();
      return fn();
    });
  }

  /**
   * Of project-relative paths, those of document files the document index on disk names (all of them when it
   * cannot be read: a file is never taken back on a guess).
   */
  private async namedDocuments(rels: string[]): Promise<Set<string>> {
    try {
      const file = await readJson(this.layout.indexFile, documentIndexFileSchema);
      const named = new Set(
        (file?.documents ?? []).map((e) => this.layout.relative(this.layout.documentFile(e.id)).replace(/\\/g, '/')),
      );
      return new Set(rels.filter((rel) => named.has(rel)));
    } catch {
      return new Set(rels);
    }
  }

  /** Writes waiting for the next hold of the lock (grouped); null while none gathers. */
  private gathering: GroupedWrite[] | null = null;
  /** The hold of the lock that grouped writes are running in and may still join; null when none takes more. */
  private joinable: { add: (task: GroupedWrite) => void; until: number } | null = null;

  /**
   * Runs a write of one file that many callers make at once (a save) holding the project lock, side by side
   * with the others: a write joins the hold of the lock that grouped writes are running in (for JOIN_MS after
   * it was taken), or else gathers with those that arrive meanwhile for the next hold. Twenty coders' saves thus
   * overlap their fsyncs instead of each waiting a turn of the lock, and another writer waits at most JOIN_MS
   * and the writes already begun. Writes of one `key` (a file) run one after another in the order they came.
   * Nested calls run inside the outer one.
   */
  grouped<T>(key: string, fn: () => Promise<T>): Promise<T> {
    if (holdsLock(this.layout.root)) return fn();
    return new Promise<T>((resolve, reject) => {
      const task: GroupedWrite = {
        key,
        run: async () => {
          try {
            resolve(await fn());
          } catch (error) {
            reject(error);
          }
        },
        fail: reject,
      };
      if (this.gathering) {
        this.gathering.push(task);
        return;
      }
      if (this.joinable && performance.now() < this.joinable.until) {
        this.joinable.add(task);
        return;
      }
      const tasks = [task];
      this.gathering = tasks;
      let started = false;
      this.exclusive(async () => {
        if (this.gathering === tasks) this.gathering = null;
        started = true;
        const chains = new Map<string, Promise<void>>();
        let running = 0;
        let drained!: () => void;
        const done = new Promise<void>((r) => {
          drained = r;
        });
        const hold = {
          // Bound to this context, so a write that joins later runs holding the lock too.
          add: AsyncResource.bind((t: GroupedWrite) => {
            running++;
            const next = (chains.get(t.key) ?? Promise.resolve()).then(t.run).finally(() => {
              if (--running > 0) return;
              // Closed in the same step as the last write ends, so no write joins a hold about to be released.
              if (this.joinable === hold) this.joinable = null;
              drained();
            });
            chains.set(t.key, next);
          }),
          until: performance.now() + JOIN_MS,
        };
        this.joinable = hold;
        for (const t of tasks) hold.add(t);
        await done;
      }).catch((error) => {
        if (this.gathering === tasks) this.gathering = null;
        if (!started) for (const t of tasks) t.fail(error);
      });
    });
  }

  /**
   * Runs a read of several files so that it sees one committed state: when a change of several files was
   * committed meanwhile (the generation moved, or a journal is present), the read runs again.
   */
  async consistent<T>(fn: () => Promise<T>): Promise<T> {
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await exists(join(this.layout.root, JOURNAL))) await this.exclusive(async () => {});
      const before = await this.generation();
      await this.refresh();
      const result = await fn();
      if (!(await exists(join(this.layout.root, JOURNAL))) && (await this.generation()) === before) return result;
    }
    return this.exclusive(fn);
  }

  private generation(): Promise<string> {
    return readFile(join(this.layout.root, GENERATION), 'utf8').catch(() => '');
  }

  /** Temp files from a crash between write and rename are garbage; remove the old ones. */
  private async removeCrashLeftovers(): Promise<void> {
    const dirs = [
      this.layout.root,
      this.layout.documentsDir,
      this.layout.modelsDir,
      this.layout.memosDir,
      dirname(this.layout.interopFile('x')),
    ];
    const annotators = await readdir(this.layout.annotationsDir).catch(() => [] as string[]);
    for (const a of annotators) if (idProblem(a) === null) dirs.push(this.layout.annotatorDir(a));
    for (const dir of dirs) await removeStaleTempFiles(dir);
    for (const name of await readdir(this.layout.root).catch(() => [] as string[])) {
      if (!LOCK_TEMP.test(name)) continue;
      const info = await stat(join(this.layout.root, name)).catch(() => null);
      if (info && Date.now() - info.mtimeMs > 60_000)
        await rm(join(this.layout.root, name), { recursive: true, force: true });
    }
  }

  /** Records a file problem once; rethrows anything that is not a file problem. */
  report(error: unknown): FileProblem {
    if (!(error instanceof FileProblemError)) throw error;
    const problem = asProblem(this.layout, error);
    this.problems.set(problem.path, problem);
    return problem;
  }

  /** Annotators are the folders under annotations/ (gold included as the adjudicated layer). */
  async annotators(): Promise<string[]> {
    const names = await readdir(this.layout.annotationsDir, { withFileTypes: true }).catch(() => []);
    return names
      .filter((d) => d.isDirectory() && idProblem(d.name) === null)
      .map((d) => d.name)
      .sort(compare);
  }

  /**
   * Refuses an annotator name that would enter the project badly: not a safe id, "gold" in any case unless
   * it is the gold layer itself and `allowGold`, or one that differs from an existing annotator only by case.
   */
  async checkAnnotator(name: string, options: { allowGold?: boolean } = {}): Promise<void> {
    const problem = Project.annotatorProblem(name, options.allowGold);
    if (problem) throw new ProjectError(`refused: ${problem}`);
    const twin = (await this.annotators()).find((a) => a !== name && idKey(a) === idKey(name));
    if (twin)
      throw new ProjectError(
        `refused: annotator ${JSON.stringify(name)} differs from ${JSON.stringify(twin)} only by case`,
      );
  }

  /** The document list without reading any text or record; statuses of one annotator (from its summaries) when given. */
  async listDocuments(annotator?: string): Promise<DocumentSummary[]> {
    const statuses = new Map((annotator ? await this.listedSummaries(annotator) : []).map((r) => [r.document, r]));
    return [...this.index.values()].map((e) => documentRow(e, statuses.get(e.id)));
  }

  /**
   * Told of the annotation files (project-relative) whose summaries a check after a listing corrected; the service
   * records them in the change feed, and the app reads them again as it does any file changed on disk. While none
   * is set (the CLI), every listing checks the versions first.
   */
  onCorrected: ((paths: string[]) => void) | null = null;

  /** From how many cached summaries a listing checks their versions after answering (see CHECK_AFTER_FROM). */
  checkAfterFrom = CHECK_AFTER_FROM;

  /** Checks of file versions under way after a listing answered from the cached summaries, by annotator. */
  private readonly checking = new Map<string, Promise<void>>();

  /**
   * The summaries a listing shows. The first listing of an annotator with many cached summaries (the app's open)
   * answers from them as cached and checks every file's version after it: the rows it corrects go to `onCorrected`,
   * and every other reader of the summaries or records (statistics, reports, exports) waits for the check, so a
   * file edited while the app was closed never reaches them unchecked. Later listings are checked first.
   */
  private async listedSummaries(annotator: string): Promise<RecordSummary[]> {
    if (!this.checking.has(annotator)) {
      if (!this.onCorrected || this.summaryScans.has(annotator)) return this.summaries(annotator);
      await this.summaryCache.load(annotator);
      const rows = this.summaryCache.rows(annotator);
      // a cache missing, corrupt or small is no list to show unchecked
      if (
        this.checking.has(annotator) ||
        this.summaryScans.has(annotator) ||
        !this.summaryCache.loaded.get(annotator)?.fromCache ||
        rows.size === 0 ||
        rows.size < this.checkAfterFrom
      )
        return this.summaries(annotator);
      const moved: string[] = [];
      const check = this.summaryPass(annotator, undefined, moved)
        .then(() => {
          if (moved.length) this.onCorrected?.(moved.map((id) => `${LAYOUT.annotations}/${annotator}/${id}.json`));
        })
        .finally(() => this.checking.delete(annotator));
      this.checking.set(annotator, check);
      check.catch(() => {});
    }
    return this.summariesOf(annotator);
  }

  /** The removal of what a crash left, begun at the open. */
  private cleaning: Promise<void> = Promise.resolve();

  /** Resolves once the open's clean-up and every check of file versions begun by a listing are done. */
  async settled(): Promise<void> {
    await this.cleaning;
    while (this.checking.size) await Promise.all([...this.checking.values()].map((c) => c.catch(() => {})));
  }

  /** One page of the document list as `page` filters and steps it, in `order` when given (ids), with its counts. */
  async documentPage(
    page: PageRequest,
    annotator?: string,
    order: readonly string[] | null = null,
  ): Promise<DocumentPage> {
    return pageOfDocuments(await this.listDocuments(annotator), page, order);
  }

  /**
   * Which annotation files of an annotator the summaries must look at again (as `RecordCache`, for summaries), and
   * each file's version as last stamped, kept only while the change feed watches (see `scannedStamps`).
   */
  private readonly summaryScans = new Map<
    string,
    { dirStamp: string; stale: Set<string>; stamps: Map<string, string> | null }
  >();

  /** Annotation files `records` took a version stamp of (a stat each); the summaries' stamps spare it some. */
  recordStamps = 0;

  /** How many files a listing summarises before it lets their parsed copies go (see RELEASE_AFTER). */
  releaseAfter = RELEASE_AFTER;

  /**
   * The summaries of every valid record of one annotator, in document id order, from the summary cache: a file
   * is read again only when its version stamp or its document's index entry moved since it was summarised.
   * While the change feed watches, only the files it reported are looked at as long as the folder is unchanged
   * (as `records`); otherwise every file's stamp is. Bad files are reported in `problems` and left out.
   */
  summaries(annotator: string, progress?: (done: number, total: number) => void): Promise<RecordSummary[]> {
    return this.summaryPass(annotator, progress);
  }

  /** A pass of `summaries`; `moved` collects the documents whose rows it changed or dropped. */
  private summaryPass(
    annotator: string,
    progress?: (done: number, total: number) => void,
    moved?: string[],
  ): Promise<RecordSummary[]> {
    // One pass at a time per annotator: a pass lists the folder before it checks the files, and one that found
    // the folder as listed checks only the files reported since, which a pass still under way may not have read.
    const pass = (this.summaryPasses.get(annotator) ?? Promise.resolve())
      .catch(() => {})
      .then(() => this.checkedSummaries(annotator, progress, moved));
    this.summaryPasses.set(annotator, pass);
    void pass
      .finally(() => {
        if (this.summaryPasses.get(annotator) === pass) this.summaryPasses.delete(annotator);
      })
      .catch(() => {});
    return pass;
  }

  /** The summaries' passes over an annotator's files, the last begun (see `summaries`). */
  private readonly summaryPasses = new Map<string, Promise<unknown>>();

  private async checkedSummaries(
    annotator: string,
    progress?: (done: number, total: number) => void,
    moved?: string[],
  ): Promise<RecordSummary[]> {
    await this.summaryCache.load(annotator);
    const rows = this.summaryCache.rows(annotator);
    let scan = this.summaryScans.get(annotator);
    if (!scan) {
      scan = { dirStamp: '', stale: new Set(), stamps: null };
      this.summaryScans.set(annotator, scan);
    }
    const dir = this.layout.annotatorDir(annotator);
    const dirStamp = await stampOf(dir);
    let check: string[];
    if (dirStamp !== scan.dirStamp || !this.watched()) {
      // stamps taken while the feed watches stay true until it reports a change (or the folder moves)
      scan.stamps = this.watched() ? new Map() : null;
      const files = await readdir(dir).catch(() => [] as string[]);
      const present = new Set(files.filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)));
      for (const id of [...rows.keys()])
        if (!present.has(id)) {
          this.summaryCache.delete(annotator, id);
          moved?.push(id);
        }
      check = [...present].filter((id) => this.index.has(id));
      scan.dirStamp = dirStamp;
    } else {
      check = [...scan.stale].filter((id) => this.index.has(id));
      const listed = new Set(check);
      for (const [id, row] of rows) {
        const entry = this.index.get(id);
        if (entry && !listed.has(id) && row.entry !== entryKey(entry)) check.push(id);
      }
    }
    // a reported file the summaries do not look at now (not in the index) has no stamp to trust any more
    for (const id of scan.stale) scan.stamps?.delete(id);
    scan.stale.clear();
    const stale: [string, string][] = [];
    // Synchronous stats in slices: a promise per file costs several times the stat itself, and the slices let
    // other calls run between them.
    for (let i = 0; i < check.length; i += 2000) {
      if (i > 0) await new Promise((r) => setImmediate(r));
      for (const id of check.slice(i, i + 2000)) {
        const stamp = stampOfSync(this.layout.annotationFile(annotator, id));
        scan.stamps?.set(id, stamp);
        const row = rows.get(id);
        if (!row || row.stamp !== stamp || row.entry !== entryKey(this.index.get(id)!)) stale.push([id, stamp]);
      }
    }
    // Only files to summarise again need the record cache, and only the shards holding them: a list from its
    // summaries never parses it. A pass over a whole folder (a first open, a lost cache) or over many files goes
    // shard by shard, and writes each shard and lets its parsed files go once it is done: it holds one shard's files
    // at a time, and keeps none after (the reports read them back from the shards). A few files keep their shards.
    for (const [id] of stale) moved?.push(id);
    const whole = stale.length >= this.releaseAfter;
    const groups = new Map<number, [string, string][]>();
    for (const item of stale) {
      const key = whole ? shardOf(item[0]) : 0;
      const group = groups.get(key);
      if (group) group.push(item);
      else groups.set(key, [item]);
    }
    progress?.(0, stale.length);
    let done = 0;
    const pass = () =>
      this.recordFileCache.deferSaves(async () => {
        for (const group of groups.values()) {
          const begun = await this.recordFileCache.load(
            annotator,
            group.map(([id]) => id),
          );
          for (let i = 0; i < group.length; i += 64) {
            await Promise.all(group.slice(i, i + 64).map(([id, stamp]) => this.summarize(annotator, id, stamp)));
            done += Math.min(64, group.length - i);
            progress?.(done, stale.length);
          }
          if (whole) await this.recordFileCache.release(annotator, begun);
        }
      });
    await this.summaryCache.deferSaves(pass);
    return this.summariesOf(annotator);
  }

  /** The summaries kept of an annotator's valid records, in document id order; bad files go to `problems`. */
  private summariesOf(annotator: string): RecordSummary[] {
    const rows = this.summaryCache.rows(annotator);
    const out: RecordSummary[] = [];
    const checkProblems = this.problems.size > 0;
    for (const id of this.index.keys()) {
      const row = rows.get(id);
      if (!row) continue;
      if (row.summary) {
        out.push(row.summary);
        if (checkProblems) this.problems.delete(this.layout.relative(this.layout.annotationFile(annotator, id)));
      } else if (row.problem) {
        const rel = this.layout.relative(this.layout.annotationFile(annotator, id));
        this.problems.set(rel, { path: rel, reason: row.problem });
      }
    }
    return out;
  }

  /** Every annotator's summaries (gold and the model's layer included). */
  async allSummaries(): Promise<RecordSummary[]> {
    const annotators = await this.annotators();
    await this.summaryCache.load();
    this.summaryCache.keepAnnotators(annotators);
    const out: RecordSummary[] = [];
    for (const a of annotators) out.push(...(await this.summaries(a)));
    return out;
  }

  /** Reads one annotation file (or takes the parsed copy of the same version) and keeps its summary. */
  private async summarize(annotator: string, document: string, stamp: string): Promise<void> {
    const entry = entryKey(this.entry(document));
    const kept = this.recordFiles.get(annotator)?.files.get(document);
    let file: AnnotationFile | null | 'unread';
    let problem: string | null = null;
    if (kept && kept.stamp === stamp) file = kept.file;
    else
      try {
        file = this.recordFileCache.get(annotator, document, stamp) ?? null;
        if (!file) {
          this.summaryCache.reads++;
          file = await readJson(this.layout.annotationFile(annotator, document), annotationFileSchema);
          // A file read once here serves the project-wide reports later, from the record cache.
          if (file) this.recordFileCache.set(annotator, document, stamp, file);
        }
      } catch (error) {
        problem = this.report(error).reason;
        file = 'unread';
      }
    if (file === null) {
      this.summaryCache.delete(annotator, document);
      return;
    }
    if (file !== 'unread') problem = this.recordProblem(file, annotator, document);
    const record = problem === null ? this.checkedRecord(annotator, document, file) : null;
    this.summaryCache.set(annotator, document, {
      stamp,
      entry,
      problem,
      summary: record ? summarizeRecord(record) : null,
    });
  }

  /** Writes the derived caches now instead of a moment later (the app or a command is closing). */
  async flushCaches(): Promise<void> {
    await Promise.all([this.summaryCache.save(), this.recordFileCache.save(), this.phraseCache.save()]);
  }

  /**
   * Every valid record of one annotator, in document id order. Files are parsed once and kept with their version
   * stamps: a call reads again only the files whose stamp changed. While the change feed watches (`watcher`),
   * only the files it reported are checked as long as the annotator's folder is unchanged (every write here and
   * every checkout or sync replaces files, which changes the folder); otherwise every file's stamp is.
   */
  async records(annotator: string): Promise<AnnotationRecord[]> {
    // after a pass of the summaries under way: its version stamps then spare this one the stats
    await this.summaryPasses.get(annotator)?.catch(() => {});
    const dir = this.layout.annotatorDir(annotator);
    const cache = this.recordCache(annotator);
    const dirStamp = await stampOf(dir);
    if (dirStamp !== cache.dirStamp || !this.watched()) {
      const files = await readdir(dir).catch(() => [] as string[]);
      const present = new Set(files.filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)));
      for (const id of cache.files.keys()) if (!present.has(id)) cache.files.delete(id);
      const ids = [...present].filter((id) => this.index.has(id));
      await this.recordFileCache.load(annotator);
      this.recordFileCache.keep(annotator, new Set(ids));
      const scanned = this.scannedStamps(annotator, dirStamp);
      // Synchronous stats in slices, as `summaries`: a promise per file costs several times the stat itself.
      const stale: [string, string][] = [];
      for (let i = 0; i < ids.length; i += 2000) {
        if (i > 0) await new Promise((r) => setImmediate(r));
        for (const id of ids.slice(i, i + 2000)) {
          let stamp = scanned?.get(id);
          if (stamp === undefined) {
            stamp = stampOfSync(this.layout.annotationFile(annotator, id));
            this.recordStamps++;
          }
          if (cache.files.get(id)?.stamp === stamp) continue;
          const stored = this.recordFileCache.get(annotator, id, stamp);
          if (!stored) stale.push([id, stamp]);
          else {
            cache.files.set(id, { stamp, file: stored });
            if (this.problems.size)
              this.problems.delete(this.layout.relative(this.layout.annotationFile(annotator, id)));
          }
        }
      }
      // Synchronous reads in slices, as `documentsInOrder`: a promise per file costs more than the read.
      await this.recordFileCache.deferSaves(async () => {
        for (let i = 0; i < stale.length; i += 32) {
          if (i > 0) await new Promise((resolve) => setImmediate(resolve));
          for (const [id] of stale.slice(i, i + 32)) this.cachedFileNow(annotator, id);
        }
      });
      cache.dirStamp = dirStamp;
      cache.stale.clear();
    } else if (cache.stale.size) {
      const stale = [...cache.stale].filter((id) => this.index.has(id));
      cache.stale.clear();
      await Promise.all(stale.map((id) => this.cachedFile(annotator, id)));
    }
    const out: AnnotationRecord[] = [];
    for (const id of [...cache.files.keys()].filter((d) => this.index.has(d)).sort(compare)) {
      const record = this.checkedRecord(annotator, id, cache.files.get(id)!.file);
      if (record) out.push(record);
    }
    return out;
  }

  private readonly recordFiles = new Map<string, RecordCache>();

  /**
   * The version stamps the summaries last took of an annotator's files, when they still hold: the change feed
   * watched since they were taken, has reported no change in the folder since the summaries last looked, and the
   * folder is as they last saw it (a file added, removed or replaced by a rename moves its stamp). The app lists
   * documents (summaries) before it asks for a report (records), which then need not stat every file again.
   */
  private scannedStamps(annotator: string, dirStamp: string): ReadonlyMap<string, string> | null {
    const scan = this.summaryScans.get(annotator);
    if (!scan?.stamps || scan.dirStamp !== dirStamp || scan.stale.size > 0 || !this.watched()) return null;
    return scan.stamps;
  }

  private recordCache(annotator: string): RecordCache {
    let cache = this.recordFiles.get(annotator);
    if (!cache) {
      cache = { dirStamp: '', files: new Map(), stale: new Set(), writing: 0 };
      this.recordFiles.set(annotator, cache);
    }
    return cache;
  }

  /**
   * The change feed that reports edits in place (which leave a folder's version as it was) through `forget`;
   * while none watches, every file's version is checked on every read of a whole folder.
   */
  watcher: { readonly watchCount: number } | null = null;

  private watched(): boolean {
    return (this.watcher?.watchCount ?? 0) > 0;
  }

  /** A project-relative path changed on disk (the change feed saw it): its kept copy is checked at the next read. */
  forget(rel: string): void {
    const parts = rel.split('/');
    if (parts[0] !== LAYOUT.annotations || !parts[1] || !parts[2]?.endsWith('.json')) return;
    this.recordFiles.get(parts[1])?.stale.add(parts[2].slice(0, -5));
    this.summaryScans.get(parts[1])?.stale.add(parts[2].slice(0, -5));
  }

  /** One annotation file as stored, read again only when its version stamp changed; 'unread' when it is bad. */
  private async cachedFile(annotator: string, document: string): Promise<AnnotationFile | null | 'unread'> {
    const path = this.layout.annotationFile(annotator, document);
    const stamp = await stampOf(path);
    const kept = this.recordCache(annotator).files.get(document);
    if (kept && kept.stamp === stamp) return kept.file;
    let file: AnnotationFile | null | unknown;
    try {
      this.recordFileCache.reads++;
      file = await readJson(path, annotationFileSchema);
    } catch (error) {
      file = error;
    }
    return this.keepFile(annotator, document, stamp, file);
  }

  /** `cachedFile` with synchronous file calls (`records` reads a folder in slices). */
  private cachedFileNow(annotator: string, document: string): AnnotationFile | null | 'unread' {
    const path = this.layout.annotationFile(annotator, document);
    const stamp = stampOfSync(path);
    const kept = this.recordCache(annotator).files.get(document);
    if (kept && kept.stamp === stamp) return kept.file;
    let file: AnnotationFile | null | unknown;
    try {
      this.recordFileCache.reads++;
      file = readJsonSync(path, annotationFileSchema);
    } catch (error) {
      file = error;
    }
    return this.keepFile(annotator, document, stamp, file);
  }

  /** Keeps what was read of a file at `stamp` (an error: reported, kept as 'unread'). */
  private keepFile(
    annotator: string,
    document: string,
    stamp: string,
    read: AnnotationFile | null | unknown,
  ): AnnotationFile | null | 'unread' {
    const path = this.layout.annotationFile(annotator, document);
    const cache = this.recordCache(annotator);
    let file: AnnotationFile | null | 'unread';
    if (read instanceof Error) {
      this.report(read);
      file = 'unread';
    } else {
      file = read as AnnotationFile | null;
      this.problems.delete(this.layout.relative(path));
    }
    if (stamp === 'none' && file === null) cache.files.delete(document);
    else cache.files.set(document, { stamp, file });
    if (file === null || file === 'unread') this.recordFileCache.delete(annotator, document);
    else this.recordFileCache.set(annotator, document, stamp, file);
    return file;
  }

  /** A stored file as a record, when it belongs where it lies and fits its document; else reported and null. */
  private checkedRecord(
    annotator: string,
    document: string,
    file: AnnotationFile | null | 'unread',
  ): AnnotationRecord | null {
    if (file === null || file === 'unread') return null;
    const entry = this.index.get(document);
    const seen = this.checked.get(file);
    if (seen && seen.entry === entry) return seen.record;
    const problem = this.recordProblem(file, annotator, document);
    if (problem) {
      const rel = this.layout.relative(this.layout.annotationFile(annotator, document));
      this.problems.set(rel, { path: rel, reason: problem });
      return null;
    }
    const { schema: _schema, ...record } = file;
    this.checked.set(file, { entry, record });
    return record;
  }

  /**
   * Records already checked, by the kept file they came from and the index row they were checked against: a
   * file unchanged since gives the same record object (not checked span by span again), which the HTTP
   * transport uses to send a large record serialized once per version.
   */
  private readonly checked = new WeakMap<AnnotationFile, { entry: IndexEntry | undefined; record: AnnotationRecord }>();

  /** Keeps a file this process just wrote, so the next read does not parse it again. */
  private async keepWritten(file: AnnotationFile, dirBefore: string): Promise<void> {
    const cache = this.recordCache(file.annotator);
    const [stamp, dirStamp] = await Promise.all([
      stampOf(this.layout.annotationFile(file.annotator, file.document)),
      stampOf(this.layout.annotatorDir(file.annotator)),
    ]);
    cache.files.set(file.document, { stamp, file, here: true });
    this.recordFileCache.set(file.annotator, file.document, stamp, file);
    // The folder changed by this write alone when it was as last listed just before it and no other save wrote
    // into it meanwhile; otherwise it is listed again.
    const alone = cache.writing === 1;
    if (cache.dirStamp === dirBefore && alone) cache.dirStamp = dirStamp;
    const scan = this.summaryScans.get(file.annotator);
    scan?.stamps?.set(file.document, stamp);
    if (scan?.dirStamp === dirBefore && alone) scan.dirStamp = dirStamp;
    const entry = this.index.get(file.document);
    const record = this.checkedRecord(file.annotator, file.document, file);
    if (entry && record)
      this.summaryCache.set(file.annotator, file.document, {
        stamp,
        entry: entryKey(entry),
        problem: null,
        summary: summarizeRecord(record),
      });
  }

  /**
   * The version (updatedAt) of an annotation file as kept in memory, when the file on disk is still that version,
   * and whether this process wrote it; null when the file changed since or was never read here.
   */
  async keptVersion(annotator: string, document: string): Promise<{ updatedAt: string; here: boolean } | null> {
    const kept = this.recordFiles.get(annotator)?.files.get(document);
    if (!kept || kept.file === null || kept.file === 'unread') return null;
    if ((await stampOf(this.layout.annotationFile(annotator, document))) !== kept.stamp) return null;
    return { updatedAt: kept.file.updatedAt, here: kept.here === true };
  }

  /** The index row of a document, or a clear refusal. */
  entry(id: string): IndexEntry {
    const entry = this.index.get(id);
    if (!entry) throw new ProjectError(`no document ${JSON.stringify(id)} in this project`);
    return entry;
  }

  /** Document files as last read, by id, least recently used first, with their version stamps. */
  private readonly documentFiles = new Map<string, { stamp: string; file: DocumentFile }>();
  private documentChars = 0;

  private keepDocument(id: string, stamp: string, file: DocumentFile): void {
    this.documentFiles.set(id, { stamp, file });
    this.documentChars += file.text.length;
    for (const [old, { file: f }] of this.documentFiles) {
      if (this.documentChars <= KEPT_TEXT_CHARS) break;
      this.documentFiles.delete(old);
      this.documentChars -= f.text.length;
    }
  }

  /** Loads a document's text on demand (listing never does); texts read lately are kept while their file is unchanged. */
  async getDocument(id: string): Promise<DocumentRecord> {
    const entry = this.entry(id);
    const path = this.layout.documentFile(id);
    const stamp = await stampOf(path);
    const kept = this.keptDocument(id, stamp);
    if (kept !== undefined) return this.documentOf(id, entry, kept);
    let file: DocumentFile | null;
    try {
      file = await readJson(path, documentFileSchema);
    } catch (error) {
      throw new ProjectError(this.report(error).reason);
    }
    return this.documentOf(id, entry, this.newDocument(id, stamp, file));
  }

  /** `getDocument` with synchronous file calls: many documents read in slices, without a promise per call. */
  private getDocumentNow(id: string, pass: DocumentPass): DocumentRecord & { textJson?: string } {
    const entry = this.entry(id);
    const path = this.layout.documentFile(id);
    // A pass that keeps nothing needs no version stamp when it has no kept copy to check.
    const stamp = pass.keep === false && !this.documentFiles.has(id) ? null : stampOfSync(path);
    const kept = stamp === null ? undefined : this.keptDocument(id, stamp);
    if (kept !== undefined) return this.documentOf(id, entry, kept);
    let read: { value: DocumentFile; raw: string } | null;
    try {
      read = readJsonSyncAsWritten(path, documentFileSchema);
    } catch (error) {
      throw new ProjectError(this.report(error).reason);
    }
    const file = stamp === null ? (read?.value ?? null) : this.newDocument(id, stamp, read?.value ?? null);
    const document = this.documentOf(id, entry, file);
    if (!pass.textJson || !read) return document;
    // None for a text written otherwise than JSON.stringify writes it (`\/`, `\u0041`): it is escaped when used.
    const textJson = writtenString(read.raw, 'text');
    return textJson === null ? document : { ...document, textJson };
  }

  /** The kept copy when its file is still at `stamp` (now the most recently used); undefined when there is none. */
  private keptDocument(id: string, stamp: string): DocumentFile | undefined {
    const kept = this.documentFiles.get(id);
    if (!kept || kept.stamp !== stamp) return undefined;
    this.documentFiles.delete(id);
    this.documentFiles.set(id, kept);
    return kept.file;
  }

  private newDocument(id: string, stamp: string, file: DocumentFile | null): DocumentFile | null {
    const kept = this.documentFiles.get(id);
    if (kept) {
      this.documentFiles.delete(id);
      this.documentChars -= kept.file.text.length;
    }
    if (file) this.keepDocument(id, stamp, file);
    return file;
  }

  private documentOf(id: string, entry: IndexEntry, file: DocumentFile | null): DocumentRecord {
    if (!file) throw new ProjectError(`${this.layout.relative(this.layout.documentFile(id))} is missing`);
    if (file.textHash !== entry.textHash)
      throw new ProjectError(`${this.layout.relative(this.layout.documentFile(id))} does not match the document index`);
    return {
      id: file.id,
      text: file.text,
      textHash: file.textHash,
      meta: file.meta,
      ...(file.tokens ? { tokens: file.tokens } : {}),
    };
  }

  /**
   * The documents of `ids` in that order, for a pass over many of them (an export). They are read with
   * synchronous calls in slices of 32, yielding to other work between slices: a promise and a thread-pool
   * round trip per file cost several times the read of a small file itself. `pass` says what else a pass wants.
   */
  async *documentsInOrder(
    ids: Iterable<string>,
    pass: DocumentPass = {},
  ): AsyncGenerator<DocumentRecord & { textJson?: string }> {
    const slice = 32;
    let batch: string[] = [];
    const read = function* (this: Project, list: string[]) {
      for (const id of list) yield this.getDocumentNow(id, pass);
    };
    for (const id of ids) {
      batch.push(id);
      if (batch.length < slice) continue;
      yield* read.call(this, batch);
      batch = [];
      await new Promise((resolve) => setImmediate(resolve));
    }
    yield* read.call(this, batch);
  }

  /**
   * One annotator's record of one document. A file that fails validation, belongs to another
   * document, or was made on a different text is reported and not returned.
   */
  async readRecord(annotator: string, document: string): Promise<AnnotationRecord | null> {
    return this.checkedRecord(annotator, document, await this.cachedFile(annotator, document));
  }

  private recordProblem(file: AnnotationFile, annotator: string, document: string): string | null {
    if (file.annotator !== annotator || file.document !== document)
      return `names ${file.annotator}/${file.document} but is stored as ${annotator}/${document}`;
    const entry = this.index.get(document);
    if (!entry) return `document ${document} is not in the project`;
    if (file.textHash !== entry.textHash)
      return `was made on a different text (hash ${file.textHash.slice(0, 15)}…, document has ${entry.textHash.slice(0, 15)}…)`;
    for (const span of file.spans) {
      const p = spanProblem(span, entry.length);
      if (p) return `span ${span.start}-${span.end}: ${p}`;
    }
    if (file.relations?.length) {
      const byId = new Map(file.spans.map((s) => [s.id as string, s]));
      for (const r of file.relations) {
        const p = relationProblem(r, byId);
        if (p) return `relation ${r.from} → ${r.to} (${r.type}) ${p}`;
      }
    }
    return null;
  }

  /** Every annotator's record of one document (for showing other layers, comparison, agreement). */
  async listRecords(document: string): Promise<AnnotationRecord[]> {
    this.entry(document);
    const out: AnnotationRecord[] = [];
    for (const annotator of await this.annotators()) {
      const record = await this.readRecord(annotator, document);
      if (record) out.push(record);
    }
    return out;
  }

  /** Turns a file that cannot be read into a one-line refusal naming it; any other error passes. */
  private refusal(verb = 'overwrite'): (error: unknown) => never {
    return (error) => {
      if (error instanceof FileProblemError)
        throw new ProjectError(`refused to ${verb} ${this.layout.relative(error.path)}: ${error.reason}`);
      throw error;
    };
  }

  /**
   * The one save path. Validates against the document and codebook as they are on disk now, refuses to
   * overwrite a file it could not read, and resolves only once the file is fsync'd. Spans keep their ids;
   * a span sent without one gets back the id of the stored span with its position and label, or a new one.
   */
  saveRecord(input: RecordInput): Promise<AnnotationRecord> {
    return this.grouped(`${input.annotator}/${input.document}`, () => urgent(() => this.writeRecord(input)));
  }

  private async writeRecord(input: RecordInput): Promise<AnnotationRecord> {
    this.checkRecord(input, this.codebook);
    let stored: AnnotationRecord | undefined;
    const path = this.layout.annotationFile(input.annotator, input.document);
    const cache = this.recordCache(input.annotator);
    cache.writing++;
    try {
      const dirBefore = await stampOf(this.layout.annotatorDir(input.annotator));
      await updateJson(
        path,
        annotationFileSchema,
        (current) => {
          if (input.baseUpdatedAt !== undefined && (current?.updatedAt ?? null) !== input.baseUpdatedAt)
            throw new ConflictError(
              `conflict: ${this.layout.relative(path)} changed on disk since this edit began (another program, a sync or a git pull); nothing was overwritten`,
            );
          const file = this.recordFile(current, this.recordFromInput(input, this.codebook.version), true);
          const { schema: _schema, ...record } = file;
          stored = record;
          return file;
        },
        {
          // The copy kept from the last read or write, while the file's version is the one it was kept at.
          kept: async () => {
            const kept = cache.files.get(input.document);
            if (!kept || kept.file === null || kept.file === 'unread') return undefined;
            return (await stampOf(path)) === kept.stamp ? kept.file : undefined;
          },
          // Noted before the next save of the file starts, so the version kept is the content kept.
          written: (file) => this.keepWritten(file, dirBefore),
        },
      ).catch(this.refusal());
      return stored as AnnotationRecord;
    } finally {
      cache.writing--;
    }
  }

  /** The checks a save must pass: the document's text, span bounds, labels and document labels of `codebook`. */
  private checkRecord(input: RecordInput, codebook: Codebook): void {
    const entry = this.entry(input.document);
    if (input.textHash !== entry.textHash)
      throw new ProjectError(`refused: the spans were made on a different text of ${input.document}`);
    const labels = new Set(codebook.spanLabels.map((l) => l.name));
    for (const span of input.spans) {
      const p = spanProblem(span, entry.length);
      if (p) throw new ProjectError(`refused: span ${span.start}-${span.end}: ${p}`);
      if (!labels.has(span.label))
        throw new ProjectError(`refused: label ${JSON.stringify(span.label)} is not in the codebook`);
    }
    this.checkDocLabels(input.docLabels, codebook);
    const types = new Set(relationTypesOf(codebook).map((t) => t.name));
    for (const r of input.relations ?? [])
      if (!types.has(r.type))
        throw new ProjectError(`refused: relation type ${JSON.stringify(r.type)} is not in the codebook`);
  }

  private recordFromInput(input: RecordInput, codebookVersion: number): Omit<AnnotationRecord, 'updatedAt'> {
    return {
      document: input.document,
      annotator: input.annotator,
      textHash: input.textHash,
      codebookVersion,
      status: input.status,
      spans: input.spans,
      docLabels: sortDocLabels(input.docLabels),
      ...(input.relations ? { relations: input.relations } : {}),
      ...(input.decisions ? { decisions: input.decisions } : {}),
      ...(input.docLabelDecisions ? { docLabelDecisions: input.docLabelDecisions } : {}),
      ...(input.relationDecisions ? { relationDecisions: input.relationDecisions } : {}),
    };
  }

  /**
   * A record's relations as stored: each names two of its spans, symmetric ones start from the earlier
   * span, repeats go, and (for an edit of the app or the API) a relation not stored before must fit the
   * labels its type allows; one that was stored stays even if the codebook changed since.
   */
  private settleRelations(
    relations: readonly Relation[] | undefined,
    spans: StoredSpan[],
    previous: readonly Relation[] | undefined,
    checkFit: boolean,
    codebook: Codebook,
  ): Relation[] {
    if (!relations?.length) return [];
    const byId = new Map<string, Span>(spans.map((s) => [s.id, s]));
    const types = relationTypesOf(codebook);
    const typeByName = new Map(types.map((t) => [t.name, t]));
    const before = new Set((previous ?? []).map(relationIdentity));
    for (const r of relations) {
      const where = `relation ${r.from} → ${r.to} (${r.type})`;
      const problem = relationProblem(r, byId);
      if (problem) throw new ProjectError(`refused: ${where} ${problem}`);
      const type = typeByName.get(r.type);
      if (!checkFit || !type || before.has(relationIdentity(r))) continue;
      const misfit = fitProblem(type, byId.get(r.from) as Span, byId.get(r.to) as Span);
      if (misfit) throw new ProjectError(`refused: ${where}: ${misfit}`);
    }
    return normalizeRelations(relations, spans, types);
  }

  /**
   * Every annotation file written: sorted spans with ids (kept from `current` where they match), relations
   * checked, a new updatedAt. `next` without relations comes from a client that does not know them: the
   * stored ones stay, but for those whose span it removed.
   */
  private recordFile(
    current: AnnotationFile | null,
    next: Omit<AnnotationRecord, 'updatedAt'>,
    checkFit = false,
    codebook = this.codebook,
  ): AnnotationFile {
    const path = this.layout.annotationFile(next.annotator, next.document);
    if (current && (current.document !== next.document || current.annotator !== next.annotator))
      throw new ProjectError(`refused: ${this.layout.relative(path)} names another document or annotator`);
    let updatedAt = new Date().toISOString();
    // updatedAt identifies a version for conflict checks: it must change on every save, even within a millisecond.
    if (current && current.updatedAt >= updatedAt)
      updatedAt = new Date(Date.parse(current.updatedAt) + 1).toISOString();
    const reserved = [
      ...decidedSpanIds(current?.decisions, current?.relationDecisions),
      ...decidedSpanIds(next.decisions, next.relationDecisions),
    ];
    const spans = assignSpanIds(sortSpans(next.spans), { previous: current?.spans ?? [], reserved });
    const { relations: sent, ...rest } = next;
    const relations =
      sent !== undefined
        ? this.settleRelations(sent, spans, current?.relations, checkFit, codebook)
        : relationsAfterSpans(current?.relations ?? [], new Set(spans.map((x) => x.id))).relations;
    return { schema: SCHEMA_VERSION, ...rest, spans, ...(relations.length ? { relations } : {}), updatedAt };
  }

  /** The stored file of a record about to be replaced; a file that cannot be read is never replaced. */
  private async currentFile(annotator: string, document: string): Promise<AnnotationFile | null> {
    const path = this.layout.annotationFile(annotator, document);
    this.refuseIfUnread(path);
    return readJson(path, annotationFileSchema).catch(this.refusal());
  }

  private checkDocLabels(docLabels: AnnotationRecord['docLabels'], codebook: Codebook): void {
    for (const [name, value] of Object.entries(docLabels)) {
      const group = codebook.docLabels.find((g) => g.name === name);
      if (!group)
        throw new ProjectError(`refused: document label group ${JSON.stringify(name)} is not in the codebook`);
      const values = Array.isArray(value) ? value : [value];
      if (group.kind === 'single' && Array.isArray(value)) throw new ProjectError(`refused: ${name} takes one value`);
      if (group.kind === 'multiple' && !Array.isArray(value))
        throw new ProjectError(`refused: ${name} takes a list of values`);
      for (const v of values)
        if (!group.options.includes(v))
          throw new ProjectError(`refused: ${JSON.stringify(v)} is not an option of ${name}`);
    }
  }

  /** Codebook edits with optimistic concurrency against the file's version; the version is bumped on every change. */
  saveCodebook(codebook: Codebook, expectedVersion: number): Promise<Codebook> {
    return this.exclusive(async () => {
      this.checkCodebookVersion(expectedVersion);
      const next: Codebook = { ...codebook, version: this.codebook.version + 1 };
      await this.writeCodebook(next);
      return next;
    });
  }

  /** Refuses an edit made on an older codebook than the one on disk. */
  checkCodebookVersion(expectedVersion: number): void {
    if (expectedVersion !== this.codebook.version)
      throw new ConflictError(
        `conflict: the codebook changed (version ${this.codebook.version} on disk, edit made on ${expectedVersion}); nothing was saved`,
      );
  }

  private async writeCodebook(codebook: Codebook): Promise<void> {
    this.refuseIfUnread(this.layout.codebookFile);
    await updateJson(this.layout.codebookFile, codebookFileSchema, () => ({ schema: SCHEMA_VERSION, codebook }));
    this.codebook = codebook;
    await this.wrote('codebook');
  }

  /** One document's metadata edit (see setDocumentsMeta). */
  async setDocumentMeta(id: string, meta: DocumentMeta, base?: DocumentMeta): Promise<DocumentRecord> {
    const [doc] = await this.setDocumentsMeta([{ document: id, meta, ...(base ? { base } : {}) }]);
    return doc;
  }

  /**
   * Metadata edits (outlet, date, title, story…) of several documents in one commit, all or none; texts never
   * change. An edit that names the metadata it started from (`base`) is refused as a conflict when the
   * document's file holds other metadata by now (another window, machine or sync changed it).
   */
  setDocumentsMeta(edits: MetaEdit[]): Promise<DocumentRecord[]> {
    return this.exclusive(async () => {
      const seen = new Set<string>();
      const tidy = edits.map((e) => {
        this.entry(e.document);
        if (seen.has(e.document)) throw new ProjectError(`refused: ${e.document} is edited twice in one change`);
        seen.add(e.document);
        const meta = tidyMeta(e.meta);
        const problem = metaProblem(meta);
        if (problem) throw new ProjectError(`refused: ${e.document}: ${problem}`);
        return { ...e, meta };
      });
      this.refuseIfUnread(this.layout.indexFile);
      const out: DocumentRecord[] = [];
      const changed = new Map(tidy.map((e) => [e.document, e.meta]));
      const index = [...this.index.values()].map((x) => (changed.has(x.id) ? { ...x, meta: changed.get(x.id)! } : x));
      await this.commit(async (staging) => {
        for (const e of tidy) {
          const path = this.layout.documentFile(e.document);
          const current: z.infer<typeof documentFileSchema> | null = await readJson(path, documentFileSchema).catch(
            this.refusal(),
          );
          if (!current || current.textHash !== this.entry(e.document).textHash)
            throw new ProjectError(`${this.layout.relative(path)} does not match the index`);
          if (e.base && !sameMeta(current.meta, e.base))
            throw new ConflictError(
              `conflict: the metadata of ${e.document} changed since this edit began (another window, machine or sync); nothing was changed`,
            );
          const updated = { ...current, meta: e.meta };
          await staging.writeJson(this.layout.relative(path), documentFileSchema, updated);
          out.push({ id: e.document, text: updated.text, textHash: updated.textHash, meta: updated.meta });
        }
        await this.stageIndex(staging, index);
      });
      this.adoptIndex(index);
      await this.wrote('index');
      return out;
    });
  }

  /** assignments.json: who should code which documents (null: the project has no plan). */
  async readAssignments(): Promise<AssignmentPlan | null> {
    const file = await readJson(this.layout.assignmentsFile, assignmentsFileSchema);
    return file ? { seed: file.seed, overlap: file.overlap, annotators: file.annotators } : null;
  }

  saveAssignments(plan: AssignmentPlan): Promise<void> {
    return this.exclusive(() =>
      writeJson(this.layout.assignmentsFile, assignmentsFileSchema, { schema: SCHEMA_VERSION, ...plan }),
    );
  }

  // ---- Memos: memos/<annotator>.json, one file per annotator, so two analysts never write the same file. ----

  /** Annotators with a memos file. */
  async memoAuthors(): Promise<string[]> {
    const names = await readdir(this.layout.memosDir).catch(() => [] as string[]);
    return names
      .filter((n) => n.endsWith('.json') && idProblem(n.slice(0, -5)) === null)
      .map((n) => n.slice(0, -5))
      .sort(compare);
  }

  /** One annotator's memos; a file that cannot be read is reported and gives none. */
  async readMemos(annotator: string): Promise<Memo[]> {
    const path = this.layout.memosFile(annotator);
    let file: MemosFile | null;
    try {
      file = await readJson(path, memosFileSchema);
    } catch (error) {
      this.report(error);
      return [];
    }
    if (!file) return [];
    if (file.annotator !== annotator) {
      const rel = this.layout.relative(path);
      this.problems.set(rel, { path: rel, reason: `names ${file.annotator} but is stored as ${annotator}` });
      return [];
    }
    return file.memos.map((m) => ({ annotator, ...m }));
  }

  /** Every annotator's memos, or one's. */
  async memos(annotator?: string): Promise<Memo[]> {
    const out: Memo[] = [];
    for (const a of annotator ? [annotator] : await this.memoAuthors()) out.push(...(await this.readMemos(a)));
    return out;
  }

  /** Why a memo's target is not in this project (an unknown document or label, a range outside the text), or null. */
  memoProblem(memo: Pick<Memo, 'target'>): string | null {
    const t = memo.target;
    if (t.kind === 'document' || t.kind === 'range') {
      const entry = this.index.get(t.document);
      if (!entry) return `document ${JSON.stringify(t.document)} is not in this project`;
      if (t.kind === 'range' && (t.end > entry.length || t.start >= t.end))
        return `range ${t.start}-${t.end} lies outside ${t.document} (${entry.length} code points)`;
    }
    if (t.kind === 'label' && !this.codebook.spanLabels.some((l) => l.name === t.label))
      return `label ${JSON.stringify(t.label)} is not in the codebook`;
    return null;
  }

  /**
   * Saves one memo (new, or replacing the one with its id). `baseUpdatedAt` is the version the edit began on
   * (null: a new memo); when the stored memo is another version, the save is refused as a conflict.
   */
  saveMemo(memo: Memo, baseUpdatedAt?: string | null): Promise<Memo> {
    return this.exclusive(() => this.writeMemo(memo, baseUpdatedAt));
  }

  private async writeMemo(memo: Memo, baseUpdatedAt?: string | null): Promise<Memo> {
    const problem = this.memoProblem(memo);
    if (problem) throw new ProjectError(`refused: the memo's ${problem}`);
    let stored: Memo | undefined;
    await this.updateMemos(memo.annotator, (memos, path) => {
      const key = memoKey(memo.id);
      const at = memos.findIndex((m) => memoKey(m.id) === key);
      const current = at >= 0 ? memos[at] : undefined;
      if (baseUpdatedAt !== undefined && (current?.updatedAt ?? null) !== baseUpdatedAt)
        throw new ConflictError(
          `conflict: the memo in ${this.layout.relative(path)} changed on disk since this edit began; nothing was overwritten`,
        );
      let updatedAt = new Date().toISOString();
      if (current?.updatedAt && current.updatedAt >= updatedAt)
        updatedAt = new Date(Date.parse(current.updatedAt) + 1).toISOString();
      const { annotator: _a, ...fields } = memo;
      const next = {
        ...fields,
        id: current?.id ?? memo.id,
        createdAt: current?.createdAt ?? memo.createdAt ?? updatedAt,
        updatedAt,
      };
      stored = { annotator: memo.annotator, ...next };
      return at >= 0 ? memos.map((m, i) => (i === at ? next : m)) : [...memos, next];
    });
    return stored as Memo;
  }

  /** Deletes one memo; refused as a conflict when it changed since `baseUpdatedAt`. */
  deleteMemo(annotator: string, id: string, baseUpdatedAt?: string | null): Promise<void> {
    return this.exclusive(() =>
      this.updateMemos(annotator, (memos, path) => {
        const current = memos.find((m) => memoKey(m.id) === memoKey(id));
        if (!current) throw new ProjectError(`refused: ${annotator} has no memo ${id}`);
        if (baseUpdatedAt !== undefined && (current.updatedAt ?? null) !== baseUpdatedAt)
          throw new ConflictError(
            `conflict: the memo in ${this.layout.relative(path)} changed on disk since this edit began; nothing was deleted`,
          );
        return memos.filter((m) => m !== current);
      }),
    );
  }

  private async updateMemos(
    annotator: string,
    change: (memos: MemosFile['memos'], path: string) => MemosFile['memos'],
  ): Promise<void> {
    const path = this.layout.memosFile(annotator);
    await updateJson(path, memosFileSchema, (current) => {
      if (current && current.annotator !== annotator)
        throw new ProjectError(`refused: ${this.layout.relative(path)} names another annotator`);
      return { schema: SCHEMA_VERSION, annotator, memos: change(current?.memos ?? [], path) };
    }).catch(this.refusal());
  }

  /** study.json: the reliability rounds (none when the project has no such file). */
  async readStudy(): Promise<StudyFile> {
    try {
      const file = await readJson(this.layout.studyFile, studyFileSchema);
      this.problems.delete(this.layout.relative(this.layout.studyFile));
      return file ?? { schema: SCHEMA_VERSION, rounds: [] };
    } catch (error) {
      const problem = this.report(error);
      throw new ProjectError(`${problem.path} ${problem.reason}`);
    }
  }

  /** Changes study.json under its write queue; a file that cannot be read is never overwritten. */
  updateStudy(update: (study: StudyFile) => StudyFile): Promise<StudyFile> {
    return this.exclusive(() =>
      updateJson(this.layout.studyFile, studyFileSchema, (current) =>
        update(current ?? { schema: SCHEMA_VERSION, rounds: [] }),
      ).catch(this.refusal()),
    );
  }

  /** What a format kept of the files it imported (empty when nothing was kept). */
  async readInterop(name: string): Promise<InteropTables> {
    try {
      return (await readJson(this.layout.interopFile(name), interopFileSchema))?.tables ?? {};
    } catch (error) {
      this.report(error);
      return {};
    }
  }

  /** codebook-changelog.jsonl, oldest first (none when the project has no such file). */
  async readChangelog(): Promise<ChangelogEntry[]> {
    try {
      const entries = (await readJsonLines(this.layout.changelogFile, changelogEntrySchema)) ?? [];
      this.problems.delete(this.layout.relative(this.layout.changelogFile));
      return entries;
    } catch (error) {
      const problem = this.report(error);
      throw new ProjectError(`${problem.path} ${problem.reason}`);
    }
  }

  /** Appends one codebook edit to the changelog, durably. */
  appendChangelog(entry: ChangelogEntry): Promise<void> {
    return this.exclusive(() =>
      appendJsonLine(this.layout.changelogFile, changelogEntrySchema, entry).catch(this.refusal('append to')),
    );
  }

  /** The codebook as it was at a version: its snapshot, or the codebook itself when that is the version. */
  async codebookAt(version: number): Promise<Codebook | null> {
    const file = await readJson(this.layout.codebookSnapshot(version), codebookFileSchema).catch((error) => {
      const problem = this.report(error);
      throw new ProjectError(`${problem.path} ${problem.reason}`);
    });
    if (file) return file.codebook;
    return this.codebook.version === version ? this.codebook : null;
  }

  /** Keeps codebooks/v<N>.json for a codebook version a round freezes or the changelog names; written once. */
  keepCodebookSnapshot(codebook: Codebook): Promise<void> {
    const path = this.layout.codebookSnapshot(codebook.version);
    return this.exclusive(async () => {
      if (await exists(path)) return;
      await writeJson(path, codebookFileSchema, { schema: SCHEMA_VERSION, codebook });
    });
  }

  /** rounds/<key>.json: a closed round's coding, kept as it was when it closed (null: none kept). */
  async readRoundRecords(key: string): Promise<RoundRecordsFile | null> {
    try {
      return await readJson(this.layout.roundRecordsFile(key), roundRecordsFileSchema);
    } catch (error) {
      const problem = this.report(error);
      throw new ProjectError(`${problem.path} ${problem.reason}`);
    }
  }

  writeRoundRecords(key: string, file: RoundRecordsFile): Promise<void> {
    return this.exclusive(() => writeJson(this.layout.roundRecordsFile(key), roundRecordsFileSchema, file));
  }

  /**
   * Writes a round's report as reports/<key>/, replacing any earlier one whole: the files go into a temp folder
   * that is renamed into place, so a reader never finds half a report. Returns the folder, project-relative.
   */
  writeReport(key: string, files: readonly { path: string; content: string }[]): Promise<string> {
    return this.exclusive(() => this.replaceReport(key, files));
  }

  private async replaceReport(key: string, files: readonly { path: string; content: string }[]): Promise<string> {
    const dir = this.layout.reportDir(key);
    const parent = dirname(dir);
    await mkdir(parent, { recursive: true });
    const temp = join(parent, `.${key}.${randomBytes(6).toString('hex')}.tmp`);
    const old = join(parent, `.${key}.${randomBytes(6).toString('hex')}.old`);
    for (const name of await readdir(parent))
      if (name.startsWith(`.${key}.`) && /^[0-9a-f]{12}\.(tmp|old)$/.test(name.slice(key.length + 2)))
        await rm(join(parent, name), { recursive: true, force: true });
    try {
      for (const f of files) {
        if (!f.path.split('/').every((part) => /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(part)))
          throw new ProjectError(`refused: report file name ${JSON.stringify(f.path)}`);
        await writeFileDurably(join(temp, ...f.path.split('/')), f.content, { syncDir: false });
      }
      for (const d of new Set(files.map((f) => dirname(join(temp, ...f.path.split('/')))))) await syncDirectory(d);
      const had = await exists(dir);
      if (had) await rename(dir, old);
      await rename(temp, dir);
      await syncDirectory(parent);
      if (had) await rm(old, { recursive: true, force: true });
    } catch (error) {
      await rm(temp, { recursive: true, force: true }).catch(() => {});
      throw error;
    }
    return this.layout.relative(dir).split(/[/\\]/).join('/');
  }

  /** A file that failed to read is never overwritten. */
  private refuseIfUnread(path: string): void {
    const problem = this.problems.get(this.layout.relative(path));
    if (problem)
      throw new ProjectError(`refused to overwrite ${problem.path}, which could not be read: ${problem.reason}`);
  }

  // ---- Changes of several files: staged, then committed through the journal in one step. ----

  /** A staging area for one change; the project does not change until it is committed. */
  beginImport(): ImportStaging {
    return new ImportStaging(this.layout.root);
  }

  /** Stages one new document file. */
  stageDocument(staging: ImportStaging, doc: z.infer<typeof documentFileSchema>): Promise<void> {
    return staging.writeJson(this.layout.relative(this.layout.documentFile(doc.id)), documentFileSchema, doc);
  }

  /** Stages one new document file that the import thread checked against its schema and laid out. */
  stageDocumentFile(staging: ImportStaging, id: string, file: Uint8Array): Promise<void> {
    return staging.writeChecked(this.layout.relative(this.layout.documentFile(id)), file);
  }

  /**
   * Puts the staged files of new documents in place before the commit (`ImportStaging.place`): no reader opens a
   * document the index does not name, so the commit renames the rest alone.
   */
  placeDocuments(staging: ImportStaging, ids: string[]): Promise<void> {
    return staging.place(ids.map((id) => this.layout.relative(this.layout.documentFile(id))));
  }

  /** Refuses a document file the import thread could not lay out, as `stageDocument` refuses one. */
  async refuseDocument(staging: ImportStaging, id: string, problem: string): Promise<void> {
    staging.refuse(this.layout.relative(this.layout.documentFile(id)), problem);
  }

  private stageIndex(staging: ImportStaging, entries: IndexEntry[]): Promise<void> {
    this.refuseIfUnread(this.layout.indexFile);
    const documents = [...entries].sort((a, b) => compare(a.id, b.id));
    return staging.writeListJson(
      this.layout.relative(this.layout.indexFile),
      documentIndexFileSchema,
      { schema: SCHEMA_VERSION },
      'documents',
      documents,
      documentIndexEntrySchema,
    );
  }

  private stageCodebook(staging: ImportStaging, codebook: Codebook): Promise<void> {
    this.refuseIfUnread(this.layout.codebookFile);
    return staging.writeJson(this.layout.relative(this.layout.codebookFile), codebookFileSchema, {
      schema: SCHEMA_VERSION,
      codebook,
    });
  }

  private stageRecordFile(staging: ImportStaging, file: AnnotationFile): Promise<void> {
    const path = this.layout.annotationFile(file.annotator, file.document);
    this.refuseIfUnread(path);
    return staging.writeJson(this.layout.relative(path), annotationFileSchema, file);
  }

  /** The record files each import staged, as checked, with their staged files' stats (`keepImported`). */
  private readonly importedRecords = new WeakMap<ImportStaging, StagedRecordFile[]>();

  /**
   * Keeps the record files an import committed as if this process had just read them, so the first export or
   * document list after an import parses none of them again (the derived caches on disk take them from there as
   * they do from any read). Each is kept under the stamp of its staged file, which the rename into place leaves
   * as it is: a file saved over since has another stamp, and is read again.
   */
  private keepImported(staging: ImportStaging): void {
    for (const { data: file, stats } of this.importedRecords.get(staging) ?? [])
      this.recordCache(file.annotator).files.set(file.document, { stamp: stampOfStats(stats), file });
    this.importedRecords.delete(staging);
  }

  private stageMemos(staging: ImportStaging, annotator: string, memos: Memo[]): Promise<void> {
    const path = this.layout.memosFile(annotator);
    this.refuseIfUnread(path);
    return staging.writeJson(this.layout.relative(path), memosFileSchema, {
      schema: SCHEMA_VERSION,
      annotator,
      memos: memos.map(({ annotator: _a, ...m }) => m),
    });
  }

  /** The memos of every annotator that `rewrite` changes (null: deleted), staged whole per file. */
  private async stageMemoRewrite(staging: ImportStaging, rewrite: MemoRewrite): Promise<void> {
    for (const annotator of await this.memoAuthors()) {
      const path = this.layout.memosFile(annotator);
      this.refuseIfUnread(path);
      const file: MemosFile | null = await readJson(path, memosFileSchema).catch(this.refusal());
      if (!file) continue;
      if (file.annotator !== annotator)
        throw new ProjectError(`refused: ${this.layout.relative(path)} names another annotator`);
      const before = file.memos.map((m) => ({ annotator, ...m }));
      const after = before.map(rewrite);
      if (after.every((m, i) => m === before[i])) continue;
      await this.stageMemos(
        staging,
        annotator,
        after.filter((m): m is Memo => m !== null),
      );
    }
  }

  /** Stages what `stage` writes into a new staging area and commits it under the lock; a failure changes nothing. */
  private async commit(
    stage: (staging: ImportStaging) => Promise<void>,
    staging = this.beginImport(),
    options: { keepFolder?: boolean } = {},
  ): Promise<void> {
    try {
      await stage(staging);
      assertLockHeld(this.layout.root);
      await staging.commit(commitOrder, options);
      // Every folder the commit renamed files into is listed again (unchanged files are not parsed again).
      for (const cache of this.recordFiles.values()) cache.dirStamp = '';
    } catch (error) {
      await staging.discard();
      throw error;
    }
  }

  /**
   * Stages the records, the codebook (when it changed), the memos, the kept tables and the index of an import,
   * and seals the staging, without the lock: nothing of the project changes until `commitImport`. Spans are stored as read: a span a
   * source holds twice is stored twice. `basis` gets the version of each file the import merges into (project
   * path → stamp), for the commit to check that it is still the one staged on.
   */
  async stageImport(
    staging: ImportStaging,
    change: ImportChange,
    basis: Map<string, string>,
    early: EarlyRecords = { now: new Date().toISOString(), staged: new Map(), others: [] },
  ): Promise<void> {
    const codebookChanged = change.codebook.version !== this.codebook.version;
    const kept: StagedRecordFile[] = [];
    this.importedRecords.set(staging, kept);
    // A record file staged early that this change does not write as it stands (stored since, merged with a
    // stored one, another codebook version) is left out of the commit, or staged again below.
    for (const rel of early.others) staging.include(rel, false);
    await pooled(change.records, 16, async (r) => {
      const ready = early.staged.get(this.recordPath(r));
      if (ready) staging.include(this.recordPath(r), true);
      kept.push(ready ?? (await this.stageRecord(staging, r, change.codebook, early.now)));
    });
    if (codebookChanged) await this.stageCodebook(staging, change.codebook);
    for (const { annotator, memos } of change.memos ?? []) await this.stageMemos(staging, annotator, memos);
    if (change.interop) {
      const path = this.layout.interopFile(change.interop.name);
      this.refuseIfUnread(path);
      basis.set(path, await stampOf(path));
      const before = await readJson(path, interopFileSchema);
      await staging.writeJson(this.layout.relative(path), interopFileSchema, {
        schema: SCHEMA_VERSION,
        name: change.interop.name,
        tables: mergeTables(before?.tables ?? {}, change.interop.tables),
      });
    }
    if (change.index.length !== this.index.size) await this.stageIndex(staging, change.index);
    await staging.seal(commitOrder);
  }

  /** The project-relative path of a record's file. */
  recordPath(r: Pick<AnnotationRecord, 'annotator' | 'document'>): string {
    return this.layout.relative(this.layout.annotationFile(r.annotator, r.document));
  }

  /**
   * Stages one record file of an import as the commit writes it: its span ids given, its relations in their
   * stored order under `codebook`'s types, stamped with `codebook`'s version and `now`.
   */
  stageRecord(
    staging: ImportStaging,
    r: ImportChange['records'][number],
    codebook: Codebook,
    now: string,
  ): Promise<StagedRecordFile> {
    const spans = assignSpanIds(r.spans);
    const { relations: read, ...rest } = r;
    const relations = read?.length ? normalizeRelations(read, spans, relationTypesOf(codebook)) : [];
    const path = this.layout.annotationFile(r.annotator, r.document);
    this.refuseIfUnread(path);
    const file: AnnotationFile = {
      schema: SCHEMA_VERSION,
      ...rest,
      spans,
      ...(relations.length ? { relations } : {}),
      docLabels: sortDocLabels(r.docLabels),
      codebookVersion: codebook.version,
      updatedAt: now,
    };
    return staging.writeJsonKept(this.layout.relative(path), annotationFileSchema, file);
  }

  /** Whether every file of `basis` is still at the version it had (a file that was absent is still absent). */
  async unchangedSince(basis: ReadonlyMap<string, string>): Promise<boolean> {
    let same = true;
    await pooled([...basis], 16, async ([path, stamp]) => {
      if (same && (await stampOf(path)) !== stamp) same = false;
    });
    return same;
  }

  /**
   * Commits an import staged by `stageImport` in one step, under the lock. The caller holds the lock since it
   * checked that the files the import was staged on are unchanged, and removes the staging folder (`discard`)
   * once it has let go of the lock.
   */
  commitImport(staging: ImportStaging, change: ImportChange): Promise<void> {
    return this.exclusive(async () => {
      await this.commit(async () => {}, staging, { keepFolder: true });
      this.codebook = change.codebook;
      this.adoptIndex(change.index);
      await this.wrote('codebook');
      await this.wrote('index');
      this.keepImported(staging);
    });
  }

  /**
   * Rewrites the spans and relations of every record that `rewrite` changes (null: unchanged), the memos
   * `rewriteMemo` changes, and writes `codebook`, in one commit (a label or relation type renamed, merged or
   * deleted): readers and a kill see the old names everywhere or the new ones everywhere. Span ids stay.
   */
  relabel(
    codebook: Codebook,
    rewrite: (record: RecordContent) => RecordContent | null,
    rewriteMemo?: MemoRewrite,
  ): Promise<void> {
    return this.exclusive(async () => {
      await this.commit(async (staging) => {
        for (const annotator of await this.annotators())
          for (const r of await this.records(annotator)) {
            const next = rewrite({ spans: r.spans, relations: r.relations ?? [] });
            if (!next) continue;
            const current = await this.currentFile(annotator, r.document);
            if (!current) continue;
            const { schema: _schema, updatedAt: _updatedAt, ...record } = current;
            await this.stageRecordFile(
              staging,
              this.recordFile(
                current,
                { ...record, spans: next.spans, relations: next.relations, codebookVersion: codebook.version },
                false,
                codebook,
              ),
            );
          }
        await this.stageCodebook(staging, codebook);
        if (rewriteMemo) await this.stageMemoRewrite(staging, rewriteMemo);
      });
      this.codebook = codebook;
      await this.wrote('codebook');
    });
  }

  /**
   * Saves several records (a merge of packages) and, when given, a codebook that adds the labels they use, in
   * one commit. Each record is checked as a save is; `decide` sees the stored record and may skip it.
   */
  saveRecords(
    inputs: RecordInput[],
    codebook: Codebook | null,
    decide: (input: RecordInput, stored: AnnotationRecord | null) => boolean,
  ): Promise<void> {
    return this.exclusive(async () => {
      const book = codebook ?? this.codebook;
      for (const input of inputs) this.checkRecord(input, book);
      await this.commit(async (staging) => {
        if (codebook) await this.stageCodebook(staging, codebook);
        for (const input of inputs) {
          const current = await this.currentFile(input.annotator, input.document);
          const stored = current ? (({ schema: _s, ...r }) => r)(current) : null;
          if (!decide(input, stored)) continue;
          await this.stageRecordFile(
            staging,
            this.recordFile(current, this.recordFromInput(input, book.version), true, book),
          );
        }
      });
      if (codebook) {
        this.codebook = codebook;
        await this.wrote('codebook');
      }
    });
  }

  /**
   * Whether a real annotator name is acceptable: a safe id, not "gold" in any case (unless allowed) and not the
   * model's layer in any case.
   */
  static annotatorProblem(name: string, allowGold = false): string | null {
    const p = idProblem(name);
    if (p) return `annotator ${JSON.stringify(name)} ${p}`;
    if (idKey(name) === idKey(GOLD) && !(allowGold && name === GOLD))
      return `"${name}" is reserved for the adjudicated layer (${GOLD})`;
    if (isModelName(name)) return `"${name}" is reserved for the model's layer (whatever its case)`;
    return null;
  }

  /** What "next document" follows; a project setting, so a study reports one order for every coder. */
  setDocumentOrder(order: DocumentOrder): Promise<ProjectSettings> {
    return this.exclusive(() => this.writeDocumentOrder(order));
  }

  private async writeDocumentOrder(order: DocumentOrder): Promise<ProjectSettings> {
    const file = await updateJson(this.layout.projectFile, projectFileSchema, (current) => {
      if (!current) throw new ProjectError(`${this.layout.relative(this.layout.projectFile)} is gone`);
      return { ...current, documentOrder: order };
    }).catch(this.refusal());
    this.settings = { ...this.settings, documentOrder: file.documentOrder };
    return this.settings;
  }

  // The model: its file and its cross-fitted layer (models/), derived from the coding, never an annotator's
  // folder, written only here. The folder ignores itself in git: every teammate can retrain the same model
  // from the same coding and seed, and a committed layer would conflict on every retrain.

  private layerCache: { mtimeMs: number; size: number; layer: ModelLayer } | null = null;

  /** The model layer, or null when none is trained; a layer that cannot be read is reported and null. */
  async readModelLayer(): Promise<ModelLayer | null> {
    const info = await stat(this.layout.layerFile).catch(() => null);
    if (!info) {
      this.layerCache = null;
      return null;
    }
    const cached = this.layerCache;
    if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached.layer;
    try {
      const layer = await readJson(this.layout.layerFile, modelLayerSchema);
      this.layerCache = layer ? { mtimeMs: info.mtimeMs, size: info.size, layer } : null;
      this.problems.delete(this.layout.relative(this.layout.layerFile));
      return layer;
    } catch (error) {
      this.report(error);
      return null;
    }
  }

  /** The model file that belongs to the layer; refuses a file left by another (interrupted) run. */
  async readModelFile(): Promise<ModelFile> {
    const layer = await this.readModelLayer();
    if (!layer) throw new ProjectError('no model: train it first (framelens model train DIR)');
    let model: ModelFile | null;
    try {
      model = await readJson(this.layout.modelFile, modelFileSchema);
    } catch (error) {
      throw new ProjectError(this.report(error).reason);
    }
    const where = this.layout.relative(this.layout.modelFile);
    if (!model) throw new ProjectError(`${where} is missing; train again`);
    if (modelDigest(model) !== layer.modelDigest)
      throw new ProjectError(
        `${where} is not the model of ${this.layout.relative(this.layout.layerFile)}; train again`,
      );
    return model;
  }

  /** Stores a trained model and its layer: the model file first, the layer (which names its digest) last. */
  saveModel(model: ModelFile, layer: ModelLayer): Promise<void> {
    return this.exclusive(() => this.writeModel(model, layer));
  }

  private async writeModel(model: ModelFile, layer: ModelLayer): Promise<void> {
    if (layer.modelDigest !== modelDigest(model)) throw new ProjectError('refused: the layer names another model');
    for (const r of layer.records)
      if (r.annotator !== MODEL) throw new ProjectError(`refused: a record of ${r.annotator} in the model's layer`);
    const ignore = join(this.layout.modelsDir, '.gitignore');
    if (!(await exists(ignore))) await writeFileDurably(ignore, '*\n');
    await writeJson(this.layout.modelFile, modelFileSchema, model, { compact: true });
    await writeJson(this.layout.layerFile, modelLayerSchema, layer, { compact: true });
    this.layerCache = null;
  }
}

/** The digest a layer records of its model file (of the model's data, so formatting does not matter). */
export function modelDigest(model: ModelFile): string {
  return `sha256:${createHash('sha256')
    .update(stableLine(modelFileSchema.parse(model)))
    .digest('hex')}`;
}

/** Adds the lines of GITIGNORE a project's .gitignore lacks, keeping everything it holds. */
async function mergeGitignore(path: string): Promise<void> {
  const before = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw new ProjectError(`refused: ${path} cannot be read (${error.message}); nothing was written`);
  });
  const have = new Set(before.split(/\r?\n/).map((l) => l.trim()));
  const missing = GITIGNORE.filter((l) => !have.has(l));
  if (!missing.length) return;
  const sep = before === '' || before.endsWith('\n') ? '' : '\n';
  await writeFileDurably(path, `${before}${sep}${missing.join('\n')}\n`);
}

/** Plain string order (code unit order), as the contracts require for ids and names. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Later entries replace earlier ones of the same key; the order of first appearance stays. */
function mergeTables(before: InteropTables, after: InteropTables): InteropTables {
  const out: InteropTables = {};
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const entries = new Map<string, unknown>(Object.hasOwn(before, name) ? before[name] : []);
    for (const [k, v] of Object.hasOwn(after, name) ? after[name] : []) entries.set(k, v);
    out[name] = [...entries.entries()];
  }
  return out;
}

function sortDocLabels(labels: AnnotationRecord['docLabels']): AnnotationRecord['docLabels'] {
  const out: AnnotationRecord['docLabels'] = {};
  for (const key of Object.keys(labels).sort(compare)) {
    const v = labels[key];
    out[key] = Array.isArray(v) ? [...new Set(v)].sort(compare) : v;
  }
  return out;
}

function asProblem(layout: ProjectLayout, error: unknown): FileProblem {
  if (error instanceof FileProblemError) return { path: layout.relative(error.path), reason: error.reason };
  throw error;
}

/** A row of the document list: the index entry, with an annotator's status when it has a record. */
function documentRow(e: IndexEntry, s: RecordSummary | undefined): DocumentSummary {
  return {
    id: e.id,
    meta: e.meta,
    length: e.length,
    textHash: e.textHash,
    status: s?.status ?? 'todo',
    spans: s?.spans ?? 0,
    ...(s ? { labels: Object.keys(s.labels).sort() } : {}),
  };
}

/** What a summary was checked against: the document's text and its length. */
function entryKey(entry: IndexEntry): string {
  return [entry.textHash, entry.length].join(':');
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
