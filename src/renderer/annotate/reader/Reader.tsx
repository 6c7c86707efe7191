// The centre pane: the document's metadata and its text, highlighted with the annotator's spans.
import { type MouseEvent, type RefObject, useCallback } from 'react';
import { useApp, useAppStore } from '../../state/context';
import { SUGGESTION_PREFIX } from '../../state/modelSlice';
import { useSelectionRange } from '../useApplyLabel';
import { useEdgeDrag } from '../useEdgeDrag';
import { Paragraph } from './Paragraph';
import { useReaderRef } from './ReaderRef';
import { useDocumentLayout } from './useDocumentLayout';

/** The header shows what the analyst needs to place the article: outlet, date, author, source. */
function DocHeader() {
  const doc = useApp((s) => s.doc);
  if (!doc) return null;
  const { meta } = doc;
  const date = meta.published ?? meta.publishedRaw;
  return (
    <header className="doc-header">
      <h1 dir="auto">{meta.title || doc.id}</h1>
      <div className="doc-meta">
        {[meta.outlet, date, meta.author].filter(Boolean).map((v) => (
          <span key={v}>{v}</span>
        ))}
        <span className="muted mono">{doc.id}</span>
      </div>
      {meta.url && (
        <div className="doc-url muted" title={meta.url}>
          {meta.url}
        </div>
      )}
    </header>
  );
}

/** The article itself; run elements carry data-start/data-end so selections map to offsets. */
export function Reader() {
  const ref = useReaderRef();
  const store = useAppStore();
  const layout = useDocumentLayout();
  const selected = useApp(
    (s) => s.selectedSpan ?? (s.selectedSuggestion !== null ? `${SUGGESTION_PREFIX}${s.selectedSuggestion}` : null),
  );
  const currentId = useApp((s) => s.currentId);
  const docError = useApp((s) => s.docError);
  const hasRecord = useApp((s) => s.record !== null);

  const onPick = useCallback(
    (spans: string[], x: number, y: number) => {
      // A drag that selected text is a selection for labelling, not a click on a span.
      const sel = window.getSelection();
      if (sel && !sel.isCollapsed) return;
      const s = store.getState();
      if (spans[0]?.startsWith(SUGGESTION_PREFIX)) {
        s.setOverlay(null);
        s.selectSuggestion(spans[0].slice(SUGGESTION_PREFIX.length));
      } else if (spans.length === 1) {
        s.setOverlay(null);
        s.selectSpan(spans[0]);
        s.selectSuggestion(null);
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

  const paragraphs = layout?.paragraphs ?? [];

  if (docError) return <div className="reader-empty error">{docError}</div>;
  if (!currentId) return <div className="reader-empty">Select a document on the left.</div>;
  if (!layout) return <div className="reader-empty">Loading…</div>;

  return (
    <div className="reader-scroll">
      <DocHeader />
      {layout.invalid > 0 && (
        <div className="strip warn">{layout.invalid} span(s) lie outside this text and are not shown.</div>
      )}
      <article
        className={hasRecord ? 'reader' : 'reader loading'}
        data-testid="reader"
        ref={ref as RefObject<HTMLElement>}
        onContextMenu={onContextMenu}
      >
        {paragraphs.map((p) => (
          <Paragraph
            key={p.index}
            text={layout.text}
            start={p.start}
            end={p.end}
            spans={p.spans}
            selected={selected !== null && p.spans.some((s) => s.id === selected) ? selected : null}
            onPick={onPick}
            onHandle={onHandle}
          />
        ))}
      </article>
    </div>
  );
}
