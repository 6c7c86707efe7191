// Moving the selected span's start or end by one word or grapheme (keyboard and the editor's buttons).
import { useCallback } from 'react';
import { useAppStore } from '../state/context';
import { type Edge, moveEdge } from './reader/adjust';
import { spanKey } from './reader/segments';
import { mapFor } from './useApplyLabel';

/** One place that converts code points ↔ UTF-16 around the pure edge move. */
export function useSpanAdjust(): (edge: Edge, direction: -1 | 1) => boolean {
  const store = useAppStore();
  return useCallback(
    (edge, direction) => {
      const s = store.getState();
      const key = s.selectedSpan;
      const span = key ? s.record?.spans.find((x) => spanKey(x) === key) : undefined;
      if (!key || !span || !s.doc) return false;
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
      s.updateSpan(key, { ...span, start: map.toCodePoint(moved.start), end: map.toCodePoint(moved.end) });
      return true;
    },
    [store],
  );
}
