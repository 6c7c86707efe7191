// Ctrl+F: find in the open document. Matches are painted with the CSS Custom Highlight API, so the
// reader is not re-rendered; Enter / Shift+Enter step through them, the current one scrolled into view.
import { useEffect, useMemo, useState } from 'react';
import { findAll } from '../../core/search';
import { useApp, useAppStore } from '../state/context';
import { paintHighlight, toDomRanges } from './reader/highlight';
import { useReaderRef } from './reader/ReaderRef';

export function FindBar() {
  const store = useAppStore();
  const ref = useReaderRef();
  const open = useApp((s) => s.overlay?.kind === 'find');
  const text = useApp((s) => s.doc?.text ?? '');
  const spans = useApp((s) => s.record?.spans);
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState(0);
  const matches = useMemo(() => (open ? findAll(text, query) : []), [open, text, query]);

  // Runs are re-cut when spans change, so the ranges are rebuilt then too.
  // biome-ignore lint/correctness/useExhaustiveDependencies: spans change the DOM the ranges point into
  useEffect(() => {
    const root = ref.current;
    if (!open || !root) {
      paintHighlight('find', []);
      paintHighlight('find-current', []);
      return;
    }
    const ranges = toDomRanges(root, matches);
    paintHighlight('find', ranges);
    const cur = ranges[current];
    paintHighlight('find-current', cur ? [cur] : []);
    cur?.startContainer.parentElement?.scrollIntoView?.({ block: 'center' });
  }, [open, matches, current, ref, spans]);

  if (!open) return null;
  const close = () => {
    store.getState().setOverlay(null);
    setCurrent(0);
  };
  return (
    <div className="popup find-bar" data-testid="find-bar">
      <input
        // biome-ignore lint/a11y/noAutofocus: Ctrl+F means "type what to find"
        autoFocus
        type="search"
        data-testid="find-input"
        aria-label="Find in document"
        placeholder="Find in document"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setCurrent(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && matches.length) {
            setCurrent((c) => (c + (e.shiftKey ? matches.length - 1 : 1)) % matches.length);
          } else if (e.key === 'Escape') close();
          else return;
          e.preventDefault();
        }}
      />
      <span className="muted small-text" data-testid="find-count">
        {query.trim() ? (matches.length ? `${current + 1} of ${matches.length}` : 'no matches') : ''}
      </span>
      <button type="button" className="small" onClick={close}>
        ✕
      </button>
    </div>
  );
}
