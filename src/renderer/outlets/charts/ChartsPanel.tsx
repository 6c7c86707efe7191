// The outlet charts: label frequency per outlet (per 1,000 words), document-level labels by outlet, and
// the same over time (per month), each exportable as SVG, PNG and CSV.
import { useMemo } from 'react';
import type { OutletReport } from '../../../core/api';
import type { Codebook } from '../../../core/model';
import { docLabelsCsv, ratesCsv } from '../csv';
import { BarChart } from './BarChart';
import { ChartFrame } from './ChartFrame';
import { byMonth, rateChartData, stackChartData } from './chartData';

/** The document-label charts: each group by outlet, and over time. */
const BY = [
  {
    key: 'byOutlet',
    title: 'by outlet',
    testId: 'chart-doclabels',
    column: 'outlet',
    per: 'per outlet',
    sort: undefined,
  },
  {
    key: 'byMonth',
    title: 'over time',
    testId: 'chart-months',
    column: 'month',
    per: 'per month of publication',
    sort: byMonth,
  },
] as const;

const oneDecimal = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

export function ChartsPanel({
  report,
  codebook,
  countUnit,
}: {
  report: Pick<OutletReport, 'rates' | 'doc_labels'>;
  codebook: Codebook;
  /** What one document-label count is ("documents", or codings when every annotator counts). */
  countUnit: string;
}) {
  const rates = useMemo(() => rateChartData(report.rates, codebook.spanLabels), [report, codebook]);
  const options = (group: string) => codebook.docLabels.find((g) => g.name === group)?.options ?? [];
  const rateTitle = 'Label frequency per outlet';
  return (
    <div className="ol-charts" data-testid="ol-charts">
      <ChartFrame
        title={rateTitle}
        testId="chart-rates"
        csv={() =>
          ratesCsv(
            report.rates,
            rates.series.map((s) => s.name),
          )
        }
      >
        {rates.groups.length ? (
          <BarChart
            title={rateTitle}
            description={`Spans of each label per 1,000 words of each outlet's documents; ${rates.groups.length} outlets, ${rates.series.length} labels.`}
            data={rates}
            unit="spans per 1,000 words"
            format={oneDecimal}
          />
        ) : (
          <p className="muted">No documents to chart.</p>
        )}
      </ChartFrame>
      {Object.keys(report.doc_labels.byOutlet).length === 0 && (
        <p className="muted ol-charts-note" data-testid="ol-no-doclabels">
          No document-level labels (stance, frames) have been coded in this selection yet.
        </p>
      )}
      {BY.flatMap((by) =>
        Object.entries(report.doc_labels[by.key]).map(([group, table]) => {
          const title = `${group} ${by.title}`;
          return (
            <ChartFrame
              key={`${by.key}-${group}`}
              title={title}
              testId={by.testId}
              csv={() => docLabelsCsv({ [group]: table }, by.column)}
            >
              <BarChart
                title={title}
                description={`How often each ${group} value was coded, ${by.per}.`}
                data={stackChartData(table, options(group), by.sort)}
                unit={countUnit}
                stacked
              />
            </ChartFrame>
          );
        }),
      )}
    </div>
  );
}
