// The document list a page at a time: the first page is shown (and its first document opened) while the rest
// arrive, so a list of 100,000 documents never waits for, nor crosses as, one answer.
import type { FrameLensApi } from '../../core/api';
import type { DocumentSummary } from '../../core/model';

const PAGE = 2000;

/** Every row of the list, in id order; `first` gets the first page when more are to come. */
export async function fetchDocuments(
  api: Pick<FrameLensApi, 'documentPage'>,
  annotator: string | null,
  first?: (rows: DocumentSummary[]) => void,
): Promise<DocumentSummary[]> {
  const page = (offset: number) =>
    annotator ? api.documentPage({ offset, limit: PAGE }, annotator) : api.documentPage({ offset, limit: PAGE });
  const head = await page(0);
  const rows = [...head.documents];
  if (rows.length < head.total) first?.([...rows]);
  while (rows.length < head.total) {
    const next = await page(rows.length);
    if (next.documents.length === 0) break;
    rows.push(...next.documents);
  }
  return rows;
}
