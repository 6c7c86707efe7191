// Who each outlet blames (or names what): per relation type, the spans relations point at, by outlet, as a
// table whose cells carry a bar, and as a bar chart of the most-named targets exportable like the other charts.
import { useState } from 'react';
import type { OutletReport } from '../../core/api';
import type { Codebook } from '../../core/model';
import { Options } from '../ui/Select';
import { ColumnHeads } from '../ui/Table';
import { BarChart } from './charts/BarChart';
import { ChartFrame } from './charts/ChartFrame';
import { relationTargetChartData, SERIES_COLORS } from './charts/chartData';
import { relationTargetsCsv } from './csv';

const ROWS = 20;
/** More bars per outlet than distinct colours would make the chart unreadable; the table lists the rest. */
const CHART_TARGETS = SERIES_COLORS.length;

export function RelationTargetsPanel({
  report,
  codebook,
}: {
  report: Pick<OutletReport, 'relations'>;
  codebook: Codebook;
}) {
  const types = Object.keys(report.relations ?? {});
  const [picked, setPicked] = useState('');
  const type = types.includes(picked) ? picked : (types[0] ?? '');
  if (!type)
    return (
      <p className="note-warn ol-note" data-testid="ol-relations-empty">
        No relations in the selected layers yet.
      </p>
    );
  const byOutlet = report.relations[type];
  const outlets = Object.keys(byOutlet);
  const totals = new Map<string, number>();
  const cell = new Map<string, number>();
  for (const o of outlets)
    for (const row of byOutlet[o]) {
      totals.set(row.phrase, (totals.get(row.phrase) ?? 0) + row.count);
      cell.set(`${o}\u0000${row.phrase}`, row.count);
    }
  const phrases = [...totals.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, ROWS)
    .map(([p]) => p);
  const max = Math.max(1, ...cell.values());
  const color = codebook.relationTypes?.find((t) => t.name === type)?.color ?? '#7a5ea8';
  const chartTargets = phrases.slice(0, CHART_TARGETS);
  const chartTitle = `Targets of “${type}” by outlet`;
  return (
    <div className="ol-relations" data-testid="ol-relations">
      <label>
        Relation type{' '}
        <select value={type} onChange={(e) => setPicked(e.target.value)} data-testid="ol-relation-type">
          <Options choices={types} />
        </select>
      </label>
      <p className="note-warn ol-note">Spans that “{type}” relations point at, counted per outlet.</p>
      <table className="ol-relation-table">
        <thead>
          <tr>
            <th scope="col">Target</th>
            <ColumnHeads names={outlets} />
          </tr>
        </thead>
        <tbody>
          {phrases.map((p) => (
            <tr key={p} data-testid="ol-relation-row">
              <th scope="row">{p}</th>
              {outlets.map((o) => {
                const n = cell.get(`${o}\u0000${p}`) ?? 0;
                return (
                  <td key={o} title={`${o}: ${n}`}>
                    <span className="ol-relation-bar" style={{ width: `${(n / max) * 100}%`, background: color }} />
                    <span className="ol-relation-count">{n}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <ChartFrame
        title={chartTitle}
        testId="chart-relation-targets"
        csv={() => relationTargetsCsv({ [type]: byOutlet })}
      >
        <BarChart
          title={chartTitle}
          description={`How many “${type}” relations point at each of the ${chartTargets.length} most-named targets, per outlet; ${outlets.length} outlets.`}
          data={relationTargetChartData(byOutlet, chartTargets)}
          unit="relations"
        />
      </ChartFrame>
    </div>
  );
}
