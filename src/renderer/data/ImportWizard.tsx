// The import wizard: files and format → preview (dry run) → clean-up or field mapping (re-previewed on
// every change) → each document's outlet, date and title confirmed → import with progress and cancel. The
// import sends exactly the options last previewed, plus the metadata the user confirmed or corrected.
import { useCallback, useEffect, useState } from 'react';
import type { ImportJobStatus } from '../../core/api';
import type { CleanupKind } from '../../core/cleanup';
import { isSpanCsv } from '../../core/formats/csv';
import type { DropKind, FieldMapping } from '../../core/formats/types';
import type { DocumentMeta } from '../../core/model';
import { useApp, useAppStore } from '../state/context';
import { CleanupStep } from './CleanupStep';
import { ImportStep } from './ImportStep';
import {
  allCleanupOn,
  buildImportOptions,
  EMPTY_FORM,
  type ImportChoices,
  type ImportForm,
  isCleanable,
  takesMapping,
} from './importOptions';
import { MappingStep } from './MappingStep';
import { MetadataStep, metaToSend } from './MetadataStep';
import { PreviewPanel } from './PreviewPanel';
import { effectiveFormat, SourceStep } from './SourceStep';
import { useImportJob } from './useImportJob';
import { optionsKey, usePreview } from './usePreview';

