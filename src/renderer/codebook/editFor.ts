import type { CodebookEdit, FrameLensApi } from '../../core/api';
import type { Codebook, RelationType, SpanLabel } from '../../core/model';
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

/** Where a kind of named codebook item lives, and how the backend renames it everywhere it is used. */
interface NamedKind<T extends { name: string }> {
  items(codebook: Codebook): readonly T[];
  withItems(codebook: Codebook, items: T[]): Codebook;
  renames: 'labels' | 'relationTypes';
  rename(api: FrameLensApi, from: string, to: string, version: number): Promise<Codebook>;
}

export const LABELS: NamedKind<SpanLabel> = {
  items: (cb) => cb.spanLabels,
  withItems: (cb, spanLabels) => ({ ...cb, spanLabels }),
  renames: 'labels',
  rename: (api, from, to, v) => api.renameLabel(from, to, v),
};

export const RELATION_TYPES: NamedKind<RelationType> = {
  items: (cb) => cb.relationTypes ?? [],
  withItems: (cb, relationTypes) => ({ ...cb, relationTypes }),
  renames: 'relationTypes',
  rename: (api, from, to, v) => api.renameRelationType(from, to, v),
};

/**
 * Saves an edited item of the codebook in place of the one named `was`; a new name follows into every record.
 * With an edit (a reason, an open-round choice) it is one save, one version and one changelog entry; without,
 * the backend's rename runs first and the item's other fields are saved on its version. `unchanged` skips that
 * second save when the rename was all there was to it.
 */
export async function saveNamed<T extends { name: string }>(
  api: FrameLensApi,
  kind: NamedKind<T>,
  change: { codebook: Codebook; was: string; next: T; unchanged?: (before: T) => boolean },
  version: number,
  edit: CodebookEdit | undefined,
): Promise<void> {
  const { codebook, was, next } = change;
  const replace = (cb: Codebook, name: string) =>
    kind.withItems(
      cb,
      kind.items(cb).map((t) => (t.name === name ? next : t)),
    );
  if (edit) {
    const renames = next.name !== was ? { [kind.renames]: { [was]: next.name } } : undefined;
    await api.saveCodebook(replace(codebook, was), version, renames ? { ...edit, renames } : edit);
    return;
  }
  let cb = codebook;
  let v = version;
  if (next.name !== was) {
    cb = await kind.rename(api, was, next.name, v);
    v = cb.version;
  }
  const before = kind.items(cb).find((t) => t.name === next.name);
  if (before && change.unchanged?.(before)) return;
  await api.saveCodebook(replace(cb, next.name), v);
}
