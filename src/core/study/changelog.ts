// The codebook's changelog: what changed between two versions (labels, relation types and document-label groups
// added, removed, renamed, redefined), with who changed it, when and why. Recorded when the codebook is edited, so a
// round-by-round report can say what the coders were told differently between rounds.
import type { Codebook, DocLabelGroup, RelationType, SpanLabel } from '../model';

/** A span-label field whose change alters what coders are told to mark. */
const LABEL_MEANING = ['description', 'include', 'exclude', 'examples', 'group'] as const;
/** Fields that only change how the label looks or is reached. */
const LABEL_PRESENTATION = ['color', 'short', 'hotkey'] as const;
type LabelField = (typeof LABEL_MEANING)[number] | (typeof LABEL_PRESENTATION)[number];
/** Relation-type fields: what a coder may link, then how the type looks or is reached. */
export const RELATION_TYPE_FIELDS = ['description', 'source', 'target', 'symmetric', 'color', 'hotkey'] as const;
type RelationTypeField = (typeof RELATION_TYPE_FIELDS)[number];

/** One change between two codebook versions. */
export type CodebookChange =
  | { kind: 'label-added'; label: string }
  | { kind: 'label-removed'; label: string }
  | { kind: 'label-renamed'; from: string; to: string }
  | { kind: 'label-changed'; label: string; fields: LabelField[] }
  | { kind: 'relation-type-added'; type: string }
  | { kind: 'relation-type-removed'; type: string }
  | { kind: 'relation-type-renamed'; from: string; to: string }
  | { kind: 'relation-type-changed'; type: string; fields: RelationTypeField[] }
  | { kind: 'group-added'; group: string }
  | { kind: 'group-removed'; group: string }
  | { kind: 'group-renamed'; from: string; to: string }
  | { kind: 'group-changed'; group: string; fields: ('kind' | 'description')[] }
  | { kind: 'option-added'; group: string; option: string }
  | { kind: 'option-removed'; group: string; option: string }
  | { kind: 'option-renamed'; group: string; from: string; to: string };

/** One edit of the codebook as the changelog keeps it. */
export interface ChangelogEntry {
  fromVersion: number;
  toVersion: number;
  at: string;
  by: string;
  why: string;
  changes: CodebookChange[];
}

/** Renames the editor knows of (a rename cannot be told from a removal and an addition otherwise). */
export interface KnownRenames {
  labels?: Readonly<Record<string, string>>;
  groups?: Readonly<Record<string, string>>;
  relationTypes?: Readonly<Record<string, string>>;
  /** options[group after the edit][old option] = new option. */
  options?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
  return (a ?? '') === (b ?? '');
}

function labelFields(a: SpanLabel, b: SpanLabel): LabelField[] {
  return [...LABEL_MEANING, ...LABEL_PRESENTATION].filter((f) => !same(a[f], b[f]));
}

/** Allowed labels are compared after the edit's label renames, which carry them along without changing them. */
function relationTypeFields(a: RelationType, b: RelationType, labelRenames: Map<string, string>): RelationTypeField[] {
  const follow = (names: string[] | undefined) => names?.map((n) => labelRenames.get(n) ?? n);
  const moved = { ...a, source: follow(a.source), target: follow(a.target) };
  return RELATION_TYPE_FIELDS.filter((f) =>
    f === 'symmetric' ? (moved.symmetric === true) !== (b.symmetric === true) : !same(moved[f], b[f]),
  );
}

/**
 * Pairs removed and added names as renames: those the editor named, then any removed item whose every other
 * field equals exactly one added item's (and the reverse), so that a rename done elsewhere is not reported as a
 * removal plus an addition. Anything less certain stays a removal and an addition.
 */
