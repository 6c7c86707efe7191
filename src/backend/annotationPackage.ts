// `framelens pack` and `framelens merge`: one annotator's work as one file, and bringing such files in.
// A merge checks every record against the project as it is on disk (under the project lock), then writes
// all of it in one commit of the journal, or nothing.
import { type AnnotationPackage, buildPackage, packageSchema, unknownLabels } from '../core/annotationPackage';
import { addMissingLabels } from '../core/codebook';
import type { AnnotationRecord } from '../core/model';
import { stableStringify } from '../core/stableJson';
import { FileProblemError, writeFileDurably } from './durableFile';
import { readJson } from './jsonStore';
import { type Project, ProjectError } from './project';

/** Writes one annotator's records (as the project has them, in one committed state) into one package file. */
export function pack(project: Project, annotator: string, out: string): Promise<{ records: number }> {
  return project.consistent(async () => {
    const annotators = await project.annotators();
    if (!annotators.includes(annotator))
      throw new ProjectError(`no annotator ${JSON.stringify(annotator)} (known: ${annotators.join(', ') || 'none'})`);
    const records = await project.records(annotator);
    const pkg = buildPackage(annotator, project.settings.name, project.codebook, records, new Date().toISOString());
    await writeFileDurably(out, stableStringify(pkg));
    return { records: records.length };
  });
}

/** What a merge did or refused, per record. */
interface MergeReport {
  applied: { annotator: string; document: string }[];
  unchanged: { annotator: string; document: string }[];
  keptNewer: { annotator: string; document: string }[];
  refused: { file: string; annotator: string; document: string; reason: string }[];
  addedLabels: string[];
  notes: string[];
}

/** Merge options: apply the records that fit when some do not; add labels the codebook lacks. */
interface MergeOptions {
  skipRefused?: boolean;
  addLabels?: boolean;
}

/** Reads and validates package files, refusing the merge unless every record fits (or skipRefused). */
export async function merge(project: Project, files: string[], options: MergeOptions = {}): Promise<MergeReport> {
  const packages: [string, AnnotationPackage][] = [];
  for (const file of files) packages.push([file, await readPackage(file)]);
  return project.exclusive(async () => {
    const report: MergeReport = { applied: [], unchanged: [], keptNewer: [], refused: [], addedLabels: [], notes: [] };
    const staged: AnnotationRecord[] = [];
    const missing: [string, string][] = [];
    for (const [file, pkg] of packages) {
      if (pkg.codebook.version !== project.codebook.version)
        report.notes.push(
          `${file}: made under codebook version ${pkg.codebook.version}; this project is at ${project.codebook.version}`,
        );
      const nameProblem = await project.checkAnnotator(pkg.annotator, { allowGold: true }).then(
        () => null,
        (error: Error) => error.message.replace(/^refused: /, ''),
      );
      for (const record of pkg.records) {
        const who = { file, annotator: pkg.annotator, document: record.document };
        if (nameProblem) {
          report.refused.push({ ...who, reason: nameProblem });
          continue;
        }
        if (record.annotator !== pkg.annotator) {
          report.refused.push({ ...who, reason: `record names annotator ${record.annotator}` });
          continue;
        }
        const entry = project.index.get(record.document);
        if (!entry) {
          report.refused.push({ ...who, reason: 'document is not in this project' });
          continue;
        }
        if (entry.textHash !== record.textHash) {
          report.refused.push({ ...who, reason: 'made on a different text of this document' });
          continue;
        }
        const unknown = unknownLabels(record, project.codebook);
        if (unknown.length && !options.addLabels) {
          report.refused.push({
            ...who,
            reason: `labels not in this codebook: ${unknown.join(', ')} (merge with --add-labels to add them)`,
          });
          continue;
        }
        for (const u of unknown) missing.push([file, u]);
        staged.push(record);
      }
    }
    if (report.refused.length && !options.skipRefused) return report;
    let codebook = null;
    if (missing.length) {
      const additions = addMissingLabels(
        project.codebook,
        staged.flatMap((r) => r.spans.map((s) => s.label)),
        staged.flatMap((r) => Object.entries(r.docLabels)),
        staged.flatMap((r) => (r.relations ?? []).map((x) => x.type)),
      );
      codebook = additions.codebook;
      report.addedLabels = [
        ...additions.addedSpanLabels,
        ...additions.addedDocLabelGroups,
        ...additions.addedOptions,
        ...additions.addedRelationTypes.map((t) => `relation: ${t}`),
      ];
    }
    const byKey = new Map(staged.map((r) => [`${r.annotator}\u0000${r.document}`, r]));
    await project.saveRecords(
      staged.map((record) => ({
        document: record.document,
        annotator: record.annotator,
        textHash: record.textHash,
        status: record.status,
        spans: record.spans,
        docLabels: record.docLabels,
        ...(record.relations ? { relations: record.relations } : {}),
        ...(record.decisions ? { decisions: record.decisions } : {}),
        ...(record.docLabelDecisions ? { docLabelDecisions: record.docLabelDecisions } : {}),
        ...(record.relationDecisions ? { relationDecisions: record.relationDecisions } : {}),
      })),
      codebook,
      (input, local) => {
        const record = byKey.get(`${input.annotator}\u0000${input.document}`) as AnnotationRecord;
        const who = { annotator: record.annotator, document: record.document };
        if (local && sameContent(local, record)) {
          report.unchanged.push(who);
          return false;
        }
        if (local && local.updatedAt > record.updatedAt) {
          report.keptNewer.push(who);
          return false;
        }
        report.applied.push(who);
        return true;
      },
    );
    return report;
  });
}

async function readPackage(file: string): Promise<AnnotationPackage> {
  const pkg = await readJson(file, packageSchema).catch((error) => {
    if (error instanceof FileProblemError)
      throw new ProjectError(`${file}: not a Frame Lens package (${error.reason})`);
    throw error;
  });
  if (!pkg) throw new ProjectError(`${file} does not exist`);
  return pkg;
}

function sameContent(a: AnnotationRecord, b: AnnotationRecord): boolean {
  return (
    a.status === b.status &&
    JSON.stringify(a.spans) === JSON.stringify(b.spans) &&
    stableStringify(a.docLabels) === stableStringify(b.docLabels) &&
    JSON.stringify(a.decisions ?? []) === JSON.stringify(b.decisions ?? []) &&
    JSON.stringify(a.docLabelDecisions ?? []) === JSON.stringify(b.docLabelDecisions ?? []) &&
    JSON.stringify(a.relations ?? []) === JSON.stringify(b.relations ?? []) &&
    JSON.stringify(a.relationDecisions ?? []) === JSON.stringify(b.relationDecisions ?? [])
  );
}
