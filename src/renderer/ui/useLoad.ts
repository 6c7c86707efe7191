import { type DependencyList, useEffect, useState } from 'react';
import { errorLine } from './errors';

/**
 * What `load` resolves to, loaded again whenever `deps` change, or the one line it failed with. An answer
 * that comes after the next load started is dropped; the last data stays shown meanwhile. A null `load`
 * loads nothing.
 */
export function useLoad<T>(load: (() => Promise<T>) | null, deps: DependencyList): { data: T | null; error: string } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    if (!load) return;
    let live = true;
    load().then(
      (d) => {
        if (!live) return;
        setData(d);
        setError('');
      },
      (err) => live && setError(errorLine(err)),
    );
    return () => {
      live = false;
    };
    // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's `deps` are what `load` reads
  }, deps);
  return { data, error };
}
