// What every adjudication decision is made with: a reason from the short list, an optional note, Accept and
// Reject (and any other action the panel adds beside them), and what is still missing before deciding.
import type { ReactNode } from 'react';
import { Select } from '../ui/Select';
import { TextInput } from '../ui/TextInput';
import { type DecisionContext, MANUAL_REASONS } from './decisions';
import type { Why } from './useWhy';

const CHOICES = MANUAL_REASONS.map((r) => ({ value: r.value, text: r.label }));

interface DecisionFormProps {
  why: Why;
  /** Test ids are `${testIdPrefix}-reason`, `-note`, `-accept`, `-reject` and `-need`. */
  testIdPrefix: string;
  busy: boolean;
  /** Accept is refused for this candidate whatever the reason (e.g. it is in gold only). */
  cannotAccept?: boolean;
  onAccept(ctx: DecisionContext): void;
  onReject(ctx: DecisionContext): void;
  /** More actions, in the row after Reject. */
  children?: ReactNode;
}

export function DecisionForm({
  why,
  testIdPrefix,
  busy,
  cannotAccept,
  onAccept,
  onReject,
  children,
}: DecisionFormProps) {
  const ctx = why.context;
  const blocked = busy || ctx === null;
  return (
    <>
      <div className="adj-form-row">
        <Select<Why['reason']>
          value={why.reason}
          data-testid={`${testIdPrefix}-reason`}
          aria-label="Reason"
          onChange={why.setReason}
          choices={CHOICES}
        >
          <option value="">Reason…</option>
        </Select>
        <TextInput
          className="adj-note"
          value={why.note}
          placeholder="Note (optional)"
          data-testid={`${testIdPrefix}-note`}
          onChange={why.setNote}
        />
      </div>
      <div className="adj-form-row">
        <button
          type="button"
          className="primary"
          data-testid={`${testIdPrefix}-accept`}
          disabled={blocked || cannotAccept}
          onClick={() => ctx && onAccept(ctx)}
        >
          Accept
        </button>
        <button
          type="button"
          data-testid={`${testIdPrefix}-reject`}
          disabled={blocked}
          onClick={() => ctx && onReject(ctx)}
        >
          Reject
        </button>
        {children}
      </div>
      {why.missing && (
        <p className="muted small-text" data-testid={`${testIdPrefix}-need`}>
          {why.missing}
        </p>
      )}
    </>
  );
}
