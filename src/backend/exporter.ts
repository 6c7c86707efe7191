// Export of a project in any interchange format: one file written atomically, or a folder written
// beside its target and renamed into place, so a failed export leaves nothing half-written.
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { agreementReport } from '../core/agreement';
import type { ExportOptions, ExportReport } from '../core/api';
import { exportFormat, isFolderOutput } from '../core/formats';
import { formatInterchangeLine } from '../core/formats/jsonl';
import { type AnnotationRecord, type DocumentRecord, GOLD } from '../core/model';
import { agreementInput } from './agreement';
import { syncDirectory, writeFileDurably } from './durableFile';
import { type Project, ProjectError } from './project';

/** Which layers an export carries: one annotator, gold, or every layer (gold included). */
async function selectedAnnotators(project: Project, options: ExportOptions): Promise<string[]> {
  const annotators = await project.annotators();
  if (options.gold) return [GOLD];
  if (options.annotator) {
    if (!annotators.includes(options.annotator))
      throw new ProjectError(
        `no annotator ${JSON.stringify(options.annotator)} (known: ${annotators.join(', ') || 'none'})`,
      );
    return [options.annotator];
  }
  return annotators;
}

/** Lines ordered by document id, then annotator; a document nobody (selected) annotated gets one bare line. */
export async function exportJsonl(project: Project, options: ExportOptions): Promise<ExportReport> {
  const selected = await selectedAnnotators(project, options);
  const lines: string[] = [];
  for (const id of project.index.keys()) {
    const doc = await project.getDocument(id);
    let wrote = false;
    for (const annotator of selected) {
      const record = await project.readRecord(annotator, id);
      if (!record) continue;
      lines.push(formatInterchangeLine(doc, record, options.offsets));
      wrote = true;
    }
    if (!wrote) lines.push(formatInterchangeLine(doc, null, options.offsets));
  }
  await writeFileDurably(options.out, lines.length ? `${lines.join('\n')}\n` : '');
  return { out: options.out, lines: lines.length };
}

/** The one export entry: JSONL streams document by document; other formats go through src/core/formats. */
export async function exportProject(project: Project, options: ExportOptions): Promise<ExportReport> {
  if (options.format === 'jsonl') return exportJsonl(project, options);
  const selected = await selectedAnnotators(project, options);
  const documents: DocumentRecord[] = [];
  for (const id of project.index.keys()) documents.push(await project.getDocument(id));
  const records: AnnotationRecord[] = [];
  for (const a of selected) records.push(...(await project.records(a)));
  const out = exportFormat(
    options.format,
    { documents, records },
    {
      offsets: options.offsets,
      ...(options.layout ? { layout: options.layout } : {}),
      ...(options.format === 'hf' ? hfOptions(project, options, await agreementSummary(project)) : {}),
    },
  );
  if (!isFolderOutput(out)) {
    await writeFileDurably(options.out, out);
    return { out: options.out, lines: out ? out.split('\n').filter(Boolean).length : 0 };
  }
  const files = Object.keys(out.files).sort();
  await writeFolder(options.out, out.files);
  return { out: options.out, lines: files.length, files };
}

function hfOptions(project: Project, options: ExportOptions, agreement: string | undefined) {
  return {
    name: project.settings.name,
    ...(options.split ? { split: options.split } : {}),
    ...(agreement ? { agreement } : {}),
  };
}

/** A short agreement summary for the dataset card (nothing when it cannot be computed). */
async function agreementSummary(project: Project): Promise<string | undefined> {
  try {
    const report = agreementReport(await agreementInput(project));
    if (report.annotators.length < 2) return undefined;
    const f = (n: number | null) => (n === null ? 'n/a' : n.toFixed(3));
    const pairs = report.spans.pairs.map(
      (p) => `- ${p.a} × ${p.b}: exact F1 ${f(p.f1_exact.overall)}, overlap F1 ${f(p.f1_overlap.overall)}`,
    );
    return [
      `Annotators: ${report.annotators.join(', ')}; documents coded by all: ${report.documents}.`,
      `Krippendorff's unitizing alpha (overall): ${f(report.spans.alpha_u.overall)}; character-level Fleiss' kappa: ${f(report.spans.fleiss_kappa_char.overall)}.`,
      ...pairs,
    ].join('\n');
  } catch {
    return undefined;
  }
}

/** Writes a folder next to its target, then renames it into place; refuses to replace a folder. */
async function writeFolder(target: string, files: Record<string, string>): Promise<void> {
  if (await stat(target).catch(() => null))
    throw new ProjectError(`${target} already exists: choose another --out or remove it`);
  const staging = join(dirname(target), `.${randomBytes(6).toString('hex')}.export.tmp`);
  try {
    for (const [rel, content] of Object.entries(files)) {
      const path = join(staging, rel);
      if (!path.startsWith(staging)) throw new ProjectError(`refused: export path ${rel} leaves the folder`);
      await mkdir(dirname(path), { recursive: true });
      await writeFileDurably(path, content, { syncDir: false });
    }
    await mkdir(staging, { recursive: true });
    await syncDirectory(staging);
    await rename(staging, target);
    await syncDirectory(dirname(target));
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}
