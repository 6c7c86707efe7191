// Moving the selected span's start or end: by one word or grapheme (the keyboard and the editor's buttons), or
// to where a handle is dragged (useEdgeDrag).
import { useCallback } from 'react';
import { useAppStore } from '../state/context';
import { indexOfSpan } from '../state/spans';
import { mapFor } from '../state/textMap';
import type { AppState } from '../state/types';
import { type Edge, moveEdge } from './reader/adjust';
import type { SelectionUnit } from './reader/snap';

type Range16 = { start: number; end: number };

/** The move is computed in UTF-16 offsets, as the DOM and the segmenters count; the record keeps code points. */
export function moveSelectedSpan(
  s: AppState,
  move: (text: string, span: Range16, unit: SelectionUnit) => Range16 | null,
): boolean {
  const spans = s.record?.spans ?? [];
  const span = spans[indexOfSpan(spans, s.selectedSpan)];
  if (!s.selectedSpan || !span || !s.doc) return false;
  const map = mapFor(s.doc.text);
  const unit = s.project?.settings.selectionUnit ?? 'word';
  const moved = move(s.doc.text, { start: map.toUtf16(span.start), end: map.toUtf16(span.end) }, unit);
  if (!moved) return false;
  s.updateSpan(s.selectedSpan, { ...span, start: map.toCodePoint(moved.start), end: map.toCodePoint(moved.end) });
  return true;
}

export function useSpanAdjust(): (edge: Edge, direction: -1 | 1) => boolean {
  const store = useAppStore();
  return useCallback(
    (edge, direction) =>
      moveSelectedSpan(store.getState(), (text, span, unit) => moveEdge(text, span, edge, direction, unit)),
    [store],
  );
}
