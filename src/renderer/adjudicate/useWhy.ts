// The reason and note that go with one decision, and the decision context once a lead and a reason are
// given. A reason belongs to one decision: `clear` is called after each, and on choosing another candidate.
import { useCallback, useMemo, useState } from 'react';
import type { DecisionReason } from '../../core/model';
import type { DecisionContext } from './decisions';

export interface Why {
  reason: DecisionReason | '';
  note: string;
  setReason(reason: DecisionReason | ''): void;
  setNote(note: string): void;
  clear(): void;
  /** Null until the lead has a name and a reason is chosen. */
  context: DecisionContext | null;
  /** What is still missing before a decision can be made, in words; null once `context` is set. */
  missing: string | null;
}

export function useWhy(by: string): Why {
  const [reason, setReason] = useState<DecisionReason | ''>('');
  const [note, setNote] = useState('');
  const clear = useCallback(() => {
    setReason('');
    setNote('');
  }, []);
  return useMemo(
    () => ({
      reason,
      note,
      setReason,
      setNote,
      clear,
      context: by.trim() && reason ? { by: by.trim(), reason, note } : null,
      missing: !by.trim()
        ? 'Enter your name in the Lead field to decide.'
        : reason
          ? null
          : 'Choose a reason to decide.',
    }),
    [by, reason, note, clear],
  );
}
