// The queue's data: the agreement input and the document titles, computed into rows off the click path.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '../state/context';
import { errorText } from '../ui/errors';
import { buildQueue, type QueueRow } from './queue';

/** Refreshed after a decision or a change on disk. */
interface QueueData {
  rows: QueueRow[] | null;
  error: string | null;
  refresh(): void;
}

/** A newer refresh supersedes an older one still running. */
export function useQueue(): QueueData {
  const api = useApi();
  const [rows, setRows] = useState<QueueRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = useRef(0);
  const refresh = useCallback(() => {
    const mine = ++run.current;
    Promise.all([api.agreementInput(), api.listDocuments()])
      .then(([input, docs]) => {
        if (mine !== run.current) return;
        const titles = Object.fromEntries(docs.map((d) => [d.id, d.meta.title]));
        setRows(buildQueue(input, titles));
        setError(null);
      })
      .catch((err: unknown) => {
        if (mine === run.current) setError(errorText(err));
      });
  }, [api]);
  useEffect(() => {
    refresh();
    return () => {
      run.current++;
    };
  }, [refresh]);
  return { rows, error, refresh };
}
