// Exact relation F1 per annotator pair, pooled and per relation type, beside the pair's exact span F1: a
// relation can only agree where both spans do, so the two read best side by side.
import type { AgreementReport } from '../../core/agreement';
import { ColumnHeads } from '../ui/Table';
import { FigureValue } from './FigureValue';
import { pointer } from './readings';

export function RelationTable({ report }: { report: AgreementReport }) {
  const types = report.relation_types;
  if (types.length === 0) return <p className="muted">No relations in the selected records.</p>;
  if (report.spans.pairs.length === 0) return <p className="muted">Relation F1 needs two annotators of a document.</p>;
  return (
    <table className="ag-table" data-testid="ag-relations">
      <thead>
        <tr>
          <th>Pair</th>
          <th title="spans with the same start, end and label">Span F1 exact</th>
          <th title="same type between spans with the same start, end and label; all types pooled">
            Relation F1 exact
          </th>
          <ColumnHeads names={types} />
        </tr>
      </thead>
      <tbody>
        {report.spans.pairs.map((p, i) => (
          <tr key={`${p.a}\u0000${p.b}`} data-testid="ag-relation-row">
            <th scope="row">
              {p.a} × {p.b}
            </th>
            <td>
              <FigureValue
                value={p.f1_exact.overall}
                reason={report.null_reasons[pointer('spans', 'pairs', i, 'f1_exact', 'overall')]}
              />
            </td>
            <td>
              <FigureValue
                value={p.relations_f1_exact.overall}
                reason={report.null_reasons[pointer('spans', 'pairs', i, 'relations_f1_exact', 'overall')]}
              />
            </td>
            {types.map((t) => (
              <td key={t}>
                <FigureValue
                  value={p.relations_f1_exact.per_type[t] ?? null}
                  reason={report.null_reasons[pointer('spans', 'pairs', i, 'relations_f1_exact', 'per_type', t)]}
                />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
