// Step 2 of the import wizard: what a dry run found: each file's encoding (a detected one waits for the user
// to confirm it, beside a sample line), the count of records that must add up, what would be dropped (each
// kind allowed by a tick), the round-trip check's list, the first documents as they will be imported (shown
// as text, never as HTML), duplicates that will be skipped, near-duplicates, and warnings.
import type { ImportReport } from '../../core/formats/options';
import { DROP_KINDS, type DropKind } from '../../core/formats/types';
import type { DocumentMeta } from '../../core/model';
import { MetaValues } from '../ui/MetaValues';
import { Table } from '../ui/Table';
import { excerpt, plural } from './text';

function MetaLine({ meta }: { meta: DocumentMeta }) {
  return (
    <div className="im-doc-meta muted" dir="auto">
      <MetaValues meta={meta} fields={['outlet', 'published', 'author']} empty="no outlet or date" />
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

function Files({
  files,
  onConfirm,
}: {
  files: ImportReport['files'];
  onConfirm(path: string, encoding: string): void;
}) {
  if (files.length === 0) return null;
  const shown = files.slice(0, 50);
  const waiting = files.filter((f) => f.needsConfirmation);
  return (
    <details className="im-block" open={files.length <= 10 || waiting.length > 0}>
      <summary>{plural(files.length, 'file')} read</summary>
      <Table className="im-table" testId="im-files" columns={['File', 'Encoding', 'How']}>
        {shown.map((f) => (
          <tr key={f.path} data-testid="im-file">
            <td className="mono">{f.path}</td>
            <td className="mono" data-testid="im-file-encoding">
              {f.encoding}
            </td>
            <td className="muted">
              {f.how}
              {f.needsConfirmation && (
                <>
                  {' '}
                  <q className="im-sample" dir="auto" data-testid="im-encoding-sample">
                    {f.sample}
                  </q>{' '}
                  <button type="button" data-testid="im-confirm-encoding" onClick={() => onConfirm(f.path, f.encoding)}>
                    Read as {f.encoding}
                  </button>
                </>
              )}
            </td>
          </tr>
        ))}
      </Table>
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

function Dropped({
  report,
  allowed,
  onAllow,
}: {
  report: ImportReport;
  allowed: DropKind[];
  onAllow(kind: DropKind, on: boolean): void;
}) {
  if (report.dropped.length === 0) return null;
  return (
    <div className="im-block im-warnings" data-testid="im-dropped">
      <h4>Frame Lens has no place for</h4>
      <ul>
        {report.dropped.map((d) => (
          <li key={d.kind}>
            <label className="im-check">
              <input
                type="checkbox"
                data-testid={`im-drop-${d.kind}`}
                checked={allowed.includes(d.kind)}
                onChange={(e) => onAllow(d.kind, e.target.checked)}
              />
              import without them: {d.count} × {DROP_KINDS[d.kind]} <span className="muted">(first: {d.first})</span>
            </label>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Verify({ report }: { report: ImportReport }) {
  if (!report.verify) return null;
  return (
    <div className={`im-block${report.verify.length ? ' im-warnings' : ''}`} data-testid="im-verify">
      {report.verify.length === 0 ? (
        <p className="muted">Written back as {report.format}, every span comes back identical.</p>
      ) : (
        <>
          <h4>
            {plural(report.verify.length, 'thing')} would not come back identical when written back as {report.format}
          </h4>
          <ul>
            {report.verify.slice(0, 100).map((v, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the list is fixed per preview
              <li key={i} data-testid="im-verify-issue">
                <span className="mono">{v.document}</span>
                {v.annotator && ` (${v.annotator})`}: {v.problem}
              </li>
            ))}
          </ul>
          {report.verify.length > 100 && <p className="muted">…and {report.verify.length - 100} more</p>}
        </>
      )}
    </div>
  );
}

/** The whole dry-run summary, above the clean-up and mapping steps. */
export function PreviewPanel({
  report,
  allowed = [],
  onConfirmEncoding = () => {},
  onAllowDrop = () => {},
}: {
  report: ImportReport;
  allowed?: DropKind[];
  onConfirmEncoding?(path: string, encoding: string): void;
  onAllowDrop?(kind: DropKind, on: boolean): void;
}) {
  const toAdd = report.documentsAdded.length;
  const same = report.documentsUnchanged.length;
  const r = report.summary.records;
  return (
    <div className="im-preview" data-testid="im-preview">
      <p className="im-summary" data-testid="im-summary">
        {plural(toAdd, 'new document')} to import
        {same > 0 && `, ${same} already in the project`}
        {report.records > 0 && `, ${plural(report.records, 'annotation record')}`}
        {report.duplicates.length > 0 && `, ${plural(report.duplicates.length, 'duplicate')} skipped`}
        {report.nearDuplicates.length > 0 && `, ${report.nearDuplicates.length} near-duplicate(s) flagged`}.
      </p>
      <p className="muted" data-testid="im-counts">
        {plural(r.read, 'record')} read = {r.imported} new + {r.merged} into documents already there + {r.refused}{' '}
        refused; {report.summary.spans.read} spans read, {report.summary.spans.stored} stored.
      </p>
      {report.refused.length > 0 && (
        <ul className="im-block" data-testid="im-refused">
          {report.refused.slice(0, 100).map((x) => (
            <li key={`${x.file}:${x.line}:${x.id}`}>
              <span className="mono">
                {x.file}
                {x.line ? `:${x.line}` : ''}
              </span>{' '}
              {x.id}: {x.reason}
            </li>
          ))}
        </ul>
      )}
      <Files files={report.files} onConfirm={onConfirmEncoding} />
      <Dropped report={report} allowed={allowed} onAllow={onAllowDrop} />
      <Verify report={report} />
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
