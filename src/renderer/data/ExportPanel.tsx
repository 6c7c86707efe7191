// The export panel: a format (with what it writes and what it cannot carry), which layer, where it goes (a
// save dialog in the app, a download in the browser, or a typed path inside the allowed folders),
// and the format's own options as its module declares them; then what was written, or the one line saying
// why nothing was.
import { useState } from 'react';
import type { ExportReport } from '../../core/formats/options';
import { EXPORT_FORMAT_NAMES } from '../../core/formats/registry';
import { GOLD } from '../../core/model';
import { useApi, useApp } from '../state/context';
import { fetchDownload, fileName } from '../ui/download';
import { errorLine } from '../ui/errors';
import { LayerSelect } from '../ui/LayerSelect';
import { useBusy } from '../ui/useBusy';
import { buildExportOptions, describeExport, EMPTY_EXPORT, type ExportForm, exportFormat } from './exportOptions';
import { FormatOptionFields } from './FormatOptionFields';
import { FormatSelect } from './FormatSelect';

const FORMAT_CHOICES = EXPORT_FORMAT_NAMES.map((f) => ({ value: f, text: f, title: exportFormat(f).title }));

const NO_ANNOTATORS: string[] = [];

function suggestedName(project: string, format: string): string {
  const info = exportFormat(format);
  return fileName(project, info.folder ? '' : (info.extensions[0]?.replace(/^\./, '') ?? 'txt')).replace(/\.$/, '');
}

function size(report: ExportReport): string {
  if (report.files) return `${report.files.length} file${report.files.length === 1 ? '' : 's'}`;
  if (report.bytes !== undefined) return `${report.bytes.toLocaleString('en')} bytes`;
  return `${report.lines} line${report.lines === 1 ? '' : 's'}`;
}

function Written({ report }: { report: ExportReport }) {
  return (
    <div className="im-result" data-testid="ex-result">
      {report.download ? (
        <p className="im-ok">
          Downloaded <span className="mono">{report.download.name}</span> ({size(report)})
        </p>
      ) : report.files ? (
        <>
          <p className="im-ok">
            Wrote {size(report)} in <span className="mono">{report.out}</span>
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
          Wrote <span className="mono">{report.out}</span> ({size(report)})
        </p>
      )}
      {report.loses && report.loses.length > 0 && (
        <div className="im-loses" data-testid="ex-loses">
          Not carried by this format:
          <ul>
            {report.loses.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

export function ExportPanel() {
  const api = useApi();
  const annotators = useApp((s) => s.project?.annotators ?? NO_ANNOTATORS).filter((a) => a !== GOLD);
  const hasModel = useApp((s) => !!s.model?.model);
  const dialogs = useApp((s) => s.shell?.dialogs ?? false);
  const projectName = useApp((s) => s.project?.settings.name ?? 'dataset');
  const [form, setForm] = useState<ExportForm>(EMPTY_EXPORT);
  const [busy, runBusy] = useBusy();
  const [result, setResult] = useState<{ report: ExportReport } | { error: string } | null>(null);
  const change = (patch: Partial<ExportForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setResult(null);
  };
  const built = buildExportOptions(form);
  const chosen = buildExportOptions(form, false);
  const info = exportFormat(form.format);
  const attempt = async (action: () => Promise<ExportReport | null>) => {
    setResult(null);
    await runBusy(
      async () => {
        const report = await action();
        if (report) setResult({ report });
      },
      (err) => setResult({ error: errorLine(err) }),
    );
  };
  const run = () => attempt(async () => ('options' in built ? api.exportProject(built.options) : null));
  // The Electron app: the save dialog (the OS asks before replacing a file); the browser: a download.
  const save = () =>
    attempt(async () => {
      if (!('options' in chosen)) return null;
      if (dialogs) {
        const target = await api.pickExport({
          name: suggestedName(projectName, form.format),
          folder: info.folder === true,
        });
        return target ? api.exportProject({ ...chosen.options, grant: target.grant }) : null;
      }
      const report = await api.exportProject({ ...chosen.options, download: true });
      if (report.download) await fetchDownload(api, report.download);
      return report;
    });
  return (
    <section className="im-panel" data-testid="ex-panel">
      <h2>Export a dataset</h2>
      <fieldset className="im-step im-plain" disabled={busy}>
        <div className="im-row">
          <FormatSelect testId="ex-format" format={form.format} choices={FORMAT_CHOICES} onChange={change} />
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
          <FormatOptionFields specs={info.exportOptions} form={form} prefix="ex" onChange={change} />
        </div>
        <div className="im-row im-actions-row">
          <button
            type="button"
            className="primary"
            data-testid="ex-save"
            disabled={busy || 'problem' in chosen}
            onClick={() => void save()}
          >
            {busy ? 'Exporting…' : dialogs ? 'Export…' : 'Download'}
          </button>
          {'problem' in chosen && <span className="im-problem">{chosen.problem}</span>}
        </div>
        <details className="im-field im-wide">
          <summary>Write to a path (advanced)</summary>
          <div className="im-row">
            <label className="im-field im-grow">
              <span>
                {info.folder ? 'New output folder' : 'New output file'}: inside the project's exports/ folder or a
                folder allowed with framelens serve --allow
              </span>
              <input
                data-testid="ex-out"
                spellCheck={false}
                placeholder={
                  info.folder ? `/home/me/exports/${form.format}` : `/home/me/exports/dataset.${form.format}`
                }
                value={form.out}
                onChange={(e) => change({ out: e.target.value })}
              />
            </label>
            <button type="button" data-testid="ex-run" disabled={busy || 'problem' in built} onClick={() => void run()}>
              Write there
            </button>
          </div>
          {'problem' in built && form.out.trim() !== '' && <span className="im-problem">{built.problem}</span>}
        </details>
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
