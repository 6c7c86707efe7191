// A heavy report computed by the backend as a job: started, polled for its progress, cancellable. A newer start
// cancels the older job; leaving the view cancels the running one.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReportRequest, ReportWork } from '../../core/api';
import { errorText } from '../ui/errors';
import { useApi } from './context';

/** How often a running job is asked how far it has got. */
export const POLL_MS = 150;

export interface ReportJob {
  /** The job being computed or last computed (null before the first start answers). */
  work: ReportWork | null;
  error: string | null;
  start(request: ReportRequest): void;
  cancel(): void;
}

/** `onReady` hears a job once its figures can be fetched, again as each later part arrives, and when it is done. */
export function useReportJob(onReady: (work: ReportWork) => void): ReportJob {
  const api = useApi();
  const [work, setWork] = useState<ReportWork | null>(null);
  const [error, setError] = useState<string | null>(null);
  const current = useRef<string | null>(null);
  const run = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const ready = useRef(onReady);
  ready.current = onReady;

  const stopPolling = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  }, []);

  const cancelRunning = useCallback(() => {
    const id = current.current;
    current.current = null;
    if (id) void api.cancelReport(id).catch(() => {});
  }, [api]);

  const start = useCallback(
    (request: ReportRequest) => {
      const mine = ++run.current;
      stopPolling();
      cancelRunning();
      setError(null);
      let seenParts = 0;
      const follow = (w: ReportWork) => {
        if (mine !== run.current) return;
        setWork(w);
        if (w.state === 'running') current.current = w.id;
        else if (current.current === w.id) current.current = null;
        if (w.state === 'done') {
          if (w.ready) ready.current(w);
          return;
        }
        if (w.ready && (w.parts ?? 1) > seenParts) {
          seenParts = Math.max(1, w.parts ?? 1);
          ready.current(w);
        }
        if (w.state === 'failed') {
          setError(w.error ?? 'the report failed');
          return;
        }
        if (w.state === 'cancelled') return;
        timer.current = setTimeout(() => {
          api.reportWork(w.id).then(follow, (err: unknown) => mine === run.current && setError(errorText(err)));
        }, POLL_MS);
      };
      api.startReport(request).then(follow, (err: unknown) => mine === run.current && setError(errorText(err)));
    },
    [api, cancelRunning, stopPolling],
  );

  const cancel = useCallback(() => {
    const id = current.current;
    if (!id) return;
    const mine = ++run.current;
    stopPolling();
    current.current = null;
    // A job started after the cancel is the one shown: the cancelled job's answer then changes nothing.
    api.cancelReport(id).then(
      (w) => mine === run.current && setWork(w),
      (err: unknown) => mine === run.current && setError(errorText(err)),
    );
  }, [api, stopPolling]);

  useEffect(
    () => () => {
      run.current++;
      stopPolling();
      cancelRunning();
    },
    [cancelRunning, stopPolling],
  );

  return { work, error, start, cancel };
}

/** The progress line's words for a job: its stage and how far it has got. */
export function workText(work: ReportWork): string {
  const share = work.total > 0 ? ` ${Math.round((work.done / work.total) * 100)}%` : '';
  switch (work.stage) {
    case 'reading':
      return `reading the project…${work.total > 0 ? ` ${work.done} of ${work.total} documents` : ''}`;
    case 'disagreements':
      return 'listing disagreements…';
    case 'intervals':
      return `computing intervals…${share}`;
    case 'tables':
      return 'computing the tables…';
    default:
      return 'computing…';
  }
}

/**
 * What `fetch` gives for a job once it can be fetched (and `when` agrees), with the job it came from. An answer
 * to an earlier fetch that arrives after a later one is dropped. `onReady` goes to `useReportJob`.
 */
export function useJobResult<T>(
  fetch: (job: string) => Promise<T>,
  when: (work: ReportWork) => boolean = () => true,
): { value: T | null; job: string | null; error: string | null; onReady(work: ReportWork): void } {
  const [value, setValue] = useState<T | null>(null);
  const [job, setJob] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fetched = useRef(0);
  const latest = useRef({ fetch, when });
  latest.current = { fetch, when };
  const onReady = useCallback((w: ReportWork) => {
    if (!latest.current.when(w)) return;
    const mine = ++fetched.current;
    latest.current.fetch(w.id).then(
      (v) => {
        if (mine !== fetched.current) return;
        setValue(v);
        setJob(w.id);
        setError(null);
      },
      (err: unknown) => mine === fetched.current && setError(errorText(err)),
    );
  }, []);
  return { value, job, error, onReady };
}
