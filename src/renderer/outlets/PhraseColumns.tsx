// The outlets side by side: one column per outlet, its phrases for the label with counts.

import type { PhraseRow } from '../../core/outlets';
import { UNKNOWN_OUTLET } from '../../core/outlets';
import { groupPhrases, type PhraseGroup } from './phrases';

/** The phrase currently opened in context (one outlet's phrase group). */
export interface PhrasePick {
  outlet: string;
  group: PhraseGroup;
}

export function PhraseColumns({
  byOutlet,
  outlets,
  fold,
  color,
  picked,
  onPick,
}: {
  byOutlet: Record<string, PhraseRow[]>;
  outlets: string[];
  fold: boolean;
  color: string;
  picked: PhrasePick | null;
  onPick(pick: PhrasePick): void;
}) {
  return (
    <div className="ol-columns" data-testid="ol-columns">
      {outlets.map((outlet) => {
        const groups = groupPhrases(byOutlet[outlet] ?? [], fold);
        const total = groups.reduce((n, g) => n + g.count, 0);
        return (
          <section key={outlet} className="ol-column" data-testid="ol-column" data-outlet={outlet}>
            <h3 style={{ borderTopColor: color }}>
              <span data-testid="ol-outlet-name">{outlet}</span>
              <span className="muted">
                {' '}
                {total} span{total === 1 ? '' : 's'} · {groups.length} phrase{groups.length === 1 ? '' : 's'}
              </span>
            </h3>
            {outlet === UNKNOWN_OUTLET && (
              <p className="small-text ol-unknown-hint" data-testid="ol-unknown-hint">
                Documents with no outlet set. Set it in Annotate: the side panel's Document form, or tick many documents
                in the list.
              </p>
            )}
            {groups.length === 0 ? (
              <p className="muted ol-empty">No phrases with this label.</p>
            ) : (
              <ol className="ol-phrases">
                {groups.map((g) => {
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
              </ol>
            )}
          </section>
        );
      })}
    </div>
  );
}
