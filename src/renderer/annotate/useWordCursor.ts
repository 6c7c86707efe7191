// The keyboard's way to make a span, as doccano and Prodigy offer: a word cursor in the reader. ← → move it
// a word (in the order the words are drawn, right-to-left text included), ↑ ↓ a line, Shift extends it,
// 1–9 label what it covers. It starts on the first word on screen (or beside the selected span), is painted
// with the CSS Custom Highlight API (nothing re-renders), and every move is said to screen readers.
import { useCallback, useEffect, useMemo } from 'react';
import { useAppStore } from '../state/context';
import { indexOfSpan } from '../state/spans';
import { mapFor } from '../state/textMap';
import { cursorRange, type WordCursor } from '../state/types';
import { isRtl } from './reader/bidi';
import { paintHighlight, toDomRanges } from './reader/highlight';
import { type ReaderHandle, useReaderHandle } from './reader/ReaderRef';
import { TextLayout as Layout, type TextLayout } from './reader/segments';
import { caretAt, pointToOffset } from './reader/selection';
import { stepLine, stepVisual, type Word, wordAtOrAfter } from './reader/words';

type Arrow = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown';

const layouts = new WeakMap<object, TextLayout>();

/** The words are found in the text shown; one layout per document object. */
function layoutOf(doc: { text: string }): TextLayout {
  let l = layouts.get(doc);
  if (!l) {
    l = new Layout(doc.text, mapFor(doc.text));
    layouts.set(doc, l);
  }
  return l;
}

const excerpt = (text: string, r: { start: number; end: number }) => {
  const s = text.slice(r.start, r.end).replace(/\s+/g, ' ');
  return s.length > 60 ? `${s.slice(0, 40)}…${s.slice(-15)}` : s;
};

/** What a screen reader hears after a move: the word, or the stretch covered and how many words. */
function describe(text: string, c: WordCursor): string {
  const r = cursorRange(c);
  if (c.anchor.start === c.focus.start) return `${excerpt(text, r)}`;
  const words = text.slice(r.start, r.end).split(/\s+/).filter(Boolean).length;
  return `Selected ${words} words: ${excerpt(text, r)}`;
}

/** The first word drawn on screen, or the first rendered one when nothing is laid out. */
function firstOnScreen(layout: TextLayout, handle: ReaderHandle): Word | null {
  const shown = handle.shown();
  if (!shown) return wordAtOrAfter(layout, 0);
  let w = wordAtOrAfter(layout, layout.paragraphs[shown.first].start);
  for (let k = 0; w && k < 400; k++) {
    if (handle.isOnScreen(w.start, w.end)) return w;
    w = wordAtOrAfter(layout, w.end);
  }
  return wordAtOrAfter(layout, layout.paragraphs[shown.first].start);
}

export interface WordCursorApi {
  /** Moves (or, with `extend`, stretches) the cursor for an arrow key; false when it does not apply. */
  arrow(key: Arrow, extend: boolean): boolean;
  /** The covered stretch as code points, or null without a cursor. */
  range(): { start: number; end: number } | null;
}

export function useWordCursor(): WordCursorApi {
  const store = useAppStore();
  const handle = useReaderHandle();

  // Painting follows the cursor and the paragraphs in the DOM (a scroll may re-create the text nodes).
  useEffect(() => {
    const paint = () => {
      const c = store.getState().cursor;
      const root = handle.root.current;
      paintHighlight('word-cursor', c && root ? toDomRanges(root, [cursorRange(c)]) : []);
    };
    let last = store.getState().cursor;
    const unsubscribe = store.subscribe((s) => {
      if (s.cursor === last) return;
      last = s.cursor;
      paint();
    });
    const stop = handle.subscribe(paint);
    return () => {
      unsubscribe();
      stop();
      paintHighlight('word-cursor', []);
    };
  }, [store, handle]);

  const arrow = useCallback(
    (key: Arrow, extend: boolean) => {
      const s = store.getState();
      const doc = s.doc;
      const root = handle.root.current;
      if (!doc || !root) return false;
      const shownLayout = handle.layout();
      const layout = shownLayout?.text === doc.text ? shownLayout : layoutOf(doc);
      const rangeOf = (start: number, end: number) => toDomRanges(root, [{ start, end }])[0] ?? null;
      let cursor = s.cursor;
      if (!cursor) {
        // Up and down scroll the page until the cursor is started with ← or →.
        if (key === 'ArrowUp' || key === 'ArrowDown') return false;
        const map = mapFor(doc.text);
        const spans = s.record?.spans ?? [];
        const span = spans[indexOfSpan(spans, s.selectedSpan)];
        let start: Word | null = null;
        if (span && handle.isOnScreen(map.toUtf16(span.start), map.toUtf16(span.end))) {
          const edge = map.toUtf16(span.start);
          start = wordAtOrAfter(layout, edge);
        }
        start ??= firstOnScreen(layout, handle);
        if (!start) return false;
        const next: WordCursor = { anchor: start, focus: start };
        s.setCursor(next);
        s.announce(`Word cursor: ${describe(doc.text, next)}. Arrows move, Shift extends, 1 to 9 label.`);
        void handle.reveal(start.start, start.end);
        return true;
      }
      const from = cursor.focus;
      const rtl = isRtl(doc.text, layout.paragraphs[layout.paragraphAt(from.start)].start, from.end);
      let to: Word | null;
      if (key === 'ArrowLeft' || key === 'ArrowRight') to = stepVisual(layout, from, key, rtl, rangeOf);
      else {
        // Keep a couple of lines of room on the side it moves to, so the line it looks for is on screen.
        const sc = root.closest('.reader-scroll');
        const here = rangeOf(from.start, from.end)?.getBoundingClientRect();
        const box = sc?.getBoundingClientRect();
        if (sc && here && box && box.height > 0) {
          const room = here.height * 3;
          if (key === 'ArrowUp' && here.top - box.top < room) sc.scrollTop -= room;
          if (key === 'ArrowDown' && box.bottom - here.bottom < room) sc.scrollTop += room;
        }
        to = stepLine(layout, from, key, rangeOf, (x, y) => {
          const caret = caretAt(x, y);
          return caret && root.contains(caret.node) ? pointToOffset(root, caret.node, caret.offset) : null;
        });
      }
      if (!to) {
        s.announce(key === 'ArrowLeft' || key === 'ArrowUp' ? 'Start of the text' : 'End of the text');
        return true;
      }
      cursor = extend ? { anchor: cursor.anchor, focus: to } : { anchor: to, focus: to };
      s.setCursor(cursor);
      s.announce(describe(doc.text, cursor));
      if (!handle.isOnScreen(to.start, to.end)) void handle.reveal(to.start, to.end);
      return true;
    },
    [store, handle],
  );

  const range = useCallback(() => {
    const s = store.getState();
    if (!s.cursor || !s.doc) return null;
    const r = cursorRange(s.cursor);
    const map = mapFor(s.doc.text);
    return { start: map.toCodePoint(r.start), end: map.toCodePoint(r.end) };
  }, [store]);

  return useMemo(() => ({ arrow, range }), [arrow, range]);
}
