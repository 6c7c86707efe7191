// The export panel: a format (with what it writes and what it cannot carry), where to write it, which layer,
// and the format's own options as its module declares them; then what was written, or the one line saying
// why nothing was.
import { useState } from 'react';
import type { ExportReport } from '../../core/formats/options';
import { EXPORT_FORMAT_NAMES } from '../../core/formats/registry';
import { GOLD } from '../../core/model';
import { useApi, useApp } from '../state/context';
import { errorLine } from '../ui/errors';
import { LayerSelect } from '../ui/LayerSelect';
import { buildExportOptions, describeExport, EMPTY_EXPORT, type ExportForm, exportFormat } from './exportOptions';
import { FormatOptionFields } from './FormatOptionFields';

const NO_ANNOTATORS: string[] = [];

function Written({ report }: { report: ExportReport }) {
  return (
    <div className="im-result" data-testid="ex-result">
      {report.files ? (
        <>
          <p className="im-ok">
            Wrote {report.files.length} file{report.files.length === 1 ? '' : 's'} in{' '}
            <span className="mono">{report.out}</span>
          </p>
          <ul className="im-files mono">
            {report.files.slice(0, 100).map((f) => (
              <li key={f}>{f}</li>
            ))}
            {report.files.length > 100 && <li className="muted">…and {report.files.length - 100} more</li>}
          </ul>
        </>
      ) : (
        <p className="im-ok">
          Wrote <span className="mono">{report.out}</span> ({report.lines} line{report.lines === 1 ? '' : 's'})
        </p>
      )}
    </div>
  );
}

export function ExportPanel() {
  const api = useApi();
  const annotators = useApp((s) => s.project?.annotators ?? NO_ANNOTATORS).filter((a) => a !== GOLD);
  const hasModel = useApp((s) => !!s.model?.model);
  const [form, setForm] = useState<ExportForm>(EMPTY_EXPORT);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ report: ExportReport } | { error: string } | null>(null);
  const change = (patch: Partial<ExportForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setResult(null);
  };
  const built = buildExportOptions(form);
  const info = exportFormat(form.format);
  const run = async () => {
    if (!('options' in built)) return;
    setBusy(true);
    setResult(null);
    try {
      setResult({ report: await api.exportProject(built.options) });
    } catch (err) {
      setResult({ error: errorLine(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="im-panel" data-testid="ex-panel">
      <h2>Export a dataset</h2>
      <fieldset className="im-step im-plain" disabled={busy}>
        <div className="im-row">
          <label className="im-field">
            <span>Format</span>
            <select
              data-testid="ex-format"
              value={form.format}
              onChange={(e) => change({ format: e.target.value, formatOptions: {} })}
            >
              {EXPORT_FORMAT_NAMES.map((f) => (
                <option key={f} value={f} title={exportFormat(f).title}>
                  {f}
                </option>
              ))}
            </select>
          </label>
          <label className="im-field im-grow">
            <span>{info.folder ? 'Output folder' : 'Output file'} (on the machine running Frame Lens)</span>
            <input
              data-testid="ex-out"
              spellCheck={false}
              placeholder={info.folder ? `/home/me/exports/${form.format}` : `/home/me/exports/dataset.${form.format}`}
              value={form.out}
              onChange={(e) => change({ out: e.target.value })}
            />
          </label>
        </div>
        <p className="im-loses" data-testid="ex-info">
          {describeExport(form.format)}
        </p>
        <div className="im-row">
          <LayerSelect
            className="im-field"
            label="Layer"
            testId="ex-layer"
            layer={form.layer}
            annotators={annotators}
            annotatorText={(a) => `${a} only`}
            onChange={(layer) => change({ layer })}
          />
          {info.offsets === 'option' && (
            <label className="im-field">
              <span>Offsets</span>
              <select
                data-testid="ex-offsets"
                value={form.offsets}
                onChange={(e) => change({ offsets: e.target.value as ExportForm['offsets'] })}
              >
                <option value="codepoint">code points (Python)</option>
                <option value="utf16">UTF-16 units (JavaScript, Java)</option>
              </select>
            </label>
          )}
          {hasModel && (
            <label
              className="im-field"
              title="The model's cross-fitted predictions, as one more annotator called model"
            >
              <span>Model</span>
              <span>
                <input
                  type="checkbox"
                  data-testid="ex-include-model"
                  checked={form.includeModel}
                  onChange={(e) => change({ includeModel: e.target.checked })}
                />{' '}
                add the model’s layer
              </span>
            </label>
          )}
          <FormatOptionFields
            specs={info.exportOptions}
            values={form.formatOptions}
            prefix="ex"
            onChange={(key, value) => change({ formatOptions: { ...form.formatOptions, [key]: value } })}
          />
        </div>
        <div className="im-row im-actions-row">
          <button
            type="button"
            className="primary"
            data-testid="ex-run"
            disabled={busy || 'problem' in built}
            onClick={() => void run()}
          >
            {busy ? 'Exporting…' : 'Export'}
          </button>
          {'problem' in built && form.out.trim() !== '' && <span className="im-problem">{built.problem}</span>}
        </div>
      </fieldset>
      {result && 'report' in result && <Written report={result.report} />}
      {result &&
        'report' in result &&
        result.report.notes?.map((n) => (
          <p key={n} className="im-problem" data-testid="ex-note">
            Note: {n}
          </p>
        ))}
      {result && 'error' in result && (
        <p className="im-problem" role="alert" data-testid="ex-error">
          {result.error}
        </p>
      )}
    </section>
  );
}
