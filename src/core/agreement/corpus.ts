// Turns documents + annotation records into the validated, selected, per-(document, annotator) view every
// agreement figure is computed from: invalid records left out and counted, todo/skipped as absent,
// duplicate spans once, spans grouped per label (sorted, de-duplicated, and merged into unions).
import { type AnnotationRecord, type DocLabelValue, GOLD } from '../model';
import { dedupeSorted, type Interval, mergeOverlapping, sortIntervals } from './intervals';

/** Why: a record left out of every figure, and why. */
export interface ExcludedRecord {
  document: string;
  annotator: string;
  reason: string;
}

/** Why: a document-label group definition (the codebook's DocLabelGroup without its description). */
export interface DocLabelGroupInput {
  name: string;
  kind: 'single' | 'multiple';
  options: string[];
}

/** Why: what the agreement report is computed from. */
export interface AgreementInput {
  documents: { id: string; length: number }[];
  records: AnnotationRecord[];
  annotators?: string[];
  labels?: string[];
  docLabelGroups?: DocLabelGroupInput[];
  /** The codebook's span labels; when given, a record with a span of another label is left out and counted. */
  codebookLabels?: string[];
  /** Records the caller already left out (e.g. text hash mismatch); echoed in the report. */
  excluded?: ExcludedRecord[] | number;
}

/** Why: one annotator's spans of one label in one document, as the measures need them. */
export interface LabelSpans {
  /** Sorted, duplicates removed: exact-match F1. */
  raw: Interval[];
  /** Sorted, overlapping spans merged into their union: overlap F1, α_U, character-level κ. */
  merged: Interval[];
}

/** Why: one counted record, reduced to what the figures use; labels indexed like Corpus.labels. */
export interface CorpusRecord {
  perLabel: LabelSpans[];
  docLabels: Record<string, DocLabelValue>;
}

/** Why: the validated, selected corpus shared by the report and the bootstrap. */
export interface Corpus {
  /** Sorted document ids (plain string order) of the documents in the input. */
  docIds: string[];
  lengths: Map<string, number>;
  annotators: string[];
  labels: string[];
  /** records.get(doc)[annotatorIndex], undefined when that annotator has no counted record. */
  records: Map<string, (CorpusRecord | undefined)[]>;
  excluded: ExcludedRecord[];
  excludedByCaller: number;
}

/** Why: plain string order (UTF-16 code units), the order DEFINITIONS.md fixes for ids and names. */
export function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function invalidSpan(r: AnnotationRecord, length: number, codebook: Set<string> | null): string | null {
  if (!Array.isArray(r.spans)) return 'spans is not a list';
  for (const s of r.spans) {
    if (typeof s?.label !== 'string' || s.label === '') return 'a span has no label';
    if (codebook && !codebook.has(s.label))
      return `span [${s.start}, ${s.end}) has label "${s.label}", which is not in the codebook`;
    if (!Number.isInteger(s.start) || !Number.isInteger(s.end))
      return `span [${s.start}, ${s.end}) has a non-integer offset`;
    if (s.end <= s.start) return `span [${s.start}, ${s.end}) "${s.label}" has end ≤ start`;
    if (s.start < 0 || s.end > length)
      return `span [${s.start}, ${s.end}) "${s.label}" is outside the text (${length} code points)`;
  }
  return null;
}

function checkSelection(kind: string, chosen: readonly string[] | undefined, known: Set<string>): void {
  if (!chosen) return;
  for (const name of chosen)
    if (!known.has(name)) {
      const list = [...known].sort(byString).join(', ');
      throw new Error(`unknown ${kind} "${name}" (known: ${list || 'none'})`);
    }
}

/** Stored records keep their spans sorted, so the sort is usually skipped. */
function isSorted(list: readonly Interval[]): boolean {
  for (let i = 1; i < list.length; i++) {
    const d = list[i - 1][0] - list[i][0] || list[i - 1][1] - list[i][1];
    if (d > 0) return false;
  }
  return true;
}

