// Ctrl+F: find in the open document. Matches are found in the whole text and painted with the CSS Custom
// Highlight API where their paragraphs are in the DOM (repainted as the reader scrolls), so the reader is not
// re-rendered; Enter / Shift+Enter step through them, the current one brought into view. Esc closes the bar
// and leaves the word cursor on the current match (as a browser leaves the found text selected), so the next
// key acts on what is on screen.
import { useEffect, useMemo } from 'react';
import { findAll } from '../../core/search';
import { useApp, useAppStore } from '../state/context';
import { useQueryCursor } from '../ui/useQueryCursor';
import { paintHighlight, toDomRanges } from './reader/highlight';
import { useReaderHandle } from './reader/ReaderRef';
import { paragraphWords } from './reader/words';

export function FindBar() {
  const store = useAppStore();
  const handle = useReaderHandle();
  const open = useApp((s) => s.overlay?.kind === 'find');
  const text = useApp((s) => s.doc?.text ?? '');
  const { query, setQuery, at: current, setAt: setCurrent } = useQueryCursor();
  const matches = useMemo(() => (open ? findAll(text, query) : []), [open, text, query]);

  // Repainted whenever the paragraphs in the DOM change (scrolling, edits re-cutting runs).
  useEffect(() => {
    const paint = () => {
      const root = handle.root.current;
      if (!open || !root) {
        paintHighlight('find', []);
        paintHighlight('find-current', []);
        return;
      }
      paintHighlight('find', toDomRanges(root, matches));
      const cur = matches[current];
      paintHighlight('find-current', cur ? toDomRanges(root, [cur]) : []);
    };
    paint();
    const stop = handle.subscribe(paint);
    return () => {
      stop();
      if (!open) return;
      paintHighlight('find', []);
      paintHighlight('find-current', []);
    };
  }, [open, matches, current, handle]);

  useEffect(() => {
    const cur = matches[current];
    if (open && cur) void handle.reveal(cur.start, cur.end);
  }, [open, matches, current, handle]);

  if (!open) return null;
  const close = (keepMatch: boolean) => {
    const s = store.getState();
    const cur = matches[current];
    s.setOverlay(null);
    setCurrent(0);
    if (keepMatch && cur) {
      // The cursor covers the words of the match, so a label key applies to exactly what was found.
      const doc = s.doc;
      const words = doc
        ? [cur.start, cur.end - 1].map((o) => {
            const w = paragraphWordsAt(o);
            return w ?? { start: o, end: o + 1 };
          })
        : [];
      if (words.length === 2) {
        s.setCursor({ anchor: words[0], focus: words[1] });
        s.announce(`Word cursor on the match: ${text.slice(cur.start, cur.end)}`);
      }
    }
  };
  const paragraphWordsAt = (o: number) => {
    const layout = handle.layout();
    if (!layout) return null;
    return paragraphWords(layout, layout.paragraphAt(o)).find((w) => w.start <= o && w.end > o) ?? null;
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
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && matches.length) {
            setCurrent((c) => (c + (e.shiftKey ? matches.length - 1 : 1)) % matches.length);
          } else if (e.key === 'Escape') close(true);
          else return;
          e.preventDefault();
        }}
      />
      <span className="muted small-text" data-testid="find-count" aria-live="polite">
        {query.trim() ? (matches.length ? `${current + 1} of ${matches.length}` : 'no matches') : ''}
      </span>
      <button type="button" className="small" aria-label="Close the find bar" onClick={() => close(false)}>
        ✕
      </button>
    </div>
  );
}
