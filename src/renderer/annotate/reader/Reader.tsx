// The centre pane: the document's metadata and its text, highlighted with the annotator's spans and the
// other layers shown. Only the paragraphs on screen (and a few either side) are in the DOM: paragraphs are
// windowed with measured heights (@tanstack/react-virtual), so a long article opens and scrolls as fast as a
// short one. Paragraphs holding the text selection, the selected span or the word cursor stay rendered, so a
// selection dragged across many paragraphs and the keyboard keep working.
import { defaultRangeExtractor, type Rect, useVirtualizer, type Range as VRange } from '@tanstack/react-virtual';
import {
  type MouseEvent,
  memo,
  type RefObject,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useApp, useAppStore } from '../../state/context';
import { SUGGESTION_PREFIX } from '../../state/modelSlice';
import { indexOfSpan } from '../../state/spans';
import type { AppStore } from '../../state/types';
import { MetaValues } from '../../ui/MetaValues';
import { useSelectionRange } from '../useApplyLabel';
import { useEdgeDrag } from '../useEdgeDrag';
import { isRtl } from './bidi';
import { toDomRanges } from './highlight';
import { useKeptSelection } from './keptSelection';
import { Legend } from './Legend';
import { Paragraph } from './Paragraph';
import { useReaderHandle } from './ReaderRef';
import { RelationLayer } from './RelationLayer';
import { warmSegmenters } from './snap';
import { type DocumentLayout, useDocumentLayout } from './useDocumentLayout';

/** The header shows what the analyst needs to place the article: outlet, date, author, source. */
const DocHeader = memo(function DocHeader() {
  const doc = useApp((s) => s.doc);
  if (!doc) return null;
  const { meta } = doc;
  return (
    <header className="doc-header">
      <h1 dir="auto">{meta.title || doc.id}</h1>
      <div className="doc-meta">
        <MetaValues meta={meta} fields={['outlet', 'published', 'author']} separator=" " empty="" />
        <span className="muted mono">{doc.id}</span>
      </div>
      {meta.url && (
        <div className="doc-url muted" title={meta.url}>
          {meta.url}
        </div>
      )}
    </header>
  );
});

const LINE_PX = 17 * 1.7;
const GAP_PX = 17 * 0.9;
/** Paragraphs rendered beyond each edge of the screen. */
const OVERSCAN = 2;

/** Where a paragraph is in the DOM: the nearest element carrying its index. */
function paragraphOf(node: Node | null): number | null {
  const el = node && (node.nodeType === 1 ? (node as Element) : node.parentElement);
  const p = el?.closest('[data-para]');
  return p ? Number(p.getAttribute('data-para')) : null;
}

/** Without layout (a test DOM) the scroller measures nothing: assume a window-sized one. */
function fallbackRect(rect: Rect): Rect {
  if (rect.height > 0) return rect;
  const h = typeof window === 'undefined' ? 800 : window.innerHeight || 800;
  return { width: rect.width || 800, height: h };
}

/** Paragraphs that must stay in the DOM while off screen: the selection's ends, the selected span, the cursor. */
function usePins(store: AppStore, dl: DocumentLayout): RefObject<Set<number>> {
  const pins = useRef(new Set<number>());
  useEffect(() => {
    const fromStore = () => {
      const s = store.getState();
      const out = new Set<number>();
      const spans = s.record?.spans ?? [];
      const span = spans[indexOfSpan(spans, s.selectedSpan)];
      if (span && span.end <= dl.map.codePoints) {
        out.add(dl.layout.paragraphAt(dl.map.toUtf16(span.start)));
        out.add(dl.layout.paragraphAt(dl.map.toUtf16(span.end)));
      }
      if (s.cursor) {
        out.add(dl.layout.paragraphAt(s.cursor.anchor.start));
        out.add(dl.layout.paragraphAt(s.cursor.focus.start));
      }
      return out;
    };
    let stored = fromStore();
    let selected = new Set<number>();
    const merge = () => {
      pins.current = new Set([...stored, ...selected]);
    };
    merge();
    // Most store changes (saves, the change feed, panels) touch none of the three.
    let seen = store.getState();
    const unsubscribe = store.subscribe((s) => {
      if (s.record === seen.record && s.selectedSpan === seen.selectedSpan && s.cursor === seen.cursor) return;
      seen = s;
      stored = fromStore();
      merge();
    });
    const onSelection = () => {
      const sel = window.getSelection();
      const next = new Set<number>();
      if (sel && sel.rangeCount > 0 && !sel.isCollapsed) {
        const a = paragraphOf(sel.anchorNode);
        const f = paragraphOf(sel.focusNode);
        if (a !== null) next.add(a);
        if (f !== null) next.add(f);
      }
      selected = next;
      merge();
    };
    document.addEventListener('selectionchange', onSelection);
    return () => {
      unsubscribe();
      document.removeEventListener('selectionchange', onSelection);
    };
  }, [store, dl]);
  return pins;
}

