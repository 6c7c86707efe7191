// The document list's bulk metadata edit: the fields filled in here are set on every ticked document (the
// others keep theirs), all or none, each version-checked like a single edit.
import { type FormEvent, useState } from 'react';
import { metaProblem, tidyMeta } from '../../core/documentMeta';
import type { DocumentMeta, DocumentSummary } from '../../core/model';
import { useApp } from '../state/context';
import { FieldError } from '../ui/FieldError';
import { useBusy } from '../ui/useBusy';
import { useOutletNames } from './MetaEditor';

const BULK_FIELDS = [
  { key: 'outlet', label: 'Outlet', dir: 'auto' },
  { key: 'published', label: 'Published', dir: 'ltr' },
  { key: 'story', label: 'Story', dir: 'auto' },
] as const;
type BulkKey = (typeof BULK_FIELDS)[number]['key'];

export function BulkMetaBar({ chosen, onDone }: { chosen: DocumentSummary[]; onDone(): void }) {
  const editMeta = useApp((s) => s.editMeta);
  const outlets = useOutletNames();
  const [form, setForm] = useState<Partial<Record<BulkKey, string>>>({});
  const [said, setSaid] = useState<string | null>(null);
  const [busy, runBusy] = useBusy();
  const patch = tidyMeta(form);
  const filled = Object.keys(patch).length > 0;
  const problem = filled ? metaProblem(patch) : null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!filled || problem) return;
    const edits = chosen.map((d) => {
      const meta: DocumentMeta = { ...d.meta, ...patch };
      if (patch.published) delete meta.publishedRaw;
      return { document: d.id, meta, base: d.meta };
    });
    const error = await runBusy(() => editMeta(edits));
    if (error) setSaid(error);
    else {
      setForm({});
      setSaid(null);
      onDone();
    }
  };
  return (
    <form className="bulk-meta" data-testid="bulk-meta" onSubmit={(e) => void submit(e)}>
      <datalist id="bulk-outlet-names">
        {outlets.map((o) => (
          <option key={o} value={o} />
        ))}
      </datalist>
      {BULK_FIELDS.map((f) => (
        <input
          key={f.key}
          dir={f.dir}
          aria-label={`${f.label} of the ticked documents`}
          placeholder={f.label}
          data-testid={`bulk-${f.key}`}
          list={f.key === 'outlet' ? 'bulk-outlet-names' : undefined}
          value={form[f.key] ?? ''}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setForm((cur) => ({ ...cur, [f.key]: value }));
          }}
        />
      ))}
      <button type="submit" data-testid="bulk-save" disabled={busy || !filled || problem !== null}>
        {busy ? 'Saving…' : `Set for ${chosen.length} document${chosen.length === 1 ? '' : 's'}`}
      </button>
      {(problem ?? said) && <FieldError>{problem ?? said}</FieldError>}
    </form>
  );
}
