// Dragging the selected span's start or end handle: where the mouse is let go, the edge snaps to a word
// (or grapheme) boundary and the span is updated as one undoable edit.
import { type MouseEvent as ReactMouseEvent, useCallback } from 'react';
import { useAppStore } from '../state/context';
import { dragEdge, type Edge } from './reader/adjust';
import { useReaderRef } from './reader/ReaderRef';
import { caretAt, pointToOffset } from './reader/selection';
import { moveSelectedSpan } from './useSpanAdjust';

/** Called on mouse down on a handle; follows the drag to the mouse up. */
export function useEdgeDrag(): (edge: Edge, e: ReactMouseEvent) => void {
  const store = useAppStore();
  const ref = useReaderRef();
  return useCallback(
    (edge, e) => {
      e.preventDefault();
      e.stopPropagation();
      document.body.classList.add('dragging-edge');
      const onUp = (up: MouseEvent) => {
        window.removeEventListener('mouseup', onUp);
        document.body.classList.remove('dragging-edge');
        const root = ref.current;
        const caret = caretAt(up.clientX, up.clientY);
        if (!root || !caret || !root.contains(caret.node)) return;
        const to = pointToOffset(root, caret.node, caret.offset);
        if (to === null) return;
        moveSelectedSpan(store.getState(), (text, span, unit) => dragEdge(text, span, edge, to, unit));
      };
      window.addEventListener('mouseup', onUp);
    },
    [store, ref],
  );
}
