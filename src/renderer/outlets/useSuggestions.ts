// Loads an annotator's suggestions from the backend (computed there, off the UI thread, each with its
// context), and keeps accept/reject state for the session.
import { useCallback, useEffect, useState } from 'react';
import type { Suggestion } from '../../core/suggestions';
import { useApi, useAppStore } from '../state/context';
import { errorText } from '../ui/errors';
import { useBusy } from '../ui/useBusy';
import { acceptSuggestions, rejectedSet, suggestionKey } from './accept';

interface SuggestionState {
  list: Suggestion[] | null;
  error: string | null;
  busy: boolean;
  accept(items: Suggestion[]): Promise<void>;
  reject(items: Suggestion[]): void;
  refresh(): void;
}

export function useSuggestions(annotator: string): SuggestionState {
  const api = useApi();
  const store = useAppStore();
  const [list, setList] = useState<Suggestion[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, runBusy] = useBusy();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    void tick;
    let live = true;
    setList(null);
    setError(null);
    if (!annotator) return;
    (async () => {
      const all = await api.suggestions(annotator);
      const hidden = rejectedSet(api);
      const shown = all.filter((s) => !hidden.has(`${annotator}\u0000${suggestionKey(s)}`));
      if (!live) return;
      setList(shown);
    })().catch((err) => live && setError(errorText(err)));
    return () => {
      live = false;
    };
  }, [api, annotator, tick]);

  const drop = useCallback((items: Suggestion[]) => {
    const keys = new Set(items.map(suggestionKey));
    setList((l) => l?.filter((s) => !keys.has(suggestionKey(s))) ?? null);
  }, []);

  const accept = useCallback(
    async (items: Suggestion[]) => {
      setError(null);
      await runBusy(
        async () => {
          // The workspace may hold unsaved edits of the same record: let them land first, then re-read it.
          await store.getState().flushSaves();
          const saved = await acceptSuggestions(api, annotator, items);
          drop(items);
          const state = store.getState();
          if (state.annotator === annotator && state.currentId && saved.includes(state.currentId))
            await state.reloadAll();
        },
        (err) => setError(`Could not accept: ${errorText(err)}`),
      );
    },
    [api, annotator, store, drop, runBusy],
  );

  const reject = useCallback(
    (items: Suggestion[]) => {
      const hidden = rejectedSet(api);
      for (const s of items) hidden.add(`${annotator}\u0000${suggestionKey(s)}`);
      drop(items);
    },
    [api, annotator, drop],
  );

  return { list, error, busy, accept, reject, refresh: () => setTick((t) => t + 1) };
}
