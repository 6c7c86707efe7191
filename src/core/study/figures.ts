// A round's figures when it closes: every agreement figure on the round's documents and coders, the bootstrap
// intervals with q and verdicts, and the per-variable summary a project keeps for each closed round (so later
// rounds can be charted against it even after the codebook or the records change).
import {
  type BootstrapOptions,
  type BootstrapReport,
  bootstrapIntervals,
  type ConfidenceInterval,
  type QValue,
  type Verdict,
} from '../agreement/bootstrap';
import type { AgreementInput } from '../agreement/corpus';
import { type AgreementReport, agreementReport, type Num } from '../agreement/report';
import { type AnnotationRecord, DECISION_REASONS, type DecisionReason, GOLD } from '../model';
import { type RoundKind, roundAgreementInput, type StudyRound } from './round';

/** One variable of a closed round: a span label's α_U (or all spans), or a document label's α. */
export interface SummaryVariable {
  /** Stable across rounds: "span:<label>", "span:*" for all spans, "doc:<group>" or "doc:<group>:<option>". */
  key: string;
  kind: 'span' | 'document';
  name: string;
  alpha: Num;
  lower: Num;
  upper: Num;
  units: number;
  q: QValue[];
  verdict: Verdict | null;
  reason?: string;
}

/** What a project keeps of a closed round. */
export interface RoundSummary {
  round: string;
  kind: RoundKind;
  openedAt: string;
  closedAt?: string;
  codebookVersion: number;
  coders: string[];
  /** Documents every coder annotated (the α_U continuum). */
  documents: number;
  method: string;
  draws: number;
  seed: number;
  level: number;
  variables: SummaryVariable[];
}

/** Everything the report of a round is written from. */
export interface RoundFigures {
  input: AgreementInput;
  missingCoders: string[];
  agreement: AgreementReport;
  intervals: BootstrapReport;
  summary: RoundSummary;
}

function variable(key: string, kind: 'span' | 'document', name: string, ci: ConfidenceInterval): SummaryVariable {
  return {
    key,
    kind,
    name,
    alpha: ci.estimate,
    lower: ci.lower,
    upper: ci.upper,
    units: ci.units,
    q: ci.q,
    verdict: ci.verdict,
    ...(ci.reason ? { reason: ci.reason } : {}),
  };
}

/** The per-variable rows of a bootstrap run: all spans, each span label, each document-label variable. */
export function summaryVariables(intervals: BootstrapReport): SummaryVariable[] {
  const out = [variable('span:*', 'span', 'All span labels (α_U)', intervals.alpha_u.overall)];
  for (const [label, ci] of Object.entries(intervals.alpha_u.per_label))
    out.push(variable(`span:${label}`, 'span', label, ci));
  for (const [group, e] of Object.entries(intervals.document_labels)) {
    if ('options' in e)
      for (const [option, ci] of Object.entries(e.options))
        out.push(variable(`doc:${group}:${option}`, 'document', `${group}: ${option}`, ci));
    else out.push(variable(`doc:${group}`, 'document', group, e));
  }
  return out;
}

/** Every figure of a round (seeded: the same round gives the same figures). */
export function roundFigures(round: StudyRound, base: AgreementInput, options: BootstrapOptions = {}): RoundFigures {
  const { input, missingCoders } = roundAgreementInput(round, base);
  const agreement = agreementReport(input);
  const intervals = bootstrapIntervals(input, options);
  return {
    input,
    missingCoders,
    agreement,
    intervals,
    summary: {
      round: round.name,
      kind: round.kind,
      openedAt: round.openedAt,
      ...(round.closedAt ? { closedAt: round.closedAt } : {}),
      codebookVersion: round.codebookVersion,
      coders: agreement.annotators,
      documents: agreement.documents,
      method: intervals.method,
      draws: intervals.draws,
      seed: intervals.seed,
      level: intervals.level,
      variables: summaryVariables(intervals),
    },
  };
}

/** Per-variable α round by round, for a chart: one series per variable key, one point per round given. */
export interface AlphaSeries {
  rounds: string[];
  variables: {
    key: string;
    kind: 'span' | 'document';
    name: string;
    points: { round: string; alpha: Num; lower: Num; upper: Num }[];
  }[];
}

/** Lines up the summaries (in the order given) by variable; a variable missing from a round gets a null point. */
export function alphaSeries(summaries: readonly RoundSummary[]): AlphaSeries {
  const keys = new Map<string, { kind: 'span' | 'document'; name: string }>();
  for (const s of summaries) for (const v of s.variables) if (!keys.has(v.key)) keys.set(v.key, v);
  return {
    rounds: summaries.map((s) => s.round),
    variables: [...keys].map(([key, { kind, name }]) => ({
      key,
      kind,
      name,
      points: summaries.map((s) => {
        const v = s.variables.find((x) => x.key === key);
        return { round: s.round, alpha: v?.alpha ?? null, lower: v?.lower ?? null, upper: v?.upper ?? null };
      }),
    })),
  };
}

/** How the disagreements of the round's documents were settled into gold: decisions per reason and action. */
export interface SettlementCounts {
  /** reasons × (accept, reject, edit, merge, document label), in DECISION_REASONS order. */
  rows: {
    reason: DecisionReason;
    accept: number;
    reject: number;
    edit: number;
    merge: number;
    documentLabel: number;
  }[];
  total: number;
  /** Documents of the round with a gold record. */
  documents: number;
}

/** Counts the gold decisions recorded on the given documents. */
export function settlementCounts(records: readonly AnnotationRecord[], documents: readonly string[]): SettlementCounts {
  const docs = new Set(documents);
  const rows = DECISION_REASONS.map((reason) => ({
    reason,
    accept: 0,
    reject: 0,
    edit: 0,
    merge: 0,
    documentLabel: 0,
  }));
  const at = new Map(rows.map((r) => [r.reason, r]));
  let total = 0;
  const golds = new Set<string>();
  for (const r of records) {
    if (r.annotator !== GOLD || !docs.has(r.document)) continue;
    golds.add(r.document);
    for (const d of r.decisions ?? []) {
      const row = at.get(d.reason);
      if (!row) continue;
      row[d.action]++;
      total++;
    }
    for (const d of r.docLabelDecisions ?? []) {
      const row = at.get(d.reason);
      if (!row) continue;
      row.documentLabel++;
      total++;
    }
  }
  return { rows, total, documents: golds.size };
}
