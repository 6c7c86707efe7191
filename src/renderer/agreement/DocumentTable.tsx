// Per-document α_U, sortable: the documents where the team disagrees most come first on one click.
import { useState } from 'react';
import type { AgreementReport, PerDocumentReport } from '../../core/agreement';
import { FigureValue } from './FigureValue';
import { pointer } from './readings';

type Key = 'id' | 'alpha' | 'length';

function compare(key: Key, x: PerDocumentReport, y: PerDocumentReport): number {
  if (key === 'id') return x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
  if (key === 'length') return x.length - y.length;
  return (x.alpha_u.overall ?? 0) - (y.alpha_u.overall ?? 0);
}

/** One row per document two or more annotators coded; undefined figures always sort last. */
export function DocumentTable({ report, onOpen }: { report: AgreementReport; onOpen(id: string): void }) {
  const [sort, setSort] = useState<{ key: Key; asc: boolean }>({ key: 'alpha', asc: true });
  const index = new Map(report.per_document.map((d, i) => [d.id, i]));
  const rows = [...report.per_document].sort((x, y) => {
    if (sort.key === 'alpha') {
      const nx = x.alpha_u.overall === null;
      const ny = y.alpha_u.overall === null;
      if (nx !== ny) return nx ? 1 : -1;
    }
    const d = compare(sort.key, x, y);
    return (sort.asc ? d : -d) || compare('id', x, y);
  });
  const header = (key: Key, text: string) => (
    <th aria-sort={sort.key === key ? (sort.asc ? 'ascending' : 'descending') : 'none'}>
      <button
        type="button"
        className="link"
        data-testid={`ag-doc-sort-${key}`}
        onClick={() => setSort((s) => ({ key, asc: s.key === key ? !s.asc : true }))}
      >
        {text}
        {sort.key === key ? (sort.asc ? ' ▲' : ' ▼') : ''}
      </button>
    </th>
  );
  if (rows.length === 0) return <p className="muted">No document was coded by two annotators yet.</p>;
  return (
    <table className="ag-table" data-testid="ag-documents">
      <thead>
        <tr>
          {header('id', 'Document')}
          {header('alpha', 'α_U')}
          {header('length', 'Length')}
          <th>Annotators</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {rows.map((d) => (
          <tr key={d.id} data-testid="ag-doc-row" data-doc-id={d.id}>
            <th scope="row" className="mono">
              {d.id}
            </th>
            <td>
              <FigureValue
                value={d.alpha_u.overall}
                reason={report.null_reasons[pointer('per_document', index.get(d.id) ?? 0, 'alpha_u', 'overall')]}
              />
            </td>
            <td>{d.length}</td>
            <td>{d.annotators.join(', ')}</td>
            <td>
              <button type="button" className="link" onClick={() => onOpen(d.id)}>
                disagreements
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
