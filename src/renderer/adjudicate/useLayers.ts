// One document's text and every layer of it (each annotator's record and gold), re-read on demand.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DocumentView } from '../../core/api';
import type { AnnotationRecord } from '../../core/model';
import { useApi, useApp } from '../state/context';
import { errorText } from '../ui/errors';
import { useLatest } from '../ui/useLatest';

/** The previous layers stay on screen while a reload runs. */
interface Layers {
  doc: DocumentView | null;
  records: AnnotationRecord[] | null;
  error: string | null;
  reload(): Promise<void>;
}

/** The text is read once per document, the layers whenever `reload` is called. */
export function useLayers(id: string): Layers {
  const api = useApi();
  // a coder of an open round sees only their own layer on its documents
  const viewer = useApp((s) => s.annotator);
  const [doc, setDoc] = useState<DocumentView | null>(null);
  const [records, setRecords] = useState<AnnotationRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const current = useRef(id);
  current.current = id;
  // Reloads overlap (a decision, then a change on disk): only the newest one's layers are shown.
  const latest = useLatest();
  const reload = useCallback(async () => {
    const newest = latest();
    try {
      const list = await api.listAnnotations(id, viewer || undefined);
      if (newest() && current.current === id) setRecords(list);
    } catch (err) {
      if (newest() && current.current === id) setError(errorText(err));
    }
  }, [api, id, viewer, latest]);
  useEffect(() => {
    setDoc(null);
    setRecords(null);
    setError(null);
    api.getDocument(id).then(
      (d) => current.current === id && setDoc(d),
      (err: unknown) => current.current === id && setError(errorText(err)),
    );
    void reload();
  }, [api, id, reload]);
  return { doc, records, error, reload };
}
