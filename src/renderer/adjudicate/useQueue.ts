// The queue's data: the backend orders every document by its agreement as a job (in a thread for a large
// project); the list fetches its rows a window at a time.
import { useCallback, useEffect, useState } from 'react';
import type { QueueRow, ReportWork } from '../../core/api';
import { useApi } from '../state/context';
import { useReportJob } from '../state/useReportJob';
import { type PagedRows, usePagedRows } from '../ui/usePagedRows';

/** Refreshed after a decision or a change on disk. */
interface QueueData {
  /** The rows fetched so far (null before the first window arrives). */
  rows: QueueRow[] | null;
  paged: PagedRows<QueueRow>;
  /** The job ordering the queue now; null when none runs. */
  work: ReportWork | null;
  error: string | null;
  refresh(): void;
}

export function useQueue(): QueueData {
  const api = useApi();
  const [job, setJob] = useState<string | null>(null);
  const onReady = useCallback((w: ReportWork) => {
    if (w.state === 'done') setJob(w.id);
  }, []);
  const report = useReportJob(onReady);
  const { start } = report;
  const refresh = useCallback(() => start({ kind: 'queue' }), [start]);
  useEffect(() => {
    refresh();
  }, [refresh]);
  const fetch = useCallback(
    (offset: number, limit: number) => {
      if (!job) return Promise.resolve({ rows: [], total: 0 });
      return api.adjudicationQueue(job, { offset, limit });
    },
    [api, job],
  );
  const paged = usePagedRows(job ? fetch : null);
  const running = report.work?.state === 'running';
  return {
    rows: job && paged.total !== null ? paged.rows : null,
    paged,
    work: running ? report.work : null,
    error: report.error ?? paged.error,
    refresh,
  };
}
