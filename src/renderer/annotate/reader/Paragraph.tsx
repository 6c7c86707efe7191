// One paragraph of the reader: its text cut into runs, each run styled by the spans covering it. Memoized on
// its span views (objects reused while unchanged), so an edit re-renders only the paragraphs it touches.
import { Fragment, type MouseEvent, memo, useMemo } from 'react';
import { type SpanView, toRuns } from './segments';
import { runStyle } from './style';

interface ParagraphProps {
  text: string;
  start: number;
  end: number;
  spans: SpanView[];
  /** The selected span's identity when it touches this paragraph, else null. */
  selected: string | null;
  onPick(spans: string[], x: number, y: number): void;
  /** Mouse down on the selected span's start or end handle. */
  onHandle?(edge: 'start' | 'end', e: MouseEvent): void;
}

/** Views are immutable once made: the same objects draw the same. */
function sameViews(a: SpanView[], b: SpanView[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const NONE: SpanView[] = [];

/** A click on a run picks the innermost span first. */
function byLength(spans: SpanView[]): string[] {
  return [...spans].sort((a, b) => a.end - a.start - (b.end - b.start) || b.lane - a.lane).map((s) => s.id);
}

function ParagraphView({ text, start, end, spans, selected, onPick, onHandle }: ParagraphProps) {
  const runs = useMemo(() => toRuns(start, end, spans), [start, end, spans]);
  const sel = selected ? spans.find((s) => s.id === selected && !s.suggestion) : undefined;
  const handle = (edge: 'start' | 'end') => (
    <span
      className={`handle handle-${edge}`}
      data-handle={edge}
      aria-hidden="true"
      title={edge === 'start' ? 'Drag to move the start' : 'Drag to move the end'}
      onMouseDown={onHandle ? (e) => onHandle(edge, e) : undefined}
    />
  );
  if (start === end) return <p className="para para-empty" data-para-start={start} />;
  return (
    <p className="para" dir="auto" data-para-start={start}>
      {runs.map((run) => {
        const chips = run.spans.filter((s) => s.start === run.start);
        const isSel = selected !== null && run.spans.some((s) => s.id === selected);
        const mine = run.spans.some((s) => !s.ghost && !s.suggestion)
          ? run.spans.filter((s) => !s.ghost && !s.suggestion)
          : NONE;
        const covered = mine.length > 0;
        const ghosts = run.spans.some((s) => s.ghost) ? run.spans.filter((s) => s.ghost) : undefined;
        const suggested = run.spans.some((s) => s.suggestion) ? run.spans.filter((s) => s.suggestion) : undefined;
        const classes = ['run'];
        if (covered) classes.push('span');
        if (suggested) classes.push('suggested');
        if (isSel) classes.push('sel');
        // a click on text the coder has not marked picks the model's suggestion there
        const pick = covered ? byLength(mine) : suggested ? byLength(suggested) : null;
        return (
          <Fragment key={run.start}>
            {chips.map((s) => (
              <span
                key={s.id}
                className={
                  s.suggestion
                    ? s.id === selected
                      ? 'chip suggestion sel'
                      : 'chip suggestion'
                    : s.ghost
                      ? 'chip ghost'
                      : s.id === selected
                        ? 'chip sel'
                        : 'chip'
                }
                data-chip={s.ghost ? `${s.ghost}: ${s.label}` : s.suggestion ? `model: ${s.label}` : s.label}
                data-testid={s.suggestion ? 'suggestion-chip' : undefined}
                style={s.suggestion ? { borderColor: s.color } : { backgroundColor: s.color }}
                title={
                  s.ghost
                    ? `${s.label} (${s.ghost}, read-only)`
                    : s.suggestion
                      ? `${s.label}: the model suggests it (Enter accepts, Del rejects)`
                      : s.label
                }
                aria-hidden="true"
                onClick={s.ghost ? undefined : (e) => onPick([s.id], e.clientX, e.clientY)}
              />
            ))}
            {sel && run.start === sel.start && handle('start')}
            <span
              className={classes.join(' ')}
              data-start={run.start}
              data-end={run.end}
              data-testid={covered ? 'span-run' : suggested ? 'suggestion-run' : undefined}
              data-labels={covered ? mine.map((s) => s.label).join('|') : undefined}
              data-keys={covered ? byLength(mine).join('|') : undefined}
              data-ghosts={ghosts?.map((s) => `${s.ghost}:${s.label}`).join('|')}
              data-suggestions={suggested?.map((s) => s.label).join('|')}
              style={runStyle(run.spans)}
              onClick={pick ? (e) => onPick(pick, e.clientX, e.clientY) : undefined}
            >
              {text.slice(run.start, run.end)}
            </span>
            {sel && run.end === sel.end && handle('end')}
          </Fragment>
        );
      })}
    </p>
  );
}

/** Paragraphs re-render only when their own text range, spans or selection change. */
export const Paragraph = memo(
  ParagraphView,
  (a, b) =>
    a.text === b.text &&
    a.start === b.start &&
    a.end === b.end &&
    sameViews(a.spans, b.spans) &&
    a.selected === b.selected &&
    a.onPick === b.onPick &&
    a.onHandle === b.onHandle,
);
