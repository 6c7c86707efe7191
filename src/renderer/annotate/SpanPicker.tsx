// Where spans overlap, a click opens this small menu listing every span covering the clicked text.
import { spanText } from '../../core/text';
import { useApp, useAppStore } from '../state/context';
import { clampTo } from './LabelPopup';

/** Overlapping spans cannot be told apart by a click alone; the analyst picks one from a list. */
export function SpanPicker() {
  const store = useAppStore();
  const overlay = useApp((s) => (s.overlay?.kind === 'pick' ? s.overlay : null));
  const spans = useApp((s) => s.record?.spans);
  const text = useApp((s) => s.doc?.text ?? '');
  const colors = useApp((s) => s.project?.codebook.spanLabels);
  if (!overlay || !spans) return null;
  const byKey = new Map(spans.map((s) => [`${s.start}:${s.end}:${s.label}`, s]));
  const pick = (key: string | null) => {
    store.getState().setOverlay(null);
    if (key) store.getState().selectSpan(key);
  };
  return (
    <div
      className="popup span-picker"
      style={clampTo(overlay.x, overlay.y, 280, 40 + overlay.keys.length * 34)}
      data-testid="span-picker"
      role="menu"
    >
      <div className="muted small-text">{overlay.keys.length} spans here — choose one</div>
      <ul className="popup-list">
        {overlay.keys.map((key, i) => {
          const s = byKey.get(key);
          if (!s) return null;
          let excerpt = '';
          try {
            excerpt = spanText(text, s);
          } catch {
            excerpt = '';
          }
          const color = colors?.find((l) => l.name === s.label)?.color ?? '#8a8a8a';
          return (
            <li key={key}>
              <button
                type="button"
                role="menuitem"
                className="popup-item"
                data-testid="span-picker-item"
                data-key={key}
                // biome-ignore lint/a11y/noAutofocus: keyboard users continue from the first choice
                autoFocus={i === 0}
                onClick={() => pick(key)}
                onKeyDown={(e) => e.key === 'Escape' && pick(null)}
              >
                <span className="swatch" style={{ backgroundColor: color }} />
                <span className="label-name">
                  {s.label}
                  <span className="label-group" dir="auto">
                    {excerpt.length > 40 ? `${excerpt.slice(0, 40)}…` : excerpt}
                  </span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
