// One open project folder: settings, codebook, the document index, and per-annotator annotation files.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { z } from 'zod';
import type { SaveAnnotationsInput } from '../core/api';
import type { AssignmentPlan } from '../core/assignment';
import { emptyCodebook } from '../core/codebook';
import { idProblem } from '../core/ids';
import { type ModelFile, type ModelLayer, modelFileSchema, modelLayerSchema } from '../core/learn';
import {
  type AnnotationRecord,
  type Codebook,
  type DocumentOrder,
  type DocumentRecord,
  type DocumentSummary,
  type FileProblem,
  GOLD,
  isModelName,
  MODEL,
  type ProjectSettings,
  type Relation,
  type Span,
  type Status,
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
  documentIndexFileSchema,
  projectFileSchema,
  SCHEMA_VERSION,
} from '../core/schemas';
import { assignSpanIds, decidedSpanIds, type StoredSpan } from '../core/spanIds';
import { stableLine } from '../core/stableJson';
import type { ChangelogEntry } from '../core/study/changelog';
import {
  changelogEntrySchema,
  type RoundRecordsFile,
  roundRecordsFileSchema,
  type StudyFile,
  studyFileSchema,
} from '../core/study/schema';
import { sortSpans, spanProblem } from '../core/text';
import { FileProblemError, removeStaleTempFiles, syncDirectory, writeFileDurably } from './durableFile';
import { ImportStaging, pooled, recoverImport } from './importJournal';
import { appendJsonLine, readJson, readJsonLines, updateJson, writeJson } from './jsonStore';
import { LAYOUT, ProjectLayout } from './layout';

/** One row of the in-memory document index. */
export type IndexEntry = z.infer<typeof documentIndexFileSchema>['documents'][number];
type AnnotationFile = z.infer<typeof annotationFileSchema>;

/** A save from the API, or of gold with its decisions. */
type RecordInput = SaveAnnotationsInput &
  Pick<AnnotationRecord, 'decisions' | 'docLabelDecisions' | 'relationDecisions'>;

/** The parts of a stored record a label or relation-type change rewrites. */
export interface RecordContent {
  spans: Span[];
  relations: Relation[];
}

/** A refusal the user caused (bad save, unknown document) rather than a broken file. */
export class ProjectError extends Error {}

/** A save whose file changed underneath it; the caller keeps the edit and shows both versions. */
class ConflictError extends ProjectError {}

/**
 * A change of several files (a merge of packages) that must land whole: each write made with it
 * remembers what it replaced, and `undo` puts all of it back, newest first.
 */
export class Rollback {
  private readonly steps: (() => Promise<void>)[] = [];
  private readonly kept = new Set<string>();

  add(step: () => Promise<void>): void {
    this.steps.push(step);
  }

