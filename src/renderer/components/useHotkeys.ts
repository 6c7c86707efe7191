// Keyboard: 1–9 label the selection with the codebook's first nine span labels; Delete/Backspace
// removes the selected span; Escape clears the selection.
import { useEffect } from 'react';
import { hotkeyLabels } from '../../core/codebook';
import { useAppStore } from '../state/context';
import { useApplyLabel } from './useApplyLabel';

/** Why: typing in a field must never trigger annotation shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const el = target as HTMLElement;
  return !!el.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]');
}

/** Why: one window-level listener for the workspace shortcuts, installed by <App>. */
export function useHotkeys(): void {
  const store = useAppStore();
  const applyLabel = useApplyLabel();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return;
      const state = store.getState();
      if (/^[1-9]$/.test(e.key)) {
        const labels = state.project ? hotkeyLabels(state.project.codebook) : [];
        const label = labels[Number(e.key) - 1];
        if (!label) {
          state.setNotice(`No span label has hotkey ${e.key}.`);
          return;
        }
        e.preventDefault();
        applyLabel(label.name);
      } else if ((e.key === 'Delete' || e.key === 'Backspace') && state.selectedSpan) {
        e.preventDefault();
        state.removeSpan(state.selectedSpan);
      } else if (e.key === 'Escape') {
        state.selectSpan(null);
        state.setNotice(null);
        window.getSelection()?.removeAllRanges();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, applyLabel]);
}
