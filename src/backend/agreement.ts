// Gathers a project's documents and records into the agreement module's input; invalid files are
// left out and counted (DEFINITIONS.md "Inputs"), never a crash.
import { join, sep } from 'node:path';
import { type AgreementInput, agreementReport } from '../core/agreement';
import type { ExcludedRecord } from '../core/agreement/corpus';
import type { AgreementSelection, ProjectAgreementReport } from '../core/api';
import type { AnnotationRecord } from '../core/model';
import { projectModelAgreement, withModelLayer } from './learn';
import type { Project } from './project';

/**
 * Every record of every annotator (gold included; the report leaves it out unless selected), and the
 * model's layer when one is trained (left out unless selected, like gold).
 */
export async function agreementInput(project: Project, selection: AgreementSelection = {}): Promise<AgreementInput> {
  const records: AnnotationRecord[] = [];
  for (const annotator of await project.annotators()) records.push(...(await project.records(annotator)));
  return withModelLayer(project, {
    documents: [...project.index.values()].map((e) => ({ id: e.id, length: e.length })),
    records,
    docLabelGroups: project.codebook.docLabels.map((g) => ({ name: g.name, kind: g.kind, options: g.options })),
    // unknown labels are judged here, against the codebook (Project.readRecord checks offsets and hashes)
    codebookLabels: project.codebook.spanLabels.map((l) => l.name),
    excluded: excludedRecords(project, records),
    ...(selection.annotators?.length ? { annotators: selection.annotators } : {}),
    ...(selection.labels?.length ? { labels: selection.labels } : {}),
  });
}

/**
 * Annotation files that failed to read are reported in the figures' `excluded` count; a problem
 * recorded earlier for a file that has since read cleanly (in `counted`) is stale and not reported.
 */
export function excludedRecords(project: Project, counted: readonly AnnotationRecord[] = []): ExcludedRecord[] {
  const prefix = `annotations${sep}`;
  const fine = new Set(counted.map((r) => `${r.annotator}\u0000${r.document}`));
  const out: ExcludedRecord[] = [];
  for (const problem of project.problems.values()) {
    if (!problem.path.startsWith(prefix) || !problem.path.endsWith('.json')) continue;
    const [annotator, file] = problem.path.slice(prefix.length).split(sep);
    if (!annotator || !file) continue;
    if (fine.has(`${annotator}\u0000${file.slice(0, -5)}`)) continue;
    out.push({ annotator, document: file.slice(0, -5), reason: problem.reason });
  }
  return out.sort((a, b) => (join(a.annotator, a.document) < join(b.annotator, b.document) ? -1 : 1));
}

/** The whole report of a project, as `framelens agreement --json` prints it (with `model` when one is trained). */
export async function projectAgreement(
  project: Project,
  selection: AgreementSelection = {},
  gathered?: AgreementInput,
): Promise<ProjectAgreementReport> {
  const input = gathered ?? (await agreementInput(project, selection));
  const report = agreementReport(input);
  const model = await projectModelAgreement(project, input);
  return model ? { ...report, model } : report;
}
