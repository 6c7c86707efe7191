import type { SliceCreator, UiSlice } from './types';

export const createUiSlice: SliceCreator<UiSlice> = () => (set) => ({
  notice: null,
  overlay: null,
  view: 'annotate',
  setNotice: (notice) => set({ notice }),
  setOverlay: (overlay) => set({ overlay }),
  setView: (view) => set({ view }),
});
