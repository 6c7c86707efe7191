import { useApp } from '../state/context';
import { useBlindRound } from './useBlindRound';

/** Each annotator edits only their own layer; the others can be shown with it, faded and read-only. */
export function LayerToggle() {
  const show = useApp((s) => s.showOthers);
  const others = useApp((s) => s.others);
  const setShow = useApp((s) => s.setShowOthers);
  const setOverlay = useApp((s) => s.setOverlay);
  const names = others.map((r) => `${r.annotator} (${r.spans.length})`).join(', ');
  const round = useBlindRound();
  return (
    <>
      <div className="layer-toggle">
        <label title={show ? names || 'no other annotator has coded this document' : 'Show other annotators (O)'}>
          <input type="checkbox" data-testid="show-others" checked={show} onChange={(e) => setShow(e.target.checked)} />{' '}
          show other annotators{show && others.length > 0 ? ` (${others.length})` : ''}
        </label>
        {show && others.length > 0 && (
          <span className="muted small-text" data-testid="viewing">
            viewing: {others.map((r) => r.annotator).join(', ')} (read-only)
          </span>
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
