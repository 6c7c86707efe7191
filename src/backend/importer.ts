// Import: files are read and decoded, parsed by their format's module (src/core/formats, the same reader the
// CLI, the wizard and the tests use), checked whole, staged, and committed through Project in one step.
// The importer has no reader of its own. Every record is accounted for (read = imported + merged +
// refused), spans read equal spans stored, and anything a format cannot hold fails the import unless the
// user names it with --drop.
import { readdir } from 'node:fs/promises';
import type { z } from 'zod';
import { addDefinedLabels, addMissingLabels } from '../core/codebook';
import { NearDuplicateIndex, signature } from '../core/dedupe';
import { metaProblem, tidyMeta } from '../core/documentMeta';
import { FormatError, orderedSpans } from '../core/formats/common';
import { defaultStatus } from '../core/formats/jsonl';
import type { ImportOptions, ImportReport } from '../core/formats/options';
import { formatReads, requireFormat } from '../core/formats/registry';
import { storedTokensFit } from '../core/formats/tokens';
import { DROP_KINDS, type Format, type InterchangeLine } from '../core/formats/types';
import { GUID_PATTERN, idKey } from '../core/ids';
import {
  type AnnotationRecord,
  type Codebook,
  type DocLabelValue,
  type DocumentMeta,
  isModelName,
  type Memo,
  type Span,
  type Status,
} from '../core/model';
import { type IndexedRelation, relationsToIds, relationsToIndexes } from '../core/relations';
import { annotationFileSchema, memosFileSchema, SCHEMA_VERSION } from '../core/schemas';
import { assignSpanIds } from '../core/spanIds';
import { stableLine } from '../core/stableJson';
import { orderSpans } from '../core/text';
import { FileProblemError } from './durableFile';
import { ANY_FILE, type FileSource } from './fileSource';
import type { ImportStaging } from './importJournal';
import { readJson } from './jsonStore';
import { type ParsePool, parsePool } from './parsePool';
import type { ParseCollected } from './parseWorker';
import { type PreparedLine, type PrepareSettings, textOf } from './prepare';
import {
  compare,
  type EarlyRecords,
  type ImportChange,
  type IndexEntry,
  memoKey,
  Project,
  ProjectError,
  type StagedRecordFile,
  stampOf,
} from './project';

