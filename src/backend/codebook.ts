// Renaming, deleting and merging span labels and relation types: the codebook, every annotation file that
// uses the name and the memos on a label change in one commit of the journal, under the project lock,
// checked against the codebook on disk. Relations follow their spans: a deleted label's spans take their
// relations with them, spans that a merge makes equal keep one span and every relation of both.
import type { LabelUsage, RelationTypeUsage } from '../core/api';
import type { Codebook, Span } from '../core/model';
import { relabelRelationTypes, relationsAfterSpans, relationTypesOf, retypeRelations } from '../core/relations';
import { type MemoRewrite, type Project, ProjectError, type RecordContent } from './project';

/** Counts a label's spans over every layer (gold included), the relations that touch them and its memos. */
export async function labelUsage(project: Project, label: string): Promise<LabelUsage> {
  let spans = 0;
  let relations = 0;
  const documents = new Set<string>();
  const annotators = new Set<string>();
  for (const annotator of await project.annotators())
    for (const r of await project.records(annotator)) {
      const ids = new Set(r.spans.filter((s) => s.label === label).map((s) => s.id));
      if (ids.size === 0) continue;
      spans += r.spans.filter((s) => s.label === label).length;
      relations += (r.relations ?? []).filter((x) => ids.has(x.from) || ids.has(x.to)).length;
      documents.add(r.document);
      annotators.add(annotator);
    }
  const memos = (await project.memos()).filter((m) => m.target.kind === 'label' && m.target.label === label).length;
  return { label, spans, relations, documents: documents.size, annotators: [...annotators].sort(), memos };
}

/** Counts a relation type's relations over every layer (gold included). */
export async function relationTypeUsage(project: Project, type: string): Promise<RelationTypeUsage> {
  let relations = 0;
  const documents = new Set<string>();
  const annotators = new Set<string>();
  for (const annotator of await project.annotators())
    for (const r of await project.records(annotator)) {
      const n = (r.relations ?? []).filter((x) => x.type === type).length;
      if (n === 0) continue;
      relations += n;
      documents.add(r.document);
      annotators.add(annotator);
    }
  return { type, relations, documents: documents.size, annotators: [...annotators].sort() };
}

function requireLabel(codebook: Codebook, name: string) {
  const label = codebook.spanLabels.find((l) => l.name === name);
  if (!label) throw new ProjectError(`refused: no span label ${JSON.stringify(name)} in the codebook`);
  return label;
}

/**
 * A record with the spans of `from` moved to `to` (dropped with their relations when `to` is null), or null
 * when the record does not use `from`. A merge can make two spans equal (same start, end and label): they
 * collapse into the one that already had the target label, so its id stays, and the other's relations move
 * to it.
 */
function relabel(from: string, to: string | null): (record: RecordContent) => RecordContent | null {
  return ({ spans, relations }) => {
    if (!spans.some((s) => s.label === from)) return null;
    const kept = spans.filter((s) => s.label !== from);
    const redirect = new Map<string, string>();
    if (to !== null) {
      const taken = new Map(kept.map((s) => [`${s.start}:${s.end}:${s.label}`, s]));
      for (const s of spans) {
        if (s.label !== from) continue;
        const key = `${s.start}:${s.end}:${to}`;
        const twin = taken.get(key);
        if (twin) {
          if (s.id !== undefined && twin.id !== undefined) redirect.set(s.id, twin.id);
          continue;
        }
        const moved: Span = { ...s, label: to };
        taken.set(key, moved);
        kept.push(moved);
      }
    }
    const ids = new Set(kept.flatMap((s) => (s.id === undefined ? [] : [s.id])));
    return { spans: kept, relations: relationsAfterSpans(relations, ids, redirect).relations };
  };
}