function pairRenames<T>(
  removed: string[],
  added: string[],
  known: Readonly<Record<string, string>> | undefined,
  before: Map<string, T>,
  after: Map<string, T>,
  equalApartFromName: (x: T, y: T) => boolean,
): [string, string][] {
  const pairs: [string, string][] = [];
  const r = new Set(removed);
  const a = new Set(added);
  for (const [from, to] of Object.entries(known ?? {}))
    if (r.has(from) && a.has(to)) {
      pairs.push([from, to]);
      r.delete(from);
      a.delete(to);
    }
  for (const from of [...r]) {
    const matches = [...a].filter((to) => equalApartFromName(before.get(from)!, after.get(to)!));
    if (matches.length !== 1) continue;
    const to = matches[0];
    const back = [...r].filter((f) => equalApartFromName(before.get(f)!, after.get(to)!));
    if (back.length !== 1) continue;
    pairs.push([from, to]);
    r.delete(from);
    a.delete(to);
  }
  return pairs;
}

function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One kind of named item matched across an edit; `added` and `removed` leave out the renamed. */
interface Matched<T> {
  before: Map<string, T>;
  after: Map<string, T>;
  added: string[];
  removed: string[];
  renamed: [string, string][];
  /** The renamed pairs and the names kept (paired with themselves), in order of the name after the edit. */
  compared: [string, string][];
}

function matchByName<T extends { name: string }>(
  before: readonly T[],
  after: readonly T[],
  known: Readonly<Record<string, string>> | undefined,
  equalApartFromName: (x: T, y: T) => boolean,
): Matched<T> {
  const b = new Map(before.map((x) => [x.name, x]));
  const a = new Map(after.map((x) => [x.name, x]));
  const removed = [...b.keys()].filter((n) => !a.has(n)).sort(byString);
  const added = [...a.keys()].filter((n) => !b.has(n)).sort(byString);
  const renamed = pairRenames(removed, added, known, b, a, equalApartFromName);
  const from = new Set(renamed.map(([f]) => f));
  const to = new Set(renamed.map(([, t]) => t));
  const kept = [...a.keys()].filter((k) => b.has(k)).sort(byString);
  return {
    before: b,
    after: a,
    added: added.filter((n) => !to.has(n)),
    removed: removed.filter((n) => !from.has(n)),
    renamed,
    compared: [...renamed, ...kept.map((k): [string, string] => [k, k])].sort((x, y) => byString(x[1], y[1])),
  };
}

/**
 * The changes from `before` to `after`: labels first, then groups and their options, then relation types, each in
 * name order.
 */
export function diffCodebooks(before: Codebook, after: Codebook, renames: KnownRenames = {}): CodebookChange[] {
  const changes: CodebookChange[] = [];
  const labels = matchByName(before.spanLabels, after.spanLabels, renames.labels, (x, y) => !labelFields(x, y).length);
  for (const label of labels.added) changes.push({ kind: 'label-added', label });
  for (const label of labels.removed) changes.push({ kind: 'label-removed', label });
  // renamed labels before the kept ones (unlike groups and types): the order entries already written use
  const labelPairs = [...labels.renamed, ...labels.compared.filter(([f, t]) => f === t)];
  for (const [from, to] of labelPairs) {
    if (from !== to) changes.push({ kind: 'label-renamed', from, to });
    const fields = labelFields(labels.before.get(from)!, labels.after.get(to)!);
    if (fields.length) changes.push({ kind: 'label-changed', label: to, fields });
  }

  const groupEqual = (x: DocLabelGroup, y: DocLabelGroup) =>
    x.kind === y.kind && same(x.description, y.description) && same(x.options, y.options);
  const groups = matchByName(before.docLabels, after.docLabels, renames.groups, groupEqual);
  for (const group of groups.added) changes.push({ kind: 'group-added', group });
  for (const group of groups.removed) changes.push({ kind: 'group-removed', group });
  for (const [from, to] of groups.compared) {
    if (from !== to) changes.push({ kind: 'group-renamed', from, to });
    const x = groups.before.get(from)!;
    const y = groups.after.get(to)!;
    const fields = (['kind', 'description'] as const).filter((f) => !same(x[f], y[f]));
    if (fields.length) changes.push({ kind: 'group-changed', group: to, fields: [...fields] });
    const ob = new Set(x.options);
    const oa = new Set(y.options);
    const oRemoved = x.options.filter((o) => !oa.has(o)).sort(byString);
    const oAdded = y.options.filter((o) => !ob.has(o)).sort(byString);
    const known = renames.options?.[to] ?? {};
    const oPairs = Object.entries(known).filter(([f, t]) => oRemoved.includes(f) && oAdded.includes(t));
    const oFrom = new Set(oPairs.map(([f]) => f));
    const oTo = new Set(oPairs.map(([, t]) => t));
    for (const o of oAdded) if (!oTo.has(o)) changes.push({ kind: 'option-added', group: to, option: o });
    for (const o of oRemoved) if (!oFrom.has(o)) changes.push({ kind: 'option-removed', group: to, option: o });
    for (const [f, t] of oPairs) changes.push({ kind: 'option-renamed', group: to, from: f, to: t });
  }

  const moves = new Map(labels.renamed);
  const types = matchByName(
    before.relationTypes ?? [],
    after.relationTypes ?? [],
    renames.relationTypes,
    (x, y) => relationTypeFields(x, y, moves).length === 0,
  );
  for (const type of types.added) changes.push({ kind: 'relation-type-added', type });
  for (const type of types.removed) changes.push({ kind: 'relation-type-removed', type });
  for (const [from, to] of types.compared) {
    if (from !== to) changes.push({ kind: 'relation-type-renamed', from, to });
    const fields = relationTypeFields(types.before.get(from)!, types.after.get(to)!, moves);
    if (fields.length) changes.push({ kind: 'relation-type-changed', type: to, fields });
  }
  return changes;
}