/** An import refusal that names the file (and line) at fault: printed as one line. */
export class ImportError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
    readonly line?: number,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${problem}`);
  }
}

/** Reads a project file an import would replace; one it cannot read stops the import, naming it. */
async function readToReplace<T>(project: Project, path: string, schema: z.ZodType<T>): Promise<T | null> {
  try {
    return await readJson(path, schema);
  } catch (error) {
    if (error instanceof FileProblemError)
      throw new ImportError(project.layout.relative(path), `${error.reason}; not replaced, nothing was imported`);
    throw error;
  }
}

/** An import stopped by its caller (the wizard's Cancel); it changed nothing. */
export class ImportCancelled extends ImportError {}

/** How a caller follows and stops an import (the app's wizard). */
export interface ImportControl {
  signal?: AbortSignal;
  /** Called with the number of records read so far. */
  onProgress?: (processed: number) => void;
  /** The threads that read the files (the backend's shared pool unless a test gives its own budget). */
  parser?: ParsePool;
}

interface StagedDocument {
  id: string;
  hash: string;
  length: number;
  meta: DocumentMeta;
  isNew: boolean;
  where: string;
}

interface StagedRecord {
  document: string;
  annotator: string;
  status: Status;
  spans: Span[];
  /** By index into `spans`: ids are given at the commit. */
  relations: IndexedRelation[];
  docLabels: Record<string, DocLabelValue>;
  where: string;
  file: string;
  line: number;
}

const PREVIEW_DOCUMENTS = 5;
const PREVIEW_CHARS = 2000;
const METADATA_LISTED = 5000;
/** Documents held in memory while their staging writes wait for a turn (writeGate.ts). */
const WRITE_CONCURRENCY = 16;
const YIELD_MS = 8;

function emptyReport(format: string, dryRun: boolean): ImportReport {
  return {
    format,
    dryRun,
    summary: {
      records: { read: 0, imported: 0, merged: 0, refused: 0 },
      spans: { read: 0, stored: 0 },
      relations: { read: 0, stored: 0 },
      docLabels: { read: 0, stored: 0 },
      notes: { read: 0, stored: 0 },
      documents: { added: 0, existing: 0 },
      annotationRecords: { added: 0, replaced: 0, unchanged: 0 },
    },
    refused: [],
    dropped: [],
    documentsAdded: [],
    documentsUnchanged: [],
    records: 0,
    addedSpanLabels: [],
    addedDocLabelGroups: [],
    addedRelationTypes: [],
    warnings: [],
    duplicates: [],
    sameText: [],
    nearDuplicates: [],
    normalized: [],
    files: [],
    cleanup: [],
    preview: [],
    metadata: [],
    detected: {},
  };
}

function place(file: string, line: number): string {
  return line ? `${file}:${line}` : file;
}

/** A relation a format read must link two different spans of its line, once; else the import is refused. */
function checkRelations(line: InterchangeLine, file: string, n: number): void {
  const seen = new Map<string, number>();
  for (const [i, r] of (line.relations ?? []).entries()) {
    const what = `document ${line.id}: relation ${i + 1} (${JSON.stringify(r.type)})`;
    const inside = (k: number) => Number.isInteger(k) && k >= 0 && k < line.spans.length;
    if (!inside(r.from) || !inside(r.to)) throw new ImportError(file, `${what} names a span the line does not hold`, n);
    if (r.from === r.to) throw new ImportError(file, `${what} links a span to itself`, n);
    if (!r.type) throw new ImportError(file, `${what} has no type`, n);
    const key = `${r.from}>${r.to}>${r.type}`;
    const first = seen.get(key);
    if (first !== undefined) throw new ImportError(file, `${what} repeats relation ${first + 1}`, n);
    seen.set(key, i);
  }
}

/** Everything one import has read, checked and staged so far. */
class ImportPlan {
  readonly documents = new Map<string, StagedDocument>();
  readonly keys = new Map<string, string>();
  readonly byHash = new Map<string, string>();
  readonly records = new Map<string, StagedRecord>();
  readonly near = new NearDuplicateIndex(0.8);
  /** What the import thread needs to prepare each record (prepare.ts). */
  readonly settings: PrepareSettings;
  readonly pending = new Set<Promise<void>>();
  readonly report: ImportReport;
  /** The codebook the records staged early were laid out under, and as the labels met so far extend it. */
  readonly baseCodebook: Codebook;
  private predicted: Codebook;
  /** The time every record file of the import is stamped with. */
  readonly now = new Date().toISOString();
  /** Record files staged while the thread still reads, by project-relative path (`stageEarly`). */
  readonly early = new Map<string, { record: StagedRecord; version: number; file: StagedRecordFile }>();
  /** Every record file an early staging was started for. */
  private readonly tried = new Set<string>();
  /** The record files each annotator had when the import first met it. */
  private readonly listed = new Map<string, Promise<Set<string>>>();

  constructor(
    readonly project: Project,
    readonly format: Format,
    readonly options: ImportOptions,
    readonly staging: ImportStaging | null,
    readonly control: ImportControl,
  ) {
    this.report = emptyReport(format.name, options.dryRun === true);
    this.baseCodebook = project.codebook;
    this.predicted = project.codebook;
    const known: [string, string][] = [];
    for (const entry of project.index.values()) {
      this.keys.set(idKey(entry.id), entry.id);
      this.byHash.set(entry.textHash, entry.id);
      known.push([entry.id, entry.textHash]);
    }
    this.settings = {
      ...(options.clean ? { clean: options.clean } : {}),
      normalize: options.normalize === true,
      outlets: [...new Set([...project.index.values()].map((e) => e.meta.outlet).filter((o): o is string => !!o))],
      known,
      ...(options.meta ? { meta: options.meta } : {}),
      files: staging !== null,
    };
  }

  /** One parsed record, prepared in the import thread (prepare.ts): its document and record checked and staged. */
  async stage(line: PreparedLine): Promise<void> {
    const file = line.where?.file ?? this.options.paths[0];
    const n = line.where?.line ?? 0;
    const where = place(file, n);
    const sum = this.report.summary;
    sum.records.read++;
    if (sum.records.read % 50 === 0) this.control.onProgress?.(sum.records.read);
    if (this.control.signal?.aborted) throw new ImportCancelled(file, 'import cancelled; nothing was changed', n);
    const notes = line.spans.filter((s) => s.note !== undefined).length;
    const groups = Object.keys(line.docLabels).length;
    const relations = line.relations ?? [];
    sum.spans.read += line.spans.length;
    sum.relations.read += relations.length;
    checkRelations(line, file, n);
    sum.notes.read += notes;
    sum.docLabels.read += groups;
    if (!line.annotator && (line.spans.length || groups || relations.length))
      throw new ImportError(file, `document ${line.id} carries annotations but no annotator: give --annotator NAME`, n);
    const prepared = line.prepared;
    if (!line.raw && this.options.normalize)
      throw new ImportError(
        file,
        `--normalize applies to raw articles only; ${line.id} is read with its offsets and ids`,
        n,
      );
    if (prepared.cleanup) this.report.cleanup.push({ id: line.id, actions: prepared.cleanup });
    this.report.warnings.push(...prepared.warnings);
    if (prepared.normalized) this.report.normalized.push({ id: line.id, changes: prepared.normalized });
    if (prepared.empty) {
      if (line.spans.length || groups)
        throw new ImportError(file, `document ${line.id} has no text but carries annotations`, n);
      this.refuse(file, n, line.id, 'empty document (no text)');
      return;
    }
    const isNew = await this.addDocument(line, file, n);
    if (isNew === null) return;
    if (isNew) sum.records.imported++;
    else sum.records.merged++;
    if (!line.annotator) return;
    if (isModelName(line.annotator))
      throw new ImportError(
        file,
        `annotator ${JSON.stringify(line.annotator)} is reserved for the model's layer, which is trained, not imported; import it under another name (--annotator) or train the model`,
        n,
      );
    if (line.noRecord) return;
    const key = `${line.id}\u0000${line.annotator}`;
    const previous = this.records.get(key);
    if (previous)
      throw new ImportError(
        file,
        `a second record of ${line.annotator} for ${line.id} (first at ${previous.where})`,
        n,
      );
    const ordered = orderedSpans(line.spans, relations);
    const record: StagedRecord = {
      document: line.id,
      annotator: line.annotator,
      status: defaultStatus(line),
      spans: ordered.spans,
      relations: ordered.relations ?? [],
      docLabels: line.docLabels,
      where,
      file,
      line: n,
    };
    this.records.set(key, record);
    if (this.staging) await this.stageEarly(this.staging, record);
    sum.spans.stored += line.spans.length;
    sum.relations.stored += relations.length;
    sum.notes.stored += notes;
    sum.docLabels.stored += groups;
  }

  private refuse(file: string, line: number, id: string, reason: string): void {
    this.report.summary.records.refused++;
    this.report.refused.push({ file, line, id, reason });
  }

  /** Stages a document, or meets it again: true when new, false when already there, null when skipped. */
  private async addDocument(line: PreparedLine, file: string, n: number): Promise<boolean | null> {
    const { id } = line;
    const { hash, length, found, meta: read } = line.prepared;
    const staged = this.documents.get(id);
    if (staged) {
      if (staged.hash !== hash)
        throw new ImportError(file, `document ${id} appears again with a different text (first at ${staged.where})`, n);
      return false;
    }
    const sameKey = this.keys.get(idKey(id));
    if (sameKey && sameKey !== id)
      throw new ImportError(
        file,
        `document id ${id} differs from ${sameKey} only by case (they would collide on macOS and Windows)`,
        n,
      );
    const existing = this.project.index.get(id);
    if (existing && existing.textHash !== hash)
      throw new ImportError(file, `document ${id} is already in the project with a different text`, n);
    const twin = existing ? undefined : this.byHash.get(hash);
    if (twin && twin !== id) {
      if (line.raw && !this.options.keepDuplicates) {
        this.report.duplicates.push({ id, sameAs: twin, file, line: n });
        this.refuse(file, n, id, `same text as ${twin} (pass --keep-duplicates to import it)`);
        return null;
      }
      this.report.sameText.push({ id, sameAs: twin });
    }
    this.keys.set(idKey(id), id);
    if (!this.byHash.has(hash)) this.byHash.set(hash, id);
    const confirmed = existing ? undefined : this.options.meta?.[id];
    const meta = confirmed ? tidyMeta(confirmed) : read;
    this.documents.set(id, {
      id,
      hash,
      length,
      meta: existing ? existing.meta : meta,
      isNew: !existing,
      where: place(file, n),
    });
    if (existing) {
      this.report.summary.documents.existing++;
      return false;
    }
    this.report.summary.documents.added++;
    const similar = this.near.add(id, line.prepared.signature ?? signature(textOf(line)));
    if (similar) this.report.nearDuplicates.push({ id, similarTo: similar.id, similarity: similar.similarity });
    if (this.report.preview.length < PREVIEW_DOCUMENTS)
      this.report.preview.push({ id, meta, text: textOf(line).slice(0, PREVIEW_CHARS), length });
    if (this.report.metadata.length < METADATA_LISTED) this.report.metadata.push({ id, meta, found });
    if (this.staging) {
      const { file, fileProblem } = line.prepared;
      const staging = this.staging;
      if (fileProblem !== undefined)
        await this.writeDocument(staging, id, () => this.project.refuseDocument(staging, id, fileProblem));
      else if (file) await this.writeDocument(staging, id, () => this.project.stageDocumentFile(staging, id, file));
      else {
        // The thread lays out the file of every document that was not in the project when the import began.
        const text = textOf(line);
        const tokens =
          line.tokens && text === line.text && storedTokensFit(text, line.tokens) ? line.tokens : undefined;
        const doc = { schema: SCHEMA_VERSION, id, textHash: hash, meta, text, ...(tokens ? { tokens } : {}) };
        await this.writeDocument(staging, id, () => this.project.stageDocument(staging, doc));
      }
    }
    return true;
  }

  /**
   * Stages a new document's file and links it in place (`Project.placeDocuments`) as soon as it is written,
   * while the thread is still reading, so the links take no time of their own after the parse.
   */
  private writeDocument(staging: ImportStaging, id: string, stage: () => Promise<void>): Promise<void> {
    return this.schedule(() => stage().then(() => this.project.placeDocuments(staging, [id])));
  }

  /** Starts a staging write once fewer than WRITE_CONCURRENCY are under way; `flush` waits for it. */
  private async schedule(write: () => Promise<void>): Promise<void> {
    while (this.pending.size >= WRITE_CONCURRENCY) await Promise.race(this.pending);
    const tracked: Promise<void> = write().finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  /**
   * Stages a new record's file while the thread still reads, as the commit would write it if the codebook
   * ends as the labels met so far make it: its version goes up once, at the first label the codebook lacks.
   * `earlyRecords` keeps it only when that guess held and the record is still written as it was read;
   * otherwise `stageImport` stages it again, as before.
   */
  private async stageEarly(staging: ImportStaging, record: StagedRecord): Promise<void> {
    if (Project.annotatorProblem(record.annotator, true)) return;
    if (this.predicted === this.baseCodebook) {
      const next = addMissingLabels(
        this.predicted,
        record.spans.map((s) => s.label),
        Object.entries(record.docLabels),
        record.relations.map((r) => r.type),
      ).codebook;
      if (next.version !== this.predicted.version) this.predicted = next;
    }
    let names = this.listed.get(record.annotator);
    if (!names) {
      names = readdir(this.project.layout.annotatorDir(record.annotator)).then(
        (list) => new Set(list),
        () => new Set<string>(),
      );
      this.listed.set(record.annotator, names);
    }
    if ((await names).has(`${record.document}.json`)) return;
    const codebook = this.predicted;
    const hash = (this.documents.get(record.document) as StagedDocument).hash;
    const rel = this.project.recordPath(record);
    this.tried.add(rel);
    // A write that fails here is left to `stageImport`, which stages the record again and fails in its place.
    await this.schedule(() =>
      this.project.stageRecord(staging, changeRecord(record, hash), codebook, this.now).then(
        (file) => {
          this.early.set(rel, { record, version: codebook.version, file });
        },
        () => {},
      ),
    );
  }

  /**
   * The early staged record files `stageImport` may keep for `change`: a record written as it was read, under
   * the codebook version it was staged with, the project's codebook unchanged since. The others are staged
   * again.
   */
  earlyRecords(toWrite: readonly StagedRecord[], change: ImportChange): EarlyRecords {
    const staged = new Map<string, StagedRecordFile>();
    if (this.project.codebook === this.baseCodebook) {
      const writing = new Set(toWrite);
      for (const [rel, e] of this.early)
        if (writing.has(e.record) && e.version === change.codebook.version) staged.set(rel, e.file);
    }
    return { now: this.now, staged, others: [...this.tried].filter((rel) => !staged.has(rel)) };
  }

  /** Waits for every staged write; the first failure fails the import. */
  async flush(): Promise<void> {
    while (this.pending.size) await Promise.all(this.pending);
  }

  /**
   * Waits until no staged write or link is under way, failed or not: a link made after the staging was
   * discarded would leave its document in place.
   */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.allSettled(this.pending);
  }
}

