// How a run looks, from the spans covering it. Own spans: a translucent fill for the innermost one and one
// underline per lane from the baseline down (inset box-shadows). Another layer: an outline (a line above
// and below, closed at the span's ends), each further layer one ring further out, so the text itself stays
// as it is. Suggestions: a dashed underline. Box shadows and inline padding never change a line's height.
import type { CSSProperties } from 'react';
import type { LabelLook } from '../../codebook/labelLook';
import { innermost, type SpanView } from './segments';

const LANE_PX = 3;

/** A label colour (#rrggbb) as a translucent fill that keeps black text readable. */
export function tint(color: string, alpha = 0.22): string {
  const m = /^#([0-9a-f]{6})$/i.exec(color);
  if (!m) return `rgba(128, 128, 128, ${alpha})`;
  const n = Number.parseInt(m[1], 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

interface RunPlace {
  start: number;
  end: number;
  rtl: boolean;
}

/** The inline style of a run covered by `spans`; undefined when uncovered. */
export function runStyle(
  spans: SpanView[],
  lanes: Map<SpanView, number>,
  look: LabelLook,
  run: RunPlace,
): CSSProperties | undefined {
  if (spans.length === 0) return undefined;
  const own = spans.filter((s) => s.kind === 'own');
  const inner = innermost(own, lanes);
  const shadows: string[] = [];
  let maxLane = -1;
  for (const s of own) {
    const lane = lanes.get(s) ?? 0;
    maxLane = Math.max(maxLane, lane);
    shadows.push(`inset 0 -${(lane + 1) * LANE_PX}px 0 0 ${look.stroke(s.label)}`);
  }
  const layers = [...new Set(spans.filter((s) => s.kind === 'layer').map((s) => s.set))].sort((a, b) => a - b);
  for (const s of spans) {
    if (s.kind !== 'layer') continue;
    const w = 1.5 + 2 * layers.indexOf(s.set);
    const c = look.stroke(s.label);
    shadows.push(`0 -${w}px 0 0 ${c}`, `0 ${w}px 0 0 ${c}`);
    // Closed at the span's own ends: the start is on the right in right-to-left text.
    const left = run.rtl ? s.end === run.end : s.start === run.start;
    const right = run.rtl ? s.start === run.start : s.end === run.end;
    if (left) shadows.push(`-${w}px 0 0 0 ${c}`);
    if (right) shadows.push(`${w}px 0 0 0 ${c}`);
  }
  // The model's suggestions are a dashed outline in the label's colour, never a fill or an underline: they
  // are not the coder's until accepted.
  const suggestion = spans.find((s) => s.kind === 'suggestion');
  return {
    backgroundColor: inner ? tint(look.color(inner.label)) : undefined,
    boxShadow: shadows.length ? shadows.join(', ') : undefined,
    paddingBottom: maxLane >= 0 ? `${(maxLane + 1) * LANE_PX}px` : undefined,
    ...(suggestion ? { outline: `2px dashed ${look.stroke(suggestion.label)}`, outlineOffset: '1px' } : {}),
  };
}
