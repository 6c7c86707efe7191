// The left pane: every document with its status and span count for the current annotator, filterable by
// status, outlet, label and free text, with the annotator's progress.
import { useMemo } from 'react';
import type { DocumentSummary, Status } from '../../core/model';
import { useApp } from '../state/context';
import { activeOrder, STATUS_CHOICES, STATUS_TEXT, visibleDocuments } from '../state/docFilter';
import { Select } from '../ui/Select';

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

function Progress({ documents }: { documents: DocumentSummary[] }) {
  const n = documents.length || 1;
  const count = (s: Status) => documents.filter((d) => d.status === s).length;
  const done = count('done');
  const skipped = count('skipped');
  const started = count('in_progress');
  return (
    <div className="progress" data-testid="progress" title={`${done} done, ${started} in progress, ${skipped} skipped`}>
      <div className="progress-bar">
        <span className="p-done" style={{ width: `${(100 * done) / n}%` }} />
        <span className="p-started" style={{ width: `${(100 * started) / n}%` }} />
        <span className="p-skipped" style={{ width: `${(100 * skipped) / n}%` }} />
      </div>
    </div>
  );
}

/** The filters narrow the list without reloading it; J/K walk what is shown. */
export function DocumentList() {
  const documents = useApp((s) => s.documents);
  const filters = useApp((s) => s.filters);
  const setFilters = useApp((s) => s.setFilters);
  const labels = useApp((s) => s.project?.codebook.spanLabels);
  const currentId = useApp((s) => s.currentId);
  const select = useApp((s) => s.selectDocument);
  const order = useApp((s) => activeOrder(s.order));
  const shown = useMemo(() => visibleDocuments(documents, filters, order), [documents, filters, order]);
  const outlets = useMemo(
    () => [...new Set(documents.map((d) => d.meta.outlet).filter((o): o is string => !!o))].sort(),
    [documents],
  );
  const done = documents.filter((d) => d.status === 'done').length;
  return (
    <nav className="doclist" aria-label="Documents">
      <div className="pane-head">
        <input
          type="search"
          data-testid="doc-filter"
          aria-label="Filter documents"
          placeholder="Filter by title, outlet, date…"
          value={filters.text}
          onChange={(e) => setFilters({ text: e.target.value })}
        />
        <div className="filter-row">
          <Select<Status | ''>
            data-testid="filter-status"
            aria-label="Filter by status"
            value={filters.status}
            onChange={(status) => setFilters({ status })}
            choices={STATUS_CHOICES}
          >
            <option value="">any status</option>
          </Select>
          <Select
            data-testid="filter-outlet"
            aria-label="Filter by outlet"
            value={filters.outlet}
            onChange={(outlet) => setFilters({ outlet })}
            choices={outlets}
          >
            <option value="">any outlet</option>
          </Select>
          <Select
            data-testid="filter-label"
            aria-label="Filter by label used"
            value={filters.label}
            onChange={(label) => setFilters({ label })}
            choices={labels?.map((l) => l.name)}
          >
            <option value="">any label</option>
          </Select>
        </div>
        <div className="muted small-text" data-testid="doc-count">
          {shown.length === documents.length
            ? `${documents.length} documents`
            : `${shown.length} of ${documents.length}`}
          {documents.length > 0 && ` · ${done} done`}
          {order && <span data-testid="doc-order"> · most uncertain for the model first</span>}
        </div>
        {documents.length > 0 && <Progress documents={documents} />}
      </div>
      <ul className="doclist-items">
        {shown.map((d) => (
          <DocItem key={d.id} d={d} current={d.id === currentId} onSelect={select} />
        ))}
      </ul>
    </nav>
  );
}
