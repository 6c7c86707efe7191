// A hand-written SVG bar chart: grouped bars (one per series in each group) or stacked bars (one per
// group). Every bar carries a <title> with its group, series and value; the chart has a title and a
// description for screen readers, and draws with attributes only so an exported file looks the same.
import { useId } from 'react';
import { type ChartData, niceTicks } from './chartData';

const PLOT_H = 200;
const LEFT = 52;
const RIGHT = 16;
const TOP = 46;
const MIN_WIDTH = 420;
const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, Noto Sans, sans-serif';
const INK = '#1d1f23';
const MUTED = '#6b6f76';

interface BarChartProps {
  title: string;
  description: string;
  data: ChartData;
  /** The unit after each value ("per 1,000 words", "documents"). */
  unit: string;
  stacked?: boolean;
  format?: (n: number) => string;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Legend items flowed into rows that fit the chart's width. */
function legendRows(names: string[], width: number): { name: string; x: number; row: number; i: number }[] {
  const out: { name: string; x: number; row: number; i: number }[] = [];
  let x = LEFT;
  let row = 0;
  names.forEach((name, i) => {
    const w = 20 + Math.min(name.length, 40) * 6.3 + 14;
    if (x + w > width - RIGHT && x > LEFT) {
      row++;
      x = LEFT;
    }
    out.push({ name, x, row, i });
    x += w;
  });
  return out;
}

export function BarChart({ title, description, data, unit, stacked = false, format = String }: BarChartProps) {
  const id = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const { groups, series, values } = data;
  const totals = values.map((row) => (stacked ? row.reduce((a, b) => a + b, 0) : Math.max(0, ...row)));
  const ticks = niceTicks(Math.max(0, ...totals));
  const top = ticks[ticks.length - 1];
  const barW = stacked ? 36 : Math.max(8, Math.min(18, 120 / Math.max(1, series.length)));
  const minSlot = Math.max(stacked ? 64 : series.length * barW + 20, 84);
  // Few groups spread over the minimum width instead of huddling at the left.
  const slot = Math.max(minSlot, Math.min(200, (MIN_WIDTH - LEFT - RIGHT) / Math.max(1, groups.length)));
  const width = Math.max(LEFT + groups.length * slot + RIGHT, MIN_WIDTH);
  const legend = legendRows(
    series.map((s) => s.name),
    width,
  );
  const legendTop = TOP + PLOT_H + 36;
  const rows = legend.length ? legend[legend.length - 1].row + 1 : 0;
  const height = legendTop + rows * 18 + 6;
  const y = (v: number) => (v / top) * PLOT_H;
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={`${id}-t ${id}-d`}
      fontFamily={FONT}
      data-testid="chart-svg"
    >
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{description}</desc>
      <rect x={0} y={0} width={width} height={height} fill="#ffffff" />
      <text x={LEFT} y={18} fontSize={14} fontWeight={600} fill={INK}>
        {title}
      </text>
      <text x={LEFT} y={34} fontSize={11} fill={MUTED}>
        {unit}
      </text>
      {ticks.map((t) => (
        <g key={t}>
          <line x1={LEFT} x2={width - RIGHT} y1={TOP + PLOT_H - y(t)} y2={TOP + PLOT_H - y(t)} stroke="#e2e0da" />
          <text x={LEFT - 6} y={TOP + PLOT_H - y(t) + 4} fontSize={10} fill={MUTED} textAnchor="end">
            {format(t)}
          </text>
        </g>
      ))}
      <line x1={LEFT} x2={width - RIGHT} y1={TOP + PLOT_H} y2={TOP + PLOT_H} stroke={MUTED} />
      {groups.map((g, gi) => {
        const x0 = LEFT + gi * slot;
        const inner = stacked ? barW : series.length * barW;
        const start = x0 + (slot - inner) / 2;
        let base = 0;
        return (
          <g key={g} data-testid="chart-group" data-group={g}>
            {series.map((s, si) => {
              const v = values[gi][si];
              const h = y(v);
              const rect = stacked
                ? { x: start, y: TOP + PLOT_H - base - h, width: barW, height: h }
                : { x: start + si * barW, y: TOP + PLOT_H - h, width: barW - 2, height: h };
              if (stacked) base += h;
              if (stacked && v === 0) return null;
              return (
                <rect
                  key={s.name}
                  {...rect}
                  fill={s.color}
                  stroke={stacked ? '#ffffff' : 'none'}
                  strokeWidth={stacked ? 0.5 : 0}
                  data-testid="chart-bar"
                  data-group={g}
                  data-series={s.name}
                  data-value={v}
                >
                  <title>{`${g} · ${s.name}: ${format(v)} ${unit}`}</title>
                </rect>
              );
            })}
            <text x={x0 + slot / 2} y={TOP + PLOT_H + 16} fontSize={11} fill={INK} textAnchor="middle">
              <title>{g}</title>
              {clip(g, Math.floor(slot / 6.5))}
            </text>
          </g>
        );
      })}
      {legend.map((item) => (
        <g key={item.name} transform={`translate(${item.x} ${legendTop + item.row * 18})`}>
          <rect x={0} y={-9} width={11} height={11} fill={series[item.i].color} />
          <text x={16} y={0} fontSize={11} fill={INK}>
            <title>{item.name}</title>
            {clip(item.name, 40)}
          </text>
        </g>
      ))}
    </svg>
  );
}