  /** Remembers a file's bytes (or that it did not exist) before its first write in this change. */
  async keep(path: string): Promise<void> {
    if (this.kept.has(path)) return;
    this.kept.add(path);
    const before = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw new ProjectError(`${path} cannot be read (${error.message}); not replaced`);
    });
    this.add(() => (before === null ? unlink(path).catch(() => {}) : writeFileDurably(path, before)));
  }

  async undo(): Promise<void> {
    for (const step of this.steps.splice(0).reverse()) await step().catch(() => {});
  }
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

  private constructor(root: string, settings: ProjectSettings, codebook: Codebook) {
    this.layout = new ProjectLayout(root);
    this.settings = settings;
    this.codebook = codebook;
  }

  /** Creates a new, empty project folder (refuses a folder that already holds one). */
  static async create(root: string, name: string): Promise<Project> {
    const layout = new ProjectLayout(root);
    if (await exists(layout.projectFile)) throw new ProjectError(`${root} already holds a Frame Lens project`);
    await mkdir(layout.documentsDir, { recursive: true });
    await mkdir(layout.annotationsDir, { recursive: true });
    // Teams sync project folders with git: never commit the temp files of a write in flight.
    await writeFileDurably(join(root, '.gitignore'), '.*.tmp\n.import-*\n');
    await writeJson(layout.codebookFile, codebookFileSchema, { schema: SCHEMA_VERSION, codebook: emptyCodebook() });
    await writeJson(layout.indexFile, documentIndexFileSchema, { schema: SCHEMA_VERSION, documents: [] });
    await writeJson(layout.projectFile, projectFileSchema, {
      schema: SCHEMA_VERSION,
      kind: 'framelens-project',
      name,
      selectionUnit: 'word',
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
    try {
      await recoverImport(root);
    } catch (error) {
      throw new ProjectError(`${root}: ${(error as Error).message}`);
    }
    const problems: FileProblem[] = [];
    let codebook = emptyCodebook();
    try {
      const file = await readJson(layout.codebookFile, codebookFileSchema);
      if (file) codebook = file.codebook;
    } catch (error) {
      problems.push(asProblem(layout, error));
    }
    const project = new Project(
      root,
      {
        name: projectFile.name,
        selectionUnit: projectFile.selectionUnit,
        ...(projectFile.documentOrder ? { documentOrder: projectFile.documentOrder } : {}),
      },
      codebook,
    );
    for (const p of problems) project.problems.set(p.path, p);
    try {
      const index = await readJson(layout.indexFile, documentIndexFileSchema);
      for (const entry of [...(index?.documents ?? [])].sort((a, b) => compare(a.id, b.id)))
        project.index.set(entry.id, entry);
    } catch (error) {
      project.report(error);
    }
    await project.removeCrashLeftovers();
    return project;
  }

  /** Temp files from a crash between write and rename are garbage; remove the old ones. */
  private async removeCrashLeftovers(): Promise<void> {
    const dirs = [this.layout.root, this.layout.documentsDir, this.layout.modelsDir];
    const annotators = await readdir(this.layout.annotationsDir).catch(() => [] as string[]);
    for (const a of annotators) if (idProblem(a) === null) dirs.push(this.layout.annotatorDir(a));
    for (const dir of dirs) await removeStaleTempFiles(dir);
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

  /** The document list without reading any text; statuses of one annotator when given. */
  async listDocuments(annotator?: string): Promise<DocumentSummary[]> {
    const statuses = annotator ? await this.recordSummaries(annotator) : new Map();
    return [...this.index.values()].map((e) => {
      const s = statuses.get(e.id);
      return {
        id: e.id,
        meta: e.meta,
        length: e.length,
        textHash: e.textHash,
        status: s?.status ?? 'todo',
        spans: s?.spans ?? 0,
        ...(s ? { labels: s.labels } : {}),
      };
    });
  }

  /** Status and span count of each of one annotator's records. */
  private async recordSummaries(
    annotator: string,
  ): Promise<Map<string, { status: Status; spans: number; labels: string[] }>> {
    const out = new Map<string, { status: Status; spans: number; labels: string[] }>();
    for (const r of await this.records(annotator))
      out.set(r.document, {
        status: r.status,
        spans: r.spans.length,
        labels: [...new Set(r.spans.map((s) => s.label))].sort(),
      });
    return out;
  }

  /** Every valid record of one annotator, read in parallel batches, in document id order. */
  async records(annotator: string): Promise<AnnotationRecord[]> {
    const files = await readdir(this.layout.annotatorDir(annotator)).catch(() => [] as string[]);
    const ids = files
      .filter((f) => f.endsWith('.json') && this.index.has(f.slice(0, -5)))
      .map((f) => f.slice(0, -5))
      .sort(compare);
    const out: (AnnotationRecord | null)[] = [];
    const batch = 64;
    for (let i = 0; i < ids.length; i += batch)
      out.push(...(await Promise.all(ids.slice(i, i + batch).map((id) => this.readRecord(annotator, id)))));
    return out.filter((r): r is AnnotationRecord => r !== null);
  }

  /** The index row of a document, or a clear refusal. */
  entry(id: string): IndexEntry {
    const entry = this.index.get(id);
    if (!entry) throw new ProjectError(`no document ${JSON.stringify(id)} in this project`);
    return entry;
  }

  /** Loads a document's text on demand (lazily; listing never does). */
  async getDocument(id: string): Promise<DocumentRecord> {
    const entry = this.entry(id);
    let file: z.infer<typeof documentFileSchema> | null;
    try {
      file = await readJson(this.layout.documentFile(id), documentFileSchema);
    } catch (error) {
      throw new ProjectError(this.report(error).reason);
    }
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
   * One annotator's record of one document. A file that fails validation, belongs to another
   * document, or was made on a different text is reported and not returned.
   */
  async readRecord(annotator: string, document: string): Promise<AnnotationRecord | null> {
    const path = this.layout.annotationFile(annotator, document);
    let file: AnnotationFile | null;
    try {
      file = await readJson(path, annotationFileSchema);
    } catch (error) {
      this.report(error);
      return null;
    }
    if (!file) return null;
    const problem = this.recordProblem(file, annotator, document);
    if (problem) {
      this.problems.set(this.layout.relative(path), { path: this.layout.relative(path), reason: problem });
      return null;
    }
    const { schema: _schema, ...record } = file;
    return record;
  }

  /** The checks a stored record must pass before it is shown or counted. */
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

  /**
   * The one save path. Validates against the document and codebook, refuses to overwrite a file it
   * could not read, and resolves only once the file is fsync'd. Spans keep their ids; a span sent
   * without one gets back the id of the stored span with its position and label, or a new one.
   */
  async saveRecord(input: RecordInput, rollback?: Rollback): Promise<AnnotationRecord> {
    const entry = this.entry(input.document);
    if (input.textHash !== entry.textHash)
      throw new ProjectError(`refused: the spans were made on a different text of ${input.document}`);
    const labels = new Set(this.codebook.spanLabels.map((l) => l.name));
    for (const span of input.spans) {
      const p = spanProblem(span, entry.length);
      if (p) throw new ProjectError(`refused: span ${span.start}-${span.end}: ${p}`);
      if (!labels.has(span.label))
        throw new ProjectError(`refused: label ${JSON.stringify(span.label)} is not in the codebook`);
    }
    this.checkDocLabels(input.docLabels);
    const types = new Set(relationTypesOf(this.codebook).map((t) => t.name));
    for (const r of input.relations ?? [])
      if (!types.has(r.type))
        throw new ProjectError(`refused: relation type ${JSON.stringify(r.type)} is not in the codebook`);
    return this.storeRecord(
      input.annotator,
      input.document,
      (current, path) => {
        if (input.baseUpdatedAt !== undefined && (current?.updatedAt ?? null) !== input.baseUpdatedAt)
          throw new ConflictError(
            `conflict: ${this.layout.relative(path)} changed on disk since this edit began (another machine, a sync or a git pull); nothing was overwritten`,
          );
        return {
          document: input.document,
          annotator: input.annotator,
          textHash: input.textHash,
          codebookVersion: this.codebook.version,
          status: input.status,
          spans: input.spans,
          docLabels: sortDocLabels(input.docLabels),
          ...(input.relations ? { relations: input.relations } : {}),
          ...(input.decisions ? { decisions: input.decisions } : {}),
          ...(input.docLabelDecisions ? { docLabelDecisions: input.docLabelDecisions } : {}),
          ...(input.relationDecisions ? { relationDecisions: input.relationDecisions } : {}),
        };
      },
      rollback,
      true,
    );
  }

  /**
   * Rewrites the spans and relations of one stored record (a label or relation type renamed, merged or
   * deleted) from the file as it is now, so an edit saved meanwhile is not lost; span ids stay.
   */
  async rewriteRecord(
    annotator: string,
    document: string,
    rewrite: (record: RecordContent) => RecordContent,
    codebookVersion: number,
  ): Promise<AnnotationRecord> {
    return this.storeRecord(annotator, document, (current, path) => {
      if (!current) throw new ProjectError(`${this.layout.relative(path)} is gone`);
      const { schema: _schema, updatedAt: _updatedAt, relations: _relations, ...record } = current;
      const next = rewrite({ spans: current.spans, relations: current.relations ?? [] });
      return { ...record, spans: next.spans, relations: next.relations, codebookVersion };
    });
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
  ): Relation[] {
    if (!relations?.length) return [];
    const byId = new Map<string, Span>(spans.map((s) => [s.id, s]));
    const types = relationTypesOf(this.codebook);
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

  /** Every write of an annotation file: sorted spans with ids, relations checked, a new updatedAt, durably. */
  private async storeRecord(
    annotator: string,
    document: string,
    make: (current: AnnotationFile | null, path: string) => Omit<AnnotationRecord, 'updatedAt'>,
    rollback?: Rollback,
    checkFit = false,
  ): Promise<AnnotationRecord> {
    const path = this.layout.annotationFile(annotator, document);
    if (rollback) await rollback.keep(path);
    let stored: AnnotationRecord | undefined;
    await updateJson(path, annotationFileSchema, (current) => {
      if (current && (current.document !== document || current.annotator !== annotator))
        throw new ProjectError(`refused: ${this.layout.relative(path)} names another document or annotator`);
      const next = make(current, path);
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
      // A save without relations comes from a client that does not know them: the stored ones stay, but for
      // those whose span it removed.
      const relations =
        sent !== undefined
          ? this.settleRelations(sent, spans, current?.relations, checkFit)
          : relationsAfterSpans(current?.relations ?? [], new Set(spans.map((x) => x.id))).relations;
      stored = { ...rest, spans, ...(relations.length ? { relations } : {}), updatedAt };
      return { schema: SCHEMA_VERSION, ...stored };
    }).catch((error) => {
      if (error instanceof FileProblemError)
        throw new ProjectError(`refused to overwrite ${this.layout.relative(error.path)}: ${error.reason}`);
      throw error;
    });
    return stored as AnnotationRecord;
  }

  /** Document labels must name a group and options of the codebook. */
  private checkDocLabels(docLabels: AnnotationRecord['docLabels']): void {
    for (const [name, value] of Object.entries(docLabels)) {
      const group = this.codebook.docLabels.find((g) => g.name === name);
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

  /** Codebook edits with optimistic concurrency; the version is bumped on every change. */
  async saveCodebook(codebook: Codebook, expectedVersion: number): Promise<Codebook> {
    if (expectedVersion !== this.codebook.version)
      throw new ProjectError(
        `refused: the codebook changed (version ${this.codebook.version}, edit made on ${expectedVersion})`,
      );
    const next: Codebook = { ...codebook, version: this.codebook.version + 1 };
    await this.writeCodebook(next);
    return next;
  }

  /** Writes the codebook file and adopts it. */
  async writeCodebook(codebook: Codebook, rollback?: Rollback): Promise<void> {
    this.refuseIfUnread(this.layout.codebookFile);
    const previous = this.codebook;
    rollback?.add(() => this.writeCodebook(previous));
    await updateJson(this.layout.codebookFile, codebookFileSchema, () => ({ schema: SCHEMA_VERSION, codebook }));
    this.codebook = codebook;
    this.problems.delete(this.layout.relative(this.layout.codebookFile));
  }

  /** Metadata (title, outlet, date, story…) may be corrected after import; the text never changes. */
  async setDocumentMeta(id: string, meta: DocumentRecord['meta']): Promise<DocumentRecord> {
    const entry = this.entry(id);
    const path = this.layout.documentFile(id);
    const updated = await updateJson(path, documentFileSchema, (current) => {
      if (!current || current.textHash !== entry.textHash)
        throw new ProjectError(`${this.layout.relative(path)} does not match the index`);
      return { ...current, meta };
    }).catch((error) => {
      if (error instanceof FileProblemError)
        throw new ProjectError(`refused to overwrite ${this.layout.relative(error.path)}: ${error.reason}`);
      throw error;
    });
    await this.writeIndex([...this.index.values()].map((e) => (e.id === id ? { ...e, meta } : e)));
    return { id, text: updated.text, textHash: updated.textHash, meta: updated.meta };
  }

  /** Writes the document index (last step of an import) and adopts it. */
  async writeIndex(entries: IndexEntry[]): Promise<void> {
    this.refuseIfUnread(this.layout.indexFile);
    const sorted = [...entries].sort((a, b) => compare(a.id, b.id));
    await writeJson(this.layout.indexFile, documentIndexFileSchema, { schema: SCHEMA_VERSION, documents: sorted });
    this.index.clear();
    for (const e of sorted) this.index.set(e.id, e);
  }

  /** assignments.json: who should code which documents (null: the project has no plan). */
  async readAssignments(): Promise<AssignmentPlan | null> {
    const file = await readJson(this.layout.assignmentsFile, assignmentsFileSchema);
    return file ? { seed: file.seed, overlap: file.overlap, annotators: file.annotators } : null;
  }

  async saveAssignments(plan: AssignmentPlan): Promise<void> {
    await writeJson(this.layout.assignmentsFile, assignmentsFileSchema, { schema: SCHEMA_VERSION, ...plan });
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
  async updateStudy(update: (study: StudyFile) => StudyFile): Promise<StudyFile> {
    return updateJson(this.layout.studyFile, studyFileSchema, (current) =>
      update(current ?? { schema: SCHEMA_VERSION, rounds: [] }),
    ).catch((error) => {
      if (error instanceof FileProblemError)
        throw new ProjectError(`refused to overwrite ${this.layout.relative(error.path)}: ${error.reason}`);
      throw error;
    });
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
  async appendChangelog(entry: ChangelogEntry): Promise<void> {
    await appendJsonLine(this.layout.changelogFile, changelogEntrySchema, entry).catch((error) => {
      if (error instanceof FileProblemError)
        throw new ProjectError(`refused to append to ${this.layout.relative(error.path)}: ${error.reason}`);
      throw error;
    });
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
  async keepCodebookSnapshot(codebook: Codebook): Promise<void> {
    const path = this.layout.codebookSnapshot(codebook.version);
    if (await exists(path)) return;
    await writeJson(path, codebookFileSchema, { schema: SCHEMA_VERSION, codebook });
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

  async writeRoundRecords(key: string, file: RoundRecordsFile): Promise<void> {
    await writeJson(this.layout.roundRecordsFile(key), roundRecordsFileSchema, file);
  }

  /**
   * Writes a round's report as reports/<key>/, replacing any earlier one whole: the files go into a temp folder
   * that is renamed into place, so a reader never finds half a report. Returns the folder, project-relative.
   */
  async writeReport(key: string, files: readonly { path: string; content: string }[]): Promise<string> {
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

  /** A file that failed to read when the project opened is never overwritten. */
  private refuseIfUnread(path: string): void {
    const problem = this.problems.get(this.layout.relative(path));
    if (problem)
      throw new ProjectError(`refused to overwrite ${problem.path}, which could not be read: ${problem.reason}`);
  }

  // ---- Import commit. The importer stages new document files as it reads them (importJournal.ts); the
  // records, the codebook and the index are staged here, and everything is committed in one step. ----

  /** A staging area for one import; the project does not change until `commitImport`. */
  beginImport(): ImportStaging {
    return new ImportStaging(this.layout.root);
  }

  /** Stages one new document file. */
  stageDocument(staging: ImportStaging, doc: z.infer<typeof documentFileSchema>): Promise<void> {
    return staging.writeJson(this.layout.relative(this.layout.documentFile(doc.id)), documentFileSchema, doc);
  }

  /**
   * Stages the records, the codebook (when it changed) and the index, then commits the whole import. Spans are
   * stored as read: a span a source holds twice is stored twice.
   */
  async commitImport(
    staging: ImportStaging,
    change: {
      records: Omit<AnnotationRecord, 'codebookVersion' | 'updatedAt'>[];
      codebook: Codebook;
      index: IndexEntry[];
    },
  ): Promise<void> {
    this.refuseIfUnread(this.layout.indexFile);
    if (change.codebook.version !== this.codebook.version) this.refuseIfUnread(this.layout.codebookFile);
    const now = new Date().toISOString();
    for (const r of change.records) this.refuseIfUnread(this.layout.annotationFile(r.annotator, r.document));
    const types = relationTypesOf(change.codebook);
    await pooled(change.records, 16, (r) => {
      const spans = assignSpanIds(r.spans);
      const { relations: read, ...rest } = r;
      const relations = read?.length ? normalizeRelations(read, spans, types) : [];
      return staging.writeJson(
        this.layout.relative(this.layout.annotationFile(r.annotator, r.document)),
        annotationFileSchema,
        {
          schema: SCHEMA_VERSION,
          ...rest,
          spans,
          ...(relations.length ? { relations } : {}),
          docLabels: sortDocLabels(r.docLabels),
          codebookVersion: change.codebook.version,
          updatedAt: now,
        },
      );
    });
    if (change.codebook.version !== this.codebook.version)
      await staging.writeJson(this.layout.relative(this.layout.codebookFile), codebookFileSchema, {
        schema: SCHEMA_VERSION,
        codebook: change.codebook,
      });
    const sorted = [...change.index].sort((a, b) => compare(a.id, b.id));
    if (sorted.length !== this.index.size)
      await staging.writeJson(this.layout.relative(this.layout.indexFile), documentIndexFileSchema, {
        schema: SCHEMA_VERSION,
        documents: sorted,
      });
    // Documents first and the index last, so a reader meeting a half-applied commit finds no dangling entry.
    const rank = (rel: string) =>
      rel.startsWith(`${LAYOUT.documents}/`)
        ? 0
        : rel.startsWith(`${LAYOUT.annotations}/`)
          ? 1
          : rel === LAYOUT.codebook
            ? 2
            : 3;
    await staging.commit(rank);
    this.codebook = change.codebook;
    this.index.clear();
    for (const e of sorted) this.index.set(e.id, e);
  }

  /** Whether a real annotator name is acceptable (gold is reserved for adjudication, model for the model). */
  static annotatorProblem(name: string, allowGold = false): string | null {
    const p = idProblem(name);
    if (p) return `annotator ${JSON.stringify(name)} ${p}`;
    if (!allowGold && name === GOLD) return `"${GOLD}" is reserved for the adjudicated layer`;
    if (isModelName(name)) return `"${name}" is reserved for the model's layer (whatever its case)`;
    return null;
  }

  /** What "next document" follows; a project setting, so a study reports one order for every coder. */
  async setDocumentOrder(order: DocumentOrder): Promise<ProjectSettings> {
    const file = await updateJson(this.layout.projectFile, projectFileSchema, (current) => {
      if (!current) throw new ProjectError(`${this.layout.relative(this.layout.projectFile)} is gone`);
      return { ...current, documentOrder: order };
    }).catch((error) => {
      if (error instanceof FileProblemError)
        throw new ProjectError(`refused to overwrite ${this.layout.relative(error.path)}: ${error.reason}`);
      throw error;
    });
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
  async saveModel(model: ModelFile, layer: ModelLayer): Promise<void> {
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

/** Plain string order (code unit order), as the contracts require for ids and names. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
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

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