/** A staged record as the change writes it (`Project.stageImport`): its spans given ids. */
function changeRecord(r: StagedRecord, textHash: string): ImportChange['records'][number] {
  const spans = assignSpanIds(r.spans);
  const relations = relationsToIds(spans, r.relations);
  return {
    document: r.document,
    annotator: r.annotator,
    textHash,
    status: r.status,
    spans,
    ...(relations.length ? { relations } : {}),
    docLabels: r.docLabels,
  };
}

/** Every file under the given paths (folders recursively, hidden files skipped, the format's files kept), in name order. */
async function collectFiles(
  source: FileSource,
  paths: string[],
  format: Format,
  fromFolder = false,
): Promise<string[]> {
  const out: string[] = [];
  for (const path of paths) {
    const kind = await source.kind(path);
    if (!kind) throw new ImportError(path, 'no such file or folder');
    if (kind === 'file') {
      if (!fromFolder || formatReads(format, path)) out.push(path);
      continue;
    }
    const names = (await source.list(path)).filter((n) => !n.startsWith('.')).sort(compare);
    out.push(
      ...(await collectFiles(
        source,
        names.map((n) => source.join(path, n)),
        format,
        true,
      )),
    );
  }
  return out;
}

/** Reads every input file's bytes through the source (which checks access); the import thread decodes them. */
async function readSources(
  source: FileSource,
  format: Format,
  options: ImportOptions,
): Promise<{ path: string; bytes: Uint8Array }[]> {
  const labels = typeof options.labels === 'string' ? options.labels : undefined;
  const paths = labels && !options.paths.includes(labels) ? [...options.paths, labels] : options.paths;
  const files: { path: string; bytes: Uint8Array }[] = [];
  for (const path of await collectFiles(source, paths, format)) files.push({ path, bytes: await source.read(path) });
  return files;
}

