// Training rounds: each coder against gold (the adjudicated layer), per label, once the coder has submitted;
// and whether the coder reaches the minimum the project set for joining the main coding.
import type { AgreementInput } from '../agreement/corpus';
import { agreementReport, type DocLabelFigures, type Num } from '../agreement/report';
import { GOLD } from '../model';

/** The span measures a requirement can name (coder vs gold). */
export type SpanMeasure = 'f1_overlap' | 'f1_exact' | 'alpha_u';
/** The document-label measures a requirement can name (coder vs gold). */
export type DocumentMeasure = 'percent_agreement' | 'cohen_kappa';

/** What a coder must reach against gold: on spans (overall or every label) and, optionally, on document labels. */
export interface TrainingRequirement {
  measure: SpanMeasure;
  minimum: number;
  scope: 'overall' | 'every-label';
  documentLabels?: { measure: DocumentMeasure; minimum: number };
}

/** One figure of a coder against gold; null with the reason when it is undefined. */
export interface GoldScore {
  value: Num;
  reason?: string;
}

/** A coder's agreement with gold on one span label. */
export interface LabelScores {
  label: string;
  f1_exact: GoldScore;
  f1_overlap: GoldScore;
  alpha_u: GoldScore;
}

/** A coder's agreement with gold on one document-label variable (a group, or one option of a multi-choice group). */
export interface VariableScores {
  variable: string;
  percent_agreement: GoldScore;
  cohen_kappa: GoldScore;
}

/** Everything one coder sees after submitting a training round. */
export interface CoderTraining {
  coder: string;
  /** Documents with both a record of the coder and gold. */
  documents: number;
  overall: Omit<LabelScores, 'label'>;
  labels: LabelScores[];
  documentLabels: VariableScores[];
}

function score(reasons: Record<string, string>, pointer: string, value: Num): GoldScore {
  return value === null ? { value, reason: reasons[pointer] ?? 'undefined' } : { value };
}

function pointerSegment(s: string | number): string {
  return `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/** A coder against gold on the given input (restricted to the round's documents by the caller). */
export function coderVersusGold(input: AgreementInput, coder: string): CoderTraining {
  const hasGold = input.records.some((r) => r.annotator === GOLD);
  const hasCoder = input.records.some((r) => r.annotator === coder);
  const none = !hasGold ? 'no gold on these documents yet' : 'no record of this coder on these documents';
  if (!hasGold || !hasCoder) {
    const empty = { value: null, reason: none };
    return {
      coder,
      documents: 0,
      overall: { f1_exact: empty, f1_overlap: empty, alpha_u: empty },
      labels: [],
      documentLabels: [],
    };
  }
  const report = agreementReport({ ...input, annotators: [coder, GOLD], labels: undefined });
  const r = report.null_reasons;
  const pair = report.spans.pairs[0];
  const at = (...path: (string | number)[]) => path.map(pointerSegment).join('');
  const overall = {
    f1_exact: score(r, at('spans', 'pairs', 0, 'f1_exact', 'overall'), pair.f1_exact.overall),
    f1_overlap: score(r, at('spans', 'pairs', 0, 'f1_overlap', 'overall'), pair.f1_overlap.overall),
    alpha_u: score(r, at('spans', 'alpha_u', 'overall'), report.spans.alpha_u.overall),
  };
  const labels = report.labels.map((label) => ({
    label,
    f1_exact: score(r, at('spans', 'pairs', 0, 'f1_exact', 'per_label', label), pair.f1_exact.per_label[label]),
    f1_overlap: score(r, at('spans', 'pairs', 0, 'f1_overlap', 'per_label', label), pair.f1_overlap.per_label[label]),
    alpha_u: score(r, at('spans', 'alpha_u', 'per_label', label), report.spans.alpha_u.per_label[label]),
  }));
  const documentLabels: VariableScores[] = [];
  const add = (variable: string, f: DocLabelFigures, path: (string | number)[]) => {
    const p = f.pairs[0];
    documentLabels.push({
      variable,
      percent_agreement: score(r, at(...path, 'pairs', 0, 'percent_agreement'), p?.percent_agreement ?? null),
      cohen_kappa: score(r, at(...path, 'pairs', 0, 'cohen_kappa'), p?.cohen_kappa ?? null),
    });
  };
  for (const [group, g] of Object.entries(report.document_labels)) {
    if ('options' in g)
      for (const [option, f] of Object.entries(g.options))
        add(`${group}: ${option}`, f, ['document_labels', group, 'options', option]);
    else add(group, g, ['document_labels', group]);
  }
  return { coder, documents: pair.documents, overall, labels, documentLabels };
}

/** Where a coder falls short of the requirement. */
export interface Shortfall {
  variable: string;
  measure: SpanMeasure | DocumentMeasure;
  value: Num;
  minimum: number;
  reason?: string;
}

/** Whether a coder may join the main coding: every figure the requirement names reaches its minimum. */
export function meetsRequirement(
  t: CoderTraining,
  req: TrainingRequirement,
): { passed: boolean; shortfalls: Shortfall[] } {
  const shortfalls: Shortfall[] = [];
  if (t.documents === 0)
    return {
      passed: false,
      shortfalls: [
        {
          variable: '(all)',
          measure: req.measure,
          value: null,
          minimum: req.minimum,
          reason: t.overall[req.measure].reason ?? 'no document coded with gold to compare',
        },
      ],
    };
  const check = (variable: string, measure: SpanMeasure | DocumentMeasure, s: GoldScore, minimum: number) => {
    if (s.value === null || s.value < minimum)
      shortfalls.push({ variable, measure, value: s.value, minimum, ...(s.reason ? { reason: s.reason } : {}) });
  };
  if (req.scope === 'overall') check('(all labels)', req.measure, t.overall[req.measure], req.minimum);
  // a label neither gold nor the coder used is not assessed
  else
    for (const l of t.labels)
      if (l[req.measure].value !== null) check(l.label, req.measure, l[req.measure], req.minimum);
  if (req.documentLabels) {
    const { measure, minimum } = req.documentLabels;
    for (const v of t.documentLabels) if (v[measure].value !== null) check(v.variable, measure, v[measure], minimum);
  }
  return { passed: shortfalls.length === 0, shortfalls };
}

/** Validates a requirement (minimums within the range of their measure). */
export function checkRequirement(req: TrainingRequirement): void {
  const inRange = (m: number, lo: number) => Number.isFinite(m) && m >= lo && m <= 1;
  if (!inRange(req.minimum, req.measure === 'alpha_u' ? -1 : 0))
    throw new Error(`the minimum for ${req.measure} must lie within its range, got ${req.minimum}`);
  if (req.documentLabels && !inRange(req.documentLabels.minimum, req.documentLabels.measure === 'cohen_kappa' ? -1 : 0))
    throw new Error(`the minimum for ${req.documentLabels.measure} must lie within its range`);
}
