// The one implementation of the API contract. Both transports (IPC, HTTP) and the CLI call this.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AgreementInput } from '../core/agreement';
import type {
  AcceptUnanimousOptions,
  AcceptUnanimousReport,
  AgreementOverview,
  AgreementSelection,
  AssignmentOptions,
  ChangeFeedPage,
  CodebookEdit,
  CodedSegments,
  CodingLayerOptions,
  Cooccurrence,
  DecisionInput,
  DeleteMemoInput,
  DisagreementsPage,
  DocLabelDecisionInput,
  DocumentAgreementRow,
  DocumentOrderInfo,
  DocumentPage,
  DownloadChunk,
  ExportOptions,
  ExportReport,
  FrameLensApi,
  ImportJobStatus,
  ImportOptions,
  ImportReport,
  LabelUsage,
  MemoHit,
  MetaEdit,
  ModelStatus,
  ModelSuggestions,
  OutletOptions,
  OutletReport,
  PageRequest,
  PhraseDocumentsRequest,
  PickedFiles,
  PickedTarget,
  ProjectAgreementReport,
  ProjectChange,
  ProjectInfo,
  ProjectStats,
  QueueRow,
  RelationDecisionInput,
  RelationTypeUsage,
  ReportRequest,
  ReportWork,
  RoundReport,
  RoundRequest,
  RoundStatus,
  RoundWork,
  RowsPage,
  RowsRequest,
  SampleSizeReport,
  SampleSizeRequest,
  SaveAnnotationsInput,
  SaveMemoInput,
  SaveResult,
  SearchHit,
  SessionInfo,
  StoryCount,
  StudyStatus,
  TrainingJobStatus,
  TrainingResult,
  TrainOptions,
  UploadChunk,
  UploadEntry,
} from '../core/api';
import type { AssignmentPlan, AssignmentStatus } from '../core/assignment';
import { activeOrder, storyCounts } from '../core/documentQuery';
import { formatNamed } from '../core/formats/registry';
import type {
  AnnotationRecord,
  Codebook,
  DocumentMeta,
  DocumentOrder,
  DocumentRecord,
  DocumentSummary,
  Memo,
  ProjectSettings,
} from '../core/model';
import { GOLD, isModelName } from '../core/model';
import type { PhraseGroup } from '../core/outlets';
import {
  agreementOverview,
  disagreementRows,
  documentRows,
  type OutletOverview,
  outletOverview,
  type PhraseRowsRequest,
  pagedOutlets,
  phraseDocumentRows,
  phraseRowsPage,
  queueRows,
} from '../core/reports';
import { computeStats } from '../core/stats';
import type { StorySuggestion } from '../core/stories';
import type { Suggestion } from '../core/suggestions';
import { FileAccess } from './access';
import { acceptUnanimous, decide, decideDocLabel, decideRelation, goldReasonCounts } from './adjudication';
import { agreementInput, projectAgreement } from './agreement';
import { planAssignments, readAssignments } from './assignment';
import { ChangeFeed } from './changeFeed';
import {
  applyNameEdit,
  checkNameEdit,
  checkRenames,
  labelUsage,
  type Named,
  type NameEdit,
  relationTypeUsage,
  renamesKey,
  saveRenamed,
} from './codebook';
import { Downloads } from './downloads';
import { exportProject } from './exporter';
import { importIntoProject } from './importer';
import { ImportJobs } from './importJobs';
import { documentOrder, modelInfo, modelSuggestions } from './learn';
import {
  keptOutletTables,
  outletCorpus,
  projectOutlets,
  projectStorySuggestions,
  projectSuggestions,
  selectedRecords,
} from './outlets';
import { Project, ProjectError } from './project';
import type { LockWait } from './projectLock';
import { RecentProjects } from './recent';
import { ReportJobs } from './reportJobs';
import { ensureSampleCopy, folderNameFor, isShippedSample, projectsFolder } from './sample';
import { searchCorpus, searchProjectMemos } from './search';
import { projectCooccurrence, projectSegments } from './segments';
import { suggestedAnnotator, UserSettings } from './settings';
import {
  blindTest,
  editCodebook,
  endRound,
  openRound,
  sizeAdvice,
  studyStatus,
  trainingResults,
  visibleTo,
  writeRoundReport,
} from './study';
import { TrainingJobs, type WorkerSource } from './trainJobs';
import { Uploads } from './uploads';