/** The format's own options among the request's keys (the rest are the importer's). */
function parseOptions(format: Format, options: ImportOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (options.annotator) out.annotator = options.annotator;
  if (options.offsets && format.offsets === 'option') out.offsets = options.offsets;
  for (const spec of format.importOptions) if (options[spec.key] !== undefined) out[spec.key] = options[spec.key];
  return out;
}

function summarize(plan: ImportPlan, added: [string[], string[], string[]]): ImportReport {
  const docs = [...plan.documents.values()];
  plan.report.documentsAdded = docs.filter((d) => d.isNew).map((d) => d.id);
  plan.report.documentsUnchanged = docs.filter((d) => !d.isNew).map((d) => d.id);
  const a = plan.report.summary.annotationRecords;
  plan.report.records = a.added + a.replaced + a.unchanged;
  [plan.report.addedSpanLabels, plan.report.addedDocLabelGroups, plan.report.addedRelationTypes] = added;
  return plan.report;
}

/** Marks an import planned against an index that another writer changed before it could commit. */
const STALE = Symbol('stale');

/**
 * Reads every input, checks it whole, stages it, then commits it through Project; a failure changes nothing.
 * Reading and staging run without the project lock; the checks against stored records and the commit run
 * under it. When another writer changed the document index in between, the import runs again, whole, under
 * the lock, so it never commits a plan made on a stale index.
 */
