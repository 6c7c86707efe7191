// The Agreement view: overall figures, per-label table, pair heatmap, per-document table, label confusion,
// excluded records, and the disagreement browser. Figures are computed off the UI thread and refreshed
// whenever a save reaches the disk; older figures stay visible, marked as updating.
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { useApp } from '../state/context';
import { FieldError } from '../ui/FieldError';
import { ConfusionMatrix } from './ConfusionMatrix';
import { DisagreementBrowser } from './DisagreementBrowser';
import { DocLabelTable } from './DocLabelTable';
import { DocumentTable } from './DocumentTable';
import { ExcludedList } from './ExcludedList';
import { type AgreementEngine, defaultEngine } from './engine';
import { LabelTable } from './LabelTable';
import { ModelSection } from './ModelSection';
import { OverallFigures } from './OverallFigures';
import { PairHeatmap } from './PairHeatmap';
import { RelationTable } from './RelationTable';
import { useAgreement } from './useAgreement';
import './agreement.css';

/** Tests pass an inline engine; the app computes in a worker. */
export function AgreementView({ engine }: { engine?: AgreementEngine }) {
  const [eng] = useState(() => engine ?? defaultEngine());
  const data = useAgreement(eng);
  const codebook = useApp((s) => s.project?.codebook ?? null);
  const colors = useMemo(
    () => Object.fromEntries((codebook?.spanLabels ?? []).map((l) => [l.name, l.color])),
    [codebook],
  );
  const [doc, setDoc] = useState<string | null>(null);
  const { figures, intervals, modelIntervals, input, updating, progress, error, refresh } = data;
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
  const report = figures?.report;
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
        <span className={`ag-status${updating ? ' busy' : ''}`} data-testid="ag-status">
          {updating
            ? report
              ? 'updating… (figures below are from before the last save)'
              : 'computing…'
            : progress !== null
              ? `intervals: bootstrap ${Math.round(progress * 100)}%`
              : 'up to date'}
        </span>
        <button type="button" onClick={data.refresh} disabled={updating}>
          Recompute
        </button>
      </header>
      {error && <FieldError>{error}</FieldError>}
      {report && figures && input && (
        <div className={`ag-body${updating ? ' stale' : ''}`}>
          <ExcludedList excluded={report.excluded} />
          <OverallFigures report={report} intervals={intervals} />
          <div className="ag-grid">
            <Panel title="Labels" wide>
              <LabelTable report={report} intervals={intervals} />
            </Panel>
            <Panel title="Relations" wide>
              <RelationTable report={report} />
            </Panel>
            <Panel title="Annotator pairs">
              <PairHeatmap report={report} />
            </Panel>
            <Panel title="Documents">
              <DocumentTable report={report} onOpen={setDoc} />
            </Panel>
            <Panel title="Document labels" wide>
              <DocLabelTable report={report} intervals={intervals} />
            </Panel>
            <Panel title="Label confusion" wide>
              <ConfusionMatrix confusion={figures.confusion} />
            </Panel>
          </div>
          <ModelSection model={figures.model} intervals={modelIntervals} />
          <Panel title="Disagreements">
            <DisagreementBrowser
              input={input}
              list={figures.disagreements}
              relations={figures.relationDisagreements}
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
