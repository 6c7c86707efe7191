// Codebook helpers: a new project's codebook, and the labels an import or a merge adds.
import type { Codebook, DocLabelGroup, DocLabelValue } from './model';
import { stableLine } from './stableJson';

/** Labels added on import or created without a colour get a distinct one from this palette. */
export const PALETTE = [
  '#e6194b',
  '#3cb44b',
  '#4363d8',
  '#f58231',
  '#911eb4',
  '#42d4f4',
  '#f032e6',
  '#9a6324',
  '#469990',
  '#800000',
  '#808000',
  '#000075',
  '#bfef45',
  '#fabed4',
  '#dcbeff',
  '#ffd8b1',
];

/** The colour a new span label gets: the next of the palette, in codebook order. */
export function newLabelColor(codebook: Codebook): string {
  return PALETTE[codebook.spanLabels.length % PALETTE.length];
}

/** An empty codebook for a new project. */
export function emptyCodebook(): Codebook {
  return { version: 1, spanLabels: [], docLabels: [] };
}

/** What an import added to the codebook, so it can say so. */
interface CodebookAdditions {
  codebook: Codebook;
  addedSpanLabels: string[];
  addedDocLabelGroups: string[];
  addedOptions: string[];
  addedRelationTypes: string[];
}

/** The colour a new relation type gets: the palette from its far end, so it differs from the first labels. */
export function newRelationTypeColor(codebook: Codebook): string {
  return PALETTE[PALETTE.length - 1 - ((codebook.relationTypes?.length ?? 0) % PALETTE.length)];
}

/**
 * Interchange.md: labels, groups and relation types the codebook lacks are added on import
 * (single-choice when the value is a string, multiple-choice when it is a list; a relation type directed).
 */
export function addMissingLabels(
  codebook: Codebook,
  spanLabels: Iterable<string>,
  docLabels: Iterable<[string, DocLabelValue]>,
  relationTypes: Iterable<string> = [],
): CodebookAdditions {
  const next: Codebook = {
    ...codebook,
    spanLabels: [...codebook.spanLabels],
    docLabels: codebook.docLabels.map((g) => ({ ...g, options: [...g.options] })),
  };
  const addedRelationTypes: string[] = [];
  const knownTypes = new Set((codebook.relationTypes ?? []).map((t) => t.name));
  for (const name of relationTypes) {
    if (knownTypes.has(name)) continue;
    knownTypes.add(name);
    next.relationTypes = [...(next.relationTypes ?? []), { name, color: newRelationTypeColor(next) }];
    addedRelationTypes.push(name);
  }
  const known = new Set(next.spanLabels.map((l) => l.name));
  const addedSpanLabels: string[] = [];
  for (const name of spanLabels) {
    if (known.has(name)) continue;
    known.add(name);
    next.spanLabels.push({ name, color: newLabelColor(next) });
    addedSpanLabels.push(name);
  }
  const groups = new Map<string, DocLabelGroup>(next.docLabels.map((g) => [g.name, g]));
  const addedDocLabelGroups: string[] = [];
  const addedOptions: string[] = [];
  for (const [name, value] of docLabels) {
    let group = groups.get(name);
    if (!group) {
      group = { name, kind: Array.isArray(value) ? 'multiple' : 'single', options: [] };
      groups.set(name, group);
      next.docLabels.push(group);
      addedDocLabelGroups.push(name);
    }
    for (const option of Array.isArray(value) ? value : [value]) {
      if (!group.options.includes(option)) {
        group.options.push(option);
        addedOptions.push(`${name}: ${option}`);
      }
    }
  }
  if (addedSpanLabels.length || addedDocLabelGroups.length || addedOptions.length || addedRelationTypes.length)
    next.version += 1;
  return { codebook: next, addedSpanLabels, addedDocLabelGroups, addedOptions, addedRelationTypes };
}

/**
 * The labels and groups a source defines (REFI-QDA codes with their colours, groups and descriptions), added
 * in the source's order where the codebook lacks them; options a group lacks are added to it. A label the
 * codebook has keeps its own definition (listed in `kept` when the source's differs). The version is left
 * as it was: the caller bumps it once for the whole import.
 */
export function addDefinedLabels(
  codebook: Codebook,
  defined: Pick<Codebook, 'spanLabels' | 'docLabels'>,
): CodebookAdditions & { kept: string[] } {
  const next: Codebook = {
    ...codebook,
    spanLabels: [...codebook.spanLabels],
    docLabels: codebook.docLabels.map((g) => ({ ...g, options: [...g.options] })),
  };
  const addedSpanLabels: string[] = [];
  const addedDocLabelGroups: string[] = [];
  const addedOptions: string[] = [];
  const kept: string[] = [];
  const same = (a: object, b: object) => stableLine(a) === stableLine(b);
  for (const label of defined.spanLabels) {
    const known = next.spanLabels.find((l) => l.name === label.name);
    if (known) {
      if (!same(known, label)) kept.push(label.name);
      continue;
    }
    next.spanLabels.push({ ...label });
    addedSpanLabels.push(label.name);
  }
  for (const group of defined.docLabels) {
    const known = next.docLabels.find((g) => g.name === group.name);
    if (!known) {
      next.docLabels.push({ ...group, options: [...group.options] });
      addedDocLabelGroups.push(group.name);
      continue;
    }
    if (known.kind !== group.kind) kept.push(group.name);
    for (const option of group.options)
      if (!known.options.includes(option)) {
        known.options.push(option);
        addedOptions.push(`${group.name}: ${option}`);
      }
  }
  return { codebook: next, addedSpanLabels, addedDocLabelGroups, addedOptions, addedRelationTypes: [], kept };
}