export async function importIntoProject(
  project: Project,
  options: ImportOptions,
  control: ImportControl = {},
  source: FileSource = ANY_FILE,
): Promise<ImportReport> {
  let format: Format;
  try {
    format = requireFormat(options.format, 'import');
  } catch (error) {
    throw new ImportError('--format', (error as Error).message.replace(/^--format \S+: /, ''));
  }
  if (options.annotator) {
    const p = Project.annotatorProblem(options.annotator, true);
    if (p)
      throw new ImportError('--annotator', p.replace(/^annotator "[^"]*" /, `${JSON.stringify(options.annotator)} `));
    if (isModelName(options.annotator))
      throw new ImportError('--annotator', `"${options.annotator}" is reserved for the model's layer`);
  }
  if (options.clean && !format.cleanup)
    throw new ImportError('--clean', `applies to scraped pages (txt, html), not to ${format.name}`);
  for (const [id, meta] of Object.entries(options.meta ?? {})) {
    const p = metaProblem(tidyMeta(meta));
    if (p) throw new ImportError(id, `metadata: ${p}`);
  }
  await project.refresh();
  const first = await runImport(project, format, options, control, source);
  if (first !== STALE) return first;
  return project.exclusive(async () => (await runImport(project, format, options, control, source)) as ImportReport);
}

async function runImport(
  project: Project,
  format: Format,
  options: ImportOptions,
  control: ImportControl,
  source: FileSource,
): Promise<ImportReport | typeof STALE> {
  const indexVersion = project.version('index');
  const staging = options.dryRun ? null : project.beginImport();
  const plan = new ImportPlan(project, format, options, staging, control);
  try {
    const files = await readSources(source, format, options);
    const formatOptions = parseOptions(format, options);
    let collected: ParseCollected | undefined;
    let yielded = performance.now();
    try {
      const events = (control.parser ?? parsePool).parse(
        {
          format: format.name,
          files,
          ...(options.encoding ? { encoding: options.encoding } : {}),
          ...(options.confirmedEncodings ? { confirmedEncodings: options.confirmedEncodings } : {}),
          dryRun: options.dryRun === true,
          formatOptions,
          verify: options.verify === true,
          prepare: plan.settings,
        },
        control.signal,
      );
      for await (const event of events) {
        if (event.kind === 'decoded') {
          plan.report.files.push(event.entry);
          if (event.warning) plan.report.warnings.push(event.warning);
        } else if (event.kind === 'lines')
          for (const line of event.lines) {
            await plan.stage(line);
            // Staging hashes and fingerprints each text: a batch of long articles would hold the thread that
            // answers the API, so it gives way every few milliseconds.
            if (performance.now() - yielded > YIELD_MS) {
              await new Promise((resolve) => setImmediate(resolve));
              yielded = performance.now();
            }
          }
        else collected = event.collected;
      }
    } catch (error) {
      if (control.signal?.aborted)
        throw new ImportCancelled(project.layout.root, 'import cancelled; nothing was changed');
      if (error instanceof FormatError) throw new ImportError(error.file, error.problem, error.line || undefined);
      throw error;
    }
    if (!collected) throw new Error('the import thread ended without its result');
    const ctx = collected;
    const allowed = new Set(options.drop ?? []);
    for (const d of ctx.dropped) {
      if (!allowed.has(d.kind) && !options.dryRun)
        throw new ImportError(
          d.first.file,
          `would drop ${d.count} × ${DROP_KINDS[d.kind]} (first: ${d.first.what}); nothing was imported. Pass --drop ${d.kind} to import without them`,
          d.first.line || undefined,
        );
      plan.report.dropped.push({
        kind: d.kind,
        count: d.count,
        first: `${place(d.first.file, d.first.line)} ${d.first.what}`,
        allowed: allowed.has(d.kind),
      });
    }
    plan.report.warnings.push(...ctx.warnings);
    plan.report.detected = ctx.detected;
    if (ctx.fields) plan.report.csv = ctx.fields;
    if (ctx.verify) plan.report.verify = ctx.verify;
    for (const id of Object.keys(options.meta ?? {}))
      if (!plan.documents.get(id)?.isNew)
        throw new ImportError(id, 'metadata was given for a document this import does not add; nothing was imported');
    const sum = plan.report.summary;
    if (
      sum.spans.read !== sum.spans.stored ||
      sum.docLabels.read !== sum.docLabels.stored ||
      sum.relations.read !== sum.relations.stored
    )
      throw new Error(
        `${sum.spans.read - sum.spans.stored} spans, ${sum.relations.read - sum.relations.stored} relations would be lost`,
      );
    await plan.flush();
    if (control.signal?.aborted)
      throw new ImportCancelled(project.layout.root, 'import cancelled; nothing was changed');
    control.onProgress?.(sum.records.read);
    const counts = { ...sum.annotationRecords };
    const warnings = plan.report.warnings.length;
    /** The annotators the import brings, against those of the project now. */
    const checkNames = async (memos: PlacedMemo[]) => {
      await checkAnnotators(project, plan);
      for (const { memo, where } of memos)
        await project.checkAnnotator(memo.annotator, { allowGold: true }).catch((error: Error) => {
          throw new ImportError(where.file, error.message.replace(/^refused: /, ''), where.line || undefined);
        });
    };
    /**
     * The checks against the project as it is now, and what the commit writes; `basis` gets the version of each
     * file it merges into. Run again (under the lock) when the project changed since, so its counts and warnings
     * start from where they were before it.
     */
    const decide = async (basis: Map<string, string>) => {
      Object.assign(sum.annotationRecords, counts);
      plan.report.warnings.length = warnings;
      const memos = checkMemos(project, plan, ctx.memos);
      await checkNames(memos);
      const additions = withDefinedLabels(
        project.codebook,
        ctx.codebook,
        [
          ...[...plan.records.values()].flatMap((r) => r.spans.map((s) => s.label)),
          ...memos.flatMap(({ memo }) => (memo.target.kind === 'label' ? [memo.target.label] : [])),
        ],
        [...plan.records.values()].flatMap((r) => Object.entries(r.docLabels)),
        [...plan.records.values()].flatMap((r) => r.relations.map((x) => x.type)),
        plan.report,
      );
      for (const r of plan.records.values())
        for (const [name, value] of Object.entries(r.docLabels)) {
          const group = additions.codebook.docLabels.find((g) => g.name === name);
          if (group && (group.kind === 'multiple') !== Array.isArray(value))
            throw new ImportError(
              r.file,
              `${name} is ${group.kind === 'multiple' ? 'a list' : 'one value'} in the codebook`,
              r.line || undefined,
            );
        }
      const toWrite = await compareWithStored(project, plan, options.replace === true, basis);
      const memoFiles = await mergeMemos(project, plan, memos, options.replace === true, basis);
      const added: [string[], string[], string[]] = [
        additions.addedSpanLabels,
        additions.addedDocLabelGroups,
        additions.addedRelationTypes,
      ];
      const index: IndexEntry[] = [...project.index.values()];
      for (const d of plan.documents.values())
        if (d.isNew) index.push({ id: d.id, textHash: d.hash, length: d.length, meta: d.meta });
      const change: ImportChange = {
        records: toWrite.map((r) => changeRecord(r, (plan.documents.get(r.document) as StagedDocument).hash)),
        codebook: additions.codebook,
        index,
        memos: memoFiles,
        ...(ctx.kept && format.interop ? { interop: { name: format.interop, tables: ctx.kept } } : {}),
      };
      return { added, change, memos, early: plan.earlyRecords(toWrite, change) };
    };
    if (options.dryRun) {
      if (project.version('index') !== indexVersion) return STALE;
      return summarize(plan, (await decide(new Map())).added);
    }
    // Everything is checked, staged and made durable before the lock is taken: other writers (saves) wait only
    // for the check below and the renames of the commit.
    const staged = staging as ImportStaging;
    const ready = staged.checkpoint();
    const codebookVersion = project.version('codebook');
    const basis = new Map<string, string>();
    let decided = await decide(basis);
    await project.stageImport(staged, decided.change, basis, decided.early);
    const result = await project.exclusive(async () => {
      if (project.version('index') !== indexVersion) return STALE;
      // A write that landed since (a save of a record this import writes, a codebook edit) is not overwritten:
      // the checks run again on the project as it is now, and what the commit writes is staged again from it.
      if (project.version('codebook') !== codebookVersion || !(await project.unchangedSince(basis))) {
        ready.rollback();
        decided = await decide(new Map());
        await project.stageImport(staged, decided.change, new Map(), decided.early);
      } else await checkNames(decided.memos);
      await project.commitImport(staged, decided.change);
      return summarize(plan, decided.added);
    });
    // Committed or refused as stale, the staging folder goes once the lock is free.
    await staging?.discard().catch(() => {});
    return result;
  } catch (error) {
    await plan.settled();
    await staging?.discard();
    if (error instanceof ImportError || error instanceof ProjectError) throw error;
    if (error instanceof FileProblemError) throw new ImportError(error.path, error.reason);
    throw new ImportError(project.layout.root, `import failed (${(error as Error).message}); nothing was changed`);
  }
}

/**
 * Every annotator an import brings: a safe name, "gold" only as the gold layer itself, and never one that
 * differs only by case from another (in the project or in the import).
 */
async function checkAnnotators(project: Project, plan: ImportPlan): Promise<void> {
  const seen = new Map<string, StagedRecord>();
  for (const r of plan.records.values()) {
    const other = seen.get(idKey(r.annotator));
    if (other && other.annotator !== r.annotator)
      throw new ImportError(
        r.file,
        `annotator ${JSON.stringify(r.annotator)} differs from ${JSON.stringify(other.annotator)} (at ${other.where}) only by case`,
        r.line || undefined,
      );
    if (other) continue;
    seen.set(idKey(r.annotator), r);
    try {
      await project.checkAnnotator(r.annotator, { allowGold: true });
    } catch (error) {
      throw new ImportError(r.file, (error as Error).message.replace(/^refused: /, ''), r.line || undefined);
    }
  }
}

/**
 * The labels and groups the source defines (with their colours, groups and descriptions) where the codebook
 * lacks them, then the ones records and memos use that it still lacks; the version is bumped once.
 */
function withDefinedLabels(
  codebook: Codebook,
  defined: Pick<Codebook, 'spanLabels' | 'docLabels'> | undefined,
  spanLabels: string[],
  docLabels: [string, DocLabelValue][],
  relationTypes: string[],
  report: ImportReport,
): ReturnType<typeof addMissingLabels> {
  const first = defined
    ? addDefinedLabels(codebook, defined)
    : { codebook, addedSpanLabels: [], addedDocLabelGroups: [], addedOptions: [], addedRelationTypes: [], kept: [] };
  if (first.kept.length)
    report.warnings.push(
      `labels and groups already in the codebook keep their definition there: ${first.kept.length} (first: ${first.kept[0]})`,
    );
  const rest = addMissingLabels(first.codebook, spanLabels, docLabels, relationTypes);
  const changed =
    first.addedSpanLabels.length + first.addedDocLabelGroups.length + first.addedOptions.length > 0 ||
    rest.codebook.version !== first.codebook.version;
  return {
    codebook: { ...rest.codebook, version: codebook.version + (changed ? 1 : 0) },
    addedSpanLabels: [...first.addedSpanLabels, ...rest.addedSpanLabels],
    addedDocLabelGroups: [...first.addedDocLabelGroups, ...rest.addedDocLabelGroups],
    addedOptions: [...first.addedOptions, ...rest.addedOptions],
    addedRelationTypes: rest.addedRelationTypes,
  };
}

type PlacedMemo = { memo: Memo; where: { file: string; line: number } };

/** Each memo of the import must name a valid annotator, a GUID, and a document of the project or the import. */
function checkMemos(project: Project, plan: ImportPlan, memos: PlacedMemo[]): PlacedMemo[] {
  const seen = new Map<string, string>();
  for (const { memo, where } of memos) {
    const fail = (problem: string): never => {
      throw new ImportError(where.file, `memo ${memo.id}: ${problem}`, where.line || undefined);
    };
    if (!GUID_PATTERN.test(memo.id)) fail('its id is not a GUID');
    const annotatorProblem = Project.annotatorProblem(memo.annotator, true);
    if (annotatorProblem) fail(annotatorProblem);
    const key = `${memo.annotator}\u0000${memoKey(memo.id)}`;
    const first = seen.get(key);
    if (first) fail(`appears twice (first at ${first})`);
    seen.set(key, place(where.file, where.line));
    const t = memo.target;
    if (t.kind === 'document' || t.kind === 'range') {
      const length = plan.documents.get(t.document)?.length ?? project.index.get(t.document)?.length;
      if (length === undefined)
        fail(`it is on document ${t.document}, which is neither in the project nor in the import`);
      if (t.kind === 'range' && (t.start < 0 || t.end <= t.start || t.end > (length as number)))
        fail(`its range ${t.start}-${t.end} lies outside ${t.document} (${length} code points)`);
    }
  }
  if (memos.length) plan.report.summary.memos = { read: memos.length, added: 0, replaced: 0, unchanged: 0 };
  return memos;
}

function sameMemo(a: Memo, b: Memo): boolean {
  const norm = ({ annotator: _a, id: _id, ...rest }: Memo) => stableLine(rest);
  return norm(a) === norm(b);
}

/**
 * The import's memos against each annotator's stored ones: new (added), identical (nothing to write) or
 * different (replaced only with `replace`). Returns the memo files to write, whole. A stored file that
 * cannot be read is never replaced.
 */
async function mergeMemos(
  project: Project,
  plan: ImportPlan,
  memos: PlacedMemo[],
  replace: boolean,
  basis: Map<string, string>,
): Promise<{ annotator: string; memos: Memo[] }[]> {
  const count = plan.report.summary.memos;
  if (!count || memos.length === 0) return [];
  const byAnnotator = new Map<string, PlacedMemo[]>();
  for (const m of memos) byAnnotator.set(m.memo.annotator, [...(byAnnotator.get(m.memo.annotator) ?? []), m]);
  const out: { annotator: string; memos: Memo[] }[] = [];
  for (const [annotator, incoming] of [...byAnnotator.entries()].sort((a, b) => compare(a[0], b[0]))) {
    const path = project.layout.memosFile(annotator);
    const stamp = await stampOf(path);
    const file = await readToReplace(project, path, memosFileSchema);
    const stored: Memo[] = (file?.memos ?? []).map((m) => ({ annotator, ...m }));
    let changed = false;
    for (const { memo, where } of incoming) {
      const at = stored.findIndex((m) => memoKey(m.id) === memoKey(memo.id));
      if (at < 0) {
        stored.push(memo);
        count.added++;
        changed = true;
      } else if (sameMemo(stored[at], memo)) count.unchanged++;
      else if (!replace)
        throw new ImportError(
          where.file,
          `${annotator} already has a different memo ${memo.id} in the project; nothing was imported. Pass --replace to replace it`,
          where.line || undefined,
        );
      else {
        stored[at] = memo;
        count.replaced++;
        changed = true;
        plan.report.warnings.push(`${place(where.file, where.line)}: replaced ${annotator}'s earlier memo ${memo.id}`);
      }
    }
    if (changed) {
      out.push({ annotator, memos: stored });
      basis.set(path, stamp);
    }
  }
  return out;
}

function sameRecord(
  a: Pick<AnnotationRecord, 'status' | 'spans' | 'docLabels' | 'relations'>,
  b: StagedRecord,
): boolean {
  // Ids are left out: a stored record has ids the project gave, the same content read again may have none.
  const spans = (s: Span[]) =>
    JSON.stringify(orderSpans(s.map(({ id: _id, ...x }) => x)).map((x) => [x.start, x.end, x.label, x.note ?? null]));
  const labels = (l: Record<string, DocLabelValue>) =>
    JSON.stringify(
      Object.keys(l)
        .sort()
        .map((k) => [k, Array.isArray(l[k]) ? [...(l[k] as string[])].sort() : l[k]]),
    );
  const relations = (s: Span[], rs: IndexedRelation[]) =>
    JSON.stringify(
      rs.map((r) => [r.type, spanKey(s[r.from]), spanKey(s[r.to]), r.note ?? null].join('\u0000')).sort(compare),
    );
  return (
    a.status === b.status &&
    spans(a.spans) === spans(b.spans) &&
    labels(a.docLabels) === labels(b.docLabels) &&
    relations(a.spans, relationsToIndexes(a.spans, a.relations)) === relations(b.spans, b.relations)
  );
}

const spanKey = (s: Span) => `${s.start}:${s.end}:${s.label}`;

/**
 * Each staged record against the annotator's stored record of the document: new, identical (nothing to
 * write) or different (replaced only with `replace`). A stored file that cannot be read is never replaced.
 */
async function compareWithStored(
  project: Project,
  plan: ImportPlan,
  replace: boolean,
  basis: Map<string, string>,
): Promise<StagedRecord[]> {
  const a = plan.report.summary.annotationRecords;
  const toWrite: StagedRecord[] = [];
  const present = new Map<string, Set<string>>();
  for (const r of plan.records.values()) {
    let names = present.get(r.annotator);
    if (!names) {
      names = new Set(await readdir(project.layout.annotatorDir(r.annotator)).catch(() => [] as string[]));
      present.set(r.annotator, names);
    }
    const path = project.layout.annotationFile(r.annotator, r.document);
    if (!names.has(`${r.document}.json`)) {
      a.added++;
      toWrite.push(r);
      basis.set(path, 'none');
      continue;
    }
    // Taken before the read: a write between the two counts as a change.
    const stamp = await stampOf(path);
    const stored = await readToReplace(project, path, annotationFileSchema);
    const merged = stored ? keepWhatTheFormatLacks(plan.format, stored, r) : r;
    if (stored && sameRecord(stored, merged)) {
      a.unchanged++;
      continue;
    }
    if (!replace)
      throw new ImportError(
        r.file,
        `${r.annotator} already has a different record of ${r.document} in the project; nothing was imported. Pass --replace to replace it`,
        r.line || undefined,
      );
    plan.report.warnings.push(`${r.where}: replaced ${r.annotator}'s earlier record of ${r.document}`);
    a.replaced++;
    toWrite.push(merged);
    basis.set(path, stamp);
  }
  return toWrite;
}

/**
 * What a format cannot carry comes from the stored record, not from the format's silence: its status and
 * document labels, and the notes and ids of spans that are the same (start, end, label) in both.
 */
function keepWhatTheFormatLacks(
  format: Format,
  stored: Pick<AnnotationRecord, 'status' | 'spans' | 'docLabels' | 'relations'>,
  incoming: StagedRecord,
): StagedRecord {
  const has = (c: Format['carries'][number]) => format.carries.includes(c);
  const pool = new Map<string, Span[]>();
  for (const s of stored.spans) {
    const k = spanKey(s);
    pool.set(k, [...(pool.get(k) ?? []), s]);
  }
  const matched = new Map<string, number>();
  const spans = incoming.spans.map((s, i) => {
    const match = pool.get(spanKey(s))?.shift();
    if (!match) return s;
    if (match.id !== undefined) matched.set(match.id, i);
    return {
      ...s,
      ...(!has('span ids') && match.id !== undefined ? { id: match.id } : {}),
      ...(!has('notes') && match.note !== undefined ? { note: match.note } : {}),
    };
  });
  // A format that brought no relations (or cannot carry them) keeps the stored ones whose two spans it brought back.
  const relations =
    has('relations') || incoming.relations.length
      ? incoming.relations
      : (stored.relations ?? []).flatMap((r) => {
          const from = matched.get(r.from);
          const to = matched.get(r.to);
          if (from === undefined || to === undefined) return [];
          return [{ from, to, type: r.type, ...(r.note !== undefined ? { note: r.note } : {}) }];
        });
  return {
    ...incoming,
    spans,
    relations,
    status: has('status') ? incoming.status : stored.status,
    docLabels: has('document labels') ? incoming.docLabels : stored.docLabels,
  };
}
