// The pieces the span-label and relation-type forms share: text fields, the colour, the usage question
// before a delete or merge, and the save, delete and merge buttons.
import { type ReactNode, useEffect, useRef, useState } from 'react';
import type { CodebookEdit } from '../../core/api';
import type { Codebook } from '../../core/model';
import { useApi, useAppStore } from '../state/context';
import { Select } from '../ui/Select';
import { useBusy } from '../ui/useBusy';
import { type EditFor, withEdit } from './editFor';

/** What the codebook editor hands each item's form. */
export interface ItemFormProps {
  codebook: Codebook;
  /** The item to show next (its new name), or null when it is gone. */
  onDone(name: string | null): void;
  editFor: EditFor;
}

export function Field({
  label,
  value,
  onChange,
  area,
  placeholder,
  field = label,
}: {
  label: string;
  value: string;
  onChange(v: string): void;
  area?: boolean;
  placeholder?: string;
  /** The `data-field` tests and the keyboard tour find it by. */
  field?: string;
}) {
  return area ? (
    <label className="cb-field">
      <span>{label}</span>
      <textarea rows={2} value={value} data-field={field} onChange={(e) => onChange(e.target.value)} />
    </label>
  ) : (
    <label className="cb-field">
      <span>{label}</span>
      <input value={value} data-field={field} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

export function ColorField({ value, onChange }: { value: string; onChange(v: string): void }) {
  return (
    <label className="cb-field">
      <span>Colour</span>
      <input type="color" value={value} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

/** A delete or merge waiting for the editor's go, shown with how much it changes. */
export interface Pending<U> {
  kind: 'delete' | 'merge';
  usage: U;
  into: string;
}

/**
 * What an item's form works with: the store and API, its draft, a delete or merge in waiting, and its error line.
 * All three start again when `item` changes in content: a reload of the project (the change feed seeing the
 * codebook written) hands a new but equal object, and must not drop a delete the user is being asked about.
 */
export function useItemForm<D, U>(draftOf: () => D, item: unknown) {
  const itemKey = JSON.stringify(item);
  const [draft, setDraft] = useState(draftOf);
  const [pending, setPending] = useState<Pending<U> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(draftOf);
  latest.current = draftOf;
  useEffect(() => {
    void itemKey;
    setDraft(latest.current());
    setPending(null);
    setError(null);
  }, [itemKey]);
  const store = useAppStore();
  // A save holds the form until the codebook it wrote is loaded back; a delete or merge asked for meanwhile
  // would be about the item as it was.
  const [busy, run] = useBusy();
  /** Runs the delete or merge in waiting with the editor's reason; then shows the item merged into, or none. */
  const settle = async (
    editFor: EditFor,
    onDone: (name: string | null) => void,
    run: (p: Pending<U>, version: number, edit: CodebookEdit | undefined) => Promise<unknown>,
  ) => {
    if (!pending) return;
    const err = await withEdit(store, editFor, (v, edit) => run(pending, v, edit));
    setError(err);
    if (!err) onDone(pending.kind === 'merge' ? pending.into : null);
  };
  return { store, api: useApi(), draft, setDraft, pending, setPending, error, setError, settle, busy, run };
}

/** The question before a delete or merge: what it changes, where a merge goes, and the go or cancel. */
export function UsageQuestion<U>({
  pending,
  others,
  testIds,
  onPending,
  onConfirm,
  children,
}: {
  pending: Pending<U>;
  /** The names a merge may go into. */
  others: string[];
  testIds: { strip: string; into: string; confirm: string };
  onPending(next: Pending<U> | null): void;
  onConfirm(): void;
  children: ReactNode;
}) {
  return (
    <div className="strip warn" data-testid={testIds.strip}>
      <div className="strip-body">
        {children}
        {pending.kind === 'merge' && (
          <Select
            aria-label="Merge into"
            data-testid={testIds.into}
            value={pending.into}
            onChange={(into) => onPending({ ...pending, into })}
            choices={others}
          />
        )}
      </div>
      <button type="button" className="small danger" data-testid={testIds.confirm} onClick={onConfirm}>
        {pending.kind === 'delete' ? 'Delete' : 'Merge'}
      </button>
      <button type="button" className="small" onClick={() => onPending(null)}>
        Cancel
      </button>
    </div>
  );
}

/** Save, Delete… and (where there is something to merge into) Merge into…; test ids `save-<id>` and so on. */
export function ItemActions({
  id,
  noun,
  canMerge,
  busy,
  onSave,
  onAsk,
}: {
  id: string;
  noun: string;
  canMerge: boolean;
  busy: boolean;
  onSave(): void;
  onAsk(kind: 'delete' | 'merge'): void;
}) {
  return (
    <div className="cb-actions">
      <button type="button" data-testid={`save-${id}`} disabled={busy} onClick={onSave}>
        Save {noun}
      </button>
      <button
        type="button"
        className="danger"
        data-testid={`delete-${id}`}
        disabled={busy}
        onClick={() => onAsk('delete')}
      >
        Delete…
      </button>
      {canMerge && (
        <button type="button" data-testid={`merge-${id}`} disabled={busy} onClick={() => onAsk('merge')}>
          Merge into…
        </button>
      )}
    </div>
  );
}
