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
  DecisionInput,
  DocLabelDecisionInput,
  DocumentOrderInfo,
  ExportOptions,
  ExportReport,
  FrameLensApi,
  ImportJobStatus,
  ImportOptions,
  ImportReport,
  LabelUsage,
  ModelStatus,
  ModelSuggestions,
  OutletOptions,
  OutletReport,
  ProjectAgreementReport,
  ProjectInfo,
  ProjectStats,
  RelationDecisionInput,
  RelationTypeUsage,
  RoundReport,
  RoundRequest,
  RoundStatus,
  SampleSizeReport,
  SampleSizeRequest,
  SaveAnnotationsInput,
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
  ProjectSettings,
} from '../core/model';
import { GOLD, isModelName } from '../core/model';
import { computeStats } from '../core/stats';
import { type StorySuggestion, suggestStories } from '../core/stories';
import type { Suggestion } from '../core/suggestions';
import { acceptUnanimous, decide, decideDocLabel, decideRelation, goldReasonCounts } from './adjudication';
import { agreementInput, projectAgreement } from './agreement';
import { planAssignments, readAssignments } from './assignment';
import { ChangeFeed } from './changeFeed';
import {
  checkLabelEdit,
  checkRenames,
  deleteLabel,
  deleteRelationType,
  labelUsage,
  mergeLabels,
  mergeRelationTypes,
  relationTypeUsage,
  renameLabel,
  renameRelationType,
  saveRenamed,
} from './codebook';
import { exportProject } from './exporter';
import { importIntoProject } from './importer';
import { ImportJobs } from './importJobs';
import { documentOrder, modelInfo, modelSuggestions } from './learn';
import { loadDocuments, projectOutlets, projectSuggestions } from './outlets';
import { Project, ProjectError } from './project';
import { RecentProjects } from './recent';
import { searchCorpus } from './search';
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

/** Where the service keeps per-user state and which project it starts on. */
interface ServiceOptions {
  projectDir: string;
  configDir: string;
  /** The training thread's code (the Electron build names its bundled file; else the source beside the backend). */
  trainWorker?: WorkerSource;
}

/** Holds the open project and answers every API call against it. */
export class FrameLensService implements FrameLensApi {
  private readonly jobs = new ImportJobs();
  readonly training: TrainingJobs;
  private feed: ChangeFeed;

  private constructor(
    private project: Project,
    private readonly recent: RecentProjects,
    trainWorker?: WorkerSource,
  ) {
    this.feed = new ChangeFeed(project.layout.root);
    this.training = new TrainingJobs(trainWorker);
  }

  /** Opens the start project and records it as recent. */
  static async start(options: ServiceOptions): Promise<FrameLensService> {
    const dir = resolve(options.projectDir);
    const service = new FrameLensService(
      await Project.open(dir),
      new RecentProjects(options.configDir),
      options.trainWorker,
    );
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
    this.project = create ? await Project.create(root, create.name ?? defaultName(root)) : await Project.open(root);
    this.feed.stop();
    this.feed = new ChangeFeed(root);
    await this.recent.add(root).catch(() => {});
  }

  async getProject(): Promise<ProjectInfo> {
    const p = this.project;
    return {
      path: p.layout.root,
      settings: p.settings,
      codebook: p.codebook,
      annotators: await p.annotators(),
      documents: p.index.size,
      problems: [...p.problems.values()],
    };
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
    return this.project.listDocuments(annotator);
  }

  getDocument(id: string): Promise<DocumentRecord> {
    return this.project.getDocument(id);
  }

  async getAnnotations(document: string, annotator: string, viewer?: string): Promise<AnnotationRecord | null> {
    this.project.entry(document);
    const record = await this.project.readRecord(annotator, document);
    if (!record || !viewer || viewer === annotator) return record;
    return (await visibleTo(this.project, viewer, [record]))[0] ?? null;
  }

  async listAnnotations(document: string, viewer?: string): Promise<AnnotationRecord[]> {
    return visibleTo(this.project, viewer, await this.project.listRecords(document));
  }

  async saveAnnotations(input: SaveAnnotationsInput): Promise<SaveResult> {
    const problem = Project.annotatorProblem(input.annotator);
    if (problem) throw new ProjectError(`refused: ${problem}`);
    return { record: await this.project.saveRecord(input) };
  }

  /** Span labels the edit names as renamed are renamed in every annotation, in the same new version. */
  saveCodebook(codebook: Codebook, expectedVersion: number, edit?: CodebookEdit): Promise<Codebook> {
    const renames = edit?.renames?.labels ?? {};
    return editCodebook(
      this.project,
      expectedVersion,
      edit,
      () =>
        Object.keys(renames).length === 0
          ? this.project.saveCodebook(codebook, expectedVersion)
          : saveRenamed(this.project, codebook, expectedVersion, renames),
      () => checkRenames(this.project, codebook, renames),
    );
  }

  importFiles(options: ImportOptions): Promise<ImportReport> {
    return importIntoProject(this.project, options);
  }

  exportProject(options: ExportOptions): Promise<ExportReport> {
    return exportProject(this.project, options);
  }

  async agreement(selection?: AgreementSelection): Promise<ProjectAgreementReport> {
    if (!selection?.viewer) return projectAgreement(this.project, selection);
    return projectAgreement(this.project, selection, await this.agreementInput(selection));
  }

