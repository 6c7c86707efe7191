// The left pane: every document with its status and span count for the current annotator, filterable by
// status, outlet, label and free text, with the annotator's progress. Ticked documents get their outlet,
// date or story set together.
import { useMemo, useState } from 'react';
import type { DocumentSummary, Status } from '../../core/model';
import { useApp } from '../state/context';
import { activeOrder, STATUS_CHOICES, STATUS_TEXT, visibleDocuments } from '../state/docFilter';
import { MetaValues } from '../ui/MetaValues';
import { Select } from '../ui/Select';
import { BulkMetaBar } from './BulkMetaBar';

function DocItem({
  d,
  current,
  onSelect,
  ticked,
  onTick,
}: {
  d: DocumentSummary;
  current: boolean;
  onSelect(id: string): void;
  ticked: boolean;
  onTick(id: string, on: boolean): void;
}) {
  return (
    <li className="doc-row">
      <input
        type="checkbox"
        className="doc-tick"
        data-testid="doc-tick"
        aria-label={`Choose ${d.meta.title || d.id} for a metadata edit`}
        checked={ticked}
        onChange={(e) => onTick(d.id, e.currentTarget.checked)}
      />
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
            {!d.meta.outlet && (
              <span className="doc-no-outlet" data-testid="doc-no-outlet">
                no outlet{' · '}
              </span>
            )}
            <MetaValues meta={d.meta} />
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
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  const chosen = useMemo(() => documents.filter((d) => ticked.has(d.id)), [documents, ticked]);
  const tick = (id: string, on: boolean) =>
    setTicked((cur) => {
      const next = new Set(cur);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
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
        <div className="bulk-row small-text">
          <label>
            <input
              type="checkbox"
              data-testid="doc-tick-all"
              checked={shown.length > 0 && shown.every((d) => ticked.has(d.id))}
              onChange={(e) => setTicked(e.currentTarget.checked ? new Set(shown.map((d) => d.id)) : new Set())}
            />{' '}
            {chosen.length ? `${chosen.length} ticked` : 'tick documents to set their outlet, date or story'}
          </label>
        </div>
        {chosen.length > 0 && <BulkMetaBar chosen={chosen} onDone={() => setTicked(new Set())} />}
      </div>
      <ul className="doclist-items">
        {shown.map((d) => (
          <DocItem
            key={d.id}
            d={d}
            current={d.id === currentId}
            onSelect={select}
            ticked={ticked.has(d.id)}
            onTick={tick}
          />
        ))}
      </ul>
    </nav>
  );
}
