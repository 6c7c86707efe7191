// Per-label figures: which labels the team codes reliably and which need a clearer codebook entry.
import type { AgreementReport, BootstrapReport, Num } from '../../core/agreement';
import { FigureValue, IntervalText, QText, VerdictText } from './FigureValue';
import { fmt, pointer } from './readings';

function mean(values: Num[]): Num {
  const defined = values.filter((v): v is number => v !== null);
  return defined.length ? defined.reduce((s, v) => s + v, 0) / defined.length : null;
}

export function LabelTable({ report, intervals }: { report: AgreementReport; intervals: BootstrapReport | null }) {
  if (report.labels.length === 0) return <p className="muted">No span labels in the selected records.</p>;
  return (
    <table className="ag-table" data-testid="ag-labels">
      <thead>
        <tr>
          <th>Label</th>
          <th>α_U</th>
          <th>95% CI</th>
          <th title="The share of bootstrap resamples in which α_U falls below the minimum">q</th>
          <th>Fleiss' κ</th>
          <th title="mean over annotator pairs">F1 exact</th>
          <th title="mean over annotator pairs">F1 overlap</th>
          <th title="From the interval only: reliable when its lower bound reaches .800, tentative when it reaches .667, unreliable when its upper bound stays below .667; none without an interval">
            Verdict
          </th>
        </tr>
      </thead>
      <tbody>
        {report.labels.map((l) => {
          const a = report.spans.alpha_u.per_label[l];
          const ci = intervals ? (intervals.alpha_u.per_label[l] ?? null) : undefined;
          return (
            <tr key={l} data-testid="ag-label-row">
              <th scope="row">{l}</th>
              <td>
                <FigureValue value={a} reason={report.null_reasons[pointer('spans', 'alpha_u', 'per_label', l)]} />
              </td>
              <td>
                <IntervalText ci={ci} />
              </td>
              <td>
                <QText ci={ci} />
              </td>
              <td>
                <FigureValue
                  value={report.spans.fleiss_kappa_char.per_label[l]}
                  reason={report.null_reasons[pointer('spans', 'fleiss_kappa_char', 'per_label', l)]}
                />
              </td>
              <td>{fmt(mean(report.spans.pairs.map((p) => p.f1_exact.per_label[l])))}</td>
              <td>{fmt(mean(report.spans.pairs.map((p) => p.f1_overlap.per_label[l])))}</td>
              <td>
                <VerdictText ci={ci} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
