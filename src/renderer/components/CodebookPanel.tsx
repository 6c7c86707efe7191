// The right pane: status, span labels (hotkeys, counts, click to apply), the selected span, and
// document-level label groups.
import { useMemo } from 'react';
import { hotkeyLabels } from '../../core/codebook';
import { STATUSES, type Status } from '../../core/model';
import { spanText } from '../../core/text';
import { useApp } from '../state/context';
import { DocLabelGroups } from './DocLabelGroups';
import { STATUS_TEXT } from './DocumentList';
import { useApplyLabel } from './useApplyLabel';

/** Why: progress for this document and annotator, chosen explicitly. */
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

/** Why: the codebook as a palette: colour, hotkey, name, group; description on hover; click applies. */
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
  const hot = new Set(hotkeyLabels(codebook).map((l) => l.name));
  if (codebook.spanLabels.length === 0) return <p className="muted">The codebook has no span labels yet.</p>;
  return (
    <ul className="labels">
      {codebook.spanLabels.map((l, i) => {
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
              <kbd className={hot.has(l.name) ? 'hotkey' : 'hotkey none'}>{hot.has(l.name) ? i + 1 : ''}</kbd>
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

/** Why: the selected span's label and text, with a way to delete it without the keyboard. */
function SelectedSpan() {
  const key = useApp((s) => s.selectedSpan);
  const span = useApp((s) => s.record?.spans.find((x) => `${x.start}:${x.end}:${x.label}` === s.selectedSpan));
  const text = useApp((s) => s.doc?.text);
  const remove = useApp((s) => s.removeSpan);
  if (!key || !span || text === undefined) return null;
  let excerpt = '';
  try {
    excerpt = spanText(text, span);
  } catch {
    excerpt = '(outside the text)';
  }
  return (
    <section className="panel-section selected-span" data-testid="selected-span">
      <h2>Selected span</h2>
      <div>
        <strong>{span.label}</strong> <span className="muted mono">{`${span.start}–${span.end}`}</span>
      </div>
      <blockquote dir="auto">{excerpt.length > 240 ? `${excerpt.slice(0, 240)}…` : excerpt}</blockquote>
      <button type="button" className="danger small" data-testid="delete-span" onClick={() => remove(key)}>
        Delete span <kbd>Del</kbd>
      </button>
    </section>
  );
}

/** Why: everything the analyst codes about the document sits beside the text. */
export function CodebookPanel() {
  const hasDoc = useApp((s) => s.doc !== null);
  const hasProject = useApp((s) => s.project !== null);
  if (!hasProject) return <aside className="codebook" />;
  return (
    <aside className="codebook" aria-label="Codebook">
      {hasDoc && (
        <section className="panel-section">
          <StatusSelect />
        </section>
      )}
      <section className="panel-section">
        <h2>Span labels</h2>
        <p className="hint muted">Select text, then press 1–9 or click a label.</p>
        <SpanLabels />
      </section>
      <SelectedSpan />
      {hasDoc && <DocLabelGroups />}
    </aside>
  );
}