  /** With a viewer, others' records on the documents the viewer codes blind are left out of the figures. */
  async agreementInput(selection?: AgreementSelection): Promise<AgreementInput> {
    const input = await agreementInput(this.project, selection);
    if (!selection?.viewer) return input;
    const records = await visibleTo(this.project, selection.viewer, input.records);
    const excluded = Array.isArray(input.excluded)
      ? await visibleTo(this.project, selection.viewer, input.excluded)
      : input.excluded;
    return { ...input, records, excluded };
  }

  renameLabel(from: string, to: string, expectedVersion: number, edit?: CodebookEdit): Promise<Codebook> {
    const named = edit
      ? { ...edit, renames: { ...edit.renames, labels: { ...edit.renames?.labels, [from]: to } } }
      : edit;
    return editCodebook(
      this.project,
      expectedVersion,
      named,
      () => renameLabel(this.project, from, to, expectedVersion),
      () => checkLabelEdit(this.project, { kind: 'rename', from, to }),
    );
  }

  deleteLabel(name: string, expectedVersion: number, edit?: CodebookEdit): Promise<Codebook> {
    return editCodebook(
      this.project,
      expectedVersion,
      edit,
      () => deleteLabel(this.project, name, expectedVersion),
      () => checkLabelEdit(this.project, { kind: 'delete', name }),
    );
  }

  mergeLabels(from: string, into: string, expectedVersion: number, edit?: CodebookEdit): Promise<Codebook> {
    return editCodebook(
      this.project,
      expectedVersion,
      edit,
      () => mergeLabels(this.project, from, into, expectedVersion),
      () => checkLabelEdit(this.project, { kind: 'merge', from, into }),
    );
  }

  labelUsage(name: string): Promise<LabelUsage> {
    return labelUsage(this.project, name);
  }

  renameRelationType(from: string, to: string, expectedVersion: number): Promise<Codebook> {
    return renameRelationType(this.project, from, to, expectedVersion);
  }

  deleteRelationType(name: string, expectedVersion: number): Promise<Codebook> {
    return deleteRelationType(this.project, name, expectedVersion);
  }

  mergeRelationTypes(from: string, into: string, expectedVersion: number): Promise<Codebook> {
    return mergeRelationTypes(this.project, from, into, expectedVersion);
  }

  relationTypeUsage(name: string): Promise<RelationTypeUsage> {
    return relationTypeUsage(this.project, name);
  }

  searchCorpus(query: string, wholeWords?: boolean): Promise<SearchHit[]> {
    return searchCorpus(this.project, query, wholeWords);
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

  /** The renderer polls this; codebook and index changes made elsewhere are re-read here first. */
  async changes(cursor: number): Promise<ChangeFeedPage> {
    this.feed.start();
    const page = this.feed.since(cursor);
    if (page.changes.some((c) => c.kind === 'codebook' || c.kind === 'index' || c.kind === 'project'))
      this.project = await Project.open(this.project.layout.root);
    return page;
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
    return goldReasonCounts(this.project);
  }

  assignments(): Promise<AssignmentStatus | null> {
    return readAssignments(this.project);
  }

  async planAssignments(options: AssignmentOptions): Promise<AssignmentPlan> {
    for (const a of options.annotators)
      if (a === GOLD || isModelName(a))
        throw new ProjectError(`refused: ${a} is not an annotator to assign documents to`);
    return planAssignments(this.project, options);
  }

  setDocumentMeta(id: string, meta: DocumentMeta): Promise<DocumentRecord> {
    return this.project.setDocumentMeta(id, meta);
  }

  async outlets(options: OutletOptions = {}): Promise<OutletReport> {
    const { viewer, ...selection } = options;
    return projectOutlets(this.project, selection, (records) => visibleTo(this.project, viewer, records));
  }

  async suggestions(annotator: string, documents?: string[]): Promise<Suggestion[]> {
    return projectSuggestions(this.project, annotator, documents, await blindTest(this.project, annotator));
  }

  async storySuggestions(): Promise<StorySuggestion[]> {
    return suggestStories(await loadDocuments(this.project));
  }

  study(): Promise<StudyStatus> {
    return studyStatus(this.project);
  }

  createRound(request: RoundRequest): Promise<RoundStatus> {
    return openRound(this.project, request);
  }

  closeRound(name: string, by: string): Promise<RoundStatus> {
    return endRound(this.project, name, by);
  }

  sampleSizeAdvice(request?: SampleSizeRequest): Promise<SampleSizeReport> {
    return sizeAdvice(this.project, request);
  }

  roundReport(name: string): Promise<RoundReport> {
    return writeRoundReport(this.project, name);
  }

  trainingResults(name: string, viewer?: string): Promise<TrainingResult[]> {
    return trainingResults(this.project, name, viewer);
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

  async stats(): Promise<ProjectStats> {
    const p = this.project;
    const annotators = await p.annotators();
    const records: AnnotationRecord[] = [];
    for (const a of annotators) records.push(...(await p.records(a)));
    return computeStats([...p.index.keys()], annotators, records, p.problems.size);
  }
}

function defaultName(root: string): string {
  return root.split(/[/\\]/).filter(Boolean).pop() ?? 'Frame Lens project';
}
