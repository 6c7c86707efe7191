// The gold layer: adjudication decisions applied to annotations/gold/<document>.json (saved by
// Project like any record, the read and the save under one hold of the project lock), each one recorded
// with who made it and why.
import {
  applyDecisions,
  applyRelationDecision,
  isDecided,
  isDocLabelDecided,
  reasonCounts,
  unanimousDocLabels,
  unanimousSpans,
} from '../core/adjudication';
import type {
  AcceptUnanimousOptions,
  AcceptUnanimousReport,
  DecisionInput,
  DocLabelDecisionInput,
  RelationDecisionInput,
} from '../core/api';
import { type AnnotationRecord, GOLD } from '../core/model';
import { type Project, ProjectError, type RecordInput } from './project';

/** Every annotator's record of one document, gold excluded. */
async function coderRecords(project: Project, document: string): Promise<AnnotationRecord[]> {
  return (await project.listRecords(document)).filter((r) => r.annotator !== GOLD);
}

/** Applies decisions to one document's gold record and saves it (durably, like any save). */
export function decide(project: Project, document: string, decisions: DecisionInput[]): Promise<AnnotationRecord> {
  return project.exclusive(() => decideNow(project, document, decisions));
}

/**
 * Reads gold, lets `change` say what to change (it may refuse by throwing), and saves gold with everything
 * else kept as it is.
 */
async function updateGold(
  project: Project,
  document: string,
  change: (
    current: AnnotationRecord | null,
    entry: ReturnType<Project['entry']>,
  ) => Partial<Pick<RecordInput, 'spans' | 'relations' | 'docLabels' | GoldDecisionField>>,
): Promise<AnnotationRecord> {
  const entry = project.entry(document);
  const current = await project.readRecord(GOLD, document);
  const changed = change(current, entry);
  return project.saveRecord({
    document,
    annotator: GOLD,
    textHash: entry.textHash,
    status: current?.status ?? 'in_progress',
    spans: current?.spans ?? [],
    docLabels: current?.docLabels ?? {},
    ...(current?.decisions ? { decisions: current.decisions } : {}),
    ...(current?.docLabelDecisions ? { docLabelDecisions: current.docLabelDecisions } : {}),
    ...(current?.relationDecisions ? { relationDecisions: current.relationDecisions } : {}),
    ...changed,
  });
}

type GoldDecisionField = 'decisions' | 'docLabelDecisions' | 'relationDecisions';

function decideNow(project: Project, document: string, decisions: DecisionInput[]): Promise<AnnotationRecord> {
  return updateGold(project, document, (current, entry) => {
    const stamped = decisions.map((d) => ({ ...d, at: new Date().toISOString() }));
    for (const d of stamped)
      if (d.span.end > entry.length || d.span.end <= d.span.start)
        throw new ProjectError(`refused: decision span ${d.span.start}-${d.span.end} does not fit ${document}`);
    const applied = applyDecisions(current ?? { spans: [] }, stamped);
    return { spans: applied.spans, decisions: [...(current?.decisions ?? []), ...applied.decisions] };
  });
}

/** Settles one document-level label group into gold (the chosen value, or null to clear it). */
export function decideDocLabel(
  project: Project,
  document: string,
  decision: DocLabelDecisionInput,
): Promise<AnnotationRecord> {
  return project.exclusive(() => decideDocLabelNow(project, document, decision));
}

function decideDocLabelNow(
  project: Project,
  document: string,
  decision: DocLabelDecisionInput,
): Promise<AnnotationRecord> {
  return updateGold(project, document, (current) => {
    const docLabels = { ...(current?.docLabels ?? {}) };
    if (decision.value === null) delete docLabels[decision.group];
    else docLabels[decision.group] = decision.value;
    return {
      docLabels,
      docLabelDecisions: [...(current?.docLabelDecisions ?? []), { ...decision, at: new Date().toISOString() }],
    };
  });
}

