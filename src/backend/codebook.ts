// Renaming, deleting and merging span labels: the codebook, every annotation file that uses the label and
// the memos on it change in one commit of the journal, under the project lock, checked against the codebook
// on disk.
import type { LabelUsage } from '../core/api';
import type { Codebook, Span } from '../core/model';
import { type MemoRewrite, type Project, ProjectError } from './project';

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
  const memos = (await project.memos()).filter((m) => m.target.kind === 'label' && m.target.label === label).length;
  return { label, spans, documents: documents.size, annotators: [...annotators].sort(), memos };
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

/**
 * Memos on label `from` move to `to`, or are deleted with it when `to` is null (they travel in the label
 * edit's commit). Returns the memo itself when it is not on `from`.
 */
function moveLabelMemos(from: string, to: string | null): MemoRewrite {
  return (m) => {
    if (m.target.kind !== 'label' || m.target.label !== from) return m;
    return to === null ? null : { ...m, target: { kind: 'label', label: to } };
  };
}

/** A label edit to check before anything is written. */
export type LabelEdit =
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
export function renameLabel(project: Project, from: string, to: string, expectedVersion: number): Promise<Codebook> {
  return project.exclusive(async () => {
    project.checkCodebookVersion(expectedVersion);
    checkLabelEdit(project, { kind: 'rename', from, to });
    const before = project.codebook;
    const name = to.trim();
    if (name === from) return before;
    const next: Codebook = {
      ...before,
      version: before.version + 1,
      spanLabels: before.spanLabels.map((l) => (l.name === from ? { ...l, name } : l)),
    };
    await project.relabel(next, relabel(from, name), moveLabelMemos(from, name));
    return next;
  });
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
 * span ids stay, all in one new version and one commit.
 */
export function saveRenamed(
  project: Project,
  codebook: Codebook,
  expectedVersion: number,
  renames: Readonly<Record<string, string>>,
): Promise<Codebook> {
  return project.exclusive(async () => {
    project.checkCodebookVersion(expectedVersion);
    checkRenames(project, codebook, renames);
    const map = new Map(Object.entries(renames).filter(([from, to]) => from !== to));
    const final: Codebook = { ...codebook, version: project.codebook.version + 1 };
    await project.relabel(
      final,
      (spans) =>
        spans.some((s) => map.has(s.label))
          ? spans.map((s) => (map.has(s.label) ? { ...s, label: map.get(s.label) as string } : s))
          : null,
      (m) =>
        m.target.kind === 'label' && map.has(m.target.label)
          ? { ...m, target: { kind: 'label', label: map.get(m.target.label) as string } }
          : m,
    );
    return final;
  });
}

/** Deleting a label removes its spans from every layer (the app says how many first). */
export function deleteLabel(project: Project, name: string, expectedVersion: number): Promise<Codebook> {
  return dropLabel(project, name, null, expectedVersion);
}

/** Merging moves every span of `from` to `into` (duplicates collapse) and removes `from`. */
export function mergeLabels(project: Project, from: string, into: string, expectedVersion: number): Promise<Codebook> {
  return project.exclusive(async () => {
    checkLabelEdit(project, { kind: 'merge', from, into });
    return dropLabel(project, from, into, expectedVersion);
  });
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
    await project.relabel(next, relabel(name, into), moveLabelMemos(name, into));
    return next;
  });
}
