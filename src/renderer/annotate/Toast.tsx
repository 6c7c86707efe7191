// What the last edit did, with a button that takes it back: relabels, deletes, resizes and "label all" never
// pass unnoticed. It floats over the workspace (nothing moves) and is a status region for screen readers;
// the live region beside it says where the word cursor is.
import { useEffect } from 'react';
import { useApp, useAppStore } from '../state/context';

const SHOWN_MS = 10_000;

export function Toast() {
  const store = useAppStore();
  const toast = useApp((s) => s.toast);
  const announcement = useApp((s) => s.announcement);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => {
      if (store.getState().toast?.id === toast.id) store.getState().dismissToast();
    }, SHOWN_MS);
    return () => clearTimeout(timer);
  }, [toast, store]);
  return (
    <>
      <div className="sr-only" aria-live="polite" data-testid="announcer">
        {/* A sentence said twice in a row still changes the region, so it is heard again. */}
        {announcement ? `${announcement.text}${announcement.n % 2 ? '\u200b' : ''}` : ''}
      </div>
      {toast && (
        <div className="toast" role="status" data-testid="toast">
          <span data-testid="toast-text">{toast.message}</span>
          {toast.action && (
            <button
              type="button"
              className="small"
              data-testid="toast-action"
              onClick={() => void (toast.action === 'undo' ? store.getState().undo() : store.getState().redo())}
            >
              {toast.action === 'undo' ? 'Undo' : 'Redo'}
            </button>
          )}
          <button
            type="button"
            className="small toast-close"
            aria-label="Dismiss"
            onClick={() => store.getState().dismissToast()}
          >
            ✕
          </button>
        </div>
      )}
    </>
  );
}
