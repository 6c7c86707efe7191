// A codebook exchanged with ATLAS.ti, MAXQDA, NVivo or QualCoder as a REFI-QDA .qdc: import adds the codes the
// codebook lacks (with their hierarchy, colours and descriptions); export writes this codebook.
import { useState } from 'react';
import { useApi, useAppStore } from '../state/context';
import { errorLine } from '../ui/errors';
import { useBusy } from '../ui/useBusy';

export function QdcExchange() {
  const api = useApi();
  const store = useAppStore();
  const [path, setPath] = useState('');
  const [busy, runBusy] = useBusy();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const run = async (what: 'import' | 'export') => {
    const file = path.trim();
    if (!file) return setMessage({ ok: false, text: 'Type the path of the .qdc file first.' });
    setMessage(null);
    await runBusy(
      async () => {
        if (what === 'import') {
          const report = await api.importFiles({ paths: [file], format: 'qdc' });
          const added = report.addedSpanLabels.length;
          await store.getState().reloadAll();
          setMessage({
            ok: true,
            text: added
              ? `Added ${added} label(s): ${report.addedSpanLabels.slice(0, 8).join(', ')}${added > 8 ? '…' : ''}`
              : 'The codebook already had every code.',
          });
        } else {
          const report = await api.exportProject({ format: 'qdc', out: file });
          setMessage({
            ok: true,
            text: `Wrote ${report.out}${report.loses?.length ? ` (not carried: ${report.loses.join('; ')})` : ''}`,
          });
        }
      },
      (err) => setMessage({ ok: false, text: errorLine(err) }),
    );
  };
  return (
    <fieldset className="cb-qdc" data-testid="cb-qdc" disabled={busy}>
      <legend>REFI-QDA codebook (.qdc)</legend>
      <input
        aria-label=".qdc file path"
        data-testid="cb-qdc-path"
        placeholder="/home/me/codebook.qdc"
        spellCheck={false}
        value={path}
        onChange={(e) => setPath(e.target.value)}
      />
      <button type="button" className="small" data-testid="cb-qdc-import" onClick={() => void run('import')}>
        Import
      </button>
      <button type="button" className="small" data-testid="cb-qdc-export" onClick={() => void run('export')}>
        Export
      </button>
      {message && (
        <div className={message.ok ? 'small-text' : 'field-problem'} data-testid="cb-qdc-result">
          {message.text}
        </div>
      )}
    </fieldset>
  );
}
