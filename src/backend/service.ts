// The one implementation of the API contract. Both transports (IPC, HTTP) and the CLI call this.
import { resolve } from 'node:path';
import type { AgreementInput } from '../core/agreement';
import type {
  AcceptUnanimousOptions,
  AcceptUnanimousReport,
  AgreementSelection,
  AssignmentOptions,
  ChangeFeedPage,
  CodebookEdit,
  CodedSegments,
  CodingLayerOptions,
  Cooccurrence,
  DecisionInput,
  DeleteMemoInput,
  DocLabelDecisionInput,
  DocumentOrderInfo,
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
  ProjectAgreementReport,
  ProjectInfo,
  ProjectStats,
  RoundReport,
  RoundRequest,
  RoundStatus,
  SampleSizeReport,
  SampleSizeRequest,
  SaveAnnotationsInput,
  SaveMemoInput,
  SaveResult,
  SearchHit,
  StudyStatus,
  TrainingJobStatus,
  TrainingResult,
  TrainOptions,
} from '../core/api';
import type { AssignmentPlan, AssignmentStatus } from '../core/assignment';
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
import { computeStats } from '../core/stats';
import { type StorySuggestion, suggestStories } from '../core/stories';
import type { Suggestion } from '../core/suggestions';
import { acceptUnanimous, decide, decideDocLabel, goldReasonCounts } from './adjudication';
import { agreementInput, projectAgreement } from './agreement';
import { planAssignments, readAssignments } from './assignment';
import { ChangeFeed } from './changeFeed';
import {
  checkLabelEdit,
  checkRenames,
  deleteLabel,
  labelUsage,
  mergeLabels,
  renameLabel,
  saveRenamed,
} from './codebook';
import { exportProject } from './exporter';
import { importIntoProject } from './importer';
import { ImportJobs } from './importJobs';
import { documentOrder, modelInfo, modelSuggestions } from './learn';
import { loadDocuments, projectOutlets, projectSuggestions } from './outlets';
import { Project, ProjectError } from './project';
import type { LockWait } from './projectLock';
import { RecentProjects } from './recent';
import { searchCorpus, searchProjectMemos } from './search';
import { projectCooccurrence, projectSegments } from './segments';
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

/** Where the service keeps per-user state, which project it starts on, and how its writes wait for the lock. */
interface ServiceOptions {
  projectDir: string;
  configDir: string;
  /** Names this process to another writer waiting for the project lock (default "Frame Lens"). */
  writer?: string;
  lockWait?: LockWait;
  /** The training thread's code (the Electron build names its bundled file; else the source beside the backend). */
  trainWorker?: WorkerSource;
}

/** Holds the open project and answers every API call against it. */
export class FrameLensService implements FrameLensApi {
  private readonly jobs = new ImportJobs();
  readonly training: TrainingJobs;
  private feed: ChangeFeed;

  private project: Project;

  private constructor(
    project: Project,
    private readonly recent: RecentProjects,
    private readonly options: ServiceOptions,
  ) {
    this.project = this.adopt(project);
    this.feed = new ChangeFeed(project.layout.root);
    this.training = new TrainingJobs(options.trainWorker);
  }

  private adopt(project: Project): Project {
    if (this.options.writer) project.writer = this.options.writer;
    if (this.options.lockWait) project.lockWait = this.options.lockWait;
    return project;
  }

  /** Opens the start project and records it as recent. */
  static async start(options: ServiceOptions): Promise<FrameLensService> {
    const dir = resolve(options.projectDir);
    const service = new FrameLensService(await Project.open(dir), new RecentProjects(options.configDir), options);
    await service.recent.add(dir).catch(() => {});
    return service;
  }

  /** The folder of the open project (for menus and messages). */
  projectPath(): string {
    return this.project.layout.root;
  }

  /** The open Project, for in-process callers (CLI) that need more than the API. */
  current(): Project {
    return this.project;
  }