/** The native dialogs of the shell that has them (the Electron app); each answers null when cancelled. */
export interface Dialogs {
  openFiles(kind: 'files' | 'folder'): Promise<string[] | null>;
  saveFile(suggestedName: string, folder: boolean): Promise<string | null>;
  projectFolder(mode: 'open' | 'create'): Promise<string | null>;
}

/**
 * Where the service keeps per-user state, which project it starts on, what it may reach, and how its writes
 * wait for the lock.
 */
interface ServiceOptions {
  /** The project to open now; none (null or absent): the welcome screen until one is opened. */
  projectDir?: string | null;
  configDir: string;
  /** Names this process to another writer waiting for the project lock (default "Frame Lens"). */
  writer?: string;
  lockWait?: LockWait;
  /** The training thread's code (the Electron build names its bundled file; else the source beside the backend). */
  trainWorker?: WorkerSource;
  /** The report thread's code (default: beside the backend, built or source). */
  reportWorker?: WorkerSource;
  /** Folders the path boxes may name (`serve --allow`). */
  allowedRoots?: string[];
  /** The user's documents folder: new projects and the sample's copy go in its "Frame Lens" folder. */
  documentsDir?: string;
  /** The shipped, read-only sample project. */
  sampleDir?: string;
  dialogs?: Dialogs;
  /** Called after the open project changed (the Electron menu lists recent projects). */
  onProjectChange?: () => void;
}

function noProject(): never {
  throw new ProjectError('no project is open');
}

/** Holds the open project and answers every API call against it. */
export class FrameLensService implements FrameLensApi {
  private readonly jobs = new ImportJobs();
  private feed: ChangeFeed | null;
  private opened: Project | null;
  private readonly recent: RecentProjects;
  private readonly settings: UserSettings;
  readonly access: FileAccess;
  private readonly uploads = new Uploads();
  private readonly downloads = new Downloads();
  readonly training: TrainingJobs;
  readonly reports: ReportJobs;
  /** Rounds whose figures are being computed, by name: a close or a report takes seconds on a large sample. */
  private readonly roundWorks = new Map<string, RoundWork>();

  private constructor(
    project: Project | null,
    private readonly options: ServiceOptions,
  ) {
    this.opened = project ? this.adopt(project) : null;
    this.feed = project ? this.watch(project) : null;
    this.recent = new RecentProjects(options.configDir);
    this.settings = new UserSettings(options.configDir);
    this.access = new FileAccess(options.allowedRoots);
    this.training = new TrainingJobs(options.trainWorker);
    this.reports = new ReportJobs(options.reportWorker);
  }

  /**
   * The change feed of an open project, started at once: what it sees is checked again at the project's next
   * read (edits in place included), so whole-folder reads need not check every file's version.
   */
  private watch(project: Project): ChangeFeed {
    const feed = new ChangeFeed(project.layout.root);
    feed.subscribe((change) => project.forget(change.path));
    feed.start();
    project.watcher = feed;
    // Rows a listing showed from the cache before their files' versions were checked, corrected since: the app
    // reads them again as it does any change on disk.
    project.onCorrected = (paths) => {
      for (const path of paths) feed.record(path);
    };
    return feed;
  }

  private adopt(project: Project): Project {
    if (this.options.writer) project.writer = this.options.writer;
    if (this.options.lockWait) project.lockWait = this.options.lockWait;
    return project;
  }

  /** The open project; every method that needs one refuses when none is open. */
  private get project(): Project {
    return this.opened ?? noProject();
  }

  private set project(project: Project) {
    this.opened = project;
  }

  /** Opens the start project (if any) and records it as recent. */
  static async start(options: ServiceOptions): Promise<FrameLensService> {
    const dir = options.projectDir ? resolve(options.projectDir) : null;
    const service = new FrameLensService(null, options);
    if (dir) await service.switchProject(dir);
    return service;
  }

