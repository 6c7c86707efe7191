// One document's text and every layer of it (each annotator's record and gold), re-read on demand.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DocumentView, FrameLensApi } from '../../core/api';
import type { AnnotationRecord } from '../../core/model';

/** What the compare view draws from; the previous layers stay on screen while a reload runs. */
export interface Layers {
  doc: DocumentView | null;
  records: AnnotationRecord[] | null;
  error: string | null;
  reload(): Promise<void>;
}

/** Loads the text once per document and the layers whenever reload is called. */
export function useLayers(api: FrameLensApi, id: string): Layers {
  const [doc, setDoc] = useState<DocumentView | null>(null);
  const [records, setRecords] = useState<AnnotationRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const current = useRef(id);
  current.current = id;
  const reload = useCallback(async () => {
    try {
      const list = await api.listAnnotations(id);
      if (current.current === id) setRecords(list);
    } catch (err) {
      if (current.current === id) setError(err instanceof Error ? err.message : String(err));
    }
  }, [api, id]);
  useEffect(() => {
    setDoc(null);
    setRecords(null);
    setError(null);
    api.getDocument(id).then(
      (d) => current.current === id && setDoc(d),
      (err: unknown) => current.current === id && setError(err instanceof Error ? err.message : String(err)),
    );
    void reload();
  }, [api, id, reload]);
  return { doc, records, error, reload };
}
