// The candidate spans of one document: every distinct span any annotator marked (identical spans grouped),
// each with how the other annotators differ on it and what gold decided about it.
import { countedRecords } from '../../core/adjudication';
import { type AnnotationRecord, GOLD, type GoldDecision } from '../../core/model';
import { spanKey } from '../state/spans';

type DiffKind = 'missing' | 'label' | 'boundaries';

/** A span without its note, as decisions carry it. */
export interface PlainSpan {
  start: number;
  end: number;
  label: string;
}

/** How one annotator who did not mark a candidate exactly differs on it. */
export interface CandidateDiff {
  annotator: string;
  kind: DiffKind;
  /** That annotator's nearest overlapping span (label or boundaries differ). */
  other?: PlainSpan;
}

/** One span to settle: who marked it, how the others differ, and gold's decision. */
export interface Candidate {
  /** Position and label: identical spans of several annotators are one candidate, whatever their ids. */
  key: string;
  span: PlainSpan;
  sources: string[];
  diffs: CandidateDiff[];
  inGold: boolean;
  /** The latest decision that settled this span (null: undecided). */
  decision: GoldDecision | null;
  /** A gold span no annotator marked (the result of an edit or merge). */
  goldOnly: boolean;
}

const plain = (s: PlainSpan): PlainSpan => ({ start: s.start, end: s.end, label: s.label });
const overlap = (a: PlainSpan, b: PlainSpan) => Math.min(a.end, b.end) - Math.max(a.start, b.start);

function diffOf(span: PlainSpan, annotator: string, spans: readonly PlainSpan[]): CandidateDiff {
  const hits = spans.filter((s) => overlap(s, span) > 0).sort((x, y) => overlap(y, span) - overlap(x, span));
  const same = hits.find((s) => s.label === span.label);
  if (same) return { annotator, kind: 'boundaries', other: plain(same) };
  if (hits.length) return { annotator, kind: 'label', other: plain(hits[0]) };
  return { annotator, kind: 'missing' };
}

function lastDecision(gold: AnnotationRecord | null, key: string): GoldDecision | null {
  const ds = gold?.decisions ?? [];
  for (let i = ds.length - 1; i >= 0; i--)
    if (spanKey(ds[i].span) === key || (ds[i].replaces ?? []).some((r) => spanKey(r) === key)) return ds[i];
  return null;
}

/** The records that count (in progress or done), gold left out, sorted by annotator. */
export function coderRecords(records: readonly AnnotationRecord[]): AnnotationRecord[] {
  return countedRecords([...records]).sort((a, b) => (a.annotator < b.annotator ? -1 : 1));
}

/** Every candidate of a document in text order, gold spans nobody marked included. */
export function candidatesOf(records: readonly AnnotationRecord[]): Candidate[] {
  const coders = coderRecords(records);
  const gold = records.find((r) => r.annotator === GOLD) ?? null;
  const goldKeys = new Set((gold?.spans ?? []).map(spanKey));
  const byKey = new Map<string, { span: PlainSpan; sources: string[] }>();
  for (const r of coders)
    for (const s of r.spans) {
      const k = spanKey(s);
      const entry = byKey.get(k) ?? { span: plain(s), sources: [] };
      if (!entry.sources.includes(r.annotator)) entry.sources.push(r.annotator);
      byKey.set(k, entry);
    }
  for (const s of gold?.spans ?? []) if (!byKey.has(spanKey(s))) byKey.set(spanKey(s), { span: plain(s), sources: [] });
  const out: Candidate[] = [...byKey.entries()].map(([key, { span, sources }]) => {
    const diffs =
      sources.length === 0
        ? []
        : coders.filter((r) => !sources.includes(r.annotator)).map((r) => diffOf(span, r.annotator, r.spans));
    const inGold = goldKeys.has(key);
    const decision = lastDecision(gold, key);
    return { key, span, sources, diffs, inGold, decision, goldOnly: sources.length === 0 };
  });
  return out.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || (a.key < b.key ? -1 : 1));
}

/** The candidates a merge can unite with the chosen one (those overlapping it, itself first). */
export function overlappingCandidates(all: readonly Candidate[], chosen: Candidate): Candidate[] {
  return [chosen, ...all.filter((c) => c.key !== chosen.key && overlap(c.span, chosen.span) > 0)];
}
