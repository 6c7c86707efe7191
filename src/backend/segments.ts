// Coded segments and label co-occurrence over a project's files: the selected layer's records, then the
// pure functions of src/core/segments.
import { INTEROP, keepFromTables } from '../core/formats/qdpx/keep';
import type { AnnotationRecord } from '../core/model';
import {
  type CodedSegment,
  type CodedSegments,
  type CodingLayerOptions,
  type Cooccurrence,
  cooccurrence,
  documentSegments,
} from '../core/segments';
import { selectedRecords } from './outlets';
import type { Project } from './project';
import { visibleTo } from './study';

/** A list longer than this is cut (and says so): the transport carries it whole. */
const MAX_SEGMENTS = 100_000;

function byDocument(records: AnnotationRecord[]): Map<string, AnnotationRecord[]> {
  const out = new Map<string, AnnotationRecord[]>();
  for (const r of records) out.set(r.document, [...(out.get(r.document) ?? []), r]);
  return out;
}

/** Variables a REFI-QDA import kept per document because no metadata field took them (Region, Age, …). */
async function keptVariables(project: Project): Promise<Map<string, Record<string, string>>> {
  const { keep } = keepFromTables(await project.readInterop(INTEROP));
  const out = new Map<string, Record<string, string>>();
  for (const [id, kept] of Object.entries(keep.documents))
    if (kept.variables?.length) out.set(id, Object.fromEntries(kept.variables.map((v) => [v.name, v.value])));
  return out;
}

/** Every span of the chosen labels (all when none are named), document by document in id order. */
export async function projectSegments(project: Project, options: CodingLayerOptions): Promise<CodedSegments> {
  const records = byDocument(await visibleTo(project, options.viewer, await selectedRecords(project, options)));
  const labels = options.labels?.length ? new Set(options.labels) : undefined;
  const variables = await keptVariables(project);
  const segments: CodedSegment[] = [];
  let total = 0;
  for (const id of project.index.keys()) {
    const mine = records.get(id);
    if (!mine) continue;
    const extra = variables.get(id);
    const found = documentSegments(await project.getDocument(id), mine, labels).map((s) =>
      extra ? { ...s, variables: extra } : s,
    );
    total += found.length;
    if (segments.length < MAX_SEGMENTS) segments.push(...found.slice(0, MAX_SEGMENTS - segments.length));
  }
  return { segments, total };
}

export async function projectCooccurrence(project: Project, options: CodingLayerOptions): Promise<Cooccurrence> {
  const records = await visibleTo(project, options.viewer, await selectedRecords(project, options));
  const result = cooccurrence(
    records,
    project.codebook.spanLabels.map((l) => l.name),
  );
  if (!options.labels?.length) return result;
  const keep = result.labels.map((l, i) => (options.labels?.includes(l) ? i : -1)).filter((i) => i >= 0);
  const pick = (m: number[][]) => keep.map((i) => keep.map((j) => m[i][j]));
  return {
    labels: keep.map((i) => result.labels[i]),
    records: result.records,
    spans: keep.map((i) => result.spans[i]),
    overlaps: pick(result.overlaps),
    together: pick(result.together),
  };
}
