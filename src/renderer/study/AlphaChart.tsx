// α round by round: one variable's α with its interval per closed round, the minimums drawn across, every
// variable in a table below, and what changed in the codebook between two rounds (who, when, why).
import { useState } from 'react';
import type { RoundStatus } from '../../core/api';
import { type ChangelogEntry, changesBetween, describeChange } from '../../core/study/changelog';
import { type AlphaSeries, alphaSeries, type RoundSummary } from '../../core/study/figures';
import { LabelledSelect } from '../ui/Select';
import { Table } from '../ui/Table';

const W = 640;
const H = 220;
const PAD = { left: 44, right: 16, top: 14, bottom: 34 };

function fmt(v: number | null): string {
  return v === null ? '—' : v.toFixed(3);
}

function Chart({ series, variable }: { series: AlphaSeries; variable: string }) {
  const v = series.variables.find((x) => x.key === variable);
  if (!v) return null;
  const values = v.points.flatMap((p) => [p.alpha, p.lower, p.upper]).filter((x): x is number => x !== null);
  const lo = Math.min(0, ...values);
  const y = (a: number) => PAD.top + ((1 - a) / (1 - lo)) * (H - PAD.top - PAD.bottom);
  const n = series.rounds.length;
  const x = (i: number) => PAD.left + (n === 1 ? 0.5 : i / (n - 1)) * (W - PAD.left - PAD.right);
  const line = v.points
    .map((p, i) => (p.alpha === null ? null : `${x(i).toFixed(1)},${y(p.alpha).toFixed(1)}`))
    .filter(Boolean)
    .join(' ');
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="st-chart" role="img" aria-label={`α of ${v.name} round by round`}>
      {[1, 0.8, 0.667, lo].map((t) => (
        <g key={t}>
          <line
            x1={PAD.left}
            x2={W - PAD.right}
            y1={y(t)}
            y2={y(t)}
            className={t === 0.8 || t === 0.667 ? 'st-min' : 'st-grid'}
          />
          <text x={PAD.left - 6} y={y(t) + 4} textAnchor="end" className="st-axis">
            {t.toFixed(3).replace(/^(-?)0\./, '$1.')}
          </text>
        </g>
      ))}
      <polyline points={line} className="st-line" />
      {v.points.map((p, i) => (
        <g key={p.round} data-testid="st-chart-point">
          {p.lower !== null && p.upper !== null && (
            <line x1={x(i)} x2={x(i)} y1={y(p.lower)} y2={y(p.upper)} className="st-whisker" />
          )}
          {p.alpha !== null && (
            <circle cx={x(i)} cy={y(p.alpha)} r={4} className="st-dot">
              <title>
                {p.round}: α {fmt(p.alpha)}
                {p.lower === null ? ', no interval' : `, ${fmt(p.lower)} – ${fmt(p.upper)}`}
              </title>
            </circle>
          )}
          <text x={x(i)} y={H - 12} textAnchor="middle" className="st-axis">
            {p.round}
          </text>
        </g>
      ))}
    </svg>
  );
}

function Changes({ entries }: { entries: ChangelogEntry[] }) {
  if (entries.length === 0) return <li className="muted">no codebook change recorded</li>;
  return (
    <>
      {entries.map((e) => (
        <li key={`${e.toVersion}:${e.at}`} data-testid="st-change">
          v{e.fromVersion} → v{e.toVersion}, {e.at.slice(0, 10)}, {e.by}: “{e.why}”
          {e.changes.length > 0 && <span className="muted"> — {e.changes.map(describeChange).join('; ')}</span>}
        </li>
      ))}
    </>
  );
}

export function AlphaChart({ rounds, changelog }: { rounds: RoundStatus[]; changelog: ChangelogEntry[] }) {
  const closed = rounds.filter((r): r is RoundStatus & { summary: RoundSummary } => r.summary !== undefined);
  const [variable, setVariable] = useState('span:*');
  if (closed.length === 0)
    return <p className="muted">Close a round to see its α here; later rounds are charted beside it.</p>;
  const series = alphaSeries(closed.map((r) => r.summary));
  const chosen = series.variables.some((v) => v.key === variable) ? variable : series.variables[0]?.key;
  return (
    <div data-testid="st-alpha-chart">
      <LabelledSelect
        inline
        label="Variable"
        value={chosen ?? ''}
        onChange={setVariable}
        choices={series.variables.map((v) => ({ value: v.key, text: v.name }))}
      />
      {chosen && <Chart series={series} variable={chosen} />}
      <Table className="st-table" testId="st-alpha-table" columns={['Variable', ...series.rounds]}>
        {series.variables.map((v) => (
          <tr key={v.key}>
            <th scope="row">{v.name}</th>
            {v.points.map((p) => (
              <td key={p.round} title={p.lower === null ? 'no interval' : `${fmt(p.lower)} – ${fmt(p.upper)}`}>
                {fmt(p.alpha)}
              </td>
            ))}
          </tr>
        ))}
      </Table>
      <h3>The codebook between rounds</h3>
      <ol className="st-between">
        {closed.map((r, i) => (
          <li key={r.name}>
            <strong>
              {i === 0 ? `Before ${r.name}` : `${closed[i - 1].name} → ${r.name}`} (v
              {i === 0 ? r.codebookVersion : `${closed[i - 1].codebookVersion} → v${r.codebookVersion}`})
            </strong>
            <ul>
              <Changes
                entries={changesBetween(changelog, i === 0 ? 0 : closed[i - 1].codebookVersion, r.codebookVersion)}
              />
            </ul>
          </li>
        ))}
      </ol>
    </div>
  );
}
