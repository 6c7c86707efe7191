import type { CodebookEdit } from '../../core/api';
import type { AppStore } from '../state/types';

/** The edit to send with a change, or why the change cannot be made yet. */
export type EditFor = () => CodebookEdit | undefined | { problem: string };

export function problemOf(e: ReturnType<EditFor>): string | null {
  return e && 'problem' in e ? e.problem : null;
}

export function editOf(e: ReturnType<EditFor>): CodebookEdit | undefined {
  return e && 'problem' in e ? undefined : e;
}

/** Makes a codebook change with the editor's reason; the error to show, or null once it is saved. */
export function withEdit(
  store: AppStore,
  editFor: EditFor,
  run: (version: number, edit: CodebookEdit | undefined) => Promise<unknown>,
): Promise<string | null> {
  const e = editFor();
  const problem = problemOf(e);
  if (problem) return Promise.resolve(problem);
  return store.getState().editCodebook((v) => run(v, editOf(e)));
}
