// Import of documents and annotations into a project. Inputs are streamed: each new document's file is
// written as it is read (memory stays flat), while the index, the codebook and annotation records are
// committed only after everything checked out. A failed import removes what it wrote: nothing changes.
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat, unlink } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ImportOptions, ImportReport } from '../core/api';
import { type CleanupKind, cleanScrapedText } from '../core/cleanup';
import { addMissingLabels } from '../core/codebook';
import { NearDuplicateIndex, signature } from '../core/dedupe';
import { FormatError, importFiles as parseFormat, type SourceFile } from '../core/formats';
import { type CsvMapping, guessCsvMapping, parseCsvRows } from '../core/formats/csv';
import { defaultStatus, type InterchangeLine, LineError, parseInterchangeLine } from '../core/formats/jsonl';
import { guessJsonMapping, mapRecord } from '../core/formats/jsonRecords';
import { idKey, idProblem } from '../core/ids';
import type { AnnotationRecord, DocLabelValue, DocumentMeta, Span } from '../core/model';
import { codePointLength } from '../core/offsets';
import { annotationFileSchema, documentFileSchema, SCHEMA_VERSION } from '../core/schemas';
import { normalizeText, remapSpans, sortSpans } from '../core/text';
import { decodeBytes, NotTextError } from './decode';
import { FileProblemError, syncDirectory, writeFileDurably } from './durableFile';
import { textHash } from './hash';
import { extractArticle } from './html';
import { readJson, writeJson } from './jsonStore';
import { compare, type IndexEntry, type Project, ProjectError } from './project';

/** An import refusal that names the file (and line) at fault: printed as one line. */
export class ImportError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
    readonly line?: number,
  ) {
    super(`${file}${line !== undefined ? `:${line}` : ''}: ${problem}`);
  }
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
  status: AnnotationRecord['status'];
  spans: Span[];
  docLabels: Record<string, DocLabelValue>;
  where: string;
}

const PREVIEW_DOCUMENTS = 5;
const PREVIEW_CHARS = 2000;
const WRITE_CONCURRENCY = 16;

/** The staging area. New document files are written as they come (and removed on failure). */
class ImportPlan {
  readonly documents = new Map<string, StagedDocument>();
  readonly keys = new Map<string, string>();
  readonly byHash = new Map<string, string>();
  readonly records = new Map<string, StagedRecord>();
  readonly near = new NearDuplicateIndex(0.8);
  readonly written: string[] = [];
  readonly pending = new Set<Promise<void>>();
  readonly report: ImportReport = {
    documentsAdded: [],
    documentsUnchanged: [],
    records: 0,
    addedSpanLabels: [],
    addedDocLabelGroups: [],
    warnings: [],
    duplicates: [],
    nearDuplicates: [],
    files: [],
    cleanup: [],
    preview: [],
    dryRun: false,
  };

  constructor(
    readonly project: Project,
    readonly options: ImportOptions,
    readonly control: ImportControl = {},
  ) {
    this.report.dryRun = options.dryRun === true;
    for (const entry of project.index.values()) {
      this.keys.set(idKey(entry.id), entry.id);
      this.byHash.set(entry.textHash, entry.id);
    }
  }

