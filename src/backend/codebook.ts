// Renaming, deleting and merging span labels and relation types: every annotation file is rewritten
// (durably, one file at a time), then the codebook; a crash midway leaves files that still name a label or
// type of the codebook. Relations follow their spans: a deleted label's spans take their relations with
// them, spans that a merge makes equal keep one span and every relation of both.
import type { LabelUsage, RelationTypeUsage } from '../core/api';
import type { Codebook, Span } from '../core/model';
import { relabelRelationTypes, relationsAfterSpans, relationTypesOf, retypeRelations } from '../core/relations';
import { type Project, ProjectError, type RecordContent } from './project';

/** Counts a label's spans over every layer (gold included), and the relations that touch them. */
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
  return { label, spans, relations, documents: documents.size, annotators: [...annotators].sort() };
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
  // already had the target label, so its id stays, and the relations of the other move to it.
  const relabel = ({ spans, relations }: RecordContent): RecordContent => {
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
  for (const annotator of await project.annotators())
    for (const r of await project.records(annotator))
      if (r.spans.some((s) => s.label === from)) await project.rewriteRecord(annotator, r.document, relabel, version);
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
    ...withRelationTypes(before, relabelRelationTypes(relationTypesOf(before), from, name)),
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
      if (r.spans.some((s) => map.has(s.label)))
        await project.rewriteRecord(
          annotator,
          r.document,
          ({ spans, relations }) => ({ spans: relabel(spans), relations }),
          version,
        );
  // The labels a relation type allows follow their renames.
  let types = relationTypesOf(codebook);
  for (const [from, to] of pairs) types = relabelRelationTypes(types, from, to);
  const final: Codebook = { ...codebook, version, ...withRelationTypes(codebook, types) };
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
    ...withRelationTypes(project.codebook, relabelRelationTypes(relationTypesOf(project.codebook), name, into)),
  };
  await project.writeCodebook(next);
  return next;
}

/** A codebook written before relations stays without the key until it has a relation type. */
function withRelationTypes(codebook: Codebook, relationTypes: Codebook['relationTypes'] & {}) {
  return codebook.relationTypes !== undefined || relationTypes.length ? { relationTypes } : {};
}

/** The relation type named `name`, or a clear refusal. */
function requireType(codebook: Codebook, name: string) {
  const type = relationTypesOf(codebook).find((t) => t.name === name);
  if (!type) throw new ProjectError(`refused: no relation type ${JSON.stringify(name)} in the codebook`);
  return type;
}

/** Rewrites every record with a relation of `from`: it gets type `to`, or is dropped when `to` is null. */
async function rewriteRelations(project: Project, from: string, to: string | null, version: number): Promise<void> {
  const retype = ({ spans, relations }: RecordContent): RecordContent => ({
    spans,
    relations: retypeRelations(relations, from, to),
  });
  for (const annotator of await project.annotators())
    for (const r of await project.records(annotator))
      if ((r.relations ?? []).some((x) => x.type === from))
        await project.rewriteRecord(annotator, r.document, retype, version);
}

/** A rename keeps the type's colour, allowed labels and place; every relation follows. */
export async function renameRelationType(project: Project, from: string, to: string, expectedVersion: number) {
  checkVersion(project, expectedVersion);
  const old = requireType(project.codebook, from);
  const name = to.trim();
  if (!name) throw new ProjectError('refused: a relation type needs a name');
  if (name === from) return project.codebook;
  const types = relationTypesOf(project.codebook);
  if (types.some((t) => t.name === name))
    throw new ProjectError(`refused: a relation type named ${JSON.stringify(name)} exists (merge instead)`);
  const before = project.codebook;
  const version = before.version + 1;
  await project.writeCodebook({ ...before, version, relationTypes: [...types, { ...old, name }] });
  await rewriteRelations(project, from, name, version);
  const final: Codebook = {
    ...before,
    version,
    relationTypes: types.map((t) => (t.name === from ? { ...t, name } : t)),
  };
  await project.writeCodebook(final);
  return final;
}

/** Deleting a relation type removes its relations from every layer (the app says how many first). */
export async function deleteRelationType(project: Project, name: string, expectedVersion: number) {
  return dropRelationType(project, name, null, expectedVersion);
}

/** Merging moves every relation of `from` to `into` (duplicates collapse) and removes `from`. */
export async function mergeRelationTypes(project: Project, from: string, into: string, expectedVersion: number) {
  requireType(project.codebook, into);
  if (from === into) throw new ProjectError('refused: a relation type cannot be merged into itself');
  return dropRelationType(project, from, into, expectedVersion);
}

async function dropRelationType(project: Project, name: string, into: string | null, expectedVersion: number) {
  checkVersion(project, expectedVersion);
  requireType(project.codebook, name);
  await rewriteRelations(project, name, into, project.codebook.version + 1);
  const next: Codebook = {
    ...project.codebook,
    version: project.codebook.version + 1,
    relationTypes: relationTypesOf(project.codebook).filter((t) => t.name !== name),
  };
  await project.writeCodebook(next);
  return next;
}
