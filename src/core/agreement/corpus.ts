// Turns documents + annotation records into the validated, selected, per-(document, annotator) view every
// agreement figure is computed from: invalid records left out and counted, todo/skipped as absent,
// duplicate spans once, spans grouped per label (sorted, de-duplicated, and merged into unions).
import { type AnnotationRecord, type DocLabelValue, GOLD, isModelName } from '../model';
import type { Interval } from './intervals';

/** A record left out of every figure, and why. */
export interface ExcludedRecord {
  document: string;
  annotator: string;
  reason: string;
}

/** A document-label group definition (the codebook's DocLabelGroup without its description). */
export interface DocLabelGroupInput {
  name: string;
  kind: 'single' | 'multiple';
  options: string[];
}

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

/** One annotator's spans of one label in one document, as the measures need them. */
export interface LabelSpans {
  /** Sorted, duplicates removed: exact-match F1. */
  raw: Interval[];
  /** Sorted, overlapping spans merged into their union: overlap F1, α_U, character-level κ. */
  merged: Interval[];
}

/** One counted record, reduced to what the figures use; labels indexed like Corpus.labels. */
export interface CorpusRecord {
  perLabel: LabelSpans[];
  docLabels: Record<string, DocLabelValue>;
}

/**
 * Every counted record's spans in flat typed arrays, so the report's per-document pass allocates nothing
 * per span. Record k, label l: raw spans rawStart/rawEnd[rawOff[k·(L+1)+l] .. rawOff[k·(L+1)+l+1]) (sorted by
 * start then end, duplicates removed); merged (overlapping spans united) likewise in mergedStart/mergedEnd.
 */
export interface PackedSpans {
  labelCount: number;
  /** recordOf[d·A + a] = record index of annotator a on docIds[d], −1 when that annotator has no counted record. */
  recordOf: Int32Array;
  rawStart: Int32Array;
  rawEnd: Int32Array;
  rawOff: Int32Array;
  mergedStart: Int32Array;
  mergedEnd: Int32Array;
  mergedOff: Int32Array;
  /** Longest merged span of the corpus (0 when none). */
  maxMerged: number;
}

/** The validated, selected corpus shared by the report and the bootstrap. */
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
  /** The same spans as records, packed (see PackedSpans). */
  packed: PackedSpans;
}