  /**
   * Adds (or meets again) a document, normalized once. Returns the normalization (to remap
   * spans) or null when the document is skipped as a duplicate of another text.
   */
  async addDocument(
    id: string,
    rawText: string,
    meta: DocumentMeta,
    file: string,
    line?: number,
  ): Promise<ReturnType<typeof normalizeText> | null> {
    const where = `${file}${line !== undefined ? `:${line}` : ''}`;
    if (this.control.signal?.aborted) throw new ImportCancelled(file, 'import cancelled; nothing was changed', line);
    const norm = normalizeText(rawText);
    const hash = textHash(norm.text);
    const staged = this.documents.get(id);
    if (staged) {
      if (staged.hash !== hash)
        throw new ImportError(
          file,
          `document ${id} appears again with a different text (first at ${staged.where})`,
          line,
        );
      return norm;
    }
    const sameKey = this.keys.get(idKey(id));
    if (sameKey && sameKey !== id)
      throw new ImportError(
        file,
        `document id ${id} differs from ${sameKey} only by case (they would collide on macOS and Windows)`,
        line,
      );
    const existing = this.project.index.get(id);
    if (existing && existing.textHash !== hash)
      throw new ImportError(file, `document ${id} is already in the project with a different text`, line);
    const twin = this.byHash.get(hash);
    if (!existing && twin && twin !== id && !this.options.keepDuplicates) {
      this.report.duplicates.push({ id, sameAs: twin });
      return null;
    }
    this.keys.set(idKey(id), id);
    this.byHash.set(hash, id);
    if (this.documents.size % 50 === 0) this.control.onProgress?.(this.documents.size);
    this.documents.set(id, {
      id,
      hash,
      length: codePointLength(norm.text),
      meta: existing ? existing.meta : meta,
      isNew: !existing,
      where,
    });
    if (existing) return norm;
    const similar = this.near.add(id, signature(norm.text));
    if (similar) this.report.nearDuplicates.push({ id, similarTo: similar.id, similarity: similar.similarity });
    if (this.report.preview.length < PREVIEW_DOCUMENTS)
      this.report.preview.push({
        id,
        meta,
        text: norm.text.slice(0, PREVIEW_CHARS),
        length: codePointLength(norm.text),
      });
    if (!this.report.dryRun) await this.writeDocument(id, hash, meta, norm.text);
    return norm;
  }

  /** Writes a new document file now (bounded concurrency), remembering it for rollback. */
  private async writeDocument(id: string, hash: string, meta: DocumentMeta, text: string): Promise<void> {
    while (this.pending.size >= WRITE_CONCURRENCY) await Promise.race(this.pending);
    const path = this.project.layout.documentFile(id);
    this.written.push(path);
    const write = writeJson(
      path,
      documentFileSchema,
      { schema: SCHEMA_VERSION, id, textHash: hash, meta, text },
      { syncDir: false },
    );
    const tracked: Promise<void> = write.finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  /** Waits for every document write; the first failure fails the import. */
  async flush(): Promise<void> {
    while (this.pending.size) await Promise.all(this.pending);
  }
}

/** An import stopped by its caller (the wizard's Cancel); it changed nothing. */
export class ImportCancelled extends ImportError {}

/** How a caller follows and stops an import (the app's wizard). */
export interface ImportControl {
  signal?: AbortSignal;
  /** Called with the number of documents read so far. */
  onProgress?: (processed: number) => void;
}

/** Reads every input into a plan, checks it whole, then commits it. */
export async function importIntoProject(
  project: Project,
  options: ImportOptions,
  control: ImportControl = {},
): Promise<ImportReport> {
  const plan = new ImportPlan(project, options, control);
  if (options.annotator) {
    const p = idProblem(options.annotator);
    if (p) throw new ImportError('--annotator', `${JSON.stringify(options.annotator)} ${p}`);
  }
  try {
    for (const path of options.paths) {
      if (options.format === 'jsonl') await stageJsonl(plan, path, options);
      else if (options.format === 'txt' || options.format === 'html') await stagePages(plan, path, options);
    }
    if (options.format !== 'jsonl' && options.format !== 'txt' && options.format !== 'html')
      await stageFormat(plan, options);
    await plan.flush();
    if (control.signal?.aborted)
      throw new ImportCancelled(project.layout.root, 'import cancelled; nothing was changed');
    control.onProgress?.(plan.documents.size);
    if (plan.report.dryRun) return summarize(plan, [[], []]);
    return await commit(project, plan);
  } catch (error) {
    await plan.flush().catch(() => {});
    for (const path of plan.written) await unlink(path).catch(() => {});
    if (error instanceof ImportError || error instanceof ProjectError) throw error;
    if (error instanceof FileProblemError) throw new ImportError(error.path, error.reason);
    throw new ImportError(project.layout.root, `import failed (${(error as Error).message}); nothing was changed`);
  }
}

/** Txt and html files, or folders of them (recursive, in name order). */
async function stagePages(plan: ImportPlan, path: string, options: ImportOptions): Promise<void> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new ImportError(path, 'no such file or folder');
  const wanted = options.format === 'html' ? ['.html', '.htm'] : ['.txt'];
  if (info.isDirectory()) {
    const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => compare(a.name, b.name));
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const child = join(path, e.name);
      if (e.isDirectory() || wanted.includes(extname(e.name).toLowerCase())) await stagePages(plan, child, options);
    }
    return;
  }
  const id = basename(path, extname(path));
  const p = idProblem(id);
  if (p) throw new ImportError(path, `the file name gives document id ${JSON.stringify(id)}, which ${p}`);
  let decoded: ReturnType<typeof decodeBytes>;
  try {
    decoded = decodeBytes(await readFile(path), options.encoding);
  } catch (error) {
    if (error instanceof NotTextError) throw new ImportError(path, error.message);
    throw error;
  }
  plan.report.files.push({ path, encoding: decoded.encoding, how: decoded.how });
  let text = decoded.text;
  let meta: DocumentMeta = { source: basename(path) };
  if (options.format === 'html') {
    let article: ReturnType<typeof extractArticle>;
    try {
      article = extractArticle(text);
    } catch (error) {
      throw new ImportError(path, `could not read the page as HTML (${(error as Error).message})`);
    }
    text = article.text;
    meta = { ...meta, ...article.meta };
    for (const w of article.warnings) plan.report.warnings.push(`${path}: ${w}`);
  }
  const kinds = cleanupKinds(options.clean);
  if (kinds) {
    const cleaned = cleanScrapedText(text, kinds);
    if (cleaned.actions.length) plan.report.cleanup.push({ id, actions: cleaned.actions });
    text = cleaned.text;
    if (!meta.title && cleaned.meta.title) meta.title = cleaned.meta.title;
    if (!meta.author && cleaned.meta.author) meta.author = cleaned.meta.author;
    const date = cleaned.meta.date;
    if (date && !meta.published && !meta.publishedRaw) {
      if ('iso' in date) meta.published = date.iso;
      else {
        meta.publishedRaw = date.raw;
        plan.report.warnings.push(`${path}: date "${date.raw}" kept as written: ${date.problem}`);
      }
    }
  }
  if (!text.trim()) plan.report.warnings.push(`${path}: no text left`);
  await plan.addDocument(id, text, meta, path);
}

