// The outlets side by side: one column per outlet, its phrases for the label with counts, fetched a window at a
// time as the column is scrolled.
import { useCallback } from 'react';
import { type PhraseGroup, UNKNOWN_OUTLET } from '../../core/outlets';
import type { PhraseColumnSize } from '../../core/reports';
import { useApi } from '../state/context';
import { FieldError } from '../ui/FieldError';
import { usePagedRows } from '../ui/usePagedRows';

/** The phrase currently opened in context (one outlet's phrase group). */
export interface PhrasePick {
  outlet: string;
  group: PhraseGroup;
}

interface ColumnsProps {
  /** The outlet report job the rows come from. */
  job: string;
  label: string;
  sizes: Record<string, PhraseColumnSize>;
  outlets: string[];
  fold: boolean;
  color: string;
  picked: PhrasePick | null;
  onPick(pick: PhrasePick): void;
}

export function PhraseColumns({ outlets, ...rest }: ColumnsProps) {
  return (
    <div className="ol-columns" data-testid="ol-columns">
      {outlets.map((outlet) => (
        <PhraseColumn key={outlet} outlet={outlet} {...rest} />
      ))}
    </div>
  );
}

function PhraseColumn({
  job,
  label,
  sizes,
  outlet,
  fold,
  color,
  picked,
  onPick,
}: Omit<ColumnsProps, 'outlets'> & { outlet: string }) {
  const api = useApi();
  const size = sizes[outlet];
  const fetch = useCallback(
    (offset: number, limit: number) => api.outletPhraseRows(job, { label, outlet, fold, offset, limit }),
    [api, job, label, outlet, fold],
  );
  const paged = usePagedRows(size ? fetch : null);
  const total = size?.spans ?? 0;
  const phrases = size ? (fold ? size.folded : size.rows) : 0;
  return (
    <section className="ol-column" data-testid="ol-column" data-outlet={outlet}>
      <h3 style={{ borderTopColor: color }}>
        <span data-testid="ol-outlet-name">{outlet}</span>
        <span className="muted">
          {' '}
          {total} span{total === 1 ? '' : 's'} · {phrases} phrase{phrases === 1 ? '' : 's'}
        </span>
      </h3>
      {outlet === UNKNOWN_OUTLET && (
        <p className="small-text ol-unknown-hint" data-testid="ol-unknown-hint">
          Documents with no outlet set. Set it in Annotate: the side panel's Document form, or tick many documents in
          the list.
        </p>
      )}
      {paged.error && <FieldError>{paged.error}</FieldError>}
      {phrases === 0 ? (
        <p className="muted ol-empty">No phrases with this label.</p>
      ) : (
        <ol className="ol-phrases" data-testid="ol-phrase-list" onScroll={paged.onScroll}>
          {paged.rows.map((g) => {
            const on = picked?.outlet === outlet && picked.group.phrase === g.phrase;
            return (
              <li key={g.phrase}>
                <button
                  type="button"
                  className={`ol-phrase${on ? ' on' : ''}`}
                  aria-pressed={on}
                  data-testid="ol-phrase"
                  data-phrase={g.phrase}
                  onClick={() => onPick({ outlet, group: g })}
                  title={g.variants.length > 1 ? `Also: ${g.variants.slice(1).join(', ')}` : undefined}
                >
                  <span className="ol-phrase-text">{g.phrase}</span>
                  {g.variants.length > 1 && (
                    <span className="ol-variants" data-testid="ol-variants">
                      +{g.variants.length - 1} form{g.variants.length > 2 ? 's' : ''}
                    </span>
                  )}
                  <span className="ol-count" data-testid="ol-count">
                    {g.count}
                  </span>
                </button>
              </li>
            );
          })}
          {paged.total !== null && paged.rows.length < paged.total && (
            <li>
              <button
                type="button"
                className="link"
                data-testid="ol-phrases-more"
                disabled={paged.loading}
                onClick={paged.more}
              >
                {paged.loading ? 'loading…' : `More phrases (${paged.total - paged.rows.length} more)`}
              </button>
            </li>
          )}
        </ol>
      )}
    </section>
  );
}
