// The right pane: status, span labels (hotkeys, counts, click to apply), the selected span, and
// document-level label groups.
import { useMemo } from 'react';
import { STATUSES, type Status } from '../../core/model';
import { DocLabelGroups } from '../annotate/DocLabelGroups';
import { STATUS_TEXT } from '../annotate/DocumentList';
import { LayerToggle } from '../annotate/LayerToggle';
import { SpanEditor } from '../annotate/SpanEditor';
import { useApplyLabel } from '../annotate/useApplyLabel';
import { useApp } from '../state/context';
import { digitTable } from './digits';

/** Progress for this document and annotator, chosen explicitly. */
function StatusSelect() {
  const status = useApp((s) => s.record?.status);
  const setStatus = useApp((s) => s.setStatus);
  const disabled = useApp((s) => !s.record || !s.annotator);
  return (
    <label className="field">
      <span>Status</span>
      <select
        data-testid="status"
        value={status ?? 'todo'}
        disabled={disabled}
        onChange={(e) => setStatus(e.target.value as Status)}
      >
        {STATUSES.map((s) => (
          <option key={s} value={s}>
            {STATUS_TEXT[s]}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The codebook as a palette: colour, hotkey, name, group; description on hover; click applies. */
function SpanLabels() {
  const codebook = useApp((s) => s.project?.codebook);
  const spans = useApp((s) => s.record?.spans);
  const applyLabel = useApplyLabel();
  const counts = useMemo(() => {
    const m = new Map<string, number>();
    for (const s of spans ?? []) m.set(s.label, (m.get(s.label) ?? 0) + 1);
    return m;
  }, [spans]);
  if (!codebook) return null;
  const digits = new Map([...digitTable(codebook)].map(([d, l]) => [l.name, d]));
  if (codebook.spanLabels.length === 0) return <p className="muted">The codebook has no span labels yet.</p>;
  return (
    <ul className="labels">
      {codebook.spanLabels.map((l) => {
        const tip = [l.description, l.include && `Include: ${l.include}`, l.exclude && `Exclude: ${l.exclude}`]
          .filter(Boolean)
          .join('\n');
        return (
          <li key={l.name}>
            <button
              type="button"
              className="label-item"
              data-testid="label-item"
              data-label={l.name}
              title={tip || l.name}
              // Keep the text selection in the reader when the button is pressed.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => applyLabel(l.name)}
            >
              <span className="swatch" style={{ backgroundColor: l.color }} />
              <kbd className={digits.has(l.name) ? 'hotkey' : 'hotkey none'}>{digits.get(l.name) ?? ''}</kbd>
              <span className="label-name">
                {l.name}
                {l.group && <span className="label-group">{l.group}</span>}
              </span>
              <span className="count">{counts.get(l.name) ?? 0}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}

/** Everything the analyst codes about the document sits beside the text. */
export function CodebookPanel() {
  const hasDoc = useApp((s) => s.doc !== null);
  const hasProject = useApp((s) => s.project !== null);
  const setOverlay = useApp((s) => s.setOverlay);
  if (!hasProject) return <aside className="codebook" />;
  return (
    <aside className="codebook" aria-label="Codebook">
      {hasDoc && (
        <section className="panel-section">
          <StatusSelect />
          <LayerToggle />
        </section>
      )}
      <section className="panel-section">
        <h2 className="cb-head">
          Span labels
          <button
            type="button"
            className="small"
            data-testid="edit-codebook"
            onClick={() => setOverlay({ kind: 'codebook' })}
          >
            Edit
          </button>
        </h2>
        <p className="hint muted">
          Select text, then press 1–9, <kbd>/</kbd> or click a label. <kbd>?</kbd> for all keys.
        </p>
        <SpanLabels />
      </section>
      <SpanEditor />
      {hasDoc && <DocLabelGroups />}
    </aside>
  );
}
