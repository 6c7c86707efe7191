import { useApp } from '../state/context';

/** The analyst must always know whether the last edit is on disk; a failed save is loud and retryable. */
export function SaveIndicator() {
  const save = useApp((s) => s.save);
  const retry = useApp((s) => s.retrySave);
  return (
    <div className={`save save-${save.state}`} aria-live="polite">
      <span className="save-dot" aria-hidden="true" />
      <span data-testid="save-state" data-state={save.state}>
        {save.state}
      </span>
      {save.state === 'failed' && (
        <>
          <span className="save-error" data-testid="save-error" title={save.error ?? ''}>
            {save.error}
            {save.unsaved > 1 ? ` (${save.unsaved} documents unsaved)` : ''}
          </span>
          <button type="button" className="small" onClick={retry}>
            Retry
          </button>
        </>
      )}
    </div>
  );
}
