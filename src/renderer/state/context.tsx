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

/**
 * A value worked out from parts of the store: worked out again only when one of `inputs` changes (compared one
 * by one), and the value before kept while `same` says it came out the same, so a component that shows, say,
 * label counts re-renders on an edit only when a count changed. `derive` may close over `deps` only.
 */
export function useAppDerived<I extends unknown[], T>(
  inputs: (state: AppState) => readonly [...I],
  derive: (...inputs: I) => T,
  same: (a: T, b: T) => boolean,
  deps: readonly unknown[] = [],
): T {
  // A new selector (and an empty cache) whenever `deps` change, as a memo would give.
  const made = useRef<{ deps: readonly unknown[]; selector: (state: AppState) => T } | null>(null);
  let current = made.current;
  if (!current || current.deps.length !== deps.length || current.deps.some((d, i) => !Object.is(d, deps[i]))) {
    let cache: { inputs: readonly [...I]; value: T } | null = null;
    const selector = (state: AppState): T => {
      const next = inputs(state);
      if (cache && next.length === cache.inputs.length && next.every((x, i) => Object.is(x, cache?.inputs[i])))
        return cache.value;
      const value = derive(...(next as I));
      const kept = cache && same(cache.value, value) ? cache.value : value;
      cache = { inputs: next, value: kept };
      return kept;
    };
    current = { deps, selector };
    made.current = current;
  }
  return useStore(useAppStore(), current.selector);
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
