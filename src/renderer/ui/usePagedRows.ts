// A long list fetched a window at a time: the first window when the source changes, the next when the list is
// scrolled near its end (or "Show more" is pressed).
import { type UIEvent, useCallback, useEffect, useRef, useState } from 'react';
import { errorText } from './errors';

export const PAGE_ROWS = 100;
/** Pixels from the end of a scrolled list at which the next window is fetched. */
const NEAR_END = 200;

export interface PagedRows<T> {
  rows: T[];
  total: number | null;
  loading: boolean;
  error: string | null;
  more(): void;
  onScroll(event: UIEvent<HTMLElement>): void;
}

/** `fetch` answers `limit` rows from `offset` and the total; a new `fetch` (its inputs changed) starts over. */
export function usePagedRows<T>(
  fetch: ((offset: number, limit: number) => Promise<{ rows: T[]; total: number }>) | null,
): PagedRows<T> {
  const [rows, setRows] = useState<T[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const gen = useRef(0);
  const busy = useRef(false);
  const state = useRef({ loaded: 0, total: null as number | null });

  const load = useCallback(
    (offset: number) => {
      if (!fetch) return;
      const mine = gen.current;
      busy.current = true;
      setLoading(true);
      fetch(offset, PAGE_ROWS).then(
        (page) => {
          if (mine !== gen.current) return;
          busy.current = false;
          setLoading(false);
          setError(null);
          state.current = { loaded: offset + page.rows.length, total: page.total };
          setTotal(page.total);
          setRows((old) => (offset === 0 ? page.rows : [...old, ...page.rows]));
        },
        (err: unknown) => {
          if (mine !== gen.current) return;
          busy.current = false;
          setLoading(false);
          setError(errorText(err));
        },
      );
    },
    [fetch],
  );

  useEffect(() => {
    gen.current++;
    busy.current = false;
    state.current = { loaded: 0, total: null };
    load(0);
  }, [load]);

  const more = useCallback(() => {
    const { loaded, total: all } = state.current;
    if (busy.current || all === null || loaded >= all) return;
    load(loaded);
  }, [load]);

  const onScroll = useCallback(
    (event: UIEvent<HTMLElement>) => {
      const el = event.currentTarget;
      if (el.scrollTop + el.clientHeight >= el.scrollHeight - NEAR_END) more();
    },
    [more],
  );

  return { rows, total, loading, error, more, onScroll };
}
