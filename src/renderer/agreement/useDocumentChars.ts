// The texts of the documents a list quotes from, fetched once each (as code points, the unit of offsets).
import { useEffect, useState } from 'react';
import { useApi } from '../state/context';

export function useDocumentChars(ids: readonly string[]): ReadonlyMap<string, readonly string[]> {
  const api = useApi();
  const [texts, setTexts] = useState<ReadonlyMap<string, readonly string[]>>(new Map());
  const wanted = [...new Set(ids)].sort().join('\u0000');
  useEffect(() => {
    let live = true;
    const missing = wanted ? wanted.split('\u0000').filter((id) => !texts.has(id)) : [];
    if (!missing.length) return;
    void Promise.allSettled(missing.map((id) => api.getDocument(id))).then((results) => {
      if (!live) return;
      setTexts((prev) => {
        const next = new Map(prev);
        results.forEach((r, i) => {
          if (r.status === 'fulfilled') next.set(missing[i], Array.from(r.value.text));
        });
        return next;
      });
    });
    return () => {
      live = false;
    };
  }, [api, wanted, texts]);
  return texts;
}
