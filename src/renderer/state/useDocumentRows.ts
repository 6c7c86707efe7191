import { useEffect, useState } from 'react';
import type { DocumentSummary } from '../../core/model';
import { useApp } from './context';

const NONE = new Map<string, DocumentSummary>();

/** The list rows of the named documents, read once they are named (empty until they arrive or if they fail). */
export function useDocumentRows(ids: readonly string[]): Map<string, DocumentSummary> {
  const documentRows = useApp((s) => s.documentRows);
  const query = useApp((s) => s.list.query);
  const [rows, setRows] = useState(NONE);
  const key = ids.join('\u0000');
  // biome-ignore lint/correctness/useExhaustiveDependencies: the ids are read again when their list or the document list changes
  useEffect(() => {
    let live = true;
    documentRows(ids).then(
      (found) => live && setRows(found),
      () => live && setRows(NONE),
    );
    return () => {
      live = false;
    };
  }, [key, query, documentRows]);
  return rows;
}
