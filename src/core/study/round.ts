// A reliability round: a named, seeded sample of documents coded independently by a set of coders under a
// frozen codebook version, open until it is closed. While a round is open its documents are blind to its coders:
// no other coder's layer, suggestion, outlet phrase or agreement figure on them (Krippendorff 2004, §11.2:
// coders must work independently for agreement to mean reliability).
import type { AgreementInput } from '../agreement/corpus';
import { type AnnotationRecord, type DocumentOrder, GOLD } from '../model';
import type { DrawnSample } from './sample';
import { checkRequirement, type TrainingRequirement } from './training';

/** A training (pilot) round is compared with gold; a main round's agreement is the reliability reported. */
export type RoundKind = 'training' | 'main';

/** Open rounds are being coded; closed ones are kept with their figures. */
export type RoundState = 'open' | 'closed';

/** One round as the project stores it. */
export interface StudyRound {
  name: string;
  kind: RoundKind;
  /** Plain string order. */
  coders: string[];
  /** The codebook version frozen for the round. */
  codebookVersion: number;
  sample: DrawnSample;
  state: RoundState;
  openedAt: string;
  openedBy?: string;
  closedAt?: string;
  closedBy?: string;
  /** Training rounds: what a coder must reach against gold to join the main coding. */
  requirement?: TrainingRequirement;
  /** What "next document" followed when the round opened (the report says it); absent in older files. */
  documentOrder?: DocumentOrder;
  /** Set at closing when the project's document order had changed since the round opened. */
  closingDocumentOrder?: DocumentOrder;
}

/** What creating a round needs besides the sample. */
export interface RoundSpec {
  name: string;
  kind: RoundKind;
  coders: readonly string[];
  codebookVersion: number;
  sample: DrawnSample;
  at: string;
  by?: string;
  requirement?: TrainingRequirement;
  documentOrder?: DocumentOrder;
}

function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A new open round; throws with one line on a name already taken, too few coders, or gold as a coder. */
export function createRound(existing: readonly StudyRound[], spec: RoundSpec): StudyRound {
  const name = spec.name.trim();
  if (name === '') throw new Error('a round needs a name');
  if (/\p{Cc}/u.test(name)) throw new Error('a round name cannot hold control characters');
  if (existing.some((r) => r.name === name)) throw new Error(`a round named "${name}" exists already`);
  const coders = [...new Set(spec.coders.map((c) => c.trim()).filter(Boolean))].sort(byString);
  if (coders.includes(GOLD)) throw new Error(`"${GOLD}" is the adjudicated layer, not a coder`);
  const least = spec.kind === 'main' ? 2 : 1;
  if (coders.length < least)
    throw new Error(
      spec.kind === 'main'
        ? 'a main round needs at least two coders: reliability is agreement between coders'
        : 'a training round needs at least one coder',
    );
  if (!Number.isInteger(spec.codebookVersion) || spec.codebookVersion < 1)
    throw new Error(`codebook version must be a whole number ≥ 1, got ${spec.codebookVersion}`);
  if (spec.requirement && spec.kind !== 'training') throw new Error('only a training round sets a requirement');
  if (spec.requirement) checkRequirement(spec.requirement);
  return {
    name,
    kind: spec.kind,
    coders,
    codebookVersion: spec.codebookVersion,
    sample: spec.sample,
    state: 'open',
    openedAt: spec.at,
    ...(spec.by ? { openedBy: spec.by } : {}),
    ...(spec.requirement ? { requirement: spec.requirement } : {}),
    ...(spec.documentOrder ? { documentOrder: spec.documentOrder } : {}),
  };
}

/** The round closed at `at`; throws when it is closed already. */
export function closeRound(round: StudyRound, at: string, by?: string, order?: DocumentOrder): StudyRound {
  if (round.state === 'closed') throw new Error(`round "${round.name}" is closed already`);
  const changed = order && round.documentOrder && order !== round.documentOrder;
  return {
    ...round,
    state: 'closed',
    closedAt: at,
    ...(by ? { closedBy: by } : {}),
    ...(changed ? { closingDocumentOrder: order } : {}),
  };
}

/** The documents `viewer` codes in some open round: others' work on them is hidden from the viewer. */
export function blindDocuments(rounds: readonly StudyRound[], viewer: string): Set<string> {
  const out = new Set<string>();
  for (const r of rounds)
    if (r.state === 'open' && r.coders.includes(viewer)) for (const d of r.sample.documents) out.add(d);
  return out;
}

