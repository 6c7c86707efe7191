// The adjudication queue: lowest agreement first, with who coded each document and how far gold got.
import type { QueueRow } from '../../core/adjudicationQueue';

interface QueueListProps {
  /** The rows fetched so far, of `total`; scrolling near the end fetches more. */
  rows: readonly QueueRow[];
  total: number;
  loading: boolean;
  onMore(): void;
  selected: string | null;
  onOpen(id: string): void;
}

export function QueueList({ rows, total, loading, onMore, selected, onOpen }: QueueListProps) {
  if (total === 0) return <p className="muted">No documents in this project.</p>;
  return (
    <ol className="adj-queue" data-testid="adj-queue">
      {rows.map((r) => {
        const share = r.candidates ? r.decided / r.candidates : 0;
        return (
          <li key={r.id}>
            <button
              type="button"
              className={`adj-queue-row${r.id === selected ? ' sel' : ''}`}
              data-testid="adj-queue-row"
              data-doc={r.id}
              aria-current={r.id === selected ? 'true' : undefined}
              onClick={() => onOpen(r.id)}
            >
              <span className="adj-q-title">{r.title ?? r.id}</span>
              <span className="adj-q-alpha" data-testid="adj-q-alpha">
                α<sub>U</sub> {r.alpha === null ? '—' : r.alpha.toFixed(3)}
              </span>
              <span className="adj-q-who muted">{r.annotators.length ? r.annotators.join(', ') : 'not coded'}</span>
              <span className="adj-q-progress" data-testid="adj-q-progress">
                <span className="adj-bar">
                  <span style={{ width: `${Math.round(share * 100)}%` }} />
                </span>
                {r.decided}/{r.candidates} decided
              </span>
            </button>
          </li>
        );
      })}
      {rows.length < total && (
        <li className="muted small-text">
          {rows.length} of {total} documents{' '}
          <button type="button" className="link" onClick={onMore} disabled={loading} data-testid="adj-queue-more">
            {loading ? 'loading…' : 'Show more'}
          </button>
        </li>
      )}
    </ol>
  );
}
