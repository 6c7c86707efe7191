import { useCallback, useState } from 'react';

/** What is typed into a find or filter field, and which of its matches is in view; a new query starts at the first. */
export function useQueryCursor() {
  const [query, setTyped] = useState('');
  const [at, setAt] = useState(0);
  const setQuery = useCallback((next: string) => {
    setTyped(next);
    setAt(0);
  }, []);
  return { query, setQuery, at, setAt };
}
