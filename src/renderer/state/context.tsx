// Components reach the store of the <App> they are in (never a module global), and the backend through it.
import { createContext, useContext, useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { FrameLensApi } from '../../core/api';
import type { FeedListener } from './changeFeed';
import type { AppState, AppStore } from './types';

export const StoreContext = createContext<AppStore | null>(null);

/** Event handlers read fresh state at call time (getState) without subscribing the component. */
export function useAppStore(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore outside <App>');
  return store;
}

/** Selectors keep re-renders to what each component reads. */
export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(useAppStore(), selector);
}

/** Several fields of the store at once; the component re-renders when one of them changes. */
export function useAppPick<K extends keyof AppState>(...keys: K[]): Pick<AppState, K> {
  return useStore(
    useAppStore(),
    useShallow((s) => {
      const picked = {} as Pick<AppState, K>;
      for (const k of keys) picked[k] = s[k];
      return picked;
    }),
  );
}

/** The one way a view reaches the backend. */
export function useApi(): FrameLensApi {
  return useAppStore().api;
}

/** Each page of the store's change feed while the component is mounted; the latest handler is called. */
export function useChangeFeed(onChanges: FeedListener): void {
  const store = useAppStore();
  const handler = useRef(onChanges);
  handler.current = onChanges;
  useEffect(() => store.getState().subscribeChanges((changes, reset) => handler.current(changes, reset)), [store]);
}
