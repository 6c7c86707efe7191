// The label popup, for codebooks with more labels than digits: type to filter, Enter (or a click) applies the
// highlighted label to the selection captured when it opened (its input takes the focus), or relabels a span.
import { useMemo, useRef, useState } from 'react';
import type { SpanLabel } from '../../core/model';
import { useApp, useAppStore } from '../state/context';
import { indexOfSpan } from '../state/spans';

/** A label matches when its name, group or description contains every typed word. */
export function filterLabels(labels: SpanLabel[], query: string): SpanLabel[] {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return labels;
  const hay = (l: SpanLabel) => `${l.name} ${l.group ?? ''} ${l.description ?? ''}`.toLocaleLowerCase();
  const hits = labels.filter((l) => words.every((w) => hay(l).includes(w)));
  // Names that start with the query come first.
  const q = words.join(' ');
  return [...hits].sort(
    (a, b) => Number(!a.name.toLocaleLowerCase().startsWith(q)) - Number(!b.name.toLocaleLowerCase().startsWith(q)),
  );
}

/** Keeps a floating box inside the window. */
export function clampTo(x: number, y: number, w: number, h: number): { left: number; top: number } {
  const vw = typeof window === 'undefined' ? 1280 : window.innerWidth;
  const vh = typeof window === 'undefined' ? 800 : window.innerHeight;
  return { left: Math.max(4, Math.min(x, vw - w - 4)), top: Math.max(4, Math.min(y, vh - h - 4)) };
}

export function LabelPopup() {
  const store = useAppStore();
  const overlay = useApp((s) => (s.overlay?.kind === 'labels' ? s.overlay : null));
  const labels = useApp((s) => s.project?.codebook.spanLabels);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const shown = useMemo(() => filterLabels(labels ?? [], query), [labels, query]);
  // What had the focus before the popup took it: a popup closed by a key gives it back there.
  const before = useRef<HTMLElement | null>(null);
  if (!overlay) return null;

  const giveBack = () => {
    const el = before.current ?? document.querySelector<HTMLElement>('.reader-scroll');
    before.current = null;
    if (el?.isConnected) el.focus({ preventScroll: true });
  };

  const close = () => {
    setQuery('');
    setActive(0);
    store.getState().setOverlay(null);
  };
  const apply = (label: SpanLabel | undefined) => {
    if (!label) return;
    const s = store.getState();
    if (overlay.range) {
      s.addSpan({ ...overlay.range, label: label.name });
      window.getSelection()?.removeAllRanges();
    } else if (overlay.span) {
      const spans = s.record?.spans ?? [];
      const span = spans[indexOfSpan(spans, overlay.span)];
      if (span) s.updateSpan(overlay.span, { ...span, label: label.name });
    }
    close();
  };
  const pos = clampTo(overlay.x, overlay.y, 260, 300);
  return (
    <div className="popup label-popup" style={pos} data-testid="label-popup" role="dialog" aria-label="Choose a label">
      <input
        // biome-ignore lint/a11y/noAutofocus: the popup exists to be typed into
        autoFocus
        data-testid="label-popup-input"
        placeholder={overlay.range ? 'Label the selection…' : 'Relabel the span…'}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onFocus={(e) => {
          before.current = e.relatedTarget instanceof HTMLElement ? e.relatedTarget : null;
        }}
        onBlur={close}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, shown.length - 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else if (e.key === 'Enter') {
            apply(shown[active]);
            giveBack();
          } else if (e.key === 'Escape') {
            close();
            giveBack();
          } else return;
          e.preventDefault();
          e.stopPropagation();
        }}
      />
      <ul className="popup-list">
        {shown.map((l, i) => (
          <li key={l.name}>
            <button
              type="button"
              className={i === active ? 'popup-item active' : 'popup-item'}
              data-testid="label-popup-item"
              title={l.description}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => apply(l)}
            >
              <span className="swatch" style={{ backgroundColor: l.color }} />
              <span className="label-name">{l.name}</span>
              {l.group && <span className="label-group">{l.group}</span>}
            </button>
          </li>
        ))}
        {shown.length === 0 && <li className="muted small-text">No label matches “{query}”.</li>}
      </ul>
    </div>
  );
}
