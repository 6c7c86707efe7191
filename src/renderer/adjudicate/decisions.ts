// Builds the decisions the Adjudicate view sends: accept, reject, edit, merge, each with who and why.
import type { DecisionInput } from '../../core/api';
import type { DecisionReason } from '../../core/model';
import type { Candidate, PlainSpan } from './candidates';

/** The reasons a person picks from (unanimous is for the bulk accept only). */
export const MANUAL_REASONS: { value: DecisionReason; label: string }[] = [
  { value: 'guideline-gap', label: 'Guideline gap' },
  { value: 'ambiguous-text', label: 'Ambiguous text' },
  { value: 'coder-error', label: 'Coder error' },
  { value: 'other', label: 'Other' },
];

export interface DecisionContext {
  by: string;
  reason: DecisionReason;
  note?: string;
}

const why = (ctx: DecisionContext) => ({
  by: ctx.by,
  reason: ctx.reason,
  ...(ctx.note?.trim() ? { note: ctx.note.trim() } : {}),
});

/** Puts the candidate into gold as marked. */
export function acceptDecision(c: Candidate, ctx: DecisionContext): DecisionInput {
  return { action: 'accept', span: c.span, sources: c.sources, ...why(ctx) };
}

/** Keeps the candidate out of gold (and removes it if gold held it). */
export function rejectDecision(c: Candidate, ctx: DecisionContext): DecisionInput {
  return { action: 'reject', span: c.span, sources: c.sources, ...why(ctx) };
}

/** Gold gets the adjusted span instead of the candidate. */
export function editDecision(c: Candidate, next: PlainSpan, ctx: DecisionContext): DecisionInput {
  return { action: 'edit', span: next, replaces: [c.span], sources: c.sources, ...why(ctx) };
}

/** Gold gets one span covering all the chosen candidates, which it replaces. */
export function mergeDecision(cs: readonly Candidate[], label: string, ctx: DecisionContext): DecisionInput {
  const start = Math.min(...cs.map((c) => c.span.start));
  const end = Math.max(...cs.map((c) => c.span.end));
  const sources = [...new Set(cs.flatMap((c) => c.sources))].sort();
  return { action: 'merge', span: { start, end, label }, replaces: cs.map((c) => c.span), sources, ...why(ctx) };
}

/** An edited span must stay inside the text and not be empty. */
export function editProblem(next: PlainSpan, length: number): string | null {
  if (!Number.isInteger(next.start) || !Number.isInteger(next.end)) return 'start and end must be whole numbers';
  if (next.start < 0 || next.end > length) return `the span must lie within 0–${length}`;
  if (next.end <= next.start) return 'end must be after start';
  return null;
}
