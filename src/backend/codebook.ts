// Renaming, deleting and merging span labels: the codebook and every annotation file that uses the label
// change in one commit of the journal, under the project lock, checked against the codebook on disk.
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

function requireLabel(codebook: Codebook, name: string) {
  const label = codebook.spanLabels.find((l) => l.name === name);
  if (!label) throw new ProjectError(`refused: no span label ${JSON.stringify(name)} in the codebook`);
  return label;
}

/**
 * The spans of a record with `from` moved to `to` (dropped when `to` is null), or null when the record does
 * not use `from`. A merge can make two spans equal (same start, end and label): they collapse into the one
 * that already had the target label, so its id stays.
 */
function relabel(from: string, to: string | null): (spans: Span[]) => Span[] | null {
  return (spans) => {
    if (!spans.some((s) => s.label === from)) return null;
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
}

/** A rename keeps the label's colour, hotkey, description and place; every annotation follows. */
export function renameLabel(project: Project, from: string, to: string, expectedVersion: number): Promise<Codebook> {
  return project.exclusive(async () => {
    project.checkCodebookVersion(expectedVersion);
    const before = project.codebook;
    requireLabel(before, from);
    const name = to.trim();
    if (!name) throw new ProjectError('refused: a label needs a name');
    if (name === from) return before;
    if (before.spanLabels.some((l) => l.name === name))
      throw new ProjectError(`refused: a label named ${JSON.stringify(name)} exists (merge instead)`);
    const next: Codebook = {
      ...before,
      version: before.version + 1,
      spanLabels: before.spanLabels.map((l) => (l.name === from ? { ...l, name } : l)),
    };
    await project.relabel(next, relabel(from, name));
    return next;
  });
}

/** Deleting a label removes its spans from every layer (the app says how many first). */
export function deleteLabel(project: Project, name: string, expectedVersion: number): Promise<Codebook> {
  return dropLabel(project, name, null, expectedVersion);
}

/** Merging moves every span of `from` to `into` (duplicates collapse) and removes `from`. */
export function mergeLabels(project: Project, from: string, into: string, expectedVersion: number): Promise<Codebook> {
  if (from === into) return Promise.reject(new ProjectError('refused: a label cannot be merged into itself'));
  return dropLabel(project, from, into, expectedVersion);
}

function dropLabel(project: Project, name: string, into: string | null, expectedVersion: number): Promise<Codebook> {
  return project.exclusive(async () => {
    project.checkCodebookVersion(expectedVersion);
    const before = project.codebook;
    requireLabel(before, name);
    if (into !== null) requireLabel(before, into);
    const next: Codebook = {
      ...before,
      version: before.version + 1,
      spanLabels: before.spanLabels.filter((l) => l.name !== name),
    };
    await project.relabel(next, relabel(name, into));
    return next;
  });
}
