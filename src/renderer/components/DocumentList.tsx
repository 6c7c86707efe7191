// The left pane: every document with its status and span count for the current annotator, filterable.
import { useMemo } from 'react';
import type { DocumentSummary, Status } from '../../core/model';
import { useApp } from '../state/context';

/** Why: status names as the analyst reads them. */
export const STATUS_TEXT: Record<Status, string> = {
  todo: 'to do',
  in_progress: 'in progress',
  done: 'done',
  skipped: 'skipped',
};

/** Why: the filter matches everything the list shows (and the author), case-insensitively. */
export function matchesFilter(d: DocumentSummary, filter: string): boolean {
  const q = filter.trim().toLocaleLowerCase();
  if (!q) return true;
  const { title, outlet, published, publishedRaw, author } = d.meta;
  return [d.id, title, outlet, published, publishedRaw, author, STATUS_TEXT[d.status]].some((v) =>
    v?.toLocaleLowerCase().includes(q),
  );
}

/** Why: one row per document; the whole row is a button. */
function DocItem({ d, current, onSelect }: { d: DocumentSummary; current: boolean; onSelect(id: string): void }) {
  const date = d.meta.published ?? d.meta.publishedRaw;
  return (
    <li>
      <button
        type="button"
        className={current ? 'doc-item current' : 'doc-item'}
        data-testid="doc-item"
        data-doc-id={d.id}
        aria-current={current ? 'true' : undefined}
        onClick={() => onSelect(d.id)}
      >
        <span className="doc-title" dir="auto">
          {d.meta.title || d.id}
        </span>
        <span className="doc-sub">
          <span className="doc-source" dir="auto">
            {[d.meta.outlet, date].filter(Boolean).join(' · ') || '\u00a0'}
          </span>
          <span className={`badge status-${d.status}`} data-testid="doc-status">
            {STATUS_TEXT[d.status]}
          </span>
          <span className="count" title={`${d.spans} span(s)`}>
            {d.spans}
          </span>
        </span>
      </button>
    </li>
  );
}

/** Why: the analyst's queue; the filter narrows it without reloading. */
export function DocumentList() {
  const documents = useApp((s) => s.documents);
  const filter = useApp((s) => s.filter);
  const setFilter = useApp((s) => s.setFilter);
  const currentId = useApp((s) => s.currentId);
  const select = useApp((s) => s.selectDocument);
  const shown = useMemo(() => documents.filter((d) => matchesFilter(d, filter)), [documents, filter]);
  const done = documents.filter((d) => d.status === 'done').length;
  return (
    <nav className="doclist" aria-label="Documents">
      <div className="pane-head">
        <input
          type="search"
          data-testid="doc-filter"
          aria-label="Filter documents"
          placeholder="Filter by title, outlet, date…"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <div className="muted small-text">
          {shown.length === documents.length
            ? `${documents.length} documents`
            : `${shown.length} of ${documents.length}`}
          {documents.length > 0 && ` · ${done} done`}
        </div>
      </div>
      <ul className="doclist-items">
        {shown.map((d) => (
          <DocItem key={d.id} d={d} current={d.id === currentId} onSelect={select} />
        ))}
      </ul>
    </nav>
  );
}
