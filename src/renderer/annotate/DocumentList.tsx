// The left pane: every document with its status and span count for the current annotator, filterable by
// status, outlet, label and free text, with the annotator's progress. Ticked documents get their outlet,
// date or story set together. Only the rows on screen are in the DOM (@tanstack/react-virtual), so a library
// of 100,000 documents scrolls like one of ten.
import { type Rect, useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { DocumentSummary, Status } from '../../core/model';
import { useApp } from '../state/context';
import { activeOrder, STATUS_CHOICES, STATUS_TEXT, visibleDocuments } from '../state/docFilter';
import { MetaValues } from '../ui/MetaValues';
import { Select } from '../ui/Select';
import { BulkMetaBar } from './BulkMetaBar';

const ROW_PX = 52;

/** Without layout (a test DOM) the list measures nothing: assume a window-tall one. */
function fallbackRect(rect: Rect): Rect {
  if (rect.height > 0) return rect;
  const h = typeof window === 'undefined' ? 800 : window.innerHeight || 800;
  return { width: rect.width || 280, height: h };
}

interface ItemPlace {
  index: number;
  count: number;
  start: number;
  measure(el: HTMLElement | null): void;
}

function DocItem({
  d,
  current,
  onSelect,
  ticked,
  onTick,
  place,
}: {
  d: DocumentSummary;
  current: boolean;
  onSelect(id: string): void;
  ticked: boolean;
  onTick(id: string, on: boolean): void;
  place: ItemPlace;
}) {
  return (
    <li
      className="doc-row"
      ref={place.measure}
      data-index={place.index}
      aria-setsize={place.count}
      aria-posinset={place.index + 1}
      style={{ transform: `translateY(${place.start}px)` }}
    >
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

const FILTER_SELECTS = [
  { field: 'status', what: 'status', label: 'Filter by status' },
  { field: 'outlet', what: 'outlet', label: 'Filter by outlet' },
  { field: 'label', what: 'label', label: 'Filter by label used' },
] as const;

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
  const scroller = useRef<HTMLDivElement | null>(null);
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_PX,
    getItemKey: (i) => shown[i].id,
    overscan: 6,
    initialRect: { width: 280, height: 800 },
    observeElementRect: (instance, cb) => {
      const el = instance.scrollElement;
      if (!el) return;
      cb(fallbackRect(el.getBoundingClientRect()));
      if (typeof ResizeObserver === 'undefined') return;
      const ro = new ResizeObserver(() => cb(fallbackRect(el.getBoundingClientRect())));
      ro.observe(el);
      return () => ro.disconnect();
    },
  });
  // J/K and N move the current document; it is brought into the list's view.
  const currentIndex = useMemo(() => shown.findIndex((d) => d.id === currentId), [shown, currentId]);
  useEffect(() => {
    if (currentIndex >= 0) virtualizer.scrollToIndex(currentIndex, { align: 'auto' });
  }, [currentIndex, virtualizer]);
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
          {FILTER_SELECTS.map(({ field, what, label }) => (
            <Select<string>
              key={field}
              data-testid={`filter-${field}`}
              aria-label={label}
              value={filters[field]}
              onChange={(value) => setFilters({ [field]: value })}
              choices={field === 'status' ? STATUS_CHOICES : field === 'outlet' ? outlets : labels?.map((l) => l.name)}
            >
              <option value="">any {what}</option>
            </Select>
          ))}
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
      <div className="doclist-scroll" ref={scroller}>
        <ul className="doclist-items" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const d = shown[item.index];
            return (
              <DocItem
                key={item.key}
                d={d}
                current={d.id === currentId}
                onSelect={select}
                ticked={ticked.has(d.id)}
                onTick={tick}
                place={{
                  index: item.index,
                  count: shown.length,
                  start: item.start,
                  measure: virtualizer.measureElement,
                }}
              />
            );
          })}
        </ul>
      </div>
    </nav>
  );
}
