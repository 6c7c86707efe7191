// The left pane: every document with its status and span count for the current annotator, filterable by
// status, outlet, label and free text, with the annotator's progress. Ticked documents get their outlet,
// date or story set together. Only the rows on screen are in the DOM (@tanstack/react-virtual) and only their
// pages are read from the backend, which filters and counts, so a library of 100,000 documents scrolls like
// one of ten.
import { type Rect, useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { activeOrder, STATUS_CHOICES, STATUS_TEXT } from '../../core/documentQuery';
import type { DocumentSummary, Status } from '../../core/model';
import { useApp, useAppPick } from '../state/context';
import { rowAt } from '../state/documentsSlice';
import type { DocList } from '../state/types';
import { errorText } from '../ui/errors';
import { MetaValues } from '../ui/MetaValues';
import { Select } from '../ui/Select';
import { useLatest } from '../ui/useLatest';
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

interface DocItemProps {
  d: DocumentSummary;
  current: boolean;
  onSelect(id: string): void;
  ticked: boolean;
  onTick(d: DocumentSummary, on: boolean): void;
  index: number;
  count: number;
  start: number;
  measure(el: HTMLElement | null): void;
}

/** A row renders again only when its own summary, place or state changes, not when another row's does. */
const DocItem = memo(function DocItem({ d, current, onSelect, ticked, onTick, ...place }: DocItemProps) {
  return (
    <li className="doc-row" {...placed(place)}>
      <input
        type="checkbox"
        className="doc-tick"
        data-testid="doc-tick"
        aria-label={`Choose ${d.meta.title || d.id} for a metadata edit`}
        checked={ticked}
        onChange={(e) => onTick(d, e.currentTarget.checked)}
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
});

/** A virtual row's place in the list: measured, positioned, and announced as item n of all. */
function placed(place: ItemPlace) {
  return {
    ref: place.measure,
    'data-index': place.index,
    'aria-setsize': place.count,
    'aria-posinset': place.index + 1,
    style: { transform: `translateY(${place.start}px)` },
  };
}

/** A row whose page is on its way. */
function PendingItem({ place }: { place: ItemPlace }) {
  return (
    <li className="doc-row doc-pending" aria-busy="true" {...placed(place)}>
      <span className="muted small-text">…</span>
    </li>
  );
}

function Progress({ counts, all }: { counts: Record<Status, number>; all: number }) {
  const n = all || 1;
  const done = counts.done;
  const skipped = counts.skipped;
  const started = counts.in_progress;
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

/**
 * The filters narrow the list (the backend filters and counts); J/K walk what is shown. An edit's new span
 * count reaches the open document's row in a render after the frame that shows the edit (a deferred value),
 * so a key press in the reader never waits for the list.
 */
export function DocumentList() {
  const live = useApp((s) => s.list);
  const deferred = useDeferredValue(live);
  // A new list (another filter, a reload) shows at once; only changes of the rows of the list shown wait.
  const list = deferred.query === live.query && deferred.loaded === live.loaded ? deferred : live;
  return <DocumentListView list={list} />;
}

const DocumentListView = memo(function DocumentListView({ list }: { list: DocList }) {
  const {
    filters,
    setFilters,
    loadPage,
    shownDocuments,
    currentId,
    selectDocument: select,
  } = useAppPick('filters', 'setFilters', 'loadPage', 'shownDocuments', 'currentId', 'selectDocument');
  const labels = useApp((s) => s.project?.codebook.spanLabels);
  const order = useApp((s) => activeOrder(s.order));
  const { total, all, counts } = list;
  const [ticked, setTicked] = useState<ReadonlyMap<string, DocumentSummary>>(new Map());
  // Ticking all ticks every row the filters keep, read from the backend a page at a time.
  const [allTicked, setAllTicked] = useState(false);
  const [tickError, setTickError] = useState<string | null>(null);
  const chosen = useMemo(() => [...ticked.values()], [ticked]);
  // A row ticked, "all" unticked or a new query after "all" was ticked overrides the rows it is still reading.
  const latest = useLatest();
  const tick = useCallback(
    (d: DocumentSummary, on: boolean) => {
      latest();
      setAllTicked(false);
      setTicked((cur) => {
        const next = new Map(cur);
        if (on) next.set(d.id, d);
        else next.delete(d.id);
        return next;
      });
    },
    [latest],
  );
  const tickAll = async (on: boolean) => {
    const newest = latest();
    setTickError(null);
    if (!on) {
      setTicked(new Map());
      setAllTicked(false);
      return;
    }
    try {
      const rows = await shownDocuments();
      if (!newest()) return;
      setTicked(new Map(rows.map((d) => [d.id, d])));
      setAllTicked(true);
    } catch (err) {
      if (newest()) setTickError(errorText(err));
    }
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new query of the list un-ticks "all"
  useEffect(() => {
    latest();
    setAllTicked(false);
  }, [list.query]);
  const scroller = useRef<HTMLDivElement | null>(null);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_PX,
    getItemKey: (i) => rowAt(list, i)?.id ?? `pending-${i}`,
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
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  // The pages of the rows on screen are read as they come into view.
  useEffect(() => {
    if (total === 0) return;
    void loadPage(first);
    void loadPage(last);
  }, [first, last, total, loadPage]);
  // J/K and N move the current document; it is brought into the list's view.
  const currentIndex = list.currentIndex;
  useEffect(() => {
    if (currentIndex !== null && currentIndex < total) virtualizer.scrollToIndex(currentIndex, { align: 'auto' });
  }, [currentIndex, total, virtualizer]);
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
              choices={
                field === 'status' ? STATUS_CHOICES : field === 'outlet' ? list.outlets : labels?.map((l) => l.name)
              }
            >
              <option value="">any {what}</option>
            </Select>
          ))}
        </div>
        <div className="muted small-text" data-testid="doc-count">
          {total === all ? `${all} documents` : `${total} of ${all}`}
          {all > 0 && ` · ${counts.done} done`}
          {order && <span data-testid="doc-order"> · most uncertain for the model first</span>}
        </div>
        {all > 0 && <Progress counts={counts} all={all} />}
        <div className="bulk-row small-text">
          <label>
            <input
              type="checkbox"
              data-testid="doc-tick-all"
              checked={total > 0 && allTicked}
              onChange={(e) => void tickAll(e.currentTarget.checked)}
            />{' '}
            {chosen.length ? `${chosen.length} ticked` : 'tick documents to set their outlet, date or story'}
          </label>
          {tickError && <span className="error-text">{tickError}</span>}
        </div>
        {chosen.length > 0 && (
          <BulkMetaBar
            chosen={chosen}
            onDone={() => {
              setTicked(new Map());
              setAllTicked(false);
            }}
          />
        )}
      </div>
      <div className="doclist-scroll" ref={scroller}>
        <ul className="doclist-items" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const d = rowAt(list, item.index);
            const place = { index: item.index, count: total, start: item.start, measure: virtualizer.measureElement };
            if (!d) return <PendingItem key={item.key} place={place} />;
            return (
              <DocItem
                key={item.key}
                d={d}
                current={d.id === currentId}
                onSelect={select}
                ticked={ticked.has(d.id)}
                onTick={tick}
                {...place}
              />
            );
          })}
        </ul>
      </div>
    </nav>
  );
});
