// Gold decision reasons counted per label, with a CSV download, to see where the codebook needs work.
import { useEffect, useMemo, useState } from 'react';
import { DECISION_REASONS } from '../../core/model';
import { useApi } from '../state/context';
import { csvLink } from '../ui/download';
import { errorText } from '../ui/errors';
import { FieldError } from '../ui/FieldError';
import { reasonsCsv } from './reasonsCsv';

/** Reloads whenever `stamp` changes (after a decision or a change on disk). */
export function ReasonsTable({ stamp }: { stamp: number }) {
  const api = useApi();
  const [counts, setCounts] = useState<Record<string, Record<string, number>> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void stamp;
    api.goldReasons().then(
      (c) => {
        if (!live) return;
        setCounts(c);
        setError(null);
      },
      (err: unknown) => live && setError(errorText(err)),
    );
    return () => {
      live = false;
    };
  }, [api, stamp]);
  const csv = useMemo(() => (counts ? reasonsCsv(counts) : null), [counts]);
  const [href, setHref] = useState<string | null>(null);
  useEffect(() => {
    if (!csv) return;
    const link = csvLink(csv);
    setHref(link.href);
    return link.revoke;
  }, [csv]);
  if (error) return <FieldError>{error}</FieldError>;
  if (!counts) return <p className="muted">Loading…</p>;
  const labels = Object.keys(counts).sort();
  return (
    <div data-testid="adj-reasons">
      {labels.length === 0 ? (
        <p className="muted">No gold decisions yet.</p>
      ) : (
        <table className="adj-table">
          <thead>
            <tr>
              <th>Label</th>
              {DECISION_REASONS.map((r) => (
                <th key={r} className="num">
                  {r}
                </th>
              ))}
              <th className="num">total</th>
            </tr>
          </thead>
          <tbody>
            {labels.map((l) => {
              const row = counts[l];
              const total = DECISION_REASONS.reduce((n, r) => n + (row[r] ?? 0), 0);
              return (
                <tr key={l} data-testid="adj-reason-row">
                  <th scope="row">{l}</th>
                  {DECISION_REASONS.map((r) => (
                    <td key={r} className="num">
                      {row[r] ?? ''}
                    </td>
                  ))}
                  <td className="num">{total}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {href && labels.length > 0 && (
        <a className="adj-csv" href={href} download="gold-reasons.csv" data-testid="adj-reasons-csv">
          Download CSV
        </a>
      )}
    </div>
  );
}