  /**
   * The app's start: the project named on the command line, else the most recent one, else (first run, no
   * recent project) the user's copy of the sample. One that fails is reported and the welcome screen shows.
   */
  async openAtLaunch(cliDir: string | null, report: (dir: string, error: unknown) => void): Promise<void> {
    const recent = cliDir ? [] : await this.recent.list();
    const dir = cliDir ? resolve(cliDir) : recent.find((p) => existsSync(p));
    try {
      if (dir) await this.switchProject(dir);
      else if (recent.length === 0 && this.options.sampleDir) await this.openSample();
    } catch (error) {
      report(dir ?? 'the sample project', error);
    }
  }

  /** The folder of the open project (for menus and messages); null when none is open. */
  projectPath(): string | null {
    return this.opened?.layout.root ?? null;
  }

  /** The open Project, for in-process callers (CLI) that need more than the API. */
  current(): Project {
    return this.project;
  }

  /**
   * Switches to another project folder, creating it first when asked. For trusted callers (a dialog's
   * answer, the command line); the shipped sample is never opened in place, its copy is.
   */
  async switchProject(dir: string, create?: { name?: string }): Promise<void> {
    let root = resolve(dir);
    const { sampleDir, documentsDir } = this.options;
    if (!create && sampleDir && documentsDir && (await isShippedSample(root, sampleDir)))
      root = await ensureSampleCopy(sampleDir, documentsDir);
    await this.opened?.flushCaches().catch(() => {});
    this.reports.stopAll();
    this.project = this.adopt(
      create ? await Project.create(root, create.name ?? defaultName(root)) : await Project.open(root),
    );
    this.feed?.stop();
    this.feed = this.watch(this.project);
    await this.recent.add(root).catch(() => {});
    this.options.onProjectChange?.();
  }

  async session(): Promise<SessionInfo> {
    const [project, annotator, suggested, recent] = await Promise.all([
      this.opened ? this.getProject() : null,
      this.settings.annotator(),
      suggestedAnnotator(),
      this.recent.list(),
    ]);
    return {
      project,
      annotator,
      suggestedAnnotator: suggested,
      dialogs: this.options.dialogs !== undefined,
      allowedRoots: this.access.roots,
      projectsFolder: this.projectsFolder(),
      recent,
    };
  }

  async rememberAnnotator(name: string): Promise<null> {
    await this.settings.setAnnotator(name).catch((error: Error) => {
      throw new ProjectError(
        error.message.startsWith('refused:') ? error.message : `could not remember the name: ${error.message}`,
      );
    });
    return null;
  }

  private projectsFolder(): string {
    return projectsFolder(this.options.documentsDir ?? join(this.options.configDir, 'projects'));
  }

  private dialogs(): Dialogs {
    const { dialogs } = this.options;
    if (!dialogs)
      throw new ProjectError(
        'refused: there are no file dialogs in the browser: drop files on the window or use the file picker',
      );
    return dialogs;
  }

  async newProject(name: string): Promise<ProjectInfo> {
    const folderName = folderNameFor(name);
    if (!folderName) throw new ProjectError(`refused: "${name}" cannot name a folder; choose another name`);
    let dir = join(this.projectsFolder(), folderName);
    for (let n = 2; existsSync(dir); n++) dir = join(this.projectsFolder(), `${folderName} ${n}`);
    await this.switchProject(dir, { name });
    return this.getProject();
  }

  async openSample(): Promise<ProjectInfo> {
    const { sampleDir, documentsDir } = this.options;
    if (!sampleDir) throw new ProjectError('this installation has no sample project');
    await this.switchProject(
      await ensureSampleCopy(sampleDir, documentsDir ?? join(this.options.configDir, 'projects')),
    );
    return this.getProject();
  }

  async closeProject(): Promise<null> {
    await this.opened?.flushCaches().catch(() => {});
    this.reports.stopAll();
    this.opened = null;
    this.feed?.stop();
    this.feed = null;
    this.options.onProjectChange?.();
    return null;
  }

