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

/** The layout's fields that are a file or folder right under the project root. */
const ROOT_PATHS = {
  projectFile: LAYOUT.project,
  codebookFile: LAYOUT.codebook,
  documentsDir: LAYOUT.documents,
  indexFile: LAYOUT.index,
  assignmentsFile: LAYOUT.assignments,
  annotationsDir: LAYOUT.annotations,
  memosDir: LAYOUT.memos,
  studyFile: LAYOUT.study,
  changelogFile: LAYOUT.changelog,
  codebooksDir: LAYOUT.codebooks,
  roundsDir: LAYOUT.rounds,
  reportsDir: LAYOUT.reports,
  // The trained model and its cross-fitted layer: derived, git-ignored by a .gitignore of its own.
  modelsDir: LAYOUT.models,
} as const;

type RootPaths = { readonly [K in keyof typeof ROOT_PATHS]: string };

const RootPathsOf = class {
  constructor(root: string) {
    for (const [field, name] of Object.entries(ROOT_PATHS)) Object.assign(this, { [field]: join(root, name) });
  }
} as new (
  root: string,
) => RootPaths;

/** Resolves every path of one project folder from validated ids. */
export class ProjectLayout extends RootPathsOf {
  readonly modelFile: string;
  readonly layerFile: string;

  constructor(readonly root: string) {
    super(root);
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
