// The dashboard's data: the backend computes the report as a job (in a thread for a large project) and the
// view fetches its head, then its lists a window at a time; it is computed again when annotations are saved.
// Old figures stay on screen, marked as updating, until the new ones arrive.
import { useCallback, useEffect, useRef } from 'react';
import type { AgreementOverview, ReportWork } from '../../core/api';
import { useApi, useApp } from '../state/context';
import { useJobResult, useReportJob } from '../state/useReportJob';

interface AgreementData {
  overview: AgreementOverview | null;
  /** The job the figures on screen come from (the lists are fetched from it). */
  job: string | null;
  /** The job running now, with its stage and progress; null when none runs. */
  work: ReportWork | null;
  /** The figures on screen are older than the annotations (a computation is running). */
  updating: boolean;
  /** Share of the bootstrap done while the intervals are computed (0–1); null otherwise. */
  progress: number | null;
  cancelled: boolean;
  error: string | null;
  refresh(): void;
  cancel(): void;
}

export function useAgreement(): AgreementData {
  const api = useApi();
  // a coder of an open round gets no figure from others' work on its documents
  const viewer = useApp((s) => s.annotator);
  const result = useJobResult((id) => api.agreementOverview(id));
  const { value: overview, job, error: fetchError, onReady } = result;
  const report = useReportJob(onReady);
  const { start } = report;

  const refresh = useCallback(() => {
    start({ kind: 'agreement', ...(viewer ? { selection: { viewer } } : {}) });
  }, [start, viewer]);

  // Recomputed when the project changes and whenever a save has reached the disk.
  const projectPath = useApp((s) => s.project?.path ?? null);
  const saveState = useApp((s) => s.save.state);
  const lastSave = useRef(saveState);
  useEffect(() => {
    void projectPath;
    refresh();
  }, [projectPath, refresh]);
  useEffect(() => {
    if (lastSave.current !== 'saved' && saveState === 'saved') refresh();
    lastSave.current = saveState;
  }, [saveState, refresh]);

  const work = report.work;
  const running = work?.state === 'running';
  const fresh = job !== null && job === work?.id;
  return {
    overview,
    job,
    work: running ? work : null,
    updating: work === null || (running && !(work.ready && fresh)) || (work.state === 'done' && !fresh),
    progress: running && work.stage === 'intervals' && work.total > 0 ? work.done / work.total : null,
    cancelled: work?.state === 'cancelled',
    error: report.error ?? fetchError,
    refresh,
    cancel: report.cancel,
  };
}
