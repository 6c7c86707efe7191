// The document's text with one thin lane per annotator (and gold, last) under every line, in label colours.
// Stretches where the annotators differ are shaded; the chosen candidate is tinted. Text nodes only.
import { memo, useEffect, useMemo, useRef } from 'react';
import type { PlainSpan } from './candidates';
import { laneSegments } from './lanes';
import { scrollWithin } from './scrollWithin';

export interface Lane {
  name: string;
  spans: readonly PlainSpan[];
}

/** Lane geometry, shared with the legend. */
export const LANE = { height: 3, gap: 2 } as const;

/** onPick gets the code-point offset clicked. */
interface LaneTextProps {
  chars: readonly string[];
  lanes: readonly Lane[];
  /** How many of the lanes are annotators (compared for differences); the rest (gold) are shown only. */
  coders: number;
  colors: Record<string, string>;
  selected: PlainSpan | null;
  onPick(offset: number): void;
}

function stripes(labels: string[][], colors: Record<string, string>, diff: boolean, sel: boolean): string {
  const step = LANE.height + LANE.gap;
  const n = labels.length;
  const layers: string[] = [];
  const stops: string[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const from = (n - 1 - i) * step;
    const c = labels[i].length ? (colors[labels[i][0]] ?? '#888') : 'transparent';
    stops.push(`${c} ${from}px ${from + LANE.height}px`, `transparent ${from + LANE.height}px ${from + step}px`);
  }
  layers.push(`linear-gradient(to top, ${stops.join(', ')}, transparent ${n * step}px)`);
  const tint = sel ? 'rgba(47, 95, 179, 0.2)' : diff ? 'rgba(255, 214, 90, 0.35)' : null;
  if (tint) layers.push(`linear-gradient(to top, transparent ${n * step}px, ${tint} ${n * step}px)`);
  return layers.join(', ');
}

export const LaneText = memo(function LaneText({ chars, lanes, coders, colors, selected, onPick }: LaneTextProps) {
  const segments = useMemo(
    () =>
      laneSegments(
        chars.length,
        lanes.map((l) => l.spans),
        coders,
      ),
    [chars, lanes, coders],
  );
  const selRef = useRef<HTMLSpanElement | null>(null);
  const boxRef = useRef<HTMLDivElement | null>(null);
  const selKey = selected ? `${selected.start}:${selected.end}` : '';
  useEffect(() => {
    if (selKey) scrollWithin(boxRef.current, selRef.current);
  }, [selKey]);
  const pad = lanes.length * (LANE.height + LANE.gap);
  let placed = false;
  return (
    <div
      ref={boxRef}
      className="adj-text"
      dir="auto"
      data-testid="adj-text"
      style={{ lineHeight: `calc(1.45em + ${pad}px)`, ['--adj-pad' as string]: `${pad}px` }}
    >
      {segments.map((s) => {
        const sel = selected !== null && s.start < selected.end && s.end > selected.start;
        const marked = s.labels.some((l) => l.length);
        const ref = sel && !placed ? selRef : undefined;
        if (sel) placed = true;
        const title = marked
          ? lanes.map((l, i) => `${l.name}: ${s.labels[i].join(', ') || '—'}`).join(' · ')
          : undefined;
        return (
          <span
            key={s.start}
            ref={ref}
            className={`adj-seg${s.differs ? ' adj-diff' : ''}${sel ? ' adj-sel' : ''}${marked ? ' adj-marked' : ''}`}
            data-testid="adj-seg"
            data-lanes={s.labels.map((l) => l.join('|')).join('/')}
            title={title}
            style={marked || sel ? { backgroundImage: stripes(s.labels, colors, s.differs, sel) } : undefined}
            onClick={marked ? () => onPick(s.start) : undefined}
          >
            {chars.slice(s.start, s.end).join('')}
          </span>
        );
      })}
    </div>
  );
});
