// Suggestions for the current annotator, grouped by label: each an unlabelled occurrence of a phrase some
// coder marked, shown in context with where it came from. Accept saves it as the annotator's span;
// reject hides it for the session. A suggestion counts nowhere until accepted.
import { useState } from 'react';
import type { Codebook } from '../../core/model';
import type { Suggestion } from '../../core/suggestions';
import { useApp } from '../state/context';
import { FieldError } from '../ui/FieldError';
import { suggestionKey } from './accept';
import { ContextLine } from './ContextLine';
import { useSuggestions } from './useSuggestions';

const PAGE = 50;

function shortId(id: string): string {
  return id.length > 14 ? `${id.slice(0, 12)}…` : id;
}

/** "marked by alice in 000_e19e…, bob in 001_…" */
function sourceLine(sources: Suggestion['sources'], max = 3): string {
  const shown = sources.slice(0, max).map((s) => `${s.annotator} in ${shortId(s.document)}`);
  const more = sources.length - max;
  return `marked by ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/** Suggestions in codebook label order, other labels after. */
function byLabel(list: Suggestion[], order: string[]): [string, Suggestion[]][] {
  const groups = new Map<string, Suggestion[]>();
  for (const s of list) groups.set(s.label, [...(groups.get(s.label) ?? []), s]);
  const rank = (l: string) => (order.includes(l) ? order.indexOf(l) : order.length);
  return [...groups.entries()].sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : 1));
}

export function SuggestionsPanel({ codebook }: { codebook: Codebook }) {
  const annotator = useApp((s) => s.annotator);
  const state = useSuggestions(annotator);
  const [more, setMore] = useState<Record<string, number>>({});
  const color = new Map(codebook.spanLabels.map((l) => [l.name, l.color]));
  if (!annotator)
    return (
      <p className="muted" data-testid="sugg-no-annotator">
        Choose an annotator (top right) to see suggestions for them.
      </p>
    );
  const groups = state.list
    ? byLabel(
        state.list,
        codebook.spanLabels.map((l) => l.name),
      )
    : [];
  return (
    <div className="ol-suggestions" data-testid="ol-suggestions" aria-busy={state.busy || state.list === null}>
      <header className="ol-sugg-head">
        <p>
          Phrases coders already marked, found <em>unlabelled</em> in {annotator}'s documents. They are not annotations
          and count nowhere until you accept them.
        </p>
        <button type="button" onClick={state.refresh} disabled={state.busy}>
          Refresh
        </button>
      </header>
      {state.error && <FieldError>{state.error}</FieldError>}
      {state.list === null && !state.error && <p className="muted">Looking for suggestions…</p>}
      {state.list && state.list.length === 0 && (
        <p className="muted" data-testid="sugg-empty">
          No suggestions for {annotator}.
        </p>
      )}
      {groups.map(([label, items]) => {
        const limit = more[label] ?? PAGE;
        return (
          <section key={label} className="ol-sugg-group" data-testid="sugg-group" data-label={label}>
            <h3>
              <span className="ol-swatch" style={{ background: color.get(label) ?? '#999' }} />
              {label} <span className="muted">· {items.length}</span>
              <button
                type="button"
                className="ol-push"
                data-testid="sugg-accept-all"
                disabled={state.busy}
                onClick={() => void state.accept(items)}
              >
                Accept all {items.length}
              </button>
              <button type="button" disabled={state.busy} onClick={() => state.reject(items)}>
                Reject all
              </button>
            </h3>
            <ol className="ol-sugg-list">
              {items.slice(0, limit).map((s) => {
                return (
                  <li
                    key={suggestionKey(s)}
                    className="ol-sugg"
                    data-testid="sugg-item"
                    data-document={s.document}
                    style={{ borderLeftColor: color.get(label) ?? '#999' }}
                  >
                    <div className="ol-sugg-text">
                      <ContextLine {...s.context} />
                      <div className="muted small-text">
                        in <span title={s.document}>{shortId(s.document)}</span> ·{' '}
                        <span data-testid="sugg-source">{sourceLine(s.sources)}</span>
                      </div>
                    </div>
                    <div className="ol-sugg-actions">
                      <button
                        type="button"
                        className="primary"
                        data-testid="sugg-accept"
                        disabled={state.busy}
                        onClick={() => void state.accept([s])}
                      >
                        Accept
                      </button>
                      <button
                        type="button"
                        data-testid="sugg-reject"
                        disabled={state.busy}
                        onClick={() => state.reject([s])}
                      >
                        Reject
                      </button>
                    </div>
                  </li>
                );
              })}
            </ol>
            {items.length > limit && (
              <button type="button" className="link" onClick={() => setMore({ ...more, [label]: limit + PAGE })}>
                Show {Math.min(PAGE, items.length - limit)} more
              </button>
            )}
          </section>
        );
      })}
    </div>
  );
}
