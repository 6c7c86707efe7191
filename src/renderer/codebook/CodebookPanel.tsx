// The codebook as a palette beside the text: colour, digit, name, group and how often the open record uses
// each label; the description on hover; a click applies the label to the selection.
import type { Span } from '../../core/model';
import { useApp, useAppDerived } from '../state/context';
import { digitTable } from './digits';

function countLabels(spans: readonly Span[] | undefined): Map<string, number> {
  const m = new Map<string, number>();
  for (const s of spans ?? []) m.set(s.label, (m.get(s.label) ?? 0) + 1);
  return m;
}

function sameCounts(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, n] of a) if (b.get(k) !== n) return false;
  return true;
}

function SpanLabels({ onApply }: { onApply(label: string): void }) {
  const codebook = useApp((s) => s.project?.codebook);
  // Only a change of a count renders the palette again: a span moved, a note or a relation leaves it.
  const counts = useAppDerived((s) => [s.record?.spans] as const, countLabels, sameCounts);
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
              onClick={() => onApply(l.name)}
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

export function CodebookPanel({ onApply }: { onApply(label: string): void }) {
  const setOverlay = useApp((s) => s.setOverlay);
  return (
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
      <SpanLabels onApply={onApply} />
    </section>
  );
}