  async pickProject(mode: 'open' | 'create'): Promise<ProjectInfo | null> {
    const dir = await this.dialogs().projectFolder(mode);
    if (!dir) return null;
    await this.switchProject(dir, mode === 'create' ? {} : undefined);
    return this.getProject();
  }

  async pickImport(kind: 'files' | 'folder'): Promise<PickedFiles | null> {
    const paths = await this.dialogs().openFiles(kind);
    return paths?.length ? this.access.grantRead(paths) : null;
  }

  async pickExport(target: { name: string; folder: boolean }): Promise<PickedTarget | null> {
    const path = await this.dialogs().saveFile(target.name, target.folder);
    return path ? this.access.grantWrite(path) : null;
  }

  beginUpload(files: UploadEntry[]): Promise<string> {
    return this.uploads.begin(files);
  }

  uploadChunk(id: string, chunk: UploadChunk): Promise<number> {
    return this.uploads.chunk(id, chunk);
  }

  async discardUpload(id: string): Promise<null> {
    await this.uploads.discard(id);
    return null;
  }

  readDownload(id: string, offset: number): Promise<DownloadChunk> {
    return this.downloads.read(id, offset);
  }

  /** Where an import request may read: its upload, its grant, or the allowed folders. */
  private importSource(options: ImportOptions) {
    if (options.upload !== undefined) return this.uploads.source(options.upload);
    return this.access.importSource(options.paths, options.grant, this.opened?.layout.root ?? null);
  }

  /** Removes temporary uploads and downloads (the app or server is closing). */
  async close(): Promise<void> {
    this.feed?.stop();
    this.reports.stopAll();
    await this.opened?.flushCaches().catch(() => {});
    await Promise.all([this.uploads.close(), this.downloads.close()]);
  }

  /** A read of several files, seeing one committed state of the project as it is on disk now. */
  private read<T>(fn: (project: Project) => Promise<T>): Promise<T> {
    const project = this.project;
    return project.consistent(() => fn(project));
  }

  getProject(): Promise<ProjectInfo> {
    return this.read(async (p) => ({
      path: p.layout.root,
      settings: p.settings,
      codebook: p.codebook,
      annotators: await p.annotators(),
      documents: p.index.size,
      problems: [...p.problems.values()],
    }));
  }

  /** A project of the recent list (opened through a dialog or the command line), or one inside an allowed folder. */
  async openProject(path: string): Promise<ProjectInfo> {
    const recent = await this.recent.list();
    await this.switchProject(recent.includes(path) ? path : this.access.checkProjectPath(path, 'open'));
    return this.getProject();
  }

  async createProject(path: string, name?: string): Promise<ProjectInfo> {
    await this.switchProject(this.access.checkProjectPath(path, 'create'), { name });
    return this.getProject();
  }

  recentProjects(): Promise<string[]> {
    return this.recent.list();
  }

  listDocuments(annotator?: string): Promise<DocumentSummary[]> {
    return this.read((p) => p.listDocuments(annotator));
  }

  documentPage(page: PageRequest, annotator?: string): Promise<DocumentPage> {
    return this.read(async (p) => {
      const order = (p.settings.documentOrder ?? 'list') === 'list' ? null : activeOrder(await documentOrder(p));
      return p.documentPage(page, annotator, order);
    });
  }

  getDocument(id: string): Promise<DocumentRecord> {
    return this.read((p) => p.getDocument(id));
  }

  getAnnotations(document: string, annotator: string, viewer?: string): Promise<AnnotationRecord | null> {
    return this.read(async (p) => {
      p.entry(document);
      const record = await p.readRecord(annotator, document);
      if (!record || !viewer || viewer === annotator) return record;
      return (await visibleTo(p, viewer, [record]))[0] ?? null;
    });
  }

  listAnnotations(document: string, viewer?: string): Promise<AnnotationRecord[]> {
    return this.read(async (p) => visibleTo(p, viewer, await p.listRecords(document)));
  }

  async saveAnnotations(input: SaveAnnotationsInput): Promise<SaveResult> {
    const project = this.project;
    return project.grouped(`${input.annotator}/${input.document}`, async () => {
      await project.checkAnnotator(input.annotator);
      return { record: await project.saveRecord(input) };
    });
  }

