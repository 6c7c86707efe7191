// Moving the selected span's start or end by one word or grapheme (the keyboard and the editor's buttons).
import { useCallback } from 'react';
import { useAppStore } from '../state/context';
import { indexOfSpan } from '../state/spans';
import { type Edge, moveEdge } from './reader/adjust';
import { mapFor } from './useApplyLabel';

export function useSpanAdjust(): (edge: Edge, direction: -1 | 1) => boolean {
  const store = useAppStore();
  return useCallback(
    (edge, direction) => {
      const s = store.getState();
      const selected = s.selectedSpan;
      const spans = s.record?.spans ?? [];
      const span = spans[indexOfSpan(spans, selected)];
      if (!selected || !span || !s.doc) return false;
      const map = mapFor(s.doc.text);
      const unit = s.project?.settings.selectionUnit ?? 'word';
      const moved = moveEdge(
        s.doc.text,
        { start: map.toUtf16(span.start), end: map.toUtf16(span.end) },
        edge,
        direction,
        unit,
      );
      if (!moved) return false;
      s.updateSpan(selected, { ...span, start: map.toCodePoint(moved.start), end: map.toCodePoint(moved.end) });
      return true;
    },
    [store],
  );
}
