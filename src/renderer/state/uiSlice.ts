import type { SliceCreator, UiSlice } from './types';

export const createUiSlice: SliceCreator<UiSlice> = () => (set, get) => ({
  notice: null,
  toast: null,
  announcement: null,
  overlay: null,
  view: 'annotate',
  setNotice: (notice) => set({ notice }),
  showToast: (message, action) =>
    set({ toast: { id: (get().toast?.id ?? 0) + 1, message, action }, announcement: announced(get(), message) }),
  dismissToast: () => set({ toast: null }),
  announce: (text) => set({ announcement: announced(get(), text) }),
  setOverlay: (overlay) => set({ overlay }),
  setView: (view) => set({ view }),
});

function announced(s: UiSlice, text: string): UiSlice['announcement'] {
  return { text, n: (s.announcement?.n ?? 0) + 1 };
}