/** Every file under the given paths (folders recursively, hidden files skipped), in name order. */
async function collectFiles(paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (!info) throw new ImportError(path, 'no such file or folder');
    if (!info.isDirectory()) {
      out.push(path);
      continue;
    }
    const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => compare(a.name, b.name));
    out.push(...(await collectFiles(entries.filter((e) => !e.name.startsWith('.')).map((e) => join(path, e.name)))));
  }
  return out;
}

/** The other interchange formats: decode every file, parse with src/core/formats, stage the lines. */
async function stageFormat(plan: ImportPlan, options: ImportOptions): Promise<void> {
  const format = options.format as Exclude<ImportOptions['format'], 'txt' | 'html' | 'jsonl'>;
  const paths = await collectFiles(options.labels ? [...options.paths, options.labels] : options.paths);
  const files: SourceFile[] = [];
  for (const path of paths) {
    try {
      const decoded = decodeBytes(await readFile(path), options.encoding);
      plan.report.files.push({ path, encoding: decoded.encoding, how: decoded.how });
      files.push({ path, text: decoded.text });
    } catch (error) {
      if (error instanceof NotTextError) throw new ImportError(path, error.message);
      throw error;
    }
  }
  let result: ReturnType<typeof parseFormat>;
  try {
    result = parseFormat(format, files, {
      ...(options.annotator ? { annotator: options.annotator } : {}),
      ...(options.offsets ? { offsets: options.offsets } : {}),
      ...(options.labels ? { labelsFile: options.labels } : {}),
      ...(options.annotatorFromFolder ? { annotatorFromFolder: true } : {}),
      ...(options.mapping ? { mapping: options.mapping } : {}),
    });
  } catch (error) {
    if (error instanceof FormatError) throw new ImportError(error.file, error.problem, error.line || undefined);
    throw error;
  }
  plan.report.warnings.push(...result.warnings);
  if (format === 'csv' && files[0]) {
    const headers = parseCsvRows(files[0].text.split(/\r?\n/, 1)[0] ?? '', files[0].path)[0]?.cells ?? [];
    plan.report.csv = { headers, mapping: options.mapping ?? guessCsvMapping(headers) };
  }
  for (const line of result.lines) {
    if (!line.annotator && (line.spans.length || Object.keys(line.docLabels).length))
      throw new ImportError(
        paths[0],
        `document ${line.id} carries annotations but no annotator: give --annotator NAME`,
      );
    await stageLine(plan, line, paths[0], undefined);
  }
}

