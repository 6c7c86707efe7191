// The model beside the humans: from one agreement report computed with `model` among the annotators, the
// mean pairwise figure among the coders and the mean of the model's pairs with them, per label, so a view
// can say plainly where the model agrees with coders less than they agree with each other.
import type { AgreementReport, Num } from '../agreement';
import { GOLD } from '../model';
import { MODEL } from './targets';

/** The pairwise span measures of the agreement report. */
export type PairMeasure = 'f1_exact' | 'f1_overlap' | 'cohen_kappa_char';

/** One measure for one label (null label = overall). */
export interface ModelComparison {
  measure: PairMeasure;
  label: string | null;
  /** Mean over the pairs of coders (gold and the model left out); null when no pair has the figure. */
  humans: Num;
  humanPairs: number;
  /** Mean over the model's pairs with each coder. */
  model: Num;
  modelPairs: number;
  /** The model against gold, when gold was among the annotators. */
  modelVsGold: Num;
  /** Whether the model agrees with the coders less than they agree with each other (null: not comparable). */
  below: boolean | null;
}

function mean(values: Num[]): { value: Num; n: number } {
  const ok = values.filter((v): v is number => v !== null);
  return { value: ok.length ? ok.reduce((a, b) => a + b, 0) / ok.length : null, n: ok.length };
}

/** Compares the model with the coders on every pairwise span measure, overall and per label. */
export function compareModelWithHumans(report: AgreementReport, model: string = MODEL): ModelComparison[] {
  const out: ModelComparison[] = [];
  const isHuman = (a: string) => a !== model && a !== GOLD;
  const humanPairs = report.spans.pairs.filter((p) => isHuman(p.a) && isHuman(p.b));
  const modelPairs = report.spans.pairs.filter(
    (p) => (p.a === model && isHuman(p.b)) || (p.b === model && isHuman(p.a)),
  );
  const goldPair = report.spans.pairs.find((p) => (p.a === model && p.b === GOLD) || (p.b === model && p.a === GOLD));
  for (const measure of ['f1_exact', 'f1_overlap', 'cohen_kappa_char'] as const)
    for (const label of [null, ...report.labels]) {
      const pick = (p: AgreementReport['spans']['pairs'][number]): Num =>
        label === null ? p[measure].overall : (p[measure].per_label[label] ?? null);
      const h = mean(humanPairs.map(pick));
      const m = mean(modelPairs.map(pick));
      out.push({
        measure,
        label,
        humans: h.value,
        humanPairs: h.n,
        model: m.value,
        modelPairs: m.n,
        modelVsGold: goldPair ? pick(goldPair) : null,
        below: h.value === null || m.value === null ? null : m.value < h.value,
      });
    }
  return out;
}
