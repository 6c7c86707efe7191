// Step 2 of the import wizard: what a dry run found: each file's detected encoding, the first documents as
// they will be imported (metadata and the start of the text, shown as text, never as HTML), duplicates that
// will be skipped, near-duplicates that are flagged, and warnings.
import type { ImportReport } from '../../core/api';
import type { DocumentMeta } from '../../core/model';
import { excerpt, plural } from './text';

function MetaLine({ meta }: { meta: DocumentMeta }) {
  const date = meta.published ?? meta.publishedRaw;
  const parts = [meta.outlet, date, meta.author].filter(Boolean);
  return (
    <div className="im-doc-meta muted" dir="auto">
      {parts.length ? parts.join(' · ') : 'no outlet or date'}
      {meta.publishedRaw && !meta.published && <span className="im-warn-tag"> date kept as written</span>}
    </div>
  );
}

function PreviewDocument({ doc }: { doc: ImportReport['preview'][number] }) {
  return (
    <article className="im-doc" data-testid="im-preview-doc" data-doc-id={doc.id}>
      <header>
        <strong dir="auto">{doc.meta.title || doc.id}</strong> <span className="muted mono">{doc.id}</span>{' '}
        <span className="muted">· {doc.length.toLocaleString()} characters</span>
      </header>
      <MetaLine meta={doc.meta} />
      <div className="im-doc-text" data-testid="im-preview-text" dir="auto">
        {excerpt(doc.text)}
      </div>
    </article>
  );
}

function Files({ files }: { files: ImportReport['files'] }) {
  if (files.length === 0) return null;
  const shown = files.slice(0, 50);
  return (
    <details className="im-block" open={files.length <= 10}>
      <summary>{plural(files.length, 'file')} read</summary>
      <table className="im-table" data-testid="im-files">
        <thead>
          <tr>
            <th>File</th>
            <th>Encoding</th>
            <th>How</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((f) => (
            <tr key={f.path} data-testid="im-file">
              <td className="mono">{f.path}</td>
              <td className="mono" data-testid="im-file-encoding">
                {f.encoding}
              </td>
              <td className="muted">{f.how}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {files.length > shown.length && <p className="muted">…and {files.length - shown.length} more</p>}
    </details>
  );
}

function Duplicates({ report }: { report: ImportReport }) {
  const { duplicates, nearDuplicates } = report;
  if (duplicates.length === 0 && nearDuplicates.length === 0) return null;
  return (
    <div className="im-block">
      {duplicates.length > 0 && (
        <div data-testid="im-duplicates">
          <h4>Duplicates (skipped)</h4>
          <ul>
            {duplicates.map((d) => (
              <li key={d.id}>
                <span className="mono">{d.id}</span> has the same text as <span className="mono">{d.sameAs}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {nearDuplicates.length > 0 && (
        <div data-testid="im-near-duplicates">
          <h4>Near-duplicates (imported, flagged)</h4>
          <ul>
            {nearDuplicates.map((d) => (
              <li key={d.id}>
                <span className="mono">{d.id}</span> is {Math.round(d.similarity * 100)}% like{' '}
                <span className="mono">{d.similarTo}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/** The problems the user should read before importing, one per line. */
export function Warnings({ warnings, testId = 'im-warnings' }: { warnings: string[]; testId?: string }) {
  if (warnings.length === 0) return null;
  return (
    <div className="im-block im-warnings" data-testid={testId}>
      <h4>{plural(warnings.length, 'warning')}</h4>
      <ul>
        {warnings.slice(0, 100).map((w, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: warnings may repeat; their order is fixed
          <li key={i}>{w}</li>
        ))}
      </ul>
      {warnings.length > 100 && <p className="muted">…and {warnings.length - 100} more</p>}
    </div>
  );
}

export function PreviewPanel({ report }: { report: ImportReport }) {
  const toAdd = report.documentsAdded.length;
  const same = report.documentsUnchanged.length;
  return (
    <div className="im-preview" data-testid="im-preview">
      <p className="im-summary" data-testid="im-summary">
        {plural(toAdd, 'new document')} to import
        {same > 0 && `, ${same} already in the project`}
        {report.records > 0 && `, ${plural(report.records, 'annotation record')}`}
        {report.duplicates.length > 0 && `, ${plural(report.duplicates.length, 'duplicate')} skipped`}
        {report.nearDuplicates.length > 0 && `, ${report.nearDuplicates.length} near-duplicate(s) flagged`}.
      </p>
      <Files files={report.files} />
      <Duplicates report={report} />
      <Warnings warnings={report.warnings} />
      {report.preview.length > 0 && (
        <div className="im-block">
          <h4>
            {report.preview.length < toAdd
              ? `The first ${report.preview.length} of ${toAdd} new documents as they will be imported`
              : `${report.preview.length === 1 ? 'The document' : 'The documents'} as ${report.preview.length === 1 ? 'it' : 'they'} will be imported`}
          </h4>
          <div className="im-docs">
            {report.preview.map((d) => (
              <PreviewDocument key={d.id} doc={d} />
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