/** Plain string order (UTF-16 code units), the order DEFINITIONS.md fixes for ids and names. */
export function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Where a pair's disagreement stands: by document, coder pair, then place in the text. */
export function byPairPlace(
  x: { document: string; a: string; b: string; start: number; end: number },
  y: { document: string; a: string; b: string; start: number; end: number },
): number {
  return (
    byString(x.document, y.document) || byString(x.a, y.a) || byString(x.b, y.b) || x.start - y.start || x.end - y.end
  );
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

/** A counted record whose per-label interval lists are built from the packed arrays on first use. */
class PackedRecord implements CorpusRecord {
  private lists: LabelSpans[] | undefined;
  constructor(
    private readonly p: PackedSpans,
    private readonly index: number,
    readonly docLabels: Record<string, DocLabelValue>,
  ) {}
  get perLabel(): LabelSpans[] {
    if (this.lists) return this.lists;
    const { p } = this;
    const L = p.labelCount;
    const base = this.index * (L + 1);
    const out: LabelSpans[] = [];
    for (let l = 0; l < L; l++) {
      const raw: Interval[] = [];
      for (let i = p.rawOff[base + l]; i < p.rawOff[base + l + 1]; i++) raw.push([p.rawStart[i], p.rawEnd[i]]);
      const merged: Interval[] = [];
      for (let i = p.mergedOff[base + l]; i < p.mergedOff[base + l + 1]; i++)
        merged.push([p.mergedStart[i], p.mergedEnd[i]]);
      out.push({ raw, merged });
    }
    this.lists = out;
    return out;
  }
}

/** Validates and selects once, so every figure sees the same records and the same exclusions. */
/** ⌊x / M⌋ of an integer x < 2^52, corrected where the float division rounds across an integer. */
function exactQuotient(x: number, M: number): number {
  const q = Math.floor(x / M);
  const r = x - q * M;
  return r < 0 ? q - 1 : r >= M ? q + 1 : q;
}

let shared: { input: AgreementInput; corpus: Corpus } | null = null;

/**
 * Runs `work` with one prepared corpus for `input`: every figure computed inside it (the report, the confusion
 * matrix, the disagreement list, the intervals) validates and packs the records once instead of once each. Only
 * for the length of a synchronous run, so an input changed afterwards is never answered from a stale corpus.
 */
export function sharingCorpus<T>(input: AgreementInput, work: () => T): T {
  const before = shared;
  shared = { input, corpus: prepareCorpus(input) };
  try {
    return work();
  } finally {
    shared = before;
  }
}

export function prepareCorpus(input: AgreementInput): Corpus {
  if (shared?.input === input) return shared.corpus;
  const lengths = new Map<string, number>();
  for (const d of input.documents) lengths.set(d.id, d.length);
  const excluded: ExcludedRecord[] = [];
  const callerExcluded = input.excluded;
  const excludedByCaller = typeof callerExcluded === 'number' ? callerExcluded : (callerExcluded?.length ?? 0);
  if (Array.isArray(callerExcluded)) excluded.push(...callerExcluded);

  let spanTotal = 0;
  for (const r of input.records) if (Array.isArray(r.spans)) spanTotal += r.spans.length;
  // label of every valid record's spans as an id in first-seen order (kept in labelIds at spanAt.get(record))
  const labelIds = new Int32Array(spanTotal);
  const idOf = new Map<string, number>();
  const names: string[] = [];
  const spanAt = new Map<AnnotationRecord, number>();
  let used = 0;

  const knownAnnotators = new Set<string>();
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
    spanAt.set(r, used);
    let lastName = '';
    let lastId = -1;
    for (const s of r.spans) {
      const name = s.label;
      if (name !== lastName) {
        // few labels: a scan of the names seen so far beats hashing the string
        let id: number | undefined = -1;
        for (let j = 0; j < names.length && j < 8; j++)
          if (names[j] === name) {
            id = j;
            break;
          }
        if (id < 0) id = idOf.get(name);
        if (id === undefined) {
          id = names.length;
          idOf.set(name, id);
          names.push(name);
        }
        lastName = name;
        lastId = id;
      }
      labelIds[used++] = lastId;
    }
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
  checkSelection('label', input.labels, new Set(names));

  const counted = [...latest.values()];
  const annotators = input.annotators
    ? [...new Set(input.annotators)].sort(byString)
    : [...new Set(counted.map((r) => r.annotator))].filter((a) => a !== GOLD && !isModelName(a)).sort(byString);
  const annIndex = new Map(annotators.map((a, i) => [a, i]));
  const labelFilter = input.labels ? new Set(input.labels) : null;
  const usedIds = new Uint8Array(names.length);
  let countedSpans = 0;
  let maxSpans = 0;
  for (const r of counted) {
    if (!annIndex.has(r.annotator)) continue;
    const at = spanAt.get(r)!;
    const n = r.spans.length;
    countedSpans += n;
    if (n > maxSpans) maxSpans = n;
    for (let i = at; i < at + n; i++) usedIds[labelIds[i]] = 1;
  }
  const labels: string[] = [];
  for (let id = 0; id < names.length; id++)
    if (usedIds[id] && (!labelFilter || labelFilter.has(names[id]))) labels.push(names[id]);
  labels.sort(byString);
  const L = labels.length;
  // first-seen label id → index into labels, −1 when not selected
  const labelOf = new Int32Array(names.length).fill(-1);
  labels.forEach((l, i) => {
    labelOf[idOf.get(l)!] = i;
  });

  const docIds = [...lengths.keys()].sort(byString);
  const docIndex = new Map(docIds.map((d, i) => [d, i]));
  const A = annotators.length;
  const recordOf = new Int32Array(docIds.length * A).fill(-1);
  const rawStart = new Int32Array(countedSpans);
  const rawEnd = new Int32Array(countedSpans);
  const mergedStart = new Int32Array(countedSpans);
  const mergedEnd = new Int32Array(countedSpans);
  const rawOff = new Int32Array(counted.length * (L + 1));
  const mergedOff = new Int32Array(counted.length * (L + 1));
  const packed: PackedSpans = {
    labelCount: L,
    recordOf,
    rawStart,
    rawEnd,
    rawOff,
    mergedStart,
    mergedEnd,
    mergedOff,
    maxMerged: 0,
  };
  const keys = new Float64Array(maxSpans);
  const sLabel = new Int32Array(maxSpans);
  const sStart = new Int32Array(maxSpans);
  const sEnd = new Int32Array(maxSpans);
  let rawN = 0;
  let mergedN = 0;
  let maxMerged = 0;
  let k = 0;
  const records = new Map<string, (CorpusRecord | undefined)[]>();
  for (const r of counted) {
    const ai = annIndex.get(r.annotator);
    if (ai === undefined) continue;
    const at = spanAt.get(r)!;
    const spans = r.spans;
    // sort by (label, start, end) as one number key: label·M² + start·M + end, M = document length + 1
    const M = (lengths.get(r.document) ?? 0) + 1;
    let n = 0;
    if (L * M * M < 2 ** 52) {
      for (let i = 0; i < spans.length; i++) {
        const li = labelOf[labelIds[at + i]];
        if (li >= 0) keys[n++] = (li * M + spans[i].start) * M + spans[i].end;
      }
      keys.subarray(0, n).sort();
      for (let i = 0; i < n; i++) {
        // key = rest·M + end and rest = label·M + start, by division (exact: key < 2^52, quotient corrected)
        const key = keys[i];
        const rest = exactQuotient(key, M);
        const li = exactQuotient(rest, M);
        const end = key - rest * M;
        const start = rest - li * M;
        sLabel[i] = li;
        sStart[i] = start;
        sEnd[i] = end;
      }
    } else {
      // documents too long for one exact key: sort (label, start, end) triples instead
      const list: [number, number, number][] = [];
      for (let i = 0; i < spans.length; i++) {
        const li = labelOf[labelIds[at + i]];
        if (li >= 0) list.push([li, spans[i].start, spans[i].end]);
      }
      list.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
      for (const [li, start, end] of list) {
        sLabel[n] = li;
        sStart[n] = start;
        sEnd[n++] = end;
      }
    }
    // de-duplicate into raw, merge overlapping spans of one label into merged
    const base = k * (L + 1);
    let label = 0;
    rawOff[base] = rawN;
    mergedOff[base] = mergedN;
    let mEnd = -1;
    for (let i = 0; i < n; i++) {
      const li = sLabel[i];
      const start = sStart[i];
      const end = sEnd[i];
      if (i > 0 && li === sLabel[i - 1] && start === sStart[i - 1] && end === sEnd[i - 1]) continue;
      while (label < li) {
        label++;
        rawOff[base + label] = rawN;
        mergedOff[base + label] = mergedN;
        mEnd = -1;
      }
      rawStart[rawN] = start;
      rawEnd[rawN++] = end;
      if (start < mEnd) {
        if (end > mEnd) {
          mEnd = end;
          mergedEnd[mergedN - 1] = end;
        }
      } else {
        mergedStart[mergedN] = start;
        mergedEnd[mergedN++] = end;
        mEnd = end;
      }
    }
    while (label < L) {
      label++;
      rawOff[base + label] = rawN;
      mergedOff[base + label] = mergedN;
    }
    let row = records.get(r.document);
    if (!row) {
      row = new Array(A).fill(undefined);
      records.set(r.document, row);
    }
    row[ai] = new PackedRecord(packed, k, r.docLabels ?? {});
    recordOf[docIndex.get(r.document)! * A + ai] = k;
    k++;
  }
  for (let i = 0; i < mergedN; i++)
    if (mergedEnd[i] - mergedStart[i] > maxMerged) maxMerged = mergedEnd[i] - mergedStart[i];
  packed.maxMerged = maxMerged;
  return { docIds, lengths, annotators, labels, records, excluded, excludedByCaller, packed };
}

/** The documents every selected annotator annotated, in id order (the α_U continuum and Fleiss' scope). */
export function fullyAnnotated(c: Corpus): string[] {
  if (c.annotators.length === 0) return [];
  return c.docIds.filter((d) => c.records.get(d)?.every((r) => r !== undefined));
}