/** A changelog entry for an edit; refuses an edit without a reason (the report must say why the codebook changed). */
export function changelogEntry(
  before: Codebook,
  after: Codebook,
  meta: { at: string; by: string; why: string; renames?: KnownRenames },
): ChangelogEntry {
  const why = meta.why.trim();
  if (why === '') throw new Error('say why the codebook changes: the reliability report records it');
  if (meta.by.trim() === '') throw new Error('say who changes the codebook');
  return {
    fromVersion: before.version,
    toVersion: after.version,
    at: meta.at,
    by: meta.by.trim(),
    why,
    changes: diffCodebooks(before, after, meta.renames),
  };
}

/** The entries that led from version `from` (exclusive) up to version `to` (inclusive), in order. */
export function changesBetween(log: readonly ChangelogEntry[], from: number, to: number): ChangelogEntry[] {
  return log
    .filter((e) => e.toVersion > from && e.toVersion <= to)
    .sort((a, b) => a.toVersion - b.toVersion || byString(a.at, b.at));
}

function noun(c: CodebookChange): string {
  return c.kind.startsWith('label-')
    ? 'span label'
    : c.kind.startsWith('relation-type-')
      ? 'relation type'
      : 'document label';
}

function named(c: Extract<CodebookChange, { label: string } | { group: string } | { type: string }>): string {
  return `${noun(c)} “${'label' in c ? c.label : 'type' in c ? c.type : c.group}”`;
}

/** One change in words, for the appendix. */
export function describeChange(c: CodebookChange): string {
  switch (c.kind) {
    case 'label-added':
    case 'relation-type-added':
    case 'group-added':
      return `${named(c)} added`;
    case 'label-removed':
    case 'relation-type-removed':
    case 'group-removed':
      return `${named(c)} removed`;
    case 'label-renamed':
    case 'relation-type-renamed':
    case 'group-renamed':
      return `${noun(c)} “${c.from}” renamed “${c.to}”`;
    case 'label-changed':
    case 'relation-type-changed':
    case 'group-changed':
      return `${named(c)}: ${c.fields.join(', ')} changed`;
    case 'option-added':
      return `option “${c.option}” added to “${c.group}”`;
    case 'option-removed':
      return `option “${c.option}” removed from “${c.group}”`;
    case 'option-renamed':
      return `option “${c.from}” of “${c.group}” renamed “${c.to}”`;
  }
}
