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
} as const;

/** Resolves every path of one project folder from validated ids. */
export class ProjectLayout {
  constructor(readonly root: string) {}

  get projectFile(): string {
    return join(this.root, LAYOUT.project);
  }
  get codebookFile(): string {
    return join(this.root, LAYOUT.codebook);
  }
  get documentsDir(): string {
    return join(this.root, LAYOUT.documents);
  }
  get indexFile(): string {
    return join(this.root, LAYOUT.index);
  }
  get assignmentsFile(): string {
    return join(this.root, LAYOUT.assignments);
  }
  get annotationsDir(): string {
    return join(this.root, LAYOUT.annotations);
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
  /** Project-relative path for messages, so reports stay short and portable. */
  relative(path: string): string {
    return path.startsWith(this.root) ? path.slice(this.root.length).replace(/^[/\\]/, '') : path;
  }
}
