// Renaming, deleting and merging span labels: every annotation file is rewritten (durably, one file at a
// time), then the codebook; a crash midway leaves files that still name a label of the codebook.
import type { LabelUsage } from '../core/api';
import type { Codebook, Span } from '../core/model';
import { type Project, ProjectError } from './project';

/** Counts a label's spans over every layer (gold included). */
export async function labelUsage(project: Project, label: string): Promise<LabelUsage> {
  let spans = 0;
  const documents = new Set<string>();
  const annotators = new Set<string>();
  for (const annotator of await project.annotators())
    for (const r of await project.records(annotator)) {
      const n = r.spans.filter((s) => s.label === label).length;
      if (n === 0) continue;
      spans += n;
      documents.add(r.document);
      annotators.add(annotator);
    }
  return { label, spans, documents: documents.size, annotators: [...annotators].sort() };
}

/** Refuses an edit made on an older codebook, as saveCodebook does. */
function checkVersion(project: Project, expectedVersion: number): void {
  if (expectedVersion !== project.codebook.version)
    throw new ProjectError(
      `refused: the codebook changed (version ${project.codebook.version}, edit made on ${expectedVersion})`,
    );
}

/** The span label named `name`, or a clear refusal. */
function requireLabel(codebook: Codebook, name: string) {
  const label = codebook.spanLabels.find((l) => l.name === name);
  if (!label) throw new ProjectError(`refused: no span label ${JSON.stringify(name)} in the codebook`);
  return label;
}

/** Rewrites every record that uses `from`: its spans get `to`, or are dropped when `to` is null. */
async function rewriteSpans(project: Project, from: string, to: string | null, version: number): Promise<void> {
  // A merge can make two spans equal (same start, end and label): they collapse into the one that
  // already had the target label, so its id stays.
  const relabel = (spans: Span[]) => {
    const kept = spans.filter((s) => s.label !== from);
    if (to === null) return kept;
    const taken = new Set(kept.map((s) => `${s.start}:${s.end}:${s.label}`));
    for (const s of spans) {
      if (s.label !== from) continue;
      const key = `${s.start}:${s.end}:${to}`;
      if (taken.has(key)) continue;
      taken.add(key);
      kept.push({ ...s, label: to });
    }
    return kept;
  };
  for (const annotator of await project.annotators())
    for (const r of await project.records(annotator))
      if (r.spans.some((s) => s.label === from)) await project.rewriteSpans(annotator, r.document, relabel, version);
}

/** A label edit to check before anything is written. */
type LabelEdit =
  | { kind: 'rename'; from: string; to: string }
  | { kind: 'delete'; name: string }
  | { kind: 'merge'; from: string; into: string };

/** Refuses a rename, delete or merge that cannot be done, with the reason. */
export function checkLabelEdit(project: Project, edit: LabelEdit): void {
  if (edit.kind === 'rename') {
    requireLabel(project.codebook, edit.from);
    const name = edit.to.trim();
    if (!name) throw new ProjectError('refused: a label needs a name');
    if (name !== edit.from && project.codebook.spanLabels.some((l) => l.name === name))
      throw new ProjectError(`refused: a label named ${JSON.stringify(name)} exists (merge instead)`);
  } else if (edit.kind === 'merge') {
    requireLabel(project.codebook, edit.into);
    if (edit.from === edit.into) throw new ProjectError('refused: a label cannot be merged into itself');
    requireLabel(project.codebook, edit.from);
  } else requireLabel(project.codebook, edit.name);
}

/** A rename keeps the label's colour, hotkey, description and place; every annotation follows. */
export async function renameLabel(project: Project, from: string, to: string, expectedVersion: number) {
  checkVersion(project, expectedVersion);
  checkLabelEdit(project, { kind: 'rename', from, to });
  const old = requireLabel(project.codebook, from);
  const name = to.trim();
  if (name === from) return project.codebook;
  const before = project.codebook;
  const version = before.version + 1;
  // Both names are valid while the files are rewritten.
  await project.writeCodebook({ ...before, version, spanLabels: [...before.spanLabels, { ...old, name }] });
  await rewriteSpans(project, from, name, version);
  const final: Codebook = {
    ...before,
    version,
    spanLabels: before.spanLabels.map((l) => (l.name === from ? { ...l, name } : l)),
  };
  await project.writeCodebook(final);
  return final;
}

/** Refuses renames a saved codebook cannot carry out, before anything is written. */
export function checkRenames(project: Project, codebook: Codebook, renames: Readonly<Record<string, string>>): void {
  const before = project.codebook;
  for (const [from, to] of Object.entries(renames)) {
    if (from === to) continue;
    requireLabel(before, from);
    if (before.spanLabels.some((l) => l.name === to))
      throw new ProjectError(`refused: a label named ${JSON.stringify(to)} exists (merge instead)`);
    if (!codebook.spanLabels.some((l) => l.name === to))
      throw new ProjectError(
        `refused: the codebook has no label ${JSON.stringify(to)} to rename ${JSON.stringify(from)} to`,
      );
    if (codebook.spanLabels.some((l) => l.name === from))
      throw new ProjectError(`refused: ${JSON.stringify(from)} is renamed but still in the codebook`);
  }
}

/**
 * Saves an edited codebook in which span labels were renamed (old name → new name): every annotation follows,
 * span ids stay, all in one new version. Both names are valid while the files are rewritten.
 */
export async function saveRenamed(
  project: Project,
  codebook: Codebook,
  expectedVersion: number,
  renames: Readonly<Record<string, string>>,
): Promise<Codebook> {
  checkVersion(project, expectedVersion);
  checkRenames(project, codebook, renames);
  const before = project.codebook;
  const pairs = Object.entries(renames).filter(([from, to]) => from !== to);
  const version = before.version + 1;
  await project.writeCodebook({
    ...before,
    version,
    spanLabels: [...before.spanLabels, ...pairs.map(([from, to]) => ({ ...requireLabel(before, from), name: to }))],
  });
  const map = new Map(pairs);
  const relabel = (spans: Span[]) => spans.map((s) => (map.has(s.label) ? { ...s, label: map.get(s.label)! } : s));
  for (const annotator of await project.annotators())
    for (const r of await project.records(annotator))
      if (r.spans.some((s) => map.has(s.label))) await project.rewriteSpans(annotator, r.document, relabel, version);
  const final: Codebook = { ...codebook, version };
  await project.writeCodebook(final);
  return final;
}

/** Deleting a label removes its spans from every layer (the app says how many first). */
export async function deleteLabel(project: Project, name: string, expectedVersion: number) {
  return dropLabel(project, name, null, expectedVersion);
}

/** Merging moves every span of `from` to `into` (duplicates collapse) and removes `from`. */
export async function mergeLabels(project: Project, from: string, into: string, expectedVersion: number) {
  checkLabelEdit(project, { kind: 'merge', from, into });
  return dropLabel(project, from, into, expectedVersion);
}

/** Removes `name` from the codebook once its spans are moved to `into` (or deleted, when null). */
async function dropLabel(project: Project, name: string, into: string | null, expectedVersion: number) {
  checkVersion(project, expectedVersion);
  requireLabel(project.codebook, name);
  await rewriteSpans(project, name, into, project.codebook.version + 1);
  const next: Codebook = {
    ...project.codebook,
    version: project.codebook.version + 1,
    spanLabels: project.codebook.spanLabels.filter((l) => l.name !== name),
  };
  await project.writeCodebook(next);
  return next;
}
