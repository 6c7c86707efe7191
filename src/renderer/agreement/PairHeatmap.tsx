// Annotator × annotator matrix of one pairwise figure, coloured: who agrees with whom, who drifts.
import { useState } from 'react';
import type { AgreementReport, SpanPairReport } from '../../core/agreement';
import { LabelledSelect } from '../ui/Select';
import { ColumnHeads } from '../ui/Table';
import { fmt, heat, pointer, READINGS } from './readings';

const METRICS = ['cohen_kappa_char', 'f1_overlap', 'f1_exact'] as const;
type Metric = (typeof METRICS)[number];
const NAMES: Record<Metric, string> = {
  cohen_kappa_char: "Cohen's κ (characters)",
  f1_overlap: 'Overlap F1',
  f1_exact: 'Exact-match F1',
};

/** A heatmap of the chosen pairwise figure (overall), symmetric, the diagonal left empty. */
export function PairHeatmap({ report }: { report: AgreementReport }) {
  const [metric, setMetric] = useState<Metric>('cohen_kappa_char');
  const names = report.annotators;
  const pairs = new Map<string, [SpanPairReport, number]>();
  report.spans.pairs.forEach((p, i) => {
    pairs.set(`${p.a}\u0000${p.b}`, [p, i]);
  });
  if (names.length < 2) return <p className="muted">Pairwise figures need at least two annotators.</p>;
  return (
    <div className="ag-heatmap" data-testid="ag-heatmap">
      <LabelledSelect<Metric>
        inline
        className="ag-inline"
        label="Figure"
        value={metric}
        onChange={setMetric}
        data-testid="ag-heatmap-metric"
        choices={METRICS.map((m) => ({ value: m, text: NAMES[m] }))}
      />
      <p className="ag-reading">{READINGS[metric]}</p>
      <table className="ag-matrix">
        <thead>
          <tr>
            <th />
            <ColumnHeads names={names} />
          </tr>
        </thead>
        <tbody>
          {names.map((row) => (
            <tr key={row}>
              <th scope="row">{row}</th>
              {names.map((col) => {
                if (row === col) return <td key={col} className="ag-diag" />;
                const [a, b] = row < col ? [row, col] : [col, row];
                const hit = pairs.get(`${a}\u0000${b}`);
                const v = hit ? hit[0][metric].overall : null;
                const why = hit ? report.null_reasons[pointer('spans', 'pairs', hit[1], metric, 'overall')] : 'no pair';
                return (
                  <td
                    key={col}
                    style={{ background: heat(v) }}
                    title={v === null ? why : `${a} × ${b}: ${hit?.[0].documents} documents`}
                    data-testid="ag-heat-cell"
                  >
                    {fmt(v)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
