import { useRef } from 'react';
import { useApp } from '../state/context';
import { useBlindRound } from './useBlindRound';

/**
 * Each annotator edits only their own layer; the others can be shown with it, read-only. "viewing: …" opens the
 * choice of whose layers are shown: all, each annotator, and the analyst's own once they have started it.
 */
export function LayerToggle() {
  const show = useApp((s) => s.showOthers);
  const others = useApp((s) => s.others);
  const hidden = useApp((s) => s.hiddenLayers);
  const me = useApp((s) => s.annotator);
  // Shown only in the list of layers: without other layers a new span renders nothing here.
  const ownSpans = useApp((s) => (s.showOthers && s.others.length > 0 ? (s.record?.spans.length ?? 0) : 0));
  const setShow = useApp((s) => s.setShowOthers);
  const setLayerShown = useApp((s) => s.setLayerShown);
  const setOverlay = useApp((s) => s.setOverlay);
  const names = others.map((r) => `${r.annotator} (${r.spans.length})`).join(', ');
  const round = useBlindRound();
  const details = useRef<HTMLDetailsElement>(null);
  const shown = others.filter((r) => !hidden.includes(r.annotator)).map((r) => r.annotator);
  const ownHidden = me !== '' && hidden.includes(me);
  const allShown = shown.length === others.length && !ownHidden;
  const viewing = `viewing: ${shown.join(', ') || 'nobody else'}${ownHidden ? ' (your layer hidden)' : ''}`;
  return (
    <>
      <div className="layer-toggle">
        <label title={show ? names || 'no other annotator has coded this document' : 'Show other annotators (O)'}>
          <input type="checkbox" data-testid="show-others" checked={show} onChange={(e) => setShow(e.target.checked)} />{' '}
          show other annotators{show && others.length > 0 ? ` (${others.length})` : ''}
        </label>
        {show && others.length > 0 && (
          <details
            ref={details}
            className="viewing"
            data-testid="viewing-choice"
            onKeyDown={(e) => {
              if (e.key !== 'Escape' || !details.current?.open) return;
              e.stopPropagation();
              details.current.open = false;
              details.current.querySelector('summary')?.focus();
            }}
          >
            <summary
              className="small-text"
              data-testid="viewing"
              aria-label={`${viewing}: choose whose layers are shown`}
            >
              {viewing} (read-only)
            </summary>
            <fieldset className="viewing-list">
              <legend className="small-text">Layers shown</legend>
              <label>
                <input
                  type="checkbox"
                  data-testid="layer-all"
                  checked={allShown}
                  onChange={(e) => setLayerShown(null, e.target.checked)}
                />{' '}
                all
              </label>
              {others.map((r) => (
                <label key={r.annotator}>
                  <input
                    type="checkbox"
                    data-testid="layer-choice"
                    data-annotator={r.annotator}
                    checked={!hidden.includes(r.annotator)}
                    onChange={(e) => setLayerShown(r.annotator, e.target.checked)}
                  />{' '}
                  {r.annotator} ({r.spans.length} spans)
                </label>
              ))}
              {me && (ownSpans > 0 || ownHidden) && (
                <label>
                  <input
                    type="checkbox"
                    data-testid="layer-choice"
                    data-annotator={me}
                    checked={!ownHidden}
                    onChange={(e) => setLayerShown(me, e.target.checked)}
                  />{' '}
                  yours ({me}, {ownSpans} spans)
                </label>
              )}
            </fieldset>
          </details>
        )}
        <button
          type="button"
          className="small"
          data-testid="help-button"
          title="Keyboard shortcuts (?)"
          onClick={() => setOverlay({ kind: 'help' })}
        >
          Keys ?
        </button>
      </div>
      {round && (
        <p className="blind-note" data-testid="blind-note">
          Blind: you code this document in round “{round}”. Other annotators’ layers, suggestions and figures on it stay
          hidden until the round closes.
        </p>
      )}
    </>
  );
}
