// Where spans overlap a click cannot tell them apart: this menu lists every span covering the clicked text.
import { spanText } from '../../core/text';
import { UNKNOWN_COLOR } from '../codebook/labelLook';
import { useApp, useAppStore } from '../state/context';
import { spanIdentity } from '../state/spans';
import { mapFor } from '../state/textMap';
import { clampTo } from './LabelPopup';

export function SpanPicker() {
  const store = useAppStore();
  const overlay = useApp((s) => (s.overlay?.kind === 'pick' ? s.overlay : null));
  // The spans only while the menu is open, so an edit renders no closed menu.
  const spans = useApp((s) => (s.overlay?.kind === 'pick' ? s.record?.spans : undefined));
  const text = useApp((s) => s.doc?.text ?? '');
  const colors = useApp((s) => s.project?.codebook.spanLabels);
  if (!overlay || !spans) return null;
  const byIdentity = new Map(spans.map((s) => [spanIdentity(s), s]));
  const pick = (identity: string | null) => {
    store.getState().setOverlay(null);
    if (identity) store.getState().selectSpan(identity);
  };
  return (
    <div
      className="popup span-picker"
      style={clampTo(overlay.x, overlay.y, 280, 40 + overlay.spans.length * 34)}
      data-testid="span-picker"
      role="menu"
    >
      <div className="muted small-text">{overlay.spans.length} spans here — choose one</div>
      <ul className="popup-list">
        {overlay.spans.map((identity, i) => {
          const s = byIdentity.get(identity);
          if (!s) return null;
          let excerpt = '';
          try {
            excerpt = spanText(text, s, mapFor(text));
          } catch {
            excerpt = '';
          }
          const color = colors?.find((l) => l.name === s.label)?.color ?? UNKNOWN_COLOR;
          return (
            <li key={identity}>
              <button
                type="button"
                role="menuitem"
                className="popup-item"
                data-testid="span-picker-item"
                data-key={identity}
                // biome-ignore lint/a11y/noAutofocus: keyboard users continue from the first choice
                autoFocus={i === 0}
                onClick={() => pick(identity)}
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
