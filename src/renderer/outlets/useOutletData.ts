// The Outlets view's data: the stories with their document counts, suggested stories, and the outlet
// report for the chosen label, story and layer, computed by the backend as a job (progress, cancel). Older
// data stays on screen while newer loads.
import { useCallback, useEffect, useState } from 'react';
import type { OutletReport, ReportWork, StoryCount } from '../../core/api';
import type { OutletOverview } from '../../core/reports';
import type { StorySuggestion } from '../../core/stories';
import { useApi, useApp } from '../state/context';
import { useJobResult, useReportJob } from '../state/useReportJob';
import { errorText } from '../ui/errors';
import { type Layer, layerOptions } from '../ui/layer';

interface OutletData {
  /** Every story with its number of documents; the documents themselves are fetched a window at a time. */
  storyCounts: StoryCount[];
  stories: StorySuggestion[];
  /** The tables' head; each phrase column is fetched a window at a time from `job`. */
  report: OutletOverview<OutletReport> | null;
  /** The report job the tables on screen come from (a phrase's documents are fetched from it). */
  job: string | null;
  /** The job computing the tables now, with its progress; null when none runs. */
  work: ReportWork | null;
  cancelled: boolean;
  loading: boolean;
  cancel(): void;
  error: string | null;
  reload(): Promise<void>;
}

export function useOutletData(selection: { label: string; story: string; layer: Layer }): OutletData {
  const api = useApi();
  const { label, story, layer } = selection;
  // a coder of an open round sees no phrase others marked on its documents
  const viewer = useApp((s) => s.annotator);
  const [storyCounts, setStoryCounts] = useState<StoryCount[]>([]);
  const [stories, setStories] = useState<StorySuggestion[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    void version;
    let live = true;
    Promise.all([api.storyCounts(), api.storySuggestions()]).then(
      ([counts, s]) => {
        if (!live) return;
        setStoryCounts(counts);
        setStories(s);
      },
      (err) => live && setError(errorText(err)),
    );
    return () => {
      live = false;
    };
  }, [api, version]);

  const tables = useJobResult(
    (id) => api.outletOverview(id),
    (w) => w.state === 'done',
  );
  const { value: report, job, onReady } = tables;
  const reportJob = useReportJob(onReady);
  const { start } = reportJob;
  useEffect(() => {
    void version;
    start({
      kind: 'outlets',
      options: {
        ...(label ? { label } : {}),
        ...(story ? { story } : {}),
        ...layerOptions(layer),
        ...(viewer ? { viewer } : {}),
      },
    });
  }, [start, label, story, layer, version, viewer]);
  const work = reportJob.work;
  const running = work?.state === 'running';
  const loading = work === null || running || (work.state === 'done' && work.id !== job);

  const reload = useCallback(async () => {
    setVersion((v) => v + 1);
  }, []);
  return {
    storyCounts,
    stories,
    report,
    job,
    work: running ? work : null,
    cancelled: work?.state === 'cancelled',
    loading,
    error: error ?? tables.error ?? reportJob.error,
    cancel: reportJob.cancel,
    reload,
  };
}
