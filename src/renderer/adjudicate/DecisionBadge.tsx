// What gold decided about a candidate, said in a few words: the action, who, and why.
import type { Candidate } from './candidates';

const VERB = { accept: 'accepted', reject: 'rejected', edit: 'edited', merge: 'merged' } as const;

/** One short status for a candidate, shared by the list and the decision panel. */
export function statusOf(c: Candidate): 'accepted' | 'rejected' | 'edited' | 'merged' | 'in gold' | 'undecided' {
  if (c.decision) {
    // An edit or merge that produced this very span reads as "in gold" for the new span.
    if (c.goldOnly && c.decision.action !== 'reject') return 'in gold';
    return VERB[c.decision.action];
  }
  return c.inGold ? 'in gold' : 'undecided';
}

export function DecisionBadge({ candidate }: { candidate: Candidate }) {
  const status = statusOf(candidate);
  const d = candidate.decision;
  return (
    <span className={`adj-badge adj-badge-${status.replace(' ', '-')}`} data-testid="adj-badge">
      {status}
      {d && (
        <span className="adj-badge-who">
          {' '}
          · {d.by} · {d.reason}
          {d.note ? ` · “${d.note}”` : ''}
        </span>
      )}
    </span>
  );
}
