// Per-document α_U, sortable: the documents where the team disagrees most come first on one click.
import { useCallback, useState } from 'react';
import { useApi } from '../state/context';
import { FieldError } from '../ui/FieldError';
import { usePagedRows } from '../ui/usePagedRows';
import { FigureValue } from './FigureValue';
import { pointer } from './readings';

type Key = 'id' | 'alpha' | 'length';

/**
 * One row per document two or more annotators coded, sorted by the backend (undefined figures always last),
 * fetched a window at a time as the table is scrolled.
 */
export function DocumentTable({ job, total, onOpen }: { job: string; total: number; onOpen(id: string): void }) {
  const api = useApi();
  const [sort, setSort] = useState<{ key: Key; asc: boolean }>({ key: 'alpha', asc: true });
  const fetch = useCallback(
    (offset: number, limit: number) => api.agreementDocuments(job, { offset, limit, sort }),
    [api, job, sort],
  );
  const paged = usePagedRows(fetch);
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
  if (total === 0) return <p className="muted">No document was coded by two annotators yet.</p>;
  return (
    <div className="ag-rows" onScroll={paged.onScroll} data-testid="ag-documents-scroll">
      {paged.error && <FieldError>{paged.error}</FieldError>}
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
          {paged.rows.map((d) => (
            <tr key={d.id} data-testid="ag-doc-row" data-doc-id={d.id}>
              <th scope="row" className="mono">
                {d.id}
              </th>
              <td>
                <FigureValue
                  value={d.alpha_u.overall}
                  reason={d.reasons[pointer('per_document', d.index, 'alpha_u', 'overall')]}
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
      <MoreRows shown={paged.rows.length} total={paged.total ?? total} loading={paged.loading} onMore={paged.more} />
    </div>
  );
}

/** How many rows are shown of all, and a button for the next window (scrolling fetches it too). */
export function MoreRows(props: { shown: number; total: number; loading: boolean; onMore(): void; what?: string }) {
  const { shown, total, loading, onMore, what = 'rows' } = props;
  if (shown >= total) return null;
  return (
    <p className="ag-more muted small-text">
      {shown} of {total} {what}{' '}
      <button type="button" className="link" onClick={onMore} disabled={loading} data-testid="ag-more">
        {loading ? 'loading…' : 'Show more'}
      </button>
    </p>
  );
}