  /** Span labels the edit names as renamed are renamed in every annotation, in the same new version. */
  saveCodebook(codebook: Codebook, expectedVersion: number, edit?: CodebookEdit): Promise<Codebook> {
    const renames = { labels: edit?.renames?.labels ?? {}, relationTypes: edit?.renames?.relationTypes ?? {} };
    return this.project.exclusive(() =>
      editCodebook(
        this.project,
        expectedVersion,
        edit,
        () =>
          Object.keys(renames.labels).length === 0 && Object.keys(renames.relationTypes).length === 0
            ? this.project.saveCodebook(codebook, expectedVersion)
            : saveRenamed(this.project, codebook, expectedVersion, renames),
        () => checkRenames(this.project, codebook, renames),
      ),
    );
  }

  async importFiles(options: ImportOptions): Promise<ImportReport> {
    return importIntoProject(this.project, options, {}, this.importSource(options));
  }

  /** Writes where the user chose (a save-dialog grant), into a download, or to a new path inside the allowed folders. */
  async exportProject(options: ExportOptions): Promise<ExportReport> {
    const project = this.project;
    const root = project.layout.root;
    const { grant, download, out, ...rest } = options;
    if (download) {
      const format = formatNamed(options.format);
      const ext = format?.extensions[0]?.replace(/^\./, '') ?? 'txt';
      const name = `${downloadName(project.settings.name)}${format?.folder ? '' : `.${ext}`}`;
      let report: ExportReport | null = null;
      const file = await this.downloads.capture(name, async (path) => {
        report = await project.consistent(() => exportProject(project, { ...rest, out: path }));
      });
      const written = report as unknown as ExportReport;
      return { ...written, out: file.name, download: file };
    }
    const target =
      grant !== undefined ? this.access.takeWriteGrant(grant) : await this.access.checkTypedExport(out ?? '', root);
    this.access.guardProject(target, root);
    return project.consistent(() => exportProject(project, { ...rest, out: target }));
  }

  agreement(selection?: AgreementSelection): Promise<ProjectAgreementReport> {
    if (!selection?.viewer) return this.read((p) => projectAgreement(p, selection));
    return this.agreementInput(selection).then((input) => this.read((p) => projectAgreement(p, selection, input)));
  }

  /** With a viewer, others' records on the documents the viewer codes blind are left out of the figures. */
  agreementInput(selection?: AgreementSelection): Promise<AgreementInput> {
    return this.read(async (p) => {
      const input = await agreementInput(p, selection);
      if (!selection?.viewer) return input;
      const records = await visibleTo(p, selection.viewer, input.records);
      const excluded = Array.isArray(input.excluded)
        ? await visibleTo(p, selection.viewer, input.excluded)
        : input.excluded;
      return { ...input, records, excluded };
    });
  }

  async startReport(request: ReportRequest): Promise<ReportWork> {
    if (request.kind === 'agreement') {
      const { selection } = request;
      if (!this.opened) noProject();
      return this.reports.start('agreement', async () => {
        const input = await this.agreementInput(selection);
        return { input: { kind: 'agreement', input }, size: input.documents.length };
      });
    }
    if (request.kind === 'queue') {
      if (!this.opened) noProject();
      return this.reports.start('queue', async () => {
        const input = await this.agreementInput();
        const titles: Record<string, string | undefined> = {};
        for (const e of this.project.index.values()) titles[e.id] = e.meta.title;
        return { input: { kind: 'queue', input, titles }, size: input.documents.length };
      });
    }
    const { viewer, ...selection } = request.options ?? {};
    let keep: ((report: OutletReport) => void) | null = null;
    const work = this.reports.start('outlets', (progress) =>
      this.read(async (p) => {
        const records = await visibleTo(p, viewer, await selectedRecords(p, selection));
        const corpus = await outletCorpus(p, records, progress);
        const filter = { label: selection.label, story: selection.story };
        const kept = keptOutletTables(p, filter, records, corpus);
        if ('report' in kept) return { input: { kind: 'kept', report: kept.report }, size: 0 };
        keep = kept.keep;
        return { input: { kind: 'outlets', corpus, records, filter }, size: corpus.documents.length };
      }),
    );
    void this.reports.wait(work.id).then((w) => {
      if (w.state === 'done' && keep) keep(this.reports.outlets(w.id));
    });
    return work;
  }

