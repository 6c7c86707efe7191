// The open document's metadata in the side panel: outlet, published date, title, URL and story, edited
// and saved together (version-checked: an edit of metadata changed meanwhile elsewhere is refused, never
// written over). A document without an outlet says so first, since the Outlets view lists it as unknown.
import { type FormEvent, useEffect, useState } from 'react';
import { metaProblem, tidyMeta } from '../../core/documentMeta';
import type { DocumentMeta } from '../../core/model';
import { useApp } from '../state/context';
import { rowOf } from '../state/documentsSlice';
import { FieldError } from '../ui/FieldError';
import { useBusy } from '../ui/useBusy';

export const META_FORM_FIELDS = [
  { key: 'outlet', label: 'Outlet', dir: 'auto', placeholder: 'who published it' },
  { key: 'published', label: 'Published', dir: 'ltr', placeholder: 'YYYY-MM-DD' },
  { key: 'title', label: 'Title', dir: 'auto', placeholder: '' },
  { key: 'url', label: 'URL', dir: 'ltr', placeholder: 'https://…' },
  { key: 'story', label: 'Story', dir: 'auto', placeholder: 'the event it reports' },
] as const;

type FormKey = (typeof META_FORM_FIELDS)[number]['key'];

/** The project's outlet names, for the outlet fields' suggestions. */
export function useOutletNames(): string[] {
  return useApp((s) => s.list.outlets);
}

export function MetaEditor() {
  const id = useApp((s) => s.currentId);
  const listed = useApp((s) => rowOf(s.list, s.currentId)?.meta);
  const opened = useApp((s) => (s.doc?.id === s.currentId ? s.doc?.meta : undefined));
  const meta = listed ?? opened;
  const editMeta = useApp((s) => s.editMeta);
  const outlets = useOutletNames();
  const [form, setForm] = useState<Partial<Record<FormKey, string>>>({});
  const [said, setSaid] = useState<{ error: boolean; text: string } | null>(null);
  const [busy, runBusy] = useBusy();
  const key = `${id}\u0000${JSON.stringify(meta ?? {})}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the form restarts when the document or its saved metadata changes
  useEffect(() => {
    setForm(Object.fromEntries(META_FORM_FIELDS.map((f) => [f.key, meta?.[f.key] ?? ''])));
    setSaid(null);
  }, [key]);
  if (!id || !meta) return null;
  const next: DocumentMeta = tidyMeta({ ...meta, ...form });
  for (const f of META_FORM_FIELDS) if (!form[f.key]?.trim()) delete next[f.key];
  if (next.published) delete next.publishedRaw;
  const changed = META_FORM_FIELDS.some((f) => (form[f.key] ?? '').trim() !== (meta[f.key] ?? ''));
  const problem = changed ? metaProblem(next) : null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!changed || problem) return;
    const error = await runBusy(() => editMeta([{ document: id, meta: next }]));
    setSaid(error ? { error: true, text: error } : { error: false, text: 'Saved.' });
  };
  return (
    <section className="panel-section meta-editor" data-testid="meta-editor">
      <h3>Document</h3>
      {!meta.outlet && (
        <p className="meta-missing small-text" data-testid="meta-no-outlet">
          No outlet: set it so the Outlets view compares this document with the others.
        </p>
      )}
      <form onSubmit={(e) => void submit(e)}>
        <datalist id="meta-outlet-names">
          {outlets.map((o) => (
            <option key={o} value={o} />
          ))}
        </datalist>
        {META_FORM_FIELDS.map((f) => (
          <label key={f.key} className="field meta-field">
            <span>{f.label}</span>
            <input
              dir={f.dir}
              data-testid={`meta-${f.key}-input`}
              value={form[f.key] ?? ''}
              placeholder={
                f.key === 'published' && meta.publishedRaw ? `as written: ${meta.publishedRaw}` : f.placeholder
              }
              list={f.key === 'outlet' ? 'meta-outlet-names' : undefined}
              maxLength={2000}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setForm((cur) => ({ ...cur, [f.key]: value }));
                setSaid(null);
              }}
            />
          </label>
        ))}
        {problem && <FieldError>{problem}</FieldError>}
        <div className="meta-actions">
          <button type="submit" data-testid="meta-save" disabled={busy || !changed || problem !== null}>
            {busy ? 'Saving…' : 'Save metadata'}
          </button>
          {said &&
            (said.error ? (
              <FieldError>{said.text}</FieldError>
            ) : (
              <span className="muted small-text" role="status" data-testid="meta-saved">
                {said.text}
              </span>
            ))}
        </div>
      </form>
    </section>
  );
}
