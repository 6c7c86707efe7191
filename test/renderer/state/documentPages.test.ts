import { describe, expect, it, vi } from 'vitest';
import type { PageRequest } from '../../../src/core/api';
import type { DocumentSummary } from '../../../src/core/model';
import { fetchDocuments } from '../../../src/renderer/state/documentPages';

const rows = (n: number): DocumentSummary[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `doc-${String(i).padStart(5, '0')}`,
    meta: {},
    length: 10,
    textHash: 'sha256:x',
    status: 'todo',
    spans: 0,
  }));

function pagedApi(all: DocumentSummary[]) {
  return {
    documentPage: vi.fn(async (page: PageRequest, _annotator?: string) => ({
      total: all.length,
      offset: page.offset,
      documents: all.slice(page.offset, page.offset + page.limit),
    })),
  };
}

describe('the document list a page at a time', () => {
  it('gathers every page in order, and hands over the first page while more are to come', async () => {
    const all = rows(4500);
    const api = pagedApi(all);
    const first = vi.fn();
    expect(await fetchDocuments(api, 'alice', first)).toEqual(all);
    expect(api.documentPage.mock.calls.map(([p, a]) => [p.offset, a])).toEqual([
      [0, 'alice'],
      [2000, 'alice'],
      [4000, 'alice'],
    ]);
    expect(first).toHaveBeenCalledTimes(1);
    expect(first.mock.calls[0][0]).toHaveLength(2000);
  });

  it('asks once for a short list, without the annotator argument when there is none', async () => {
    const api = pagedApi(rows(3));
    const first = vi.fn();
    expect(await fetchDocuments(api, null, first)).toHaveLength(3);
    expect(api.documentPage.mock.calls).toEqual([[{ offset: 0, limit: 2000 }]]);
    expect(first).not.toHaveBeenCalled();
  });
});