/** Settles one relation into gold; refused unless both its spans are in gold. */
export function decideRelation(
  project: Project,
  document: string,
  input: RelationDecisionInput,
): Promise<AnnotationRecord> {
  return project.exclusive(() => decideRelationNow(project, document, input));
}

function decideRelationNow(
  project: Project,
  document: string,
  input: RelationDecisionInput,
): Promise<AnnotationRecord> {
  return updateGold(project, document, (current) => {
    let applied: ReturnType<typeof applyRelationDecision>;
    try {
      applied = applyRelationDecision(current ?? { spans: [] }, { ...input, at: new Date().toISOString() });
    } catch (error) {
      throw new ProjectError(`refused: ${(error as Error).message}`);
    }
    return {
      relations: applied.relations,
      relationDecisions: [...(current?.relationDecisions ?? []), applied.decision],
    };
  });
}

/**
 * `framelens adjudicate --accept-unanimous`: puts into gold every span that at least `min`
 * annotators of a document marked identically (default: all who annotated it), and every document-label
 * group (stance, frames) they gave the same value, leaving what gold already decided untouched. One save
 * per document, so a document's spans and labels are settled together or not at all.
 */
export function acceptUnanimous(project: Project, options: AcceptUnanimousOptions): Promise<AcceptUnanimousReport> {
  return project.exclusive(() => acceptUnanimousNow(project, options));
}

async function acceptUnanimousNow(project: Project, options: AcceptUnanimousOptions): Promise<AcceptUnanimousReport> {
  const report: AcceptUnanimousReport = {
    documents: 0,
    accepted: 0,
    acceptedDocLabels: 0,
    alreadyDecided: 0,
    singleAnnotatorDocuments: [],
  };
  for (const id of project.index.keys()) {
    const records = await coderRecords(project, id);
    const counted = records.filter((r) => r.status === 'in_progress' || r.status === 'done');
    if (counted.length === 0) continue;
    if (counted.length === 1 && options.min === undefined) report.singleAnnotatorDocuments.push(id);
    const gold = await project.readRecord(GOLD, id);
    const fresh = unanimousSpans(records, options.min).filter((u) => {
      const decided = isDecided(gold, u.span);
      if (decided) report.alreadyDecided++;
      return !decided;
    });
    const freshLabels = unanimousDocLabels(records, options.min).filter((u) => {
      const decided = isDocLabelDecided(gold, u.group);
      if (decided) report.alreadyDecided++;
      return !decided;
    });
    if (!fresh.length && !freshLabels.length) continue;
    const entry = project.entry(id);
    const at = new Date().toISOString();
    const applied = applyDecisions(
      gold ?? { spans: [] },
      fresh.map((u) => ({
        action: 'accept' as const,
        span: u.span,
        sources: u.sources,
        by: options.by,
        reason: 'unanimous' as const,
        at,
      })),
    );
    const docLabels = { ...(gold?.docLabels ?? {}) };
    for (const u of freshLabels) docLabels[u.group] = u.value;
    const labelDecisions = [
      ...(gold?.docLabelDecisions ?? []),
      ...freshLabels.map((u) => ({
        group: u.group,
        value: u.value,
        sources: u.sources,
        by: options.by,
        reason: 'unanimous' as const,
        at,
      })),
    ];
    await project.saveRecord({
      document: id,
      annotator: GOLD,
      textHash: entry.textHash,
      status: gold?.status ?? 'in_progress',
      spans: applied.spans,
      docLabels,
      decisions: [...(gold?.decisions ?? []), ...applied.decisions],
      ...(labelDecisions.length ? { docLabelDecisions: labelDecisions } : {}),
      ...(gold?.relationDecisions ? { relationDecisions: gold.relationDecisions } : {}),
    });
    report.documents++;
    report.accepted += fresh.length;
    report.acceptedDocLabels += freshLabels.length;
  }
  return report;
}

/** Decision reasons counted per label across the gold layer (to improve the codebook). */
export async function goldReasonCounts(project: Project): Promise<Record<string, Record<string, number>>> {
  return reasonCounts(await project.records(GOLD));
}
