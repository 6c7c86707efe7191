// The centre pane: the document's metadata and its text, highlighted with the annotator's spans.
import { type RefObject, useCallback, useMemo } from 'react';
import { useApp, useAppStore } from '../state/context';
import { Paragraph, paragraphSig } from './Paragraph';
import { useReaderRef } from './ReaderRef';
import { useDocumentLayout } from './useDocumentLayout';

/** Why: clicking a run selects its innermost span; clicking again cycles through the spans covering it. */
function nextPick(keys: string[], current: string | null): string | null {
  if (keys.length === 0) return null;
  const i = current ? keys.indexOf(current) : -1;
  return keys[(i + 1) % keys.length];
}

/** Why: the header shows what the analyst needs to place the article: outlet, date, author, source. */
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

/** Why: the article itself; run elements carry data-start/data-end so selections map to offsets. */
export function Reader() {
  const ref = useReaderRef();
  const store = useAppStore();
  const layout = useDocumentLayout();
  const selected = useApp((s) => s.selectedSpan);
  const currentId = useApp((s) => s.currentId);
  const docError = useApp((s) => s.docError);
  const hasRecord = useApp((s) => s.record !== null);

  const onPick = useCallback(
    (keys: string[]) => {
      // A drag that selected text is a selection for labelling, not a click on a span.
      const sel = window.getSelection();
      if (sel && !sel.isCollapsed) return;
      store.getState().selectSpan(nextPick(keys, store.getState().selectedSpan));
    },
    [store],
  );

  const paragraphs = useMemo(
    () => layout?.paragraphs.map((p) => ({ ...p, sig: paragraphSig(p.spans) })) ?? [],
    [layout],
  );

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
      >
        {paragraphs.map((p) => (
          <Paragraph
            key={p.index}
            text={layout.text}
            start={p.start}
            end={p.end}
            spans={p.spans}
            sig={p.sig}
            selected={selected !== null && p.spans.some((s) => s.key === selected) ? selected : null}
            onPick={onPick}
          />
        ))}
      </article>
    </div>
  );
}
