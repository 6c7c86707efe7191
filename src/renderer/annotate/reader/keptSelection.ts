// A redraw of the reader's paragraphs (another coder's layer arriving, a save coming back, a suggestion) re-cuts
// their runs: React shortens, moves or replaces the text nodes a DOM selection is anchored in, and the browser
// then collapses or shifts the selection, so the label key that follows would find nothing selected. The
// selection is kept as offsets into the text and put back after each redraw.
import { type RefObject, useCallback, useEffect, useRef } from 'react';
import { toDomRanges } from './highlight';
import { pointToOffset } from './selection';

/** UTF-16 offsets of the selection's anchor (where the drag began) and focus. */
interface Kept {
  anchor: number;
  focus: number;
}

function readSelection(root: Element): Kept | null {
  const sel = window.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed || !sel.anchorNode || !sel.focusNode) return null;
  if (!root.contains(sel.anchorNode) && !root.contains(sel.focusNode)) return null;
  const anchor = pointToOffset(root, sel.anchorNode, sel.anchorOffset);
  const focus = pointToOffset(root, sel.focusNode, sel.focusOffset);
  return anchor === null || focus === null || anchor === focus ? null : { anchor, focus };
}

/** Keeps the reader's text selection; the function returned puts it back, and is called after each redraw. */
export function useKeptSelection(root: RefObject<HTMLElement | null>): () => void {
  const kept = useRef<Kept | null>(null);
  useEffect(() => {
    const el = root.current;
    const onChange = () => {
      kept.current = root.current ? readSelection(root.current) : null;
    };
    // A press in the text begins a new selection (or a click); the old one is not to come back.
    const onDown = () => {
      kept.current = null;
    };
    document.addEventListener('selectionchange', onChange);
    el?.addEventListener('mousedown', onDown);
    return () => {
      document.removeEventListener('selectionchange', onChange);
      el?.removeEventListener('mousedown', onDown);
    };
  }, [root]);

  return useCallback(() => {
    const want = kept.current;
    const el = root.current;
    const sel = window.getSelection();
    // No range at all: the app or the user cleared the selection (labelling does), which is not undone here.
    if (!want || !el || !sel || sel.rangeCount === 0) return;
    const now = readSelection(el);
    if (now && now.anchor === want.anchor && now.focus === want.focus) return;
    const start = Math.min(want.anchor, want.focus);
    const end = Math.max(want.anchor, want.focus);
    const [range] = toDomRanges(el, [{ start, end }]);
    if (!range) return;
    if (want.anchor <= want.focus)
      sel.setBaseAndExtent(range.startContainer, range.startOffset, range.endContainer, range.endOffset);
    else sel.setBaseAndExtent(range.endContainer, range.endOffset, range.startContainer, range.startOffset);
  }, [root]);
}