/** `clean: true` means every kind; a list means only those; absent means no clean-up. */
function cleanupKinds(clean: ImportOptions['clean']): Partial<Record<CleanupKind, boolean>> | null {
  if (!clean) return null;
  if (clean === true) return {};
  const on = new Set(clean);
  return Object.fromEntries(
    (
      [
        'error-page',
        'boilerplate',
        'trailing-links',
        'duplicate-body',
        'truncated-title',
        'header',
        'scraper-line',
      ] as const
    ).map((k) => [k, on.has(k)]),
  );
}

async function stageJsonl(plan: ImportPlan, path: string, options: ImportOptions): Promise<void> {
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) throw new ImportError(path, 'no such file');
  plan.report.files.push({ path, encoding: 'utf-8', how: 'strict' });
  if (await startsWithArray(path)) return stageJsonArray(plan, path, options);
  const stream = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  // Interchange lines unless a mapping is given or the first record has no "text" (scraper output).
  let mapping: CsvMapping | null = options.mapping ?? null;
  try {
    for await (const raw of lines) {
      n++;
      const trimmed = n === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      if (trimmed.trim() === '') continue;
      if (trimmed.includes('\uFFFD')) throw new ImportError(path, 'is not valid UTF-8 (JSONL must be UTF-8)', n);
      if (!mapping && plan.documents.size === 0 && plan.records.size === 0) mapping = genericMapping(plan, trimmed);
      if (mapping) {
        await stageMappedRecord(plan, parseJsonLine(trimmed, path, n), mapping, path, n);
        continue;
      }
      let line: InterchangeLine;
      try {
        line = parseInterchangeLine(trimmed, n, { annotator: options.annotator, offsets: options.offsets });
      } catch (error) {
        if (error instanceof LineError) throw new ImportError(path, error.problem, n);
        throw error;
      }
      await stageLine(plan, line, path, n);
    }
  } finally {
    lines.close();
    stream.destroy();
  }
  if (n === 0) plan.report.warnings.push(`${path}: empty file`);
}

