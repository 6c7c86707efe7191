// How a run looks, from the spans covering it: a translucent fill for the innermost span and one
// underline per lane, stacked from the baseline down (inset box-shadows), so nesting stays legible.
import type { CSSProperties } from 'react';
import { innermost, type SpanView } from './segments';

const LANE_PX = 3;

/** A label colour (#rrggbb) as a translucent fill that keeps black text readable. */
export function tint(color: string, alpha = 0.22): string {
  const m = /^#([0-9a-f]{6})$/i.exec(color);
  if (!m) return `rgba(128, 128, 128, ${alpha})`;
  const n = Number.parseInt(m[1], 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** The inline style of a run covered by `spans` (ordered by lane); undefined when uncovered. */
export function runStyle(spans: SpanView[]): CSSProperties | undefined {
  if (spans.length === 0) return undefined;
  const drawn = spans.filter((s) => !s.suggestion);
  const own = drawn.filter((s) => !s.ghost);
  const inner = innermost(own);
  // The model's suggestions are a dashed outline in the label's colour, never a fill or an underline: they
  // are not the coder's until accepted.
  const suggested = innermost(spans.filter((s) => s.suggestion));
  const outline: CSSProperties = suggested ? { outline: `2px dashed ${suggested.color}`, outlineOffset: '1px' } : {};
  if (drawn.length === 0) return outline;
  const maxLane = drawn[drawn.length - 1].lane;
  // Lane 0 sits lowest; each deeper lane is drawn as a thicker inset line beneath the previous ones.
  // Other annotators' spans are only a faded underline: no fill, so the own layer stays readable.
  const shadows = drawn.map(
    (s) => `inset 0 -${(s.lane + 1) * LANE_PX}px 0 0 ${s.ghost ? tint(s.color, 0.4) : s.color}`,
  );
  return {
    backgroundColor: inner ? tint(inner.color) : undefined,
    boxShadow: shadows.join(', '),
    paddingBottom: `${(maxLane + 1) * LANE_PX}px`,
    ...outline,
  };
}
