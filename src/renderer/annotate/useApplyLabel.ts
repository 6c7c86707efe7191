// Applying a span label to the reader's mouse selection: the 1–9 keys, the palette and the label popup.
import { useCallback } from 'react';
import { useAppStore } from '../state/context';
import { mapFor } from '../state/textMap';
import { cursorRange } from '../state/types';
import { selectionToSpan } from './reader/apply';
import { useReaderRef } from './reader/ReaderRef';

/**
 * What the analyst has marked to label, as snapped code-point offsets: the word cursor's stretch, else the
 * reader's text selection; null when nothing usable is marked.
 */
export function useSelectionRange(): () => { start: number; end: number } | null {
  const store = useAppStore();
  const ref = useReaderRef();
  return useCallback(() => {
    const state = store.getState();
    const root = ref.current;
    if (!state.doc || !root) return null;
    if (state.cursor) {
      const map = mapFor(state.doc.text);
      const r = cursorRange(state.cursor);
      return { start: map.toCodePoint(r.start), end: map.toCodePoint(r.end) };
    }
    const unit = state.project?.settings.selectionUnit ?? 'word';
    const span = selectionToSpan(root, window.getSelection(), state.doc.text, mapFor(state.doc.text), unit, '');
    return span ? { start: span.start, end: span.end } : null;
  }, [store, ref]);
}

/** Labels the selected text, or says why it cannot; returns whether it did. */
export function useApplyLabel(): (label: string) => boolean {
  const store = useAppStore();
  const range = useSelectionRange();
  return useCallback(
    (label: string) => {
      const state = store.getState();
      if (!state.doc) return false;
      const r = range();
      if (!r) {
        state.setNotice(
          'Select some text in the article (or press ← → for the word cursor) first, then press a number or click a label.',
        );
        return false;
      }
      window.getSelection()?.removeAllRanges();
      const doc = state.doc.id;
      // Without a name the mark waits for "Who is annotating?" and is applied once it is answered.
      if (!state.annotator) {
        state.askName(() => {
          void store
            .getState()
            .recordReady()
            .then((ok) => {
              if (ok && store.getState().doc?.id === doc) store.getState().addSpan({ ...r, label });
            });
        });
        return true;
      }
      // A key pressed while the annotator's record is still being read is applied once it is there.
      if (!state.record)
        void state.recordReady().then((ok) => {
          if (ok && store.getState().doc?.id === doc) store.getState().addSpan({ ...r, label });
          else store.getState().setNotice('The document changed before it finished loading; nothing was labelled.');
        });
      else state.addSpan({ ...r, label });
      return true;
    },
    [store, range],
  );
}
