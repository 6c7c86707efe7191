// The last step: start the import (the same options as the preview), follow it with a progress bar and a
// Cancel button, then show what it did, or the one line saying why it changed nothing.
import { useEffect, useRef } from 'react';
import type { ImportReport } from '../../core/formats/options';
import { Warnings } from './PreviewPanel';
import { plural } from './text';
import type { JobView } from './useImportJob';

function Progress({ processed, total }: { processed: number; total: number | null }) {
  const known = total !== null && total > 0;
  const pct = known ? Math.min(100, Math.round((processed / total) * 100)) : null;
  return (
    <div className="im-progress-row">
      <div
        className={`im-progress${known ? '' : ' indeterminate'}`}
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={known ? total : undefined}
        aria-valuenow={processed}
        data-testid="im-progress"
      >
        <div className="im-progress-fill" style={pct === null ? undefined : { width: `${pct}%` }} />
      </div>
      <span className="muted" data-testid="im-processed">
        {known ? `${processed} of ${total}` : plural(processed, 'record')} read
      </span>
    </div>
  );
}

/** What the finished import did, in the order a researcher checks it. */
function ImportResult({ report }: { report: ImportReport }) {
  const labels = [...report.addedSpanLabels, ...report.addedDocLabelGroups.map((g) => `${g} (document labels)`)];
  const ref = useRef<HTMLDivElement>(null);
  // The outcome is at the foot of a long wizard: bring it into view once.
  useEffect(() => {
    ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, []);
  return (
    <div className="im-result" data-testid="im-result" ref={ref}>
      <p className="im-ok">
        Imported: {plural(report.documentsAdded.length, 'new document')}, {report.documentsUnchanged.length} unchanged,{' '}
        {plural(report.records, 'annotation record')}.
      </p>
      <ul>
        {labels.length > 0 && <li data-testid="im-result-labels">Added to the codebook: {labels.join(', ')}</li>}
        {report.duplicates.length > 0 && (
          <li>
            {plural(report.duplicates.length, 'duplicate')} skipped:{' '}
            {report.duplicates.map((d) => `${d.id} (= ${d.sameAs})`).join(', ')}
          </li>
        )}
        {report.nearDuplicates.length > 0 && (
          <li>
            Near-duplicates flagged:{' '}
            {report.nearDuplicates
              .map((d) => `${d.id} ~ ${d.similarTo} (${Math.round(d.similarity * 100)}%)`)
              .join(', ')}
          </li>
        )}
        {report.documentsAdded.length > 0 && (
          <li className="muted">
            New: <span className="mono">{report.documentsAdded.slice(0, 20).join(', ')}</span>
            {report.documentsAdded.length > 20 && ` …and ${report.documentsAdded.length - 20} more`}
          </li>
        )}
      </ul>
      <Warnings warnings={report.warnings} testId="im-result-warnings" />
      <p className="muted">The document list in Annotate has been reloaded.</p>
    </div>
  );
}

export function ImportStep({
  n,
  view,
  ready,
  why,
  total,
  onImport,
  onCancel,
  onAgain,
}: {
  n: number;
  view: JobView;
  /** The preview is fresh for the current options. */
  ready: boolean;
  why: string;
  total: number | null;
  onImport(): void;
  onCancel(): void;
  onAgain(): void;
}) {
  const running = view.phase === 'starting' || (view.phase === 'job' && view.status.state === 'running');
  const status = view.phase === 'job' ? view.status : null;
  return (
    <section className="im-step im-step-box" data-testid="im-import-step">
      <h3>
        <span className="im-num">{n}</span> Import
      </h3>
      {!running && !status && (
        <div className="im-row">
          <button type="button" className="primary" data-testid="im-import" disabled={!ready} onClick={onImport}>
            Import
          </button>
          {!ready && <span className="muted">{why}</span>}
        </div>
      )}
      {running && (
        <>
          <Progress processed={status?.processed ?? 0} total={total} />
          <button
            type="button"
            data-testid="im-cancel"
            disabled={view.phase !== 'job' || view.cancelling}
            onClick={onCancel}
          >
            {view.phase === 'job' && view.cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        </>
      )}
      {status?.state === 'done' && status.report && <ImportResult report={status.report} />}
      {status && (status.state === 'failed' || status.state === 'cancelled') && (
        <p className="im-problem" role="alert" data-testid="im-error">
          {status.state === 'cancelled' ? 'Cancelled: ' : 'Import failed: '}
          {status.error}
        </p>
      )}
      {view.phase === 'error' && (
        <p className="im-problem" role="alert" data-testid="im-error">
          {view.error}
        </p>
      )}
      {(view.phase === 'error' || (status && status.state !== 'running')) && (
        <button type="button" data-testid="im-again" onClick={onAgain}>
          {status?.state === 'done' ? 'Import more' : 'Back'}
        </button>
      )}
    </section>
  );
}
