// Applying a span label to the current mouse selection: used by the 1–9 hotkeys and the label buttons.
import { useCallback } from 'react';
import { OffsetMap } from '../../core/offsets';
import { selectionToSpan } from '../reader/apply';
import { useAppStore } from '../state/context';
import { useReaderRef } from './ReaderRef';

let cachedMap: { text: string; map: OffsetMap } | null = null;

/** Why: the offset map of the open text, built once per text rather than on every key press. */
function mapFor(text: string): OffsetMap {
  if (cachedMap?.text !== text) cachedMap = { text, map: new OffsetMap(text) };
  return cachedMap.map;
}

/** Why: returns a function that labels the selected text; it says why when it cannot. */
export function useApplyLabel(): (label: string) => boolean {
  const store = useAppStore();
  const ref = useReaderRef();
  return useCallback(
    (label: string) => {
      const state = store.getState();
      const root = ref.current;
      if (!state.doc || !state.record || !root) return false;
      if (!state.annotator) {
        state.setNotice('Choose an annotator (top right) before annotating.');
        return false;
      }
      const sel = window.getSelection();
      const unit = state.project?.settings.selectionUnit ?? 'word';
      const span = selectionToSpan(root, sel, state.doc.text, mapFor(state.doc.text), unit, label);
      if (!span) {
        state.setNotice('Select some text in the article first, then press a number or click a label.');
        return false;
      }
      state.addSpan(span);
      sel?.removeAllRanges();
      return true;
    },
    [store, ref],
  );
}
