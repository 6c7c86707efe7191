// Runs the wizard's dry-run previews. Only the latest request's answer is shown: a preview started by an
// earlier clean-up choice never overwrites the one asked for after it.
import { useCallback, useRef, useState } from 'react';
import type { ImportOptions, ImportReport } from '../../core/formats/options';
import { useApi } from '../state/context';
import { errorLine } from '../ui/errors';

/** The shown preview and the exact options it was made with (the import must send the same). */
interface PreviewState {
  report: ImportReport | null;
  /** JSON of the options (without dryRun and verify) the shown report answers. */
  key: string | null;
  error: string | null;
  busy: boolean;
}

/** One comparable key per set of options; dryRun and verify (a preview's own) left out. */
export function optionsKey(options: ImportOptions): string {
  const { dryRun: _dryRun, verify: _verify, ...rest } = options;
  return JSON.stringify(rest);
}

export function usePreview() {
  const api = useApi();
  const [state, setState] = useState<PreviewState>({ report: null, key: null, error: null, busy: false });
  const seq = useRef(0);
  const run = useCallback(
    async (options: ImportOptions) => {
      const mine = ++seq.current;
      setState((s) => ({ ...s, busy: true, error: null }));
      try {
        const report = await api.importFiles({ ...options, dryRun: true });
        if (mine === seq.current) setState({ report, key: optionsKey(options), error: null, busy: false });
      } catch (err) {
        if (mine === seq.current) setState({ report: null, key: null, error: errorLine(err), busy: false });
      }
    },
    [api],
  );
  const reset = useCallback(() => {
    seq.current++;
    setState({ report: null, key: null, error: null, busy: false });
  }, []);
  return { ...state, run, reset };
}