const nextFrame = () =>
  new Promise<void>((resolve) => {
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => resolve());
    else setTimeout(resolve, 0);
  });

function Article({ dl, scroller }: { dl: DocumentLayout; scroller: RefObject<HTMLElement | null> }) {
  const handle = useReaderHandle();
  const store = useAppStore();
  const selected = useApp(
    (s) => s.selectedSpan ?? (s.selectedSuggestion !== null ? `${SUGGESTION_PREFIX}${s.selectedSuggestion}` : null),
  );
  const hasRecord = useApp((s) => s.record !== null);
  // Relations are drawn in the gaps between lines, which are wider when there are any to draw.
  const linked = useApp(
    (s) => (s.record?.relations?.length ?? 0) > 0 || (s.showOthers && s.others.some((o) => o.relations?.length)),
  );
  const body = useRef<HTMLDivElement | null>(null);
  const [margin, setMargin] = useState(0);
  const pins = usePins(store, dl);
  const { layout, text, look, states } = dl;
  const paras = layout.paragraphs;
  // A fresh cache for each text's paragraphs.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the cache belongs to the layout it was filled from
  const rtl = useMemo(() => new Map<number, boolean>(), [layout]);
  const rtlOf = useCallback(
    (i: number) => {
      let v = rtl.get(i);
      if (v === undefined) {
        v = isRtl(text, paras[i].start, paras[i].end);
        rtl.set(i, v);
      }
      return v;
    },
    [rtl, text, paras],
  );

  const perLine = useRef(80);
  // Whether the browser lays the page out (a test DOM does not): then what is on screen is known from the
  // window's own measurements, without reading any box.
  const laidOut = useRef(false);
  const virtualizer = useVirtualizer({
    count: paras.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => {
      const len = paras[i].end - paras[i].start;
      return len === 0 ? GAP_PX : Math.max(1, Math.ceil(len / perLine.current)) * LINE_PX + GAP_PX;
    },
    overscan: OVERSCAN,
    scrollMargin: margin,
    initialRect: { width: 800, height: 800 },
    observeElementRect: (instance, cb) => {
      const el = instance.scrollElement;
      if (!el) return;
      const report = (rect: Rect) => {
        if (rect.height > 0) laidOut.current = true;
        cb(fallbackRect(rect));
      };
      report(el.getBoundingClientRect());
      if (typeof ResizeObserver === 'undefined') return;
      const ro = new ResizeObserver(([entry]) => {
        const box = entry.borderBoxSize?.[0];
        report(box ? { width: box.inlineSize, height: box.blockSize } : el.getBoundingClientRect());
      });
      ro.observe(el);
      return () => ro.disconnect();
    },
    rangeExtractor: (range: VRange) => {
      const base = defaultRangeExtractor(range);
      if (pins.current.size === 0) return base;
      const all = new Set(base);
      for (const p of pins.current) if (p >= 0 && p < paras.length) all.add(p);
      return [...all].sort((a, b) => a - b);
    },
  });

  // The article's top within the scrolled content, and the column's characters per line for the estimates:
  // measured once, then only when a box above the text or the column changes size. A read on every render
  // would force a layout in the middle of each scroll step and key press.
  const warned = dl.invalid > 0;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the warning strip above the text comes and goes with it
  useLayoutEffect(() => {
    const sc = scroller.current;
    const el = body.current;
    if (!sc || !el) return;
    const measure = () => {
      const top = el.getBoundingClientRect().top - sc.getBoundingClientRect().top + sc.scrollTop;
      setMargin((m) => (Math.abs(top - m) > 0.5 ? top : m));
      const width = el.clientWidth;
      if (width > 0) perLine.current = Math.max(20, Math.floor(width / (17 * 0.47)));
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    // Resize observers report after layout, when reading positions costs nothing.
    const ro = new ResizeObserver(measure);
    for (let n = el.parentElement?.previousElementSibling; n; n = n.previousElementSibling) ro.observe(n);
    ro.observe(sc);
    // The column narrows when the pane's scroll bar appears, which leaves the pane's own box as it was.
    ro.observe(el);
    return () => ro.disconnect();
  }, [scroller, warned]);

  const items = virtualizer.getVirtualItems();
  const itemKey = items.map((i) => i.index).join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: the rendered paragraphs (itemKey) and the spans drawn change what listeners see
  useLayoutEffect(() => {
    handle.notify();
  }, [handle, itemKey, states]);
  const keepSelection = useKeptSelection(handle.root);
  // biome-ignore lint/correctness/useExhaustiveDependencies: each redraw of the paragraphs may cut the selection's text nodes
  useLayoutEffect(() => {
    keepSelection();
  }, [keepSelection, itemKey, states, selected]);

  useEffect(() => {
    const visibleRect = () => {
      const sc = scroller.current;
      if (!sc) return null;
      const r = sc.getBoundingClientRect();
      return r.height > 0 ? r : null;
    };
    return handle.attach({
      async reveal(start, end) {
        const root = handle.root.current;
        const sc = scroller.current;
        if (!root || !sc) return false;
        const p = layout.paragraphAt(start);
        if (!root.querySelector(`[data-para="${p}"]`)) {
          virtualizer.scrollToIndex(p, { align: 'center' });
          for (let k = 0; k < 6 && !root.querySelector(`[data-para="${p}"]`); k++) await nextFrame();
        }
        const [range] = toDomRanges(root, [{ start, end: Math.max(end, start) }]);
        const box = visibleRect();
        if (!range || !box) return !!range;
        const r = range.getBoundingClientRect();
        if (r.top < box.top + 8 || r.bottom > box.bottom - 8)
          sc.scrollTop += r.top - (box.top + box.height / 2) + r.height / 2;
        await nextFrame();
        return true;
      },
      isOnScreen(start, end) {
        const root = handle.root.current;
        if (!root) return false;
        const ranges = toDomRanges(root, [{ start, end }]);
        if (ranges.length === 0) return false;
        const box = visibleRect();
        // No layout to ask (a test DOM): drawn is as close to on screen as it gets.
        if (!box) return true;
        for (const r of ranges[0].getClientRects())
          if (r.bottom > box.top && r.top < box.bottom && r.right > box.left && r.left < box.right) return true;
        return false;
      },
      layout: () => layout,
      shown() {
        const sc = scroller.current;
        if (laidOut.current && sc) {
          // The pane's own scroll position: the window's copy waits for the scroll event.
          const top = sc.scrollTop;
          const bottom = top + sc.clientHeight;
          let first: number | null = null;
          let last: number | null = null;
          for (const item of virtualizer.getVirtualItems()) {
            if (item.end <= top || item.start >= bottom) continue;
            first = first === null ? item.index : Math.min(first, item.index);
            last = last === null ? item.index : Math.max(last, item.index);
          }
          if (first !== null && last !== null) return { first, last };
        }
        const box = visibleRect();
        const root = handle.root.current;
        if (!root) return null;
        let first: number | null = null;
        let last: number | null = null;
        for (const el of root.querySelectorAll<HTMLElement>('[data-para]')) {
          const r = el.getBoundingClientRect();
          if (box && (r.bottom <= box.top || r.top >= box.bottom)) continue;
          const i = Number(el.dataset.para);
          first = first === null ? i : Math.min(first, i);
          last = last === null ? i : Math.max(last, i);
        }
        return first === null || last === null ? null : { first, last };
      },
    });
  }, [handle, layout, virtualizer, scroller]);

  const onPick = useCallback(
    (spans: string[], x: number, y: number) => {
      // A drag that selected text is a selection for labelling, not a click on a span.
      const sel = window.getSelection();
      if (sel && !sel.isCollapsed) return;
      const s = store.getState();
      // While a relation is being made a click on a span picks its target.
      if (s.relating && spans.length > 0 && !spans[0].startsWith(SUGGESTION_PREFIX)) {
        const target = spans.find((id) => id !== s.relating?.from);
        if (target) {
          s.setRelationTarget(target);
          s.setOverlay({ kind: 'relation-type' });
        }
        return;
      }
      if (spans[0]?.startsWith(SUGGESTION_PREFIX)) {
        s.setOverlay(null);
        s.selectSuggestion(spans[0].slice(SUGGESTION_PREFIX.length));
      } else if (spans.length === 1) {
        s.setOverlay(null);
        s.selectSpan(spans[0]);
      } else if (spans.length > 1) s.setOverlay({ kind: 'pick', x, y: y + 8, spans });
    },
    [store],
  );
  const selectionRange = useSelectionRange();
  const onHandle = useEdgeDrag();
  const onContextMenu = useCallback(
    (e: MouseEvent<HTMLElement>) => {
      const s = store.getState();
      const range = selectionRange();
      const run = (e.target as Element).closest('[data-keys]');
      const span = range ? null : (run?.getAttribute('data-keys')?.split('|')[0] ?? null);
      if (!range && !span) return;
      e.preventDefault();
      if (span) s.selectSpan(span);
      s.setOverlay({ kind: 'labels', x: e.clientX, y: e.clientY + 8, range, span });
    },
    [store, selectionRange],
  );

  return (
    <article
      className={hasRecord ? 'reader' : 'reader loading'}
      data-testid="reader"
      ref={handle.root as RefObject<HTMLElement>}
      onContextMenu={onContextMenu}
    >
      <div
        className={linked ? 'reader-body linked' : 'reader-body'}
        ref={body}
        style={{ height: virtualizer.getTotalSize() }}
      >
        {items.map((item) => {
          const p = paras[item.index];
          const spans = layout.paragraphViews(states, item.index);
          return (
            <div
              key={item.key}
              className="para-slot"
              data-index={item.index}
              ref={virtualizer.measureElement}
              style={{ transform: `translateY(${item.start - margin}px)` }}
            >
              <Paragraph
                text={text}
                index={item.index}
                start={p.start}
                end={p.end}
                rtl={rtlOf(item.index)}
                spans={spans}
                look={look}
                selected={selected !== null && spans.some((s) => s.id === selected) ? selected : null}
                onPick={onPick}
                onHandle={onHandle}
              />
            </div>
          );
        })}
        <RelationLayer dl={dl} body={body} />
      </div>
    </article>
  );
}

export function Reader() {
  const dl = useDocumentLayout();
  const currentId = useApp((s) => s.currentId);
  const docError = useApp((s) => s.docError);
  const scroller = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (typeof requestIdleCallback !== 'function') return;
    const id = requestIdleCallback(warmSegmenters, { timeout: 2000 });
    return () => cancelIdleCallback(id);
  }, []);

  if (docError) return <div className="reader-empty error">{docError}</div>;
  if (!currentId) return <div className="reader-empty">Select a document on the left.</div>;
  if (!dl) return <div className="reader-empty">Loading…</div>;

  return (
    <>
      {/* A scrollable region must take focus so the article scrolls with the keyboard (arrows, Page Down). */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a keyboard-scrollable region (axe scrollable-region-focusable) */}
      <section className="reader-scroll" ref={scroller} tabIndex={0} aria-label="Article text">
        <DocHeader />
        {dl.invalid > 0 && (
          <div className="strip warn">{dl.invalid} span(s) lie outside this text and are not shown.</div>
        )}
        {/* A new document starts a new window at its top. */}
        <Article key={currentId} dl={dl} scroller={scroller} />
      </section>
      <Legend dl={dl} />
    </>
  );
}
