// One paragraph of the reader: its text cut into runs, each run styled by the spans covering it.
// Memoized on a signature of its spans, so an edit re-renders only the paragraphs it touches.
import { Fragment, memo, useMemo } from 'react';
import { type SpanView, toRuns } from '../reader/segments';
import { runStyle } from '../reader/style';

/** Why: the props a paragraph needs; `sig` summarizes `spans` for the memo comparison. */
export interface ParagraphProps {
  text: string;
  start: number;
  end: number;
  spans: SpanView[];
  sig: string;
  /** The selected span's key when it touches this paragraph, else null. */
  selected: string | null;
  onPick(keys: string[]): void;
}

/** Why: a stable identity of a paragraph's spans (offsets, label, lane, colour). */
export function paragraphSig(spans: SpanView[]): string {
  return spans.map((s) => `${s.key}/${s.lane}/${s.color}`).join('|');
}

/** Why: a click on a run picks the innermost span first. */
function byLength(spans: SpanView[]): string[] {
  return [...spans].sort((a, b) => a.end - a.start - (b.end - b.start) || b.lane - a.lane).map((s) => s.key);
}

function ParagraphView({ text, start, end, spans, selected, onPick }: ParagraphProps) {
  const runs = useMemo(() => toRuns(start, end, spans), [start, end, spans]);
  if (start === end) return <p className="para para-empty" data-para-start={start} />;
  return (
    <p className="para" dir="auto" data-para-start={start}>
      {runs.map((run) => {
        const chips = run.spans.filter((s) => s.start === run.start);
        const isSel = selected !== null && run.spans.some((s) => s.key === selected);
        const covered = run.spans.length > 0;
        return (
          <Fragment key={run.start}>
            {chips.map((s) => (
              <span
                key={s.key}
                className={s.key === selected ? 'chip sel' : 'chip'}
                data-chip={s.label}
                style={{ backgroundColor: s.color }}
                title={s.label}
                aria-hidden="true"
                onClick={() => onPick([s.key])}
              />
            ))}
            <span
              className={covered ? (isSel ? 'run span sel' : 'run span') : 'run'}
              data-start={run.start}
              data-end={run.end}
              data-testid={covered ? 'span-run' : undefined}
              data-labels={covered ? run.spans.map((s) => s.label).join('|') : undefined}
              style={runStyle(run.spans)}
              onClick={covered ? () => onPick(byLength(run.spans)) : undefined}
            >
              {text.slice(run.start, run.end)}
            </span>
          </Fragment>
        );
      })}
    </p>
  );
}

/** Why: paragraphs re-render only when their own text range, spans or selection change. */
export const Paragraph = memo(
  ParagraphView,
  (a, b) =>
    a.text === b.text &&
    a.start === b.start &&
    a.end === b.end &&
    a.sig === b.sig &&
    a.selected === b.selected &&
    a.onPick === b.onPick,
);
