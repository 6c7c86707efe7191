import { useCallback, useState } from 'react';

/** Runs `action` with `busy` set, clearing it even when the action throws; `onError` takes what it throws. */
export type RunBusy = <T>(action: () => Promise<T>, onError?: (error: unknown) => void) => Promise<T | undefined>;

/** Whether an action of this component is running (buttons are disabled meanwhile), and how to run one. */
export function useBusy(): [busy: boolean, run: RunBusy] {
  const [busy, setBusy] = useState(false);
  const run = useCallback<RunBusy>(async (action, onError) => {
    setBusy(true);
    try {
      return await action();
    } catch (error) {
      if (!onError) throw error;
      onError(error);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return [busy, run];
}
