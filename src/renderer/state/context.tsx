// Hands the per-App store to components; selectors keep re-renders to what each component reads.
import { createContext, useContext } from 'react';
import type { StoreApi } from 'zustand';
import { useStore } from 'zustand';
import type { AppState } from './store';

/** Components read the store of the <App> they are in, never a module global. */
export const StoreContext = createContext<StoreApi<AppState> | null>(null);

/** The one hook components use to read state and actions. */
export function useApp<T>(selector: (state: AppState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useApp outside <App>');
  return useStore(store, selector);
}

/** Event handlers read fresh state at call time (getState) without subscribing the component. */
export function useAppStore(): StoreApi<AppState> {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore outside <App>');
  return store;
}
