// The project folder layout: the only place that turns ids into paths, always after validating them.
import { join } from 'node:path';
import { assertId } from '../core/ids';

/** Names of the files and folders of a project (documented in docs/project-format.md). */
export const LAYOUT = {
  project: 'project.json',
  codebook: 'codebook.json',
  documents: 'documents',
  index: 'document-index.json',
  annotations: 'annotations',
  assignments: 'assignments.json',
  memos: 'memos',
  interop: 'interop',
  study: 'study.json',
  changelog: 'codebook-changelog.jsonl',
  codebooks: 'codebooks',
  rounds: 'rounds',
  reports: 'reports',
  models: 'models',
  modelFile: 'model.json',
  layerFile: 'layer.json',
} as const;

/** Resolves every path of one project folder from validated ids. */
export class ProjectLayout {
  readonly projectFile: string;
  readonly codebookFile: string;
  readonly documentsDir: string;
  readonly indexFile: string;
  readonly assignmentsFile: string;
  readonly annotationsDir: string;
  readonly memosDir: string;
  readonly studyFile: string;
  readonly changelogFile: string;
  readonly codebooksDir: string;
  readonly roundsDir: string;
  readonly reportsDir: string;
  /** The trained model and its cross-fitted layer: derived, git-ignored by a .gitignore of its own. */
  readonly modelsDir: string;
  readonly modelFile: string;
  readonly layerFile: string;

  constructor(readonly root: string) {
    this.projectFile = join(root, LAYOUT.project);
    this.codebookFile = join(root, LAYOUT.codebook);
    this.documentsDir = join(root, LAYOUT.documents);
    this.indexFile = join(root, LAYOUT.index);
    this.assignmentsFile = join(root, LAYOUT.assignments);
    this.annotationsDir = join(root, LAYOUT.annotations);
    this.memosDir = join(root, LAYOUT.memos);
    this.studyFile = join(root, LAYOUT.study);
    this.changelogFile = join(root, LAYOUT.changelog);
    this.codebooksDir = join(root, LAYOUT.codebooks);
    this.roundsDir = join(root, LAYOUT.rounds);
    this.reportsDir = join(root, LAYOUT.reports);
    this.modelsDir = join(root, LAYOUT.models);
    this.modelFile = join(this.modelsDir, LAYOUT.modelFile);
    this.layerFile = join(this.modelsDir, LAYOUT.layerFile);
  }

  documentFile(id: string): string {
    return join(this.documentsDir, `${assertId(id, 'document id')}.json`);
  }
  annotatorDir(annotator: string): string {
    return join(this.annotationsDir, assertId(annotator, 'annotator'));
  }
  annotationFile(annotator: string, document: string): string {
    return join(this.annotatorDir(annotator), `${assertId(document, 'document id')}.json`);
  }
  memosFile(annotator: string): string {
    return join(this.memosDir, `${assertId(annotator, 'annotator')}.json`);
  }
  interopFile(name: string): string {
    return join(this.root, LAYOUT.interop, `${assertId(name, 'interop table')}.json`);
  }
  /** codebooks/v<N>.json: the codebook as it was at version N. */
  codebookSnapshot(version: number): string {
    if (!Number.isInteger(version) || version < 0) throw new Error(`codebook version ${version} is not a whole number`);
    return join(this.codebooksDir, `v${version}.json`);
  }
  /** rounds/<key>.json: a closed round's coding. */
  roundRecordsFile(key: string): string {
    return join(this.roundsDir, `${assertId(key, 'round key')}.json`);
  }
  /** reports/<key>/: the report of a round. */
  reportDir(key: string): string {
    return join(this.reportsDir, assertId(key, 'round key'));
  }
  /** Project-relative path for messages, so reports stay short and portable. */
  relative(path: string): string {
    return path.startsWith(this.root) ? path.slice(this.root.length).replace(/^[/\\]/, '') : path;
  }
}
