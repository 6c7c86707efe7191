// What the agreement dashboard shows, computed from the project's annotation records (in a worker):
// the report first, the bootstrap intervals after (they take longer).
import {
  type AgreementInput,
  type AgreementReport,
  agreementReport,
  type BootstrapReport,
  bootstrapIntervals,
  type Disagreement,
  disagreements,
  type LabelConfusion,
  labelConfusion,
  type RelationDisagreement,
  relationDisagreements,
} from '../../core/agreement';
import { hasModelLayer, type ModelAgreement, modelAgreement } from '../../core/learn/modelAgreement';

/** The fast part of the dashboard: every figure, the confusion matrix and the disagreement list. */
export interface Figures {
  report: AgreementReport;
  confusion: LabelConfusion;
  disagreements: Disagreement[];
  /** Relations one coder of a pair has and the other lacks, under the relation F1's exact matching. */
  relationDisagreements: RelationDisagreement[];
  /** The model against each coder and gold, beside the coders' pairs; null without a model layer. */
  model: ModelAgreement | null;
}

/** Seeded, so the same annotations always show the same interval. */
const BOOTSTRAP = { draws: 1000, seed: 1 } as const;

/** One message from the engine to the dashboard, tagged with the run it belongs to. */
export type EngineMessage =
  | { run: number; kind: 'figures'; figures: Figures }
  /** Bootstrap draws done of all (both bootstraps), while the intervals are computed. */
  | { run: number; kind: 'progress'; done: number; total: number }
  | { run: number; kind: 'intervals'; intervals: BootstrapReport; model: ModelAgreement['intervals'] | null }
  | { run: number; kind: 'error'; message: string };

export interface EngineRequest {
  run: number;
  input: AgreementInput;
}

function computeFigures(input: AgreementInput): Figures {
  return {
    report: agreementReport(input),
    confusion: labelConfusion(input),
    disagreements: disagreements(input),
    relationDisagreements: relationDisagreements(input),
    model: hasModelLayer(input) ? modelAgreement(input) : null,
  };
}

function computeIntervals(input: AgreementInput, onProgress: (done: number, total: number) => void): BootstrapReport {
  return bootstrapIntervals(input, { ...BOOTSTRAP, onProgress });
}

function computeModelIntervals(input: AgreementInput): ModelAgreement['intervals'] | null {
  return hasModelLayer(input) ? (modelAgreement(input, { intervals: true, ...BOOTSTRAP }).intervals ?? null) : null;
}

/** Answers one request in two steps, reporting each through post (the worker's postMessage). */
export function answer(req: EngineRequest, post: (m: EngineMessage) => void, cancelled: () => boolean = () => false) {
  try {
    post({ run: req.run, kind: 'figures', figures: computeFigures(req.input) });
    if (cancelled()) return;
    const intervals = computeIntervals(req.input, (done, total) =>
      post({ run: req.run, kind: 'progress', done, total }),
    );
    if (cancelled()) return;
    post({ run: req.run, kind: 'intervals', intervals, model: computeModelIntervals(req.input) });
  } catch (err) {
    post({ run: req.run, kind: 'error', message: err instanceof Error ? err.message : String(err) });
  }
}
