// The chosen candidate and what to do with it: accept, reject, edit or merge, each with a reason from the
// short list and an optional note. Who decides comes from the Lead field of the view.
import { useState } from 'react';
import type { DecisionInput } from '../../core/api';
import { describeDiff, spanExcerpt } from './CandidateList';
import { type Candidate, overlappingCandidates } from './candidates';
import { DecisionBadge } from './DecisionBadge';
import { DecisionForm } from './DecisionForm';
import { acceptDecision, editDecision, mergeDecision, rejectDecision } from './decisions';
import { EditForm } from './EditForm';
import { MergeForm } from './MergeForm';
import type { Why } from './useWhy';

interface DecisionPanelProps {
  candidate: Candidate;
  candidates: readonly Candidate[];
  chars: readonly string[];
  labels: readonly string[];
  colors: Record<string, string>;
  why: Why;
  busy: boolean;
  onDecide(decision: DecisionInput): void;
}

export function DecisionPanel(props: DecisionPanelProps) {
  const { candidate: c, candidates, chars, labels, colors, why, busy } = props;
  const [mode, setMode] = useState<'none' | 'edit' | 'merge'>('none');
  const ctx = why.context;
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
      <DecisionForm
        why={why}
        testIdPrefix="adj"
        busy={busy}
        cannotAccept={c.goldOnly}
        onAccept={(context) => props.onDecide(acceptDecision(c, context))}
        onReject={(context) => props.onDecide(rejectDecision(c, context))}
      >
        <button type="button" data-testid="adj-edit" aria-pressed={mode === 'edit'} onClick={() => toggle('edit')}>
          Edit…
        </button>
        <button type="button" data-testid="adj-merge" aria-pressed={mode === 'merge'} onClick={() => toggle('merge')}>
          Merge…
        </button>
      </DecisionForm>
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
