// The chosen candidate and what to do with it: accept, reject, edit or merge, each with a reason from the
// short list and an optional note. Who decides comes from the Lead field of the view.
import { useState } from 'react';
import type { DecisionInput } from '../../core/api';
import type { DecisionReason } from '../../core/model';
import { describeDiff, spanExcerpt } from './CandidateList';
import { type Candidate, overlappingCandidates } from './candidates';
import { DecisionBadge } from './DecisionBadge';
import { acceptDecision, type DecisionContext, editDecision, mergeDecision, rejectDecision } from './decisions';
import { EditForm } from './EditForm';
import { MergeForm } from './MergeForm';
import { ReasonNoteRow } from './ReasonNoteRow';

interface DecisionPanelProps {
  candidate: Candidate;
  candidates: readonly Candidate[];
  chars: readonly string[];
  labels: readonly string[];
  colors: Record<string, string>;
  by: string;
  reason: DecisionReason | '';
  note: string;
  busy: boolean;
  onReason(reason: DecisionReason | ''): void;
  onNote(note: string): void;
  onDecide(decision: DecisionInput): void;
}

export function DecisionPanel(props: DecisionPanelProps) {
  const { candidate: c, candidates, chars, labels, colors, by, reason, note, busy } = props;
  const [mode, setMode] = useState<'none' | 'edit' | 'merge'>('none');
  const ctx: DecisionContext | null = by.trim() && reason ? { by: by.trim(), reason, note } : null;
  const blocked = busy || ctx === null;
  const toggle = (m: 'edit' | 'merge') => setMode((cur) => (cur === m ? 'none' : m));
  return (
    <div className="adj-panel-decide" data-testid="adj-decide" data-key={c.key}>
      <div className="adj-decide-head">
        <span className="adj-chip" style={{ borderColor: colors[c.span.label] ?? '#888' }}>
          {c.span.label}
        </span>
        <span className="mono small-text">
          {c.span.start}–{c.span.end}
        </span>
        <DecisionBadge candidate={c} />
      </div>
      <p className="adj-quote">“{spanExcerpt(chars, c.span.start, c.span.end, 240)}”</p>
      <p className="small-text">
        {c.goldOnly ? 'In gold only (an edit or merge).' : `Marked by ${c.sources.join(', ')}.`}{' '}
        {c.diffs.map(describeDiff).join('; ')}
      </p>
      <ReasonNoteRow reason={reason} note={note} onReason={props.onReason} onNote={props.onNote} testIdPrefix="adj" />
      <div className="adj-form-row">
        <button
          type="button"
          className="primary"
          data-testid="adj-accept"
          disabled={blocked || c.goldOnly}
          onClick={() => ctx && props.onDecide(acceptDecision(c, ctx))}
        >
          Accept
        </button>
        <button
          type="button"
          data-testid="adj-reject"
          disabled={blocked}
          onClick={() => ctx && props.onDecide(rejectDecision(c, ctx))}
        >
          Reject
        </button>
        <button type="button" data-testid="adj-edit" aria-pressed={mode === 'edit'} onClick={() => toggle('edit')}>
          Edit…
        </button>
        <button type="button" data-testid="adj-merge" aria-pressed={mode === 'merge'} onClick={() => toggle('merge')}>
          Merge…
        </button>
      </div>
      {ctx === null && (
        <p className="muted small-text" data-testid="adj-need">
          {by.trim() ? 'Choose a reason to decide.' : 'Enter your name in the Lead field to decide.'}
        </p>
      )}
      {mode === 'edit' && (
        <EditForm
          key={c.key}
          span={c.span}
          chars={chars}
          labels={labels}
          disabled={blocked}
          onSave={(next) => ctx && props.onDecide(editDecision(c, next, ctx))}
        />
      )}
      {mode === 'merge' && (
        <MergeForm
          key={c.key}
          options={overlappingCandidates(candidates, c)}
          chars={chars}
          labels={labels}
          disabled={blocked}
          onMerge={(chosen, label) => ctx && props.onDecide(mergeDecision(chosen, label, ctx))}
        />
      )}
    </div>
  );
}
