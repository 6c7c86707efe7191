// One paragraph of the reader: its text cut into runs, each run styled by the spans covering it, chips where
// spans start. Memoized on its span views (the same span gives the same view object), so an edit re-renders
// only the paragraphs it touches, and lanes and runs are computed only for paragraphs on screen.
import { Fragment, type MouseEvent, memo, type ReactNode, useMemo } from 'react';
import type { LabelLook } from '../../codebook/labelLook';
import { paragraphLanes, type SpanView, toRuns } from './segments';
import { runStyle } from './style';

interface ParagraphProps {
  text: string;
  index: number;
  start: number;
  end: number;
  rtl: boolean;
  spans: SpanView[];
  look: LabelLook;
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

/** A click on a run picks the innermost span first. */
function byLength(spans: SpanView[], lanes: Map<SpanView, number>): string[] {
  return [...spans]
    .sort((a, b) => a.end - a.start - (b.end - b.start) || (lanes.get(b) ?? 0) - (lanes.get(a) ?? 0))
    .map((s) => s.id);
}

/** How much of a run's text its chips are glued to: its first word, so a line never breaks between them. */
function glueLength(body: string): number {
  const m = /^\S{1,30}/u.exec(body);
  return m ? m[0].length : 0;
}

function Chip({
  s,
  look,
  selected,
  onPick,
}: {
  s: SpanView;
  look: LabelLook;
  selected: boolean;
  onPick: ParagraphProps['onPick'];
}) {
  const short = look.short(s.label);
  if (s.kind === 'suggestion')
    return (
      <span
        className={selected ? 'chip suggestion sel' : 'chip suggestion'}
        data-chip={`model: ${short}`}
        data-testid="suggestion-chip"
        style={{ borderColor: look.stroke(s.label) }}
        title={`${s.label}: the model suggests it (Enter accepts, Del rejects)`}
        aria-hidden="true"
        onClick={(e) => {
          e.stopPropagation();
          onPick([s.id], e.clientX, e.clientY);
        }}
      />
    );
  if (s.kind !== 'own') return null;
  const { background, text } = look.chip(s.label);
  return (
    <span
      className={selected ? 'chip sel' : 'chip'}
      // The selected span's chip shows the full name.
      data-chip={selected ? s.label : short}
      style={{ backgroundColor: background, color: text }}
      title={s.label}
      aria-hidden="true"
      onClick={(e) => {
        e.stopPropagation();
        onPick([s.id], e.clientX, e.clientY);
      }}
    />
  );
}

function ParagraphView({ text, index, start, end, rtl, spans, look, selected, onPick, onHandle }: ParagraphProps) {
  const lanes = useMemo(() => paragraphLanes(start, end, spans), [start, end, spans]);
  const runs = useMemo(() => toRuns(start, end, spans, lanes), [start, end, spans, lanes]);
  const sel = selected ? spans.find((s) => s.id === selected && s.kind === 'own') : undefined;
  const handle = (edge: 'start' | 'end') => (
    <span
      className={`handle handle-${edge}`}
      data-handle={edge}
      aria-hidden="true"
      title={edge === 'start' ? 'Drag to move the start' : 'Drag to move the end'}
      onMouseDown={onHandle ? (e) => onHandle(edge, e) : undefined}
    />
  );
  const dir = rtl ? 'rtl' : 'ltr';
  if (start === end) return <p className="para para-empty" dir={dir} data-para={index} data-para-start={start} />;
  return (
    <p className="para" dir={dir} data-para={index} data-para-start={start}>
      {runs.map((run) => {
        // Other annotators' layers get no chips: an outline in the label's colour (named in the legend and on
        // hover) marks them without moving a word, so showing them never reflows the text.
        const starting = run.spans.filter((s) => s.start === run.start && s.kind !== 'layer');
        const isSel = selected !== null && run.spans.some((s) => s.id === selected);
        const mine = run.spans.filter((s) => s.kind === 'own');
        const covered = mine.length > 0;
        const others = run.spans.some((s) => s.kind === 'layer')
          ? run.spans.filter((s) => s.kind === 'layer')
          : undefined;
        const suggested = run.spans.some((s) => s.kind === 'suggestion')
          ? run.spans.filter((s) => s.kind === 'suggestion')
          : undefined;
        // A click on text the coder has not marked picks the model's suggestion there.
        const pick = covered ? byLength(mine, lanes) : suggested ? byLength(suggested, lanes) : null;
        const classes = ['run'];
        if (covered) classes.push('span');
        else if (others) classes.push('layer');
        if (suggested) classes.push('suggested');
        if (isSel) classes.push('sel');
        const body = text.slice(run.start, run.end);
        const startHandle = sel && run.start === sel.start;
        let content: ReactNode = body;
        if (starting.length > 0 || startHandle) {
          const cut = glueLength(body);
          content = (
            <>
              <span className="glue">
                {starting.map((s) => (
                  <Chip key={s.id} s={s} look={look} selected={s.id === selected} onPick={onPick} />
                ))}
                {startHandle && handle('start')}
                {body.slice(0, cut)}
              </span>
              {body.slice(cut)}
            </>
          );
        }
        return (
          <Fragment key={run.start}>
            <span
              className={classes.join(' ')}
              data-start={run.start}
              data-end={run.end}
              data-testid={covered ? 'span-run' : suggested ? 'suggestion-run' : undefined}
              data-labels={covered ? mine.map((s) => s.label).join('|') : undefined}
              data-keys={covered ? byLength(mine, lanes).join('|') : undefined}
              data-ghosts={others?.map((s) => `${s.owner ?? s.kind}:${s.label}`).join('|')}
              data-suggestions={suggested?.map((s) => s.label).join('|')}
              title={others?.map((s) => `${s.label} (${s.owner ?? s.kind})`).join('\n')}
              style={runStyle(run.spans, lanes, look, { start: run.start, end: run.end, rtl })}
              onClick={pick ? (e) => onPick(pick, e.clientX, e.clientY) : undefined}
            >
              {content}
            </span>
            {sel && run.end === sel.end && handle('end')}
          </Fragment>
        );
      })}
    </p>
  );
}

/** Paragraphs re-render only when their own text range, spans, look or selection change. */
export const Paragraph = memo(
  ParagraphView,
  (a, b) =>
    a.text === b.text &&
    a.start === b.start &&
    a.end === b.end &&
    a.rtl === b.rtl &&
    sameViews(a.spans, b.spans) &&
    a.look === b.look &&
    a.selected === b.selected &&
    a.onPick === b.onPick &&
    a.onHandle === b.onHandle,
);
