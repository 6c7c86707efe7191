// The Agreement view: overall figures, per-label table, pair heatmap, per-document table, label confusion,
// excluded records, and the disagreement browser. The backend computes the figures as a job (progress and
// Cancel in the head line) and they are computed again whenever a save reaches the disk; older figures stay
// visible, marked as updating. The long lists arrive a window at a time.
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { useApp } from '../state/context';
import { workText } from '../state/useReportJob';
import { FieldError } from '../ui/FieldError';
import { ConfusionMatrix } from './ConfusionMatrix';
import { DisagreementBrowser } from './DisagreementBrowser';
import { DocLabelTable } from './DocLabelTable';
import { DocumentTable } from './DocumentTable';
import { ExcludedList } from './ExcludedList';
import { LabelTable } from './LabelTable';
import { ModelSection } from './ModelSection';
import { OverallFigures } from './OverallFigures';
import { PairHeatmap } from './PairHeatmap';
import { RelationTable } from './RelationTable';
import { useAgreement } from './useAgreement';
import './agreement.css';

export function AgreementView() {
  const data = useAgreement();
  const codebook = useApp((s) => s.project?.codebook ?? null);
  const colors = useMemo(
    () => Object.fromEntries((codebook?.spanLabels ?? []).map((l) => [l.name, l.color])),
    [codebook],
  );
  const [doc, setDoc] = useState<string | null>(null);
  const { overview, job, work, updating, progress, error, refresh } = data;
  // the model's status is re-read when the view opens (saves since may have made it stale), and the figures
  // are computed again when a new model arrives
  const loadModel = useApp((s) => s.loadModel);
  const trainedAt = useApp((s) => s.model?.model?.trainedAt ?? null);
  const seen = useRef(trainedAt);
  useEffect(() => {
    void loadModel();
  }, [loadModel]);
  useEffect(() => {
    if (seen.current === trainedAt) return;
    seen.current = trainedAt;
    refresh();
  }, [trainedAt, refresh]);
  const report = overview?.report;
  const status = work
    ? progress !== null
      ? `computing intervals… ${Math.round(progress * 100)}%`
      : report && updating
        ? `updating… (figures below are from before the last save) · ${workText(work)}`
        : workText(work)
    : data.cancelled
      ? report
        ? 'cancelled (figures below are from before the last save)'
        : 'cancelled'
      : updating
        ? report
          ? 'updating… (figures below are from before the last save)'
          : 'computing…'
        : 'up to date';
  return (
    <section className="ag-view" data-testid="agreement-view" aria-busy={updating}>
      <header className="ag-head">
        <h1>Agreement</h1>
        {report && (
          <span className="muted">
            {report.annotators.join(', ') || 'no annotators'} · {report.documents} document
            {report.documents === 1 ? '' : 's'} coded by all
          </span>
        )}
        <span className={`ag-status${work || updating ? ' busy' : ''}`} data-testid="ag-status" aria-live="polite">
          {status}
        </span>
        {work ? (
          <button type="button" onClick={data.cancel} data-testid="ag-cancel">
            Cancel
          </button>
        ) : (
          <button type="button" onClick={refresh} disabled={updating && !data.cancelled}>
            Recompute
          </button>
        )}
      </header>
      {error && <FieldError>{error}</FieldError>}
      {report && overview && job && (
        <div className={`ag-body${updating ? ' stale' : ''}`}>
          <ExcludedList excluded={report.excluded} />
          <OverallFigures report={report} intervals={overview.intervals} />
          <div className="ag-grid">
            <Panel title="Labels" wide>
              <LabelTable report={report} intervals={overview.intervals} />
            </Panel>
            <Panel title="Relations" wide>
              <RelationTable report={report} />
            </Panel>
            <Panel title="Annotator pairs">
              <PairHeatmap report={report} />
            </Panel>
            <Panel title="Documents">
              <DocumentTable job={job} total={overview.counts.documents} onOpen={setDoc} />
            </Panel>
            <Panel title="Document labels" wide>
              <DocLabelTable report={report} intervals={overview.intervals} />
            </Panel>
            <Panel title="Label confusion" wide>
              <ConfusionMatrix confusion={overview.confusion} />
            </Panel>
          </div>
          <ModelSection model={overview.model} intervals={overview.modelIntervals} />
          <Panel title="Disagreements">
            <DisagreementBrowser
              job={job}
              counts={overview.counts}
              labels={report.labels}
              annotators={report.annotators}
              colors={colors}
              document={doc}
              onDocument={setDoc}
            />
          </Panel>
        </div>
      )}
    </section>
  );
}

function Panel({ title, wide = false, children }: { title: string; wide?: boolean; children: ReactNode }) {
  return (
    <section className={wide ? 'ag-panel ag-wide' : 'ag-panel'}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}
