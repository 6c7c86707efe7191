// Import of documents and annotations into a project: parse and check everything first, then write,
// and undo what was written if a write fails, so a failed import changes nothing.
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat, unlink } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ImportOptions, ImportReport } from '../core/api';
import { addMissingLabels } from '../core/codebook';
import { defaultStatus, type InterchangeLine, LineError, parseInterchangeLine } from '../core/formats/jsonl';
import { idKey, idProblem } from '../core/ids';
import type { AnnotationRecord, DocLabelValue, DocumentMeta, Span } from '../core/model';
import { codePointLength } from '../core/offsets';
import { annotationFileSchema, documentFileSchema, SCHEMA_VERSION } from '../core/schemas';
import { normalizeText, remapSpans, sortSpans } from '../core/text';
import { FileProblemError, writeFileDurably } from './durableFile';
import { textHash } from './hash';
import { readJson, writeJson } from './jsonStore';
import { compare, type IndexEntry, type Project, ProjectError } from './project';

/** Why: an import refusal that names the file (and line) at fault: printed as one line. */
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
  text: string;
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

/** Why: the staging area: nothing here touches the project until commit. */
class ImportPlan {
  readonly documents = new Map<string, StagedDocument>();
  readonly keys = new Map<string, string>();
  readonly records = new Map<string, StagedRecord>();
  readonly warnings: string[] = [];
  constructor(readonly project: Project) {
    for (const id of project.index.keys()) this.keys.set(idKey(id), id);
  }

  /** Why: adds (or re-meets) a document, normalizing its text once. */
  addDocument(
    id: string,
    rawText: string,
    meta: DocumentMeta,
    file: string,
    line?: number,
  ): ReturnType<typeof normalizeText> {
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
    this.keys.set(idKey(id), id);
    this.documents.set(id, {
      id,
      text: norm.text,
      hash,
      length: codePointLength(norm.text),
      meta: existing ? existing.meta : meta,
      isNew: !existing,
      where: `${file}${line !== undefined ? `:${line}` : ''}`,
    });
    return norm;
  }
}

/** Why: reads every input into a plan, checks it whole, then commits it. */
export async function importIntoProject(project: Project, options: ImportOptions): Promise<ImportReport> {
  const plan = new ImportPlan(project);
  if (options.annotator) {
    const p = idProblem(options.annotator);
    if (p) throw new ImportError('--annotator', `${JSON.stringify(options.annotator)} ${p}`);
  }
  for (const path of options.paths) {
    if (options.format === 'txt') await stageTextFiles(plan, path);
    else await stageJsonl(plan, path, options);
  }
  return commit(project, plan);
}

async function stageTextFiles(plan: ImportPlan, path: string): Promise<void> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new ImportError(path, 'no such file or folder');
  if (info.isDirectory()) {
    const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => compare(a.name, b.name));
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const child = join(path, e.name);
      if (e.isDirectory() || extname(e.name).toLowerCase() === '.txt') await stageTextFiles(plan, child);
    }
    return;
  }
  const id = basename(path, extname(path));
  const p = idProblem(id);
  if (p) throw new ImportError(path, `the file name gives document id ${JSON.stringify(id)}, which ${p}`);
  const bytes = await readFile(path);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ImportError(path, 'is not valid UTF-8 text');
  }
  if (text.includes('\u0000')) throw new ImportError(path, 'holds NUL bytes: not a text file');
  plan.addDocument(id, text, { source: basename(path) }, path);
}

async function stageJsonl(plan: ImportPlan, path: string, options: ImportOptions): Promise<void> {
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) throw new ImportError(path, 'no such file');
  const stream = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  try {
    for await (const raw of lines) {
      n++;
      const trimmed = n === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      if (trimmed.trim() === '') continue;
      let line: InterchangeLine;
      try {
        line = parseInterchangeLine(trimmed, n, { annotator: options.annotator, offsets: options.offsets });
      } catch (error) {
        if (error instanceof LineError) throw new ImportError(path, error.problem, n);
        throw error;
      }
      stageLine(plan, line, path, n);
    }
  } finally {
    lines.close();
    stream.destroy();
  }
  if (n === 0) plan.warnings.push(`${path}: empty file`);
}

function stageLine(plan: ImportPlan, line: InterchangeLine, path: string, n: number): void {
  const norm = plan.addDocument(line.id, line.text, line.meta, path, n);
  if (!line.annotator) return;
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
    where: `${path}:${n}`,
  });
}

/** Why: writes the plan; on any failure, removes new files and restores replaced ones. */
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
    for (const doc of plan.documents.values()) {
      if (!doc.isNew) continue;
      const path = project.layout.documentFile(doc.id);
      await writeJson(path, documentFileSchema, {
        schema: SCHEMA_VERSION,
        id: doc.id,
        textHash: doc.hash,
        meta: doc.meta,
        text: doc.text,
      });
      undo.push(() => unlink(path));
    }
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
        plan.warnings.push(`${r.where}: replaced ${r.annotator}'s earlier record of ${r.document}`);
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
    if (entries.length !== project.index.size) await project.writeIndex(entries);
  } catch (error) {
    for (const step of undo.reverse()) await step().catch(() => {});
    if (error instanceof ImportError || error instanceof ProjectError) throw error;
    throw new ImportError(
      project.layout.root,
      `import failed while writing (${(error as Error).message}); nothing was changed`,
    );
  }
  const docs = [...plan.documents.values()];
  return {
    documentsAdded: docs.filter((d) => d.isNew).map((d) => d.id),
    documentsUnchanged: docs.filter((d) => !d.isNew).map((d) => d.id),
    records: plan.records.size,
    addedSpanLabels: additions.addedSpanLabels,
    addedDocLabelGroups: additions.addedDocLabelGroups,
    warnings: plan.warnings,
  };
}
