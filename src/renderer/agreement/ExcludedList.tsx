// Records left out of every figure (bad offsets, unknown labels, a changed text): counted and listed per file.
import type { AgreementReport } from '../../core/agreement';

/** Bad input is never silent: the count is always visible, the files and reasons one click away. */
export function ExcludedList({ excluded }: { excluded: AgreementReport['excluded'] }) {
  if (excluded.count === 0) return null;
  return (
    <details className="note-warn ag-excluded" data-testid="ag-excluded">
      <summary>
        {excluded.count} annotation record{excluded.count === 1 ? '' : 's'} left out of every figure
      </summary>
      <ul>
        {excluded.records.map((r) => (
          <li key={`${r.annotator}/${r.document}/${r.reason}`}>
            <span className="mono">
              annotations/{r.annotator}/{r.document}.json
            </span>
            : {r.reason}
          </li>
        ))}
      </ul>
    </details>
  );
}
