// Code co-occurrence as QDA tools show it: for each pair of labels, how often a span of one overlaps a span
// of the other in one coder's record, or how many records hold both; with ATLAS.ti's c-coefficient on hover.
import { useState } from 'react';
import { cCoefficient } from '../../core/segments';
import { useApi, useApp } from '../state/context';
import { toCsv } from '../ui/csv';
import { downloadCsv } from '../ui/download';
import { FieldError } from '../ui/FieldError';
import { type Layer, layerOptions } from '../ui/layer';
import { useLoad } from '../ui/useLoad';

type Measure = 'overlaps' | 'together';

export function CooccurrencePanel({ layer }: { layer: Layer }) {
  const api = useApi();
  const viewer = useApp((s) => s.annotator);
  const [measure, setMeasure] = useState<Measure>('overlaps');
  const { data: table, error } = useLoad(
    () => api.cooccurrence({ ...layerOptions(layer), ...(viewer ? { viewer } : {}) }),
    [api, layer, viewer],
  );
  if (error) return <FieldError>{error}</FieldError>;
  if (!table) return <p className="muted">Counting…</p>;
  const m = table[measure];
  const max = Math.max(1, ...m.flatMap((row, i) => row.filter((_, j) => j !== i)));
  const diagonal = (i: number) => (measure === 'overlaps' ? table.spans[i] : table.together[i][i]);
  const csv = () =>
    toCsv([
      ['label', ...table.labels],
      ...table.labels.map((l, i) => [l, ...table.labels.map((_, j) => (i === j ? diagonal(i) : m[i][j]))]),
    ]);
  return (
    <div className="ol-cooc" data-testid="ol-cooc">
      <div className="ol-cooc-head">
        <label className="choice">
          <input
            type="radio"
            name="cooc-measure"
            checked={measure === 'overlaps'}
            onChange={() => setMeasure('overlaps')}
          />{' '}
          spans that overlap (in one coder's record)
        </label>
        <label className="choice">
          <input
            type="radio"
            name="cooc-measure"
            data-testid="cooc-together"
            checked={measure === 'together'}
            onChange={() => setMeasure('together')}
          />{' '}
          records holding both labels
        </label>
        <button
          type="button"
          className="small"
          data-testid="cooc-csv"
          onClick={() => downloadCsv(csv(), 'co-occurrence')}
        >
          CSV
        </button>
      </div>
      <p className="muted small-text">
        {table.records} record(s) (one coder's coding of one document). The diagonal holds{' '}
        {measure === 'overlaps' ? 'the spans of each label' : 'the records using each label'}. Hover a cell for the
        c-coefficient n₁₂ / (n₁ + n₂ − n₁₂).
      </p>
      <div className="ol-cooc-scroll">
        <table className="ol-cooc-table" data-testid="cooc-table">
          <thead>
            <tr>
              <th />
              {table.labels.map((l) => (
                // The header is cut to fit; its full name shows on hover and on keyboard focus.
                <th key={l} scope="col" tabIndex={0} data-full={l} data-testid="cooc-col">
                  <span className="ol-cut" dir="auto">
                    {l}
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.labels.map((row, i) => (
              <tr key={row}>
                <th scope="row" dir="auto">
                  {row}
                </th>
                {table.labels.map((col, j) => {
                  if (i === j)
                    return (
                      <td key={col} className="diag" data-testid="cooc-cell" data-row={row} data-col={col}>
                        {diagonal(i)}
                      </td>
                    );
                  const n = m[i][j];
                  const together = table.together;
                  const c = cCoefficient(together[i][j], together[i][i], together[j][j]);
                  return (
                    <td
                      key={col}
                      data-testid="cooc-cell"
                      data-row={row}
                      data-col={col}
                      title={`${row} × ${col}: ${n}${c === null ? '' : ` · c = ${c.toFixed(2)} (records)`}`}
                      style={
                        n ? { backgroundColor: `rgba(40, 90, 200, ${(0.1 + 0.6 * (n / max)).toFixed(2)})` } : undefined
                      }
                    >
                      {n || ''}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