/** Why: validates and selects once, so every figure sees the same records and the same exclusions. */
export function prepareCorpus(input: AgreementInput): Corpus {
  const lengths = new Map<string, number>();
  for (const d of input.documents) lengths.set(d.id, d.length);
  const excluded: ExcludedRecord[] = [];
  const callerExcluded = input.excluded;
  const excludedByCaller = typeof callerExcluded === 'number' ? callerExcluded : (callerExcluded?.length ?? 0);
  if (Array.isArray(callerExcluded)) excluded.push(...callerExcluded);

  const knownAnnotators = new Set<string>();
  const knownLabels = new Set<string>();
  const latest = new Map<string, AnnotationRecord>();
  const codebook = input.codebookLabels ? new Set(input.codebookLabels) : null;
  for (const r of input.records) {
    knownAnnotators.add(r.annotator);
    if (r.status === 'todo' || r.status === 'skipped') continue;
    const length = lengths.get(r.document);
    if (length === undefined) {
      excluded.push({ document: r.document, annotator: r.annotator, reason: 'unknown document' });
      continue;
    }
    const bad = invalidSpan(r, length, codebook);
    if (bad) {
      excluded.push({ document: r.document, annotator: r.annotator, reason: bad });
      continue;
    }
    for (const s of r.spans) knownLabels.add(s.label);
    const key = `${r.document}\u0000${r.annotator}`;
    const prev = latest.get(key);
    if (prev) {
      const [keep, drop] = (r.updatedAt ?? '') >= (prev.updatedAt ?? '') ? [r, prev] : [prev, r];
      latest.set(key, keep);
      excluded.push({
        document: drop.document,
        annotator: drop.annotator,
        reason: 'a newer record exists for the same document and annotator',
      });
    } else latest.set(key, r);
  }
  checkSelection('annotator', input.annotators, knownAnnotators);
  checkSelection('label', input.labels, knownLabels);

  const counted = [...latest.values()];
  const annotators = input.annotators
    ? [...new Set(input.annotators)].sort(byString)
    : [...new Set(counted.map((r) => r.annotator))].filter((a) => a !== GOLD).sort(byString);
  const annIndex = new Map(annotators.map((a, i) => [a, i]));
  const labelFilter = input.labels ? new Set(input.labels) : null;
  const used = new Set<string>();
  for (const r of counted) {
    if (!annIndex.has(r.annotator)) continue;
    for (const s of r.spans) if (!labelFilter || labelFilter.has(s.label)) used.add(s.label);
  }
  const labels = [...used].sort(byString);
  const labelIndex = new Map(labels.map((l, i) => [l, i]));

  const records = new Map<string, (CorpusRecord | undefined)[]>();
  for (const r of counted) {
    const ai = annIndex.get(r.annotator);
    if (ai === undefined) continue;
    const lists: Interval[][] = labels.map(() => []);
    for (const s of r.spans) {
      const li = labelIndex.get(s.label);
      if (li !== undefined) lists[li].push([s.start, s.end]);
    }
    const perLabel = lists.map((l) => {
      const raw = dedupeSorted(isSorted(l) ? l : sortIntervals(l));
      return { raw, merged: mergeOverlapping(raw) };
    });
    let row = records.get(r.document);
    if (!row) {
      row = new Array(annotators.length).fill(undefined);
      records.set(r.document, row);
    }
    row[ai] = { perLabel, docLabels: r.docLabels ?? {} };
  }
  const docIds = [...lengths.keys()].sort(byString);
  return { docIds, lengths, annotators, labels, records, excluded, excludedByCaller };
}

/** Why: the documents every selected annotator annotated, in id order (the α_U continuum and Fleiss' scope). */
export function fullyAnnotated(c: Corpus): string[] {
  if (c.annotators.length === 0) return [];
  return c.docIds.filter((d) => c.records.get(d)?.every((r) => r !== undefined));
}