  async reportWork(id: string): Promise<ReportWork> {
    return this.reports.status(id);
  }

  async cancelReport(id: string): Promise<ReportWork> {
    return this.reports.cancel(id);
  }

  async agreementOverview(id: string): Promise<AgreementOverview> {
    return agreementOverview(this.reports.agreement(id));
  }

  async agreementDocuments(id: string, rows: RowsRequest): Promise<RowsPage<DocumentAgreementRow>> {
    return documentRows(this.reports.agreement(id), rows);
  }

  async agreementDisagreements(id: string, rows: RowsRequest): Promise<DisagreementsPage> {
    return disagreementRows(this.reports.agreement(id), rows);
  }

  async outletTables(id: string): Promise<OutletReport> {
    return pagedOutlets(this.reports.outlets(id));
  }

  async adjudicationQueue(id: string, rows: RowsRequest): Promise<RowsPage<QueueRow>> {
    return queueRows(this.reports.queue(id), rows);
  }

  async outletOverview(id: string): Promise<OutletOverview<OutletReport>> {
    return outletOverview(this.reports.outlets(id));
  }

  async outletPhraseRows(id: string, request: PhraseRowsRequest): Promise<RowsPage<PhraseGroup>> {
    return phraseRowsPage(this.reports.outlets(id), request);
  }

  async phraseDocuments(id: string, request: PhraseDocumentsRequest): Promise<RowsPage<string>> {
    return phraseDocumentRows(this.reports.outlets(id), request);
  }

  readonly renameLabel = this.nameEdits('label').rename;
  readonly deleteLabel = this.nameEdits('label').delete;
  readonly mergeLabels = this.nameEdits('label').merge;
  readonly renameRelationType = this.nameEdits('relationType').rename;
  readonly deleteRelationType = this.nameEdits('relationType').delete;
  readonly mergeRelationTypes = this.nameEdits('relationType').merge;

  private nameEdits(of: Named) {
    return {
      rename: (from: string, to: string, expectedVersion: number, edit?: CodebookEdit): Promise<Codebook> =>
        this.nameEdit(of, { kind: 'rename', from, to }, expectedVersion, edit),
      delete: (name: string, expectedVersion: number, edit?: CodebookEdit): Promise<Codebook> =>
        this.nameEdit(of, { kind: 'delete', name }, expectedVersion, edit),
      merge: (from: string, into: string, expectedVersion: number, edit?: CodebookEdit): Promise<Codebook> =>
        this.nameEdit(of, { kind: 'merge', from, into }, expectedVersion, edit),
    };
  }

  /**
   * A label or relation-type edit under the lock, checked first, with its entry in the codebook changelog; a
   * rename is named in the entry so the changelog pairs the old name with the new.
   */
  private nameEdit(of: Named, op: NameEdit, expectedVersion: number, edit?: CodebookEdit): Promise<Codebook> {
    const key = renamesKey(of);
    const named =
      edit && op.kind === 'rename'
        ? { ...edit, renames: { ...edit.renames, [key]: { ...edit.renames?.[key], [op.from]: op.to.trim() } } }
        : edit;
    return this.project.exclusive(() =>
      editCodebook(
        this.project,
        expectedVersion,
        named,
        () => applyNameEdit(this.project, of, op, expectedVersion),
        () => checkNameEdit(this.project, of, op),
      ),
    );
  }

  labelUsage(name: string): Promise<LabelUsage> {
    return this.read((p) => labelUsage(p, name));
  }

  relationTypeUsage(name: string): Promise<RelationTypeUsage> {
    return this.read((p) => relationTypeUsage(p, name));
  }

  searchCorpus(query: string, wholeWords?: boolean): Promise<SearchHit[]> {
    return this.read((p) => searchCorpus(p, query, wholeWords));
  }

  async startImport(options: ImportOptions): Promise<string> {
    return this.jobs.start(this.project, options, this.importSource(options));
  }