/**
 * Whether `viewer` must not see what others did on `document`: other coders' and gold's layers, suggestions
 * drawn from them, outlet phrase views and agreement figures. False for anyone who is not a coder of an open
 * round holding the document (the lead, an adjudicator), and for everything once the round is closed.
 */
export function isBlind(rounds: readonly StudyRound[], document: string, viewer: string): boolean {
  return rounds.some((r) => r.state === 'open' && r.coders.includes(viewer) && r.sample.documents.includes(document));
}

/** The records `viewer` may see: everything but other annotators' (and gold's) records on blind documents. */
export function visibleRecords<T extends Pick<AnnotationRecord, 'document' | 'annotator'>>(
  rounds: readonly StudyRound[],
  viewer: string,
  records: readonly T[],
): T[] {
  const blind = blindDocuments(rounds, viewer);
  if (blind.size === 0) return [...records];
  return records.filter((r) => r.annotator === viewer || !blind.has(r.document));
}

/** Open rounds a codebook edit would break (their frozen version is the current one): end them or start anew. */
export function roundsFrozenBy(rounds: readonly StudyRound[]): StudyRound[] {
  return rounds.filter((r) => r.state === 'open');
}

/** One coder's progress on a round, from the records. */
export interface CoderProgress {
  coder: string;
  assigned: number;
  done: number;
  inProgress: number;
  notStarted: number;
  /** Records coded under another codebook version than the one frozen for the round. */
  otherCodebook: number;
}

/** Progress per coder: done, in progress, not started (no record, todo or skipped), and codebook mismatches. */
export function roundProgress(
  round: StudyRound,
  records: readonly Pick<AnnotationRecord, 'document' | 'annotator' | 'status' | 'codebookVersion' | 'updatedAt'>[],
): CoderProgress[] {
  const docs = new Set(round.sample.documents);
  const latest = new Map<string, (typeof records)[number]>();
  for (const r of records) {
    if (!docs.has(r.document) || !round.coders.includes(r.annotator)) continue;
    const key = `${r.annotator}\u0000${r.document}`;
    const prev = latest.get(key);
    if (!prev || (r.updatedAt ?? '') >= (prev.updatedAt ?? '')) latest.set(key, r);
  }
  return round.coders.map((coder) => {
    let done = 0;
    let inProgress = 0;
    let otherCodebook = 0;
    for (const d of round.sample.documents) {
      const r = latest.get(`${coder}\u0000${d}`);
      if (!r) continue;
      if (r.status === 'done') done++;
      else if (r.status === 'in_progress') inProgress++;
      if ((r.status === 'done' || r.status === 'in_progress') && r.codebookVersion !== round.codebookVersion)
        otherCodebook++;
    }
    const assigned = round.sample.documents.length;
    return { coder, assigned, done, inProgress, notStarted: assigned - done - inProgress, otherCodebook };
  });
}

/** Whether a coder marked every document of the round done. */
export function hasSubmitted(progress: readonly CoderProgress[], coder: string): boolean {
  const p = progress.find((x) => x.coder === coder);
  return p !== undefined && p.assigned > 0 && p.done === p.assigned;
}

/**
 * The agreement input of a round: its documents, its coders' records on them (and gold's, for training). The
 * coders with no counted record are returned apart: agreement cannot select an annotator who has no record.
 */
export function roundAgreementInput(
  round: StudyRound,
  base: AgreementInput,
  options: { withGold?: boolean } = {},
): { input: AgreementInput; missingCoders: string[] } {
  const docs = new Set(round.sample.documents);
  const who = new Set<string>(round.coders);
  if (options.withGold) who.add(GOLD);
  const records = base.records.filter((r) => docs.has(r.document) && who.has(r.annotator));
  const counted = new Set(
    records.filter((r) => r.status === 'done' || r.status === 'in_progress').map((r) => r.annotator),
  );
  const present = round.coders.filter((c) => counted.has(c));
  return {
    input: {
      ...base,
      documents: base.documents.filter((d) => docs.has(d.id)),
      records,
      annotators: present,
      labels: undefined,
      excluded: Array.isArray(base.excluded) ? base.excluded.filter((e) => docs.has(e.document)) : base.excluded,
    },
    missingCoders: round.coders.filter((c) => !counted.has(c)),
  };
}