/** A codebook written before relations stays without the key until it has a relation type. */
function withRelationTypes(codebook: Codebook, relationTypes: NonNullable<Codebook['relationTypes']>) {
  return codebook.relationTypes !== undefined || relationTypes.length ? { relationTypes } : {};
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

/** A rename, delete or merge of a span label or relation type, checked before anything is written. */
export type NameEdit =
  | { kind: 'rename'; from: string; to: string }
  | { kind: 'delete'; name: string }
  | { kind: 'merge'; from: string; into: string };

/** Refuses a rename, delete or merge that cannot be done, with the reason. */
export function checkLabelEdit(project: Project, edit: NameEdit): void {
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
      ...withRelationTypes(before, relabelRelationTypes(relationTypesOf(before), from, name)),
    };
    await project.relabel(next, relabel(from, name), moveLabelMemos(from, name));
    return next;
  });
}

/** Span-label and relation-type renames carried out in one save of an edited codebook (old name → new name). */
export interface SaveRenames {
  labels?: Readonly<Record<string, string>>;
  relationTypes?: Readonly<Record<string, string>>;
}

/** Refuses renames a saved codebook cannot carry out, before anything is written. */
export function checkRenames(project: Project, codebook: Codebook, renames: SaveRenames): void {
  const before = project.codebook;
  for (const [from, to] of Object.entries(renames.relationTypes ?? {})) {
    if (from === to) continue;
    requireType(before, from);
    if (relationTypesOf(before).some((t) => t.name === to))
      throw new ProjectError(`refused: a relation type named ${JSON.stringify(to)} exists (merge instead)`);
    if (!relationTypesOf(codebook).some((t) => t.name === to))
      throw new ProjectError(
        `refused: the codebook has no relation type ${JSON.stringify(to)} to rename ${JSON.stringify(from)} to`,
      );
    if (relationTypesOf(codebook).some((t) => t.name === from))
      throw new ProjectError(`refused: relation type ${JSON.stringify(from)} is renamed but still in the codebook`);
  }
  for (const [from, to] of Object.entries(renames.labels ?? {})) {
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
 * Saves an edited codebook in which span labels or relation types were renamed: every annotation follows, span
 * ids stay, all in one new version and one commit.
 */
export function saveRenamed(
  project: Project,
  codebook: Codebook,
  expectedVersion: number,
  renames: SaveRenames,
): Promise<Codebook> {
  return project.exclusive(async () => {
    project.checkCodebookVersion(expectedVersion);
    checkRenames(project, codebook, renames);
    const map = new Map(Object.entries(renames.labels ?? {}).filter(([from, to]) => from !== to));
    const typeMap = new Map(Object.entries(renames.relationTypes ?? {}).filter(([from, to]) => from !== to));
    // The labels a relation type allows follow their renames.
    let types = relationTypesOf(codebook);
    for (const [from, to] of map) types = relabelRelationTypes(types, from, to);
    const final: Codebook = {
      ...codebook,
      version: project.codebook.version + 1,
      ...withRelationTypes(codebook, types),
    };
    await project.relabel(
      final,
      ({ spans, relations }) => {
        const relabelled = spans.some((s) => map.has(s.label));
        const retyped = relations.some((x) => typeMap.has(x.type));
        if (!relabelled && !retyped) return null;
        let nextRelations = relations;
        for (const [from, to] of typeMap) nextRelations = retypeRelations(nextRelations, from, to);
        return {
          spans: relabelled
            ? spans.map((s) => (map.has(s.label) ? { ...s, label: map.get(s.label) as string } : s))
            : spans,
          relations: nextRelations,
        };
      },
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
      ...withRelationTypes(before, relabelRelationTypes(relationTypesOf(before), name, into)),
    };
    await project.relabel(next, relabel(name, into), moveLabelMemos(name, into));
    return next;
  });
}

/** Refuses a relation-type rename, delete or merge that cannot be done, with the reason. */
export function checkRelationTypeEdit(project: Project, edit: NameEdit): void {
  const codebook = project.codebook;
  if (edit.kind === 'rename') {
    requireType(codebook, edit.from);
    const name = edit.to.trim();
    if (!name) throw new ProjectError('refused: a relation type needs a name');
    if (name !== edit.from && relationTypesOf(codebook).some((t) => t.name === name))
      throw new ProjectError(`refused: a relation type named ${JSON.stringify(name)} exists (merge instead)`);
  } else if (edit.kind === 'merge') {
    requireType(codebook, edit.into);
    if (edit.from === edit.into) throw new ProjectError('refused: a relation type cannot be merged into itself');
    requireType(codebook, edit.from);
  } else requireType(codebook, edit.name);
}

function requireType(codebook: Codebook, name: string) {
  const type = relationTypesOf(codebook).find((t) => t.name === name);
  if (!type) throw new ProjectError(`refused: no relation type ${JSON.stringify(name)} in the codebook`);
  return type;
}

/** A record with the relations of `from` given type `to` (dropped when null), or null when it has none. */
function retype(from: string, to: string | null): (record: RecordContent) => RecordContent | null {
  return ({ spans, relations }) =>
    relations.some((x) => x.type === from) ? { spans, relations: retypeRelations(relations, from, to) } : null;
}

/** A rename keeps the type's colour, allowed labels and place; every relation follows. */
export function renameRelationType(project: Project, from: string, to: string, expectedVersion: number) {
  return project.exclusive(async () => {
    project.checkCodebookVersion(expectedVersion);
    checkRelationTypeEdit(project, { kind: 'rename', from, to });
    const name = to.trim();
    const before = project.codebook;
    if (name === from) return before;
    const types = relationTypesOf(before);
    const next: Codebook = {
      ...before,
      version: before.version + 1,
      relationTypes: types.map((t) => (t.name === from ? { ...t, name } : t)),
    };
    await project.relabel(next, retype(from, name));
    return next;
  });
}

/** Deleting a relation type removes its relations from every layer (the app says how many first). */
export function deleteRelationType(project: Project, name: string, expectedVersion: number) {
  return dropRelationType(project, name, null, expectedVersion);
}

/** Merging moves every relation of `from` to `into` (duplicates collapse) and removes `from`. */
export function mergeRelationTypes(project: Project, from: string, into: string, expectedVersion: number) {
  return project.exclusive(async () => {
    checkRelationTypeEdit(project, { kind: 'merge', from, into });
    return dropRelationType(project, from, into, expectedVersion);
  });
}

function dropRelationType(
  project: Project,
  name: string,
  into: string | null,
  expectedVersion: number,
): Promise<Codebook> {
  return project.exclusive(async () => {
    project.checkCodebookVersion(expectedVersion);
    const before = project.codebook;
    requireType(before, name);
    const next: Codebook = {
      ...before,
      version: before.version + 1,
      relationTypes: relationTypesOf(before).filter((t) => t.name !== name),
    };
    await project.relabel(next, retype(name, into));
    return next;
  });
}

/** Span labels and relation types are renamed, deleted and merged alike; a row says which functions do it. */
const NAMED = {
  label: { renames: 'labels', check: checkLabelEdit, rename: renameLabel, drop: deleteLabel, merge: mergeLabels },
  relationType: {
    renames: 'relationTypes',
    check: checkRelationTypeEdit,
    rename: renameRelationType,
    drop: deleteRelationType,
    merge: mergeRelationTypes,
  },
} as const;
export type Named = keyof typeof NAMED;

export const renamesKey = (of: Named) => NAMED[of].renames;

export const checkNameEdit = (project: Project, of: Named, edit: NameEdit): void => NAMED[of].check(project, edit);

export function applyNameEdit(project: Project, of: Named, edit: NameEdit, expectedVersion: number): Promise<Codebook> {
  const row = NAMED[of];
  if (edit.kind === 'rename') return row.rename(project, edit.from, edit.to, expectedVersion);
  if (edit.kind === 'merge') return row.merge(project, edit.from, edit.into, expectedVersion);
  return row.drop(project, edit.name, expectedVersion);
}