  async importJob(id: string): Promise<ImportJobStatus> {
    return this.jobs.status(id);
  }

  async cancelImport(id: string): Promise<ImportJobStatus> {
    return this.jobs.cancel(id);
  }

  /** The renderer polls this; the files themselves are checked on every call (their version stamps). */
  async changes(cursor: number): Promise<ChangeFeedPage> {
    const feed = this.feed ?? noProject();
    feed.start();
    const page = feed.since(cursor);
    await this.project.refresh();
    return { ...page, changes: await Promise.all(page.changes.map((c) => this.withVersion(c))) };
  }

  /** An annotation change with the file's version, when the project knows it, so a client skips re-reading its own save. */
  private async withVersion(change: ProjectChange): Promise<ProjectChange> {
    if (change.kind !== 'annotation' || !change.annotator || !change.document) return change;
    const kept = await this.project.keptVersion(change.annotator, change.document).catch(() => null);
    return kept ? { ...change, version: kept.updatedAt, ...(kept.here ? { writtenHere: true } : {}) } : change;
  }

  adjudicate(document: string, decisions: DecisionInput[]): Promise<AnnotationRecord> {
    return decide(this.project, document, decisions);
  }

  adjudicateDocLabel(document: string, decision: DocLabelDecisionInput): Promise<AnnotationRecord> {
    return decideDocLabel(this.project, document, decision);
  }

  adjudicateRelation(document: string, decision: RelationDecisionInput): Promise<AnnotationRecord> {
    return decideRelation(this.project, document, decision);
  }

  acceptUnanimous(options: AcceptUnanimousOptions): Promise<AcceptUnanimousReport> {
    return acceptUnanimous(this.project, options);
  }

  goldReasons(): Promise<Record<string, Record<string, number>>> {
    return this.read((p) => goldReasonCounts(p));
  }

  assignments(): Promise<AssignmentStatus | null> {
    return this.read((p) => readAssignments(p));
  }

  planAssignments(options: AssignmentOptions): Promise<AssignmentPlan> {
    const project = this.project;
    return project.exclusive(async () => {
      const seen = new Map<string, string>();
      for (const a of options.annotators) {
        if (a === GOLD || isModelName(a))
          throw new ProjectError(`refused: ${a} is not an annotator to assign documents to`);
        await project.checkAnnotator(a);
        const twin = seen.get(a.toLowerCase());
        if (twin && twin !== a) throw new ProjectError(`refused: annotator "${a}" differs from "${twin}" only by case`);
        seen.set(a.toLowerCase(), a);
      }
      return planAssignments(project, options);
    });
  }

  setDocumentMeta(id: string, meta: DocumentMeta, base?: DocumentMeta): Promise<DocumentRecord> {
    return this.project.setDocumentMeta(id, meta, base);
  }

  setDocumentsMeta(edits: MetaEdit[]): Promise<DocumentRecord[]> {
    return this.project.setDocumentsMeta(edits);
  }

  outlets(options: OutletOptions = {}): Promise<OutletReport> {
    const { viewer, ...selection } = options;
    return this.read((p) => projectOutlets(p, selection, (records) => visibleTo(p, viewer, records)));
  }

  suggestions(annotator: string, documents?: string[]): Promise<Suggestion[]> {
    return this.read(async (p) => projectSuggestions(p, annotator, documents, await blindTest(p, annotator)));
  }

  storyCounts(): Promise<StoryCount[]> {
    return this.read(async (p) => storyCounts(p.index.values()));
  }

  storySuggestions(): Promise<StorySuggestion[]> {
    return this.read((p) => projectStorySuggestions(p));
  }

  listMemos(annotator?: string): Promise<Memo[]> {
    return this.project.memos(annotator);
  }

  async saveMemo(input: SaveMemoInput): Promise<Memo> {
    const problem = Project.annotatorProblem(input.memo.annotator);
    if (problem) throw new ProjectError(`refused: ${problem}`);
    return this.project.saveMemo(input.memo, input.baseUpdatedAt);
  }

  deleteMemo(input: DeleteMemoInput): Promise<void> {
    return this.project.deleteMemo(input.annotator, input.id, input.baseUpdatedAt);
  }

