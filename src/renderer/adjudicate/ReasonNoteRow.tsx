// The reason (from the short list) and the optional note every adjudication decision carries.
import type { DecisionReason } from '../../core/model';
import { Select } from '../ui/Select';
import { TextInput } from '../ui/TextInput';
import { MANUAL_REASONS } from './decisions';

const CHOICES = MANUAL_REASONS.map((r) => ({ value: r.value, text: r.label }));

interface ReasonNoteRowProps {
  reason: DecisionReason | '';
  note: string;
  onReason(reason: DecisionReason | ''): void;
  onNote(note: string): void;
  /** Test ids are `${testIdPrefix}-reason` and `${testIdPrefix}-note`. */
  testIdPrefix: string;
}

export function ReasonNoteRow({ reason, note, onReason, onNote, testIdPrefix }: ReasonNoteRowProps) {
  return (
    <div className="adj-form-row">
      <Select<DecisionReason | ''>
        value={reason}
        data-testid={`${testIdPrefix}-reason`}
        aria-label="Reason"
        onChange={onReason}
        choices={CHOICES}
      >
        <option value="">Reason…</option>
      </Select>
      <TextInput
        className="adj-note"
        value={note}
        placeholder="Note (optional)"
        data-testid={`${testIdPrefix}-note`}
        onChange={onNote}
      />
    </div>
  );
}