/** A JSON file holding an array of records (not streamed: such files are small scraper dumps). */
async function stageJsonArray(plan: ImportPlan, path: string, options: ImportOptions): Promise<void> {
  let data: unknown;
  try {
    data = JSON.parse((await readFile(path, 'utf8')).replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ImportError(path, `not valid JSON (${(error as Error).message})`);
  }
  const records = data as unknown[];
  const first = records.find((r) => r && typeof r === 'object') as Record<string, unknown> | undefined;
  const mapping = options.mapping ?? (first ? guessJsonMapping(first) : {});
  plan.report.csv = { headers: first ? Object.keys(first) : [], mapping };
  for (const [i, record] of records.entries()) await stageMappedRecord(plan, record, mapping, path, i + 1);
}

/** A first line without "text" is scraper output: guess the fields, and show the guess. */
function genericMapping(plan: ImportPlan, firstLine: string): CsvMapping | null {
  let first: unknown;
  try {
    first = JSON.parse(firstLine);
  } catch {
    return null; // the interchange parser reports the line
  }
  if (!first || typeof first !== 'object' || Array.isArray(first) || 'text' in first) return null;
  const mapping = guessJsonMapping(first as Record<string, unknown>);
  if (!mapping.text) return null;
  plan.report.csv = { headers: Object.keys(first), mapping };
  return mapping;
}

function parseJsonLine(line: string, path: string, n: number): unknown {
  try {
    return JSON.parse(line);
  } catch (error) {
    throw new ImportError(path, `not valid JSON (${(error as Error).message})`, n);
  }
}

async function stageMappedRecord(
  plan: ImportPlan,
  record: unknown,
  mapping: CsvMapping,
  path: string,
  n: number,
): Promise<void> {
  let doc: ReturnType<typeof mapRecord>;
  try {
    doc = mapRecord(record, mapping, n);
  } catch (error) {
    if (error instanceof LineError) throw new ImportError(path, error.problem, n);
    throw error;
  }
  if (doc.dateProblem)
    plan.report.warnings.push(`${path}:${n}: date "${doc.meta.publishedRaw}" kept as written: ${doc.dateProblem}`);
  await plan.addDocument(doc.id, doc.text, doc.meta, path, n);
}

async function startsWithArray(path: string): Promise<boolean> {
  const stream = createReadStream(path, { encoding: 'utf8', start: 0, end: 1023 });
  let head = '';
  for await (const chunk of stream) head += chunk;
  return head
    .replace(/^\uFEFF/, '')
    .trimStart()
    .startsWith('[');
}

async function stageLine(plan: ImportPlan, line: InterchangeLine, path: string, n: number | undefined): Promise<void> {
  const norm = await plan.addDocument(line.id, line.text, line.meta, path, n);
  if (!norm || !line.annotator) return;
  const key = `${line.id}\u0000${line.annotator}`;
  const previous = plan.records.get(key);
  if (previous)
    throw new ImportError(path, `a second record of ${line.annotator} for ${line.id} (first at ${previous.where})`, n);
  plan.records.set(key, {
    document: line.id,
    annotator: line.annotator,
    status: defaultStatus(line),
    spans: sortSpans(remapSpans(line.spans, norm)),
    docLabels: line.docLabels,
    where: n === undefined ? path : `${path}:${n}`,
  });
}

function summarize(plan: ImportPlan, addedLabels: [string[], string[]]): ImportReport {
  const docs = [...plan.documents.values()];
  plan.report.documentsAdded = docs.filter((d) => d.isNew).map((d) => d.id);
  plan.report.documentsUnchanged = docs.filter((d) => !d.isNew).map((d) => d.id);
  plan.report.records = plan.records.size;
  [plan.report.addedSpanLabels, plan.report.addedDocLabelGroups] = addedLabels;
  return plan.report;
}

/** Commits records, codebook and (last) the index; on any failure, restores what it replaced. */
async function commit(project: Project, plan: ImportPlan): Promise<ImportReport> {
  const additions = addMissingLabels(
    project.codebook,
    [...plan.records.values()].flatMap((r) => r.spans.map((s) => s.label)),
    [...plan.records.values()].flatMap((r) => Object.entries(r.docLabels)),
  );
  for (const r of plan.records.values()) {
    for (const [name, value] of Object.entries(r.docLabels)) {
      const group = additions.codebook.docLabels.find((g) => g.name === name);
      if (group && (group.kind === 'multiple') !== Array.isArray(value))
        throw new ImportError(
          r.where,
          `${name} is ${group.kind === 'multiple' ? 'a list' : 'one value'} in the codebook`,
        );
    }
  }
  const undo: (() => Promise<void>)[] = [];
  try {
    const codebookVersion = additions.codebook.version;
    const now = new Date().toISOString();
    for (const r of plan.records.values()) {
      const path = project.layout.annotationFile(r.annotator, r.document);
      const before = await readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') return null;
        throw new ImportError(path, `cannot be read (${e.message}); not replaced`);
      });
      if (before !== null) {
        try {
          await readJson(path, annotationFileSchema);
        } catch (error) {
          if (error instanceof FileProblemError) throw new ImportError(path, `${error.reason}; not replaced`);
          throw error;
        }
        plan.report.warnings.push(`${r.where}: replaced ${r.annotator}'s earlier record of ${r.document}`);
      }
      const doc = plan.documents.get(r.document)!;
      await writeJson(path, annotationFileSchema, {
        schema: SCHEMA_VERSION,
        document: r.document,
        annotator: r.annotator,
        textHash: doc.hash,
        codebookVersion,
        status: r.status,
        spans: r.spans,
        docLabels: r.docLabels,
        updatedAt: now,
      });
      undo.push(() => (before === null ? unlink(path) : writeFileDurably(path, before)));
    }
    if (additions.codebook.version !== project.codebook.version) {
      const previous = project.codebook;
      await project.writeCodebook(additions.codebook);
      undo.push(() => project.writeCodebook(previous));
    }
    const entries: IndexEntry[] = [...project.index.values()];
    for (const doc of plan.documents.values())
      if (doc.isNew) entries.push({ id: doc.id, textHash: doc.hash, length: doc.length, meta: doc.meta });
    if (entries.length !== project.index.size) {
      // The document files were written without per-file folder syncs: sync once before the commit point.
      await syncDirectory(project.layout.documentsDir);
      await project.writeIndex(entries);
    }
  } catch (error) {
    for (const step of undo.reverse()) await step().catch(() => {});
    throw error;
  }
  return summarize(plan, [additions.addedSpanLabels, additions.addedDocLabelGroups]);
}
