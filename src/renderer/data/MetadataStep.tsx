// The import preview's metadata table: each new document's outlet, published date and title as detected
// (with what each was read from), for the user to confirm or correct before importing. A document whose
// text names no outlet is marked and asks for one. Edits travel with the import (option `meta`); the
// text is never touched.
import { useMemo } from 'react';
import { KNOWN_OUTLETS, type MetaFinding, metaProblem, tidyMeta } from '../../core/documentMeta';
import type { ImportReport } from '../../core/formats/options';
import type { DocumentMeta } from '../../core/model';
import { plural } from './text';

type Row = ImportReport['metadata'][number];

/** The fields the step shows, in their columns; a problem with the metadata is said under the title. */
const FIELDS: {
  field: 'outlet' | 'published' | 'title';
  name: string;
  dir: 'auto' | 'ltr';
  list?: string;
  placeholder?: (meta: DocumentMeta) => string;
  showFound?: boolean;
  showProblem?: boolean;
}[] = [
  {
    field: 'outlet',
    name: 'Outlet',
    dir: 'auto',
    list: 'im-outlet-names',
    placeholder: () => 'not named: type the outlet',
    showFound: true,
  },
  {
    field: 'published',
    name: 'Published date',
    dir: 'ltr',
    placeholder: (meta) => (meta.publishedRaw ? `as written: ${meta.publishedRaw}` : 'YYYY-MM-DD'),
    showFound: true,
  },
  { field: 'title', name: 'Title', dir: 'auto', showProblem: true },
];
const SHOWN = 200;

function Found({ found, field }: { found: MetaFinding[]; field: keyof DocumentMeta }) {
  const mine = found.filter((f) => f.field === field);
  if (!mine.length) return null;
  return (
    <div className="im-found muted small-text" data-testid={`im-meta-found-${field}`}>
      {mine.map((f, i) => (
        <span key={`${f.value}/${f.from}`}>
          {i > 0 && '; '}
          {i > 0 ? 'or ' : 'from '}
          {i > 0 && <bdi>{f.value}</bdi>}
          {i > 0 && ' from '}
          <bdi>{f.from}</bdi>
        </span>
      ))}
    </div>
  );
}

export function MetadataStep({
  n,
  report,
  edits,
  disabled,
  onEdit,
}: {
  n: number;
  report: ImportReport;
  edits: Record<string, DocumentMeta>;
  disabled: boolean;
  onEdit(id: string, meta: DocumentMeta): void;
}) {
  const rows = report.metadata;
  const outlets = useMemo(() => {
    const names = new Set<string>(KNOWN_OUTLETS.map((o) => o.name));
    for (const r of rows) if (r.meta.outlet) names.add(r.meta.outlet);
    for (const m of Object.values(edits)) if (m.outlet) names.add(m.outlet);
    return [...names].sort((a, b) => a.localeCompare(b));
  }, [rows, edits]);
  if (!rows.length) return null;
  const metaOf = (r: Row) => edits[r.id] ?? r.meta;
  const unnamed = rows.filter((r) => !metaOf(r).outlet?.trim()).length;
  const set = (r: Row, field: keyof DocumentMeta, value: string) => {
    const next = { ...metaOf(r), [field]: value };
    if (!value) delete next[field];
    onEdit(r.id, next);
  };
  return (
    <section className="im-step im-step-box" data-testid="im-meta">
      <h3>
        <span className="im-num">{n}</span> Outlet, date and title
      </h3>
      <p className={unnamed ? 'im-warn-line' : 'muted'} data-testid="im-meta-summary">
        {unnamed
          ? `${plural(unnamed, 'document')} of ${rows.length} name${unnamed === 1 ? 's' : ''} no outlet: type it below, or outlet comparisons list ${unnamed === 1 ? 'it' : 'them'} as “(unknown)”.`
          : `Every document has an outlet. Check what was detected; correct anything wrong.`}
      </p>
      <datalist id="im-outlet-names">
        {outlets.map((o) => (
          <option key={o} value={o} />
        ))}
      </datalist>
      <table className="im-table im-meta-table">
        <thead>
          <tr>
            <th>Document</th>
            <th>Outlet</th>
            <th>Published (YYYY-MM-DD)</th>
            <th>Title</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, SHOWN).map((r) => {
            const meta = metaOf(r);
            const problem = edits[r.id] ? metaProblem(tidyMeta(meta)) : null;
            const missing = !meta.outlet?.trim();
            return (
              <tr key={r.id} data-testid="im-meta-row" data-doc-id={r.id} className={missing ? 'im-meta-missing' : ''}>
                <td className="mono">{r.id}</td>
                {FIELDS.map((f) => (
                  <td key={f.field}>
                    <input
                      dir={f.dir}
                      list={f.list}
                      aria-label={`${f.name} of ${r.id}`}
                      data-testid={`im-meta-${f.field}`}
                      placeholder={f.placeholder?.(meta)}
                      value={meta[f.field] ?? ''}
                      disabled={disabled}
                      onChange={(e) => set(r, f.field, e.currentTarget.value)}
                    />
                    {f.showFound && <Found found={r.found} field={f.field} />}
                    {f.showProblem && problem && (
                      <div className="im-problem small-text" role="alert" data-testid="im-meta-problem">
                        {problem}
                      </div>
                    )}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      {rows.length > SHOWN && (
        <p className="muted">
          …and {rows.length - SHOWN} more: set their metadata after the import, many at once, in the document list.
        </p>
      )}
    </section>
  );
}

/** The edits to send: only documents this preview adds, each tidied; the first problem stops the import. */
export function metaToSend(
  report: ImportReport | null,
  edits: Record<string, DocumentMeta>,
): { meta?: Record<string, DocumentMeta> } | { problem: string } {
  if (!report) return {};
  const ids = new Set(report.metadata.map((r) => r.id));
  const out: Record<string, DocumentMeta> = {};
  for (const [id, meta] of Object.entries(edits)) {
    if (!ids.has(id)) continue;
    const tidy = tidyMeta(meta);
    const problem = metaProblem(tidy);
    if (problem) return { problem: `${id}: ${problem}` };
    out[id] = tidy;
  }
  return Object.keys(out).length ? { meta: out } : {};
}
