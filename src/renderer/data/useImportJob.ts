// Follows a background import: starts it, polls its progress every 250 ms until it ends, and cancels it.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportJobStatus, ImportOptions } from '../../core/api';
import { useApi } from '../state/context';
import { errorLine } from '../ui/errors';
import { useLatest } from '../ui/useLatest';

const POLL_MS = 250;

/** The wizard's view of one import: not started, starting, or a job's latest status. */
export type JobView =
  | { phase: 'idle' }
  | { phase: 'starting' }
  | { phase: 'job'; status: ImportJobStatus; cancelling: boolean }
  | { phase: 'error'; error: string };

/** The job view plus start/cancel/clear; `onDone` runs once when an import succeeds. */
export function useImportJob(onDone: (status: ImportJobStatus) => void) {
  const api = useApi();
  const [view, setView] = useState<JobView>({ phase: 'idle' });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const begin = useLatest();
  // Holds while the job being followed is still the one shown: a clear, a new start or unmounting ends it,
  // so a poll answered after that cannot bring the old job back.
  const following = useRef<() => boolean>(() => false);
  const done = useRef(onDone);
  done.current = onDone;

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const poll = useCallback(
    (id: string, current: () => boolean) => {
      timer.current = setTimeout(async () => {
        if (!current()) return;
        try {
          const status = await api.importJob(id);
          if (!current()) return;
          setView((v) => ({ phase: 'job', status, cancelling: v.phase === 'job' && v.cancelling }));
          if (status.state === 'running') poll(id, current);
          else if (status.state === 'done') done.current(status);
        } catch (err) {
          if (current()) setView({ phase: 'error', error: errorLine(err) });
        }
      }, POLL_MS);
    },
    [api],
  );

  const start = useCallback(
    async (options: ImportOptions) => {
      const current = begin();
      following.current = current;
      setView({ phase: 'starting' });
      try {
        const id = await api.startImport(options);
        if (!current()) return;
        setView({ phase: 'job', status: { id, state: 'running', processed: 0 }, cancelling: false });
        poll(id, current);
      } catch (err) {
        if (current()) setView({ phase: 'error', error: errorLine(err) });
      }
    },
    [api, poll, begin],
  );

  const cancel = useCallback(async () => {
    if (view.phase !== 'job' || view.status.state !== 'running') return;
    const current = following.current;
    const { id } = view.status;
    setView({ ...view, cancelling: true });
    try {
      await api.cancelImport(id);
    } catch (err) {
      if (current()) setView({ phase: 'error', error: errorLine(err) });
    }
  }, [api, view]);

  const clear = useCallback(() => {
    following.current = begin();
    if (timer.current) clearTimeout(timer.current);
    setView({ phase: 'idle' });
  }, [begin]);

  return { view, start, cancel, clear };
}
