// Adjusts a candidate before it goes into gold: start and end (fields, buttons, or Alt+←/→ for the start and
// Alt+Shift+←/→ for the end, one character per press) and the label.
import { useState } from 'react';
import { LabelledSelect } from '../ui/Select';
import { spanExcerpt } from './CandidateList';
import type { PlainSpan } from './candidates';
import { editProblem } from './decisions';

interface EditFormProps {
  span: PlainSpan;
  chars: readonly string[];
  labels: readonly string[];
  disabled: boolean;
  onSave(next: PlainSpan): void;
}

export function EditForm({ span, chars, labels, disabled, onSave }: EditFormProps) {
  const [next, setNext] = useState<PlainSpan>(span);
  const problem = editProblem(next, chars.length);
  const move = (edge: 'start' | 'end', by: number) =>
    setNext((s) => ({ ...s, [edge]: Math.max(0, Math.min(chars.length, s[edge] + by)) }));
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (!e.altKey || (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight')) return;
    e.preventDefault();
    move(e.shiftKey ? 'end' : 'start', e.key === 'ArrowLeft' ? -1 : 1);
  };
  const field = (edge: 'start' | 'end') => (
    <label className="adj-edge">
      {edge}
      <button type="button" aria-label={`${edge} one character left`} onClick={() => move(edge, -1)}>
        ◂
      </button>
      <input
        type="number"
        min={0}
        max={chars.length}
        value={next[edge]}
        data-testid={`adj-edit-${edge}`}
        onChange={(e) => {
          const v = e.currentTarget.valueAsNumber;
          setNext((s) => ({ ...s, [edge]: v }));
        }}
      />
      <button type="button" aria-label={`${edge} one character right`} onClick={() => move(edge, 1)}>
        ▸
      </button>
    </label>
  );
  return (
    <div className="adj-form" data-testid="adj-edit-form" onKeyDown={onKeyDown}>
      <div className="adj-form-row">
        {field('start')}
        {field('end')}
        <LabelledSelect
          inline
          label="label"
          value={next.label}
          data-testid="adj-edit-label"
          onChange={(label) => setNext((s) => ({ ...s, label }))}
          choices={[...new Set([...labels, span.label])]}
        />
      </div>
      <p className="adj-preview">
        {problem ? (
          <span className="field-problem">{problem}</span>
        ) : (
          `“${spanExcerpt(chars, next.start, next.end, 160)}”`
        )}
      </p>
      <p className="muted small-text">Alt+←/→ moves the start, Alt+Shift+←/→ the end.</p>
      <button
        type="button"
        className="primary"
        data-testid="adj-edit-save"
        disabled={disabled || problem !== null}
        onClick={() => onSave(next)}
      >
        Save edit to gold
      </button>
    </div>
  );
}