/** A successful import reloads the app's document list. */
export function ImportWizard() {
  const store = useAppStore();
  const [form, setForm] = useState<ImportForm>(EMPTY_FORM);
  const [choices, setChoices] = useState<ImportChoices>(() => ({ clean: allCleanupOn(), mapping: null }));
  const [metaEdits, setMetaEdits] = useState<Record<string, DocumentMeta>>({});
  const preview = usePreview();
  const onDone = useCallback((_status: ImportJobStatus) => void store.getState().reloadAll(), [store]);
  const job = useImportJob(onDone);
  const source = useApp((s) => s.importSource);
  const clearJob = job.clear;
  const resetPreview = preview.reset;

  // Files dropped or picked anywhere arrive here.
  useEffect(() => {
    if (!source) return;
    store.getState().setImportSource(null);
    clearJob();
    resetPreview();
    setForm((f) => ({
      ...f,
      pathsText: source.paths.join('\n'),
      origin: { upload: source.upload, grant: source.grant, summary: source.summary },
    }));
    setChoices((c) => ({ ...c, mapping: null, confirmedEncodings: {}, drop: [] }));
  }, [source, store, clearJob, resetPreview]);

  const built = buildImportOptions(form, choices, false);
  const key = 'options' in built ? optionsKey(built.options) : null;
  const fresh = preview.report !== null && preview.key === key && !preview.busy;
  const { format } = effectiveFormat(form);
  const report = preview.report;
  const locked = job.view.phase !== 'idle';

  const changeForm = (patch: Partial<ImportForm>) => {
    const next = { ...form, ...patch };
    setForm(next);
    if (patch.pathsText !== undefined || patch.format !== undefined) {
      setChoices((c) => ({ ...c, mapping: null, confirmedEncodings: {}, drop: [] }));
      setMetaEdits({});
    }
  };
  const runPreview = (next: ImportChoices) => {
    const b = buildImportOptions(form, next, true);
    if ('options' in b) void preview.run(b.options);
  };
  const toggleClean = (kind: CleanupKind, on: boolean) => {
    const next = { ...choices, clean: { ...choices.clean, [kind]: on } };
    setChoices(next);
    if (report) runPreview(next);
  };
  const confirmEncoding = (path: string, encoding: string) => {
    const next = { ...choices, confirmedEncodings: { ...choices.confirmedEncodings, [path]: encoding } };
    setChoices(next);
    runPreview(next);
  };
  const allowDrop = (kind: DropKind, on: boolean) => {
    const drop = (choices.drop ?? []).filter((k) => k !== kind);
    const next = { ...choices, drop: on ? [...drop, kind] : drop };
    setChoices(next);
    runPreview(next);
  };
  const changeMapping = (field: keyof FieldMapping, column: string) => {
    const base = choices.mapping ?? report?.csv?.mapping ?? {};
    const next = { ...choices, mapping: { ...base, [field]: column } };
    setChoices(next);
    runPreview(next);
  };
  const sentMeta = metaToSend(report, metaEdits);
  const startImport = () => {
    if ('options' in built && !('problem' in sentMeta)) void job.start({ ...built.options, ...sentMeta });
  };
  const again = () => {
    job.clear();
    preview.reset();
    setMetaEdits({});
  };

  const showCleanup = format !== null && isCleanable(format);
  const csv = format && takesMapping(format) ? report?.csv : undefined;
  const showMapping = csv !== undefined && !isSpanCsv(csv.headers);
  const total = fresh && report ? report.summary.records.read : null;
  const blocked = report?.files.some((f) => f.needsConfirmation) || report?.dropped.some((d) => !d.allowed);
  const why =
    'problem' in built
      ? built.problem
      : preview.busy
        ? 'previewing…'
        : !fresh
          ? 'preview these files and options first'
          : blocked
            ? 'confirm the detected encodings and what would be dropped above first'
            : 'problem' in sentMeta
              ? sentMeta.problem
              : '';

  return (
    <section className="im-panel" data-testid="im-wizard">
      <h2>Import articles</h2>
      <SourceStep form={form} disabled={locked} onChange={changeForm} />
      <div className="im-row im-actions-row">
        <button
          type="button"
          className="primary"
          data-testid="im-preview-run"
          disabled={locked || 'problem' in built || preview.busy}
          onClick={() => runPreview(choices)}
        >
          {preview.busy ? 'Previewing…' : report ? 'Preview again' : 'Preview'}
        </button>
        {'problem' in built && form.pathsText.trim() !== '' && <span className="im-problem">{built.problem}</span>}
        {report && !fresh && !preview.busy && (
          <span className="im-stale" data-testid="im-stale">
            The files or options changed since this preview.
          </span>
        )}
      </div>
      {preview.error && (
        <p className="im-problem" role="alert" data-testid="im-preview-error">
          {preview.error}
        </p>
      )}
      {report && (
        <section className={`im-step im-step-box${fresh ? '' : ' stale'}`} aria-busy={preview.busy}>
          <h3>
            <span className="im-num">2</span> Preview {preview.busy && <span className="muted">updating…</span>}
          </h3>
          <PreviewPanel
            report={report}
            allowed={choices.drop ?? []}
            onConfirmEncoding={confirmEncoding}
            onAllowDrop={allowDrop}
          />
        </section>
      )}
      {showCleanup && <CleanupStep clean={choices.clean} report={report} disabled={locked} onToggle={toggleClean} />}
      {showMapping && csv && (
        <MappingStep
          headers={csv.headers}
          mapping={choices.mapping ?? csv.mapping}
          disabled={locked}
          onChange={changeMapping}
        />
      )}
      {csv && !showMapping && (
        <p className="muted" data-testid="im-span-csv">
          This is a Frame Lens span CSV: it is read back as written, no field mapping needed.
        </p>
      )}
      {report && (
        <MetadataStep
          n={showCleanup || showMapping ? 4 : 3}
          report={report}
          edits={metaEdits}
          disabled={locked}
          onEdit={(id, meta) => setMetaEdits((m) => ({ ...m, [id]: meta }))}
        />
      )}
      {report && (
        <ImportStep
          n={(showCleanup || showMapping ? 4 : 3) + (report.metadata.length ? 1 : 0)}
          view={job.view}
          ready={fresh && !locked && !blocked && !('problem' in sentMeta)}
          why={why}
          total={total}
          onImport={startImport}
          onCancel={() => void job.cancel()}
          onAgain={again}
        />
      )}
    </section>
  );
}
