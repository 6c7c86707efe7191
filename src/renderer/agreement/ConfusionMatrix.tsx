// Label × label counts of overlapping spans: off the diagonal is where two labels are mistaken for each other.
import type { LabelConfusion } from '../../core/agreement';

/** Shows which label pairs annotators confuse, shaded by share of the row. */
export function ConfusionMatrix({ confusion }: { confusion: LabelConfusion | null }) {
  if (!confusion)
    return (
      <p className="muted" data-testid="ag-confusion-pending">
        comparing spans…
      </p>
    );
  const { labels, counts, unmatched } = confusion;
  if (labels.length === 0) return <p className="muted">No spans to compare.</p>;
  return (
    <div className="ag-scroll">
      <p className="ag-reading">
        Each cell counts pairs of spans by two different annotators that overlap, by their two labels (each pair once;
        the diagonal is the same label). “No overlap” counts spans the other annotator did not touch at all.
      </p>
      <table className="ag-matrix ag-confusion" data-testid="ag-confusion">
        <thead>
          <tr>
            <th />
            {labels.map((l) => (
              <th key={l} scope="col" className="ag-rot">
                <span>{l}</span>
              </th>
            ))}
            <th scope="col">No overlap</th>
          </tr>
        </thead>
        <tbody>
          {labels.map((row, i) => {
            const total = counts[i].reduce((s, v) => s + v, 0) + unmatched[i];
            return (
              <tr key={row}>
                <th scope="row">{row}</th>
                {labels.map((col, j) => {
                  const v = counts[i][j];
                  const share = total ? v / total : 0;
                  const tone = i === j ? `rgba(46, 125, 79, ${share})` : `rgba(217, 83, 79, ${share})`;
                  return (
                    <td key={col} style={{ background: v ? tone : undefined }} title={`${row} × ${col}: ${v}`}>
                      {v || ''}
                    </td>
                  );
                })}
                <td className="muted">{unmatched[i] || ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
