import type { CodebookEdit } from '../../core/api';

/** The edit to send with a change, or why the change cannot be made yet. */
export type EditFor = () => CodebookEdit | undefined | { problem: string };

export function problemOf(e: ReturnType<EditFor>): string | null {
  return e && 'problem' in e ? e.problem : null;
}

export function editOf(e: ReturnType<EditFor>): CodebookEdit | undefined {
  return e && 'problem' in e ? undefined : e;
}
