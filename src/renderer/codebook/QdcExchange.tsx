// A codebook exchanged with ATLAS.ti, MAXQDA, NVivo or QualCoder as a REFI-QDA .qdc: import adds the codes the
// codebook lacks (with their hierarchy, colours and descriptions); export writes this codebook. The file is
// chosen as everywhere else: the open and save dialogs in the app, a file input and a download in the browser,
// or a typed path inside the allowed folders.
import { useRef, useState } from 'react';
import type { ExportOptions, ExportReport, ImportOptions, ImportReport } from '../../core/formats/options';
import { filesFromInput, uploadFiles } from '../data/upload';
import { useApi, useApp, useAppStore } from '../state/context';
import { fetchDownload, fileName } from '../ui/download';
import { errorLine } from '../ui/errors';
import { useBusy } from '../ui/useBusy';

type Message = { ok: boolean; text: string };

function imported(report: ImportReport): Message {
  const added = report.addedSpanLabels.length;
  return {
    ok: true,
    text: added
      ? `Added ${added} label(s): ${report.addedSpanLabels.slice(0, 8).join(', ')}${added > 8 ? '…' : ''}`
      : 'The codebook already had every code.',
  };
}

function exported(report: ExportReport): Message {
  const where = report.download ? `Downloaded ${report.download.name}` : `Wrote ${report.out}`;
  return { ok: true, text: `${where}${report.loses?.length ? ` (not carried: ${report.loses.join('; ')})` : ''}` };
}

export function QdcExchange() {
  const api = useApi();
  const store = useAppStore();
  const dialogs = useApp((s) => s.shell?.dialogs ?? false);
  const projectName = useApp((s) => s.project?.settings.name ?? 'codebook');
  const input = useRef<HTMLInputElement>(null);
  const [path, setPath] = useState('');
  const [busy, runBusy] = useBusy();
  const [message, setMessage] = useState<Message | null>(null);

  const attempt = (work: () => Promise<Message | null>) => {
    setMessage(null);
    return runBusy(
      async () => {
        const done = await work();
        if (done) setMessage(done);
      },
      (err) => setMessage({ ok: false, text: errorLine(err) }),
    );
  };
  const importWith = async (options: Pick<ImportOptions, 'paths' | 'upload' | 'grant'>) => {
    const report = await api.importFiles({ ...options, format: 'qdc' });
    await store.getState().reloadAll();
    return imported(report);
  };
  const exportWith = async (options: Omit<ExportOptions, 'format'>) =>
    exported(await api.exportProject({ ...options, format: 'qdc' }));

  const choose = () =>
    dialogs
      ? attempt(async () => {
          const picked = await api.pickImport('files');
          return picked ? importWith({ paths: picked.paths, grant: picked.grant }) : null;
        })
      : input.current?.click();
  const upload = (list: FileList | null) =>
    attempt(async () => {
      const files = filesFromInput(list);
      if (files.length === 0) return null;
      const source = await uploadFiles(api, files);
      return importWith({ paths: source.paths, upload: source.upload });
    });
  const save = () =>
    attempt(async () => {
      if (dialogs) {
        const target = await api.pickExport({ name: fileName(projectName, 'qdc'), folder: false });
        return target ? exportWith({ grant: target.grant }) : null;
      }
      const report = await api.exportProject({ format: 'qdc', download: true });
      if (report.download) await fetchDownload(api, report.download);
      return exported(report);
    });
  const typed = (what: 'import' | 'export') =>
    attempt(async () => {
      const file = path.trim();
      if (!file) return { ok: false, text: 'Type the path of the .qdc file first.' };
      return what === 'import' ? importWith({ paths: [file] }) : exportWith({ out: file });
    });

  return (
    <fieldset className="cb-qdc" data-testid="cb-qdc" disabled={busy}>
      <legend>REFI-QDA codebook (.qdc)</legend>
      <button type="button" className="small" data-testid="cb-qdc-choose" onClick={() => void choose()}>
        Import a .qdc…
      </button>
      <input
        ref={input}
        type="file"
        accept=".qdc,.xml"
        hidden
        data-testid="cb-qdc-file"
        onChange={(e) => {
          void upload(e.target.files);
          e.target.value = '';
        }}
      />
      <button type="button" className="small" data-testid="cb-qdc-save" onClick={() => void save()}>
        {dialogs ? 'Export as .qdc…' : 'Download as .qdc'}
      </button>
      <details>
        <summary>Type a path (advanced)</summary>
        <input
          aria-label=".qdc file path"
          data-testid="cb-qdc-path"
          placeholder="/home/me/codebook.qdc"
          spellCheck={false}
          value={path}
          onChange={(e) => setPath(e.target.value)}
        />
        <button type="button" className="small" data-testid="cb-qdc-import" onClick={() => void typed('import')}>
          Import
        </button>
        <button type="button" className="small" data-testid="cb-qdc-export" onClick={() => void typed('export')}>
          Export
        </button>
      </details>
      {message && (
        <div className={message.ok ? 'small-text' : 'field-problem'} data-testid="cb-qdc-result">
          {message.text}
        </div>
      )}
    </fieldset>
  );
}
