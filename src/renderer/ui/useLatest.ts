import { useCallback, useEffect, useRef } from 'react';

/**
 * A guard for requests whose answers go into state: `begin()` starts one and returns a check that holds while
 * it is the newest begun and the component is still mounted. An older answer that comes in last is dropped.
 */
export function useLatest(): () => () => boolean {
  const newest = useRef(0);
  useEffect(
    () => () => {
      newest.current++;
    },
    [],
  );
  return useCallback(() => {
    const mine = ++newest.current;
    return () => mine === newest.current;
  }, []);
}
