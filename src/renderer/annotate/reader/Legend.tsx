// The labels of the spans on screen, each chip as the text shows it beside the label's full name, so a short
// name never has to be guessed; other layers' labels are listed with whose they are.
import { useEffect, useRef, useState } from 'react';
import { useReaderHandle } from './ReaderRef';
import type { DocumentLayout } from './useDocumentLayout';

interface Entry {
  label: string;
  owners: string[];
  own: boolean;
}

function inView(dl: DocumentLayout, shown: { first: number; last: number } | null): Entry[] {
  if (!shown) return [];
  const by = new Map<string, Entry>();
  for (let p = shown.first; p <= shown.last; p++)
    for (const v of dl.layout.paragraphViews(dl.states, p)) {
      let e = by.get(v.label);
      if (!e) {
        e = { label: v.label, owners: [], own: false };
        by.set(v.label, e);
      }
      if (v.kind === 'own') e.own = true;
      else if (v.owner && !e.owners.includes(v.owner)) e.owners.push(v.owner);
    }
  return [...by.values()].sort((a, b) => a.label.localeCompare(b.label));
}

const same = (a: Entry[], b: Entry[]) =>
  a.length === b.length &&
  a.every((e, i) => e.label === b[i].label && e.own === b[i].own && e.owners.join() === b[i].owners.join());

export function Legend({ dl }: { dl: DocumentLayout }) {
  const handle = useReaderHandle();
  const [entries, setEntries] = useState<Entry[]>([]);
  // An edit gives a new `dl`: the reader tells the handle the spans drawn changed, and the update after that
  // frame reads it. Reading geometry here, right after the edit's DOM writes, would force a layout.
  const latest = useRef(dl);
  latest.current = dl;
  const { layout } = dl;
  useEffect(() => {
    let frame = 0;
    const update = () => {
      const next = inView(latest.current, handle.shown());
      setEntries((prev) => (same(prev, next) ? prev : next));
    };
    // Once a frame at most, and after the frame is painted: what is on screen is read from laid-out boxes, and
    // reading them before the reader's own frame is drawn would force a layout into every scroll step and edit.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const later = () => {
      if (frame || timer !== undefined) return;
      if (typeof requestAnimationFrame !== 'function') {
        timer = setTimeout(() => {
          timer = undefined;
          update();
        }, 0);
        return;
      }
      frame = requestAnimationFrame(() => {
        frame = 0;
        timer = setTimeout(() => {
          timer = undefined;
          update();
        }, 0);
      });
    };
    // A text just opened is read at once.
    void layout;
    update();
    const stop = handle.subscribe(later);
    const scroller = handle.root.current?.closest('.reader-scroll');
    scroller?.addEventListener('scroll', later, { passive: true });
    return () => {
      stop();
      scroller?.removeEventListener('scroll', later);
      if (frame) cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [layout, handle]);
  if (entries.length === 0) return <div className="legend empty" data-testid="legend" />;
  const { look } = dl;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: it scrolls once the labels on screen overflow its height, and keyboard users must be able to scroll it
    <section className="legend" data-testid="legend" aria-label="Labels on screen" tabIndex={0}>
      {entries.map((e) => {
        const { background, text } = look.chip(e.label);
        return (
          <span key={e.label} className="legend-item" data-label={e.label}>
            {e.own ? (
              <span
                className="chip"
                aria-hidden="true"
                data-chip={look.short(e.label)}
                style={{ backgroundColor: background, color: text }}
              />
            ) : (
              <span
                className="chip chip-layer"
                aria-hidden="true"
                data-chip={look.short(e.label)}
                style={{ boxShadow: `inset 0 0 0 1.5px ${look.stroke(e.label)}` }}
              />
            )}
            <span className="legend-name">{e.label}</span>
            {e.owners.length > 0 && <span className="muted small-text"> ({e.owners.join(', ')})</span>}
          </span>
        );
      })}
    </section>
  );
}