  async searchMemos(query: string, viewer?: string): Promise<MemoHit[]> {
    const hits = await searchProjectMemos(this.project, query);
    if (!viewer) return hits;
    const blind = await blindTest(this.project, viewer);
    return hits.filter(({ memo: m }) => {
      const t = m.target;
      return m.annotator === viewer || !((t.kind === 'document' || t.kind === 'range') && blind(t.document));
    });
  }

  codedSegments(options: CodingLayerOptions): Promise<CodedSegments> {
    return projectSegments(this.project, options);
  }

  cooccurrence(options: CodingLayerOptions): Promise<Cooccurrence> {
    return projectCooccurrence(this.project, options);
  }

  study(): Promise<StudyStatus> {
    return this.read((p) => studyStatus(p));
  }

  createRound(request: RoundRequest): Promise<RoundStatus> {
    const project = this.project;
    return project.exclusive(() => openRound(project, request));
  }

  closeRound(name: string, by: string): Promise<RoundStatus> {
    const project = this.project;
    return this.tracked(name, 'closing', (progress) => project.exclusive(() => endRound(project, name, by, progress)));
  }

  async roundWork(name: string): Promise<RoundWork | null> {
    const work = this.roundWorks.get(name);
    return work ? { ...work } : null;
  }

  private async tracked<T>(
    round: string,
    stage: RoundWork['stage'],
    run: (progress: (done: number, total: number) => void) => Promise<T>,
  ): Promise<T> {
    const work: RoundWork = { round, stage, done: 0, total: 0 };
    this.roundWorks.set(round, work);
    try {
      return await run((done, total) => {
        work.done = done;
        work.total = total;
      });
    } finally {
      if (this.roundWorks.get(round) === work) this.roundWorks.delete(round);
    }
  }

  sampleSizeAdvice(request?: SampleSizeRequest): Promise<SampleSizeReport> {
    return this.read((p) => sizeAdvice(p, request));
  }

  roundReport(name: string): Promise<RoundReport> {
    const project = this.project;
    return this.tracked(name, 'report', (progress) =>
      project.exclusive(() => writeRoundReport(project, name, progress)),
    );
  }

  trainingResults(name: string, viewer?: string): Promise<TrainingResult[]> {
    return this.read((p) => trainingResults(p, name, viewer));
  }

  startTraining(options?: TrainOptions): Promise<string> {
    return this.training.start(this.project, options);
  }

  async trainingJob(id: string): Promise<TrainingJobStatus> {
    return this.training.status(id);
  }

  async cancelTraining(id: string): Promise<TrainingJobStatus> {
    return this.training.cancel(id);
  }

  async modelStatus(): Promise<ModelStatus> {
    const training = this.training.latest(this.project.layout.root);
    try {
      const model = await modelInfo(this.project);
      const problem = this.project.problems.get(this.project.layout.relative(this.project.layout.layerFile));
      return {
        model,
        training,
        ...(model === null && problem ? { problem: `${problem.path}: ${problem.reason}` } : {}),
      };
    } catch (error) {
      return { model: null, training, problem: (error as Error).message };
    }
  }

  modelSuggestions(document: string, annotator: string): Promise<ModelSuggestions> {
    return modelSuggestions(this.project, document, annotator);
  }

  documentOrder(): Promise<DocumentOrderInfo> {
    return documentOrder(this.project);
  }

  setDocumentOrder(order: DocumentOrder): Promise<ProjectSettings> {
    return this.project.setDocumentOrder(order);
  }

  stats(): Promise<ProjectStats> {
    return this.read(async (p) => {
      const annotators = await p.annotators();
      const summaries = await p.allSummaries();
      return computeStats([...p.index.keys()], annotators, summaries, p.problems.size);
    });
  }
}

/** A download's file name from the project's name: letters, digits and dashes. */
function downloadName(projectName: string): string {
  const base = projectName
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return base || 'framelens-export';
}

function defaultName(root: string): string {
  return root.split(/[/\\]/).filter(Boolean).pop() ?? 'Frame Lens project';
}