  /** Switches to another project folder, creating it first when asked. */
  async switchProject(dir: string, create?: { name?: string }): Promise<void> {
    const root = resolve(dir);
    this.project = this.adopt(
      create ? await Project.create(root, create.name ?? defaultName(root)) : await Project.open(root),
    );
    this.feed.stop();
    this.feed = new ChangeFeed(root);
    await this.recent.add(root).catch(() => {});
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

  async openProject(path: string): Promise<ProjectInfo> {
    await this.switchProject(path);
    return this.getProject();
  }

  async createProject(path: string, name?: string): Promise<ProjectInfo> {
    await this.switchProject(path, { name });
    return this.getProject();
  }

  recentProjects(): Promise<string[]> {
    return this.recent.list();
  }

  listDocuments(annotator?: string): Promise<DocumentSummary[]> {
    return this.read((p) => p.listDocuments(annotator));
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
    return project.exclusive(async () => {
      await project.checkAnnotator(input.annotator);
      return { record: await project.saveRecord(input) };
    });
  }

  /** Span labels the edit names as renamed are renamed in every annotation, in the same new version. */
  saveCodebook(codebook: Codebook, expectedVersion: number, edit?: CodebookEdit): Promise<Codebook> {
    const renames = edit?.renames?.labels ?? {};
    return this.project.exclusive(() =>
      editCodebook(
        this.project,
        expectedVersion,
        edit,
        () =>
          Object.keys(renames).length === 0
            ? this.project.saveCodebook(codebook, expectedVersion)
            : saveRenamed(this.project, codebook, expectedVersion, renames),
        () => checkRenames(this.project, codebook, renames),
      ),
    );
  }

  importFiles(options: ImportOptions): Promise<ImportReport> {
    return importIntoProject(this.project, options);
  }

  exportProject(options: ExportOptions): Promise<ExportReport> {
    return this.read((p) => exportProject(p, options));
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

  renameLabel(from: string, to: string, expectedVersion: number, edit?: CodebookEdit): Promise<Codebook> {
    const named = edit
      ? { ...edit, renames: { ...edit.renames, labels: { ...edit.renames?.labels, [from]: to } } }
      : edit;
    return this.project.exclusive(() =>
      editCodebook(
        this.project,
        expectedVersion,
        named,
        () => renameLabel(this.project, from, to, expectedVersion),
        () => checkLabelEdit(this.project, { kind: 'rename', from, to }),
      ),
    );
  }

  deleteLabel(name: string, expectedVersion: number, edit?: CodebookEdit): Promise<Codebook> {
    return this.project.exclusive(() =>
      editCodebook(
        this.project,
        expectedVersion,
        edit,
        () => deleteLabel(this.project, name, expectedVersion),
        () => checkLabelEdit(this.project, { kind: 'delete', name }),
      ),
    );
  }

  mergeLabels(from: string, into: string, expectedVersion: number, edit?: CodebookEdit): Promise<Codebook> {
    return this.project.exclusive(() =>
      editCodebook(
        this.project,
        expectedVersion,
        edit,
        () => mergeLabels(this.project, from, into, expectedVersion),
        () => checkLabelEdit(this.project, { kind: 'merge', from, into }),
      ),
    );
  }

  labelUsage(name: string): Promise<LabelUsage> {
    return this.read((p) => labelUsage(p, name));
  }

  searchCorpus(query: string, wholeWords?: boolean): Promise<SearchHit[]> {
    return this.read((p) => searchCorpus(p, query, wholeWords));
  }

  startImport(options: ImportOptions): Promise<string> {
    return Promise.resolve(this.jobs.start(this.project, options));
  }

  async importJob(id: string): Promise<ImportJobStatus> {
    return this.jobs.status(id);
  }

  async cancelImport(id: string): Promise<ImportJobStatus> {
    return this.jobs.cancel(id);
  }

  /** The renderer polls this; the files themselves are checked on every call (their version stamps). */
  async changes(cursor: number): Promise<ChangeFeedPage> {
    this.feed.start();
    const page = this.feed.since(cursor);
    await this.project.refresh();
    return page;
  }

  adjudicate(document: string, decisions: DecisionInput[]): Promise<AnnotationRecord> {
    return decide(this.project, document, decisions);
  }

  adjudicateDocLabel(document: string, decision: DocLabelDecisionInput): Promise<AnnotationRecord> {
    return decideDocLabel(this.project, document, decision);
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

  storySuggestions(): Promise<StorySuggestion[]> {
    return this.read(async (p) => suggestStories(await loadDocuments(p)));
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
    return project.exclusive(() => endRound(project, name, by));
  }

  sampleSizeAdvice(request?: SampleSizeRequest): Promise<SampleSizeReport> {
    return this.read((p) => sizeAdvice(p, request));
  }

  roundReport(name: string): Promise<RoundReport> {
    const project = this.project;
    return project.exclusive(() => writeRoundReport(project, name));
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
      const records: AnnotationRecord[] = [];
      for (const a of annotators) records.push(...(await p.records(a)));
      return computeStats([...p.index.keys()], annotators, records, p.problems.size);
    });
  }
}

function defaultName(root: string): string {
  return root.split(/[/\\]/).filter(Boolean).pop() ?? 'Frame Lens project';
}
