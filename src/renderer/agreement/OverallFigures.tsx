// The headline figures: α_U and character-level Fleiss' κ over all spans, each with its bootstrap interval
// (where there is one) and a one-line reading.
import type { AgreementReport, BootstrapReport, ConfidenceInterval } from '../../core/agreement';
import { FigureValue, IntervalText, QText, VerdictText } from './FigureValue';
import { READINGS } from './readings';

interface Card {
  key: string;
  title: string;
  value: number | null;
  reason?: string;
  ci?: ConfidenceInterval | null;
  reading: string;
}

export function OverallFigures({ report, intervals }: { report: AgreementReport; intervals: BootstrapReport | null }) {
  const cards: Card[] = [
    {
      key: 'alpha_u',
      title: 'α_U (spans)',
      value: report.spans.alpha_u.overall,
      reason: report.null_reasons['/spans/alpha_u/overall'],
      ci: intervals ? intervals.alpha_u.overall : undefined,
      reading: READINGS.alpha_u,
    },
    {
      key: 'fleiss',
      title: "Fleiss' κ (characters)",
      value: report.spans.fleiss_kappa_char.overall,
      reason: report.null_reasons['/spans/fleiss_kappa_char/overall'],
      ci: null,
      reading: READINGS.fleiss_kappa_char,
    },
  ];
  return (
    <section className="ag-cards" aria-label="Overall figures">
      {cards.map((c) => (
        <div key={c.key} className="ag-card" data-testid={`ag-card-${c.key}`}>
          <div className="ag-card-title">{c.title}</div>
          <div className="ag-card-value">
            <FigureValue value={c.value} reason={c.reason} testId={c.key === 'alpha_u' ? 'ag-alpha-u' : undefined} />
          </div>
          <IntervalText ci={c.ci} />
          {c.ci !== null && (
            <div className="ag-card-verdict">
              <VerdictText ci={c.ci} /> <QText ci={c.ci} />
            </div>
          )}
          <p className="ag-reading">{c.reading}</p>
        </div>
      ))}
    </section>
  );
}
