// The Stories tab: documents grouped by story, a suggested story applied to each of its documents, a
// manual story per document, and a story's articles aligned by label.
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageRequest } from '../../../src/core/api';
import { pageOfDocuments, storyCounts } from '../../../src/core/documentQuery';
import type { DocumentMeta } from '../../../src/core/model';
import { alignArticles, withStory } from '../../../src/renderer/outlets/stories';
import { ANNOTATOR_KEY } from '../../../src/renderer/state/annotator';
import { DOCS } from '../fakeApi';
import { outletApi, REPORT, renderOutlets } from './helpers';

beforeEach(() => {
  localStorage.clear();
  localStorage.setItem(ANNOTATOR_KEY, 'alice');
});
afterEach(cleanup);

/** A fake whose setDocumentMeta really changes what the document answers return. */
function storyApi() {
  const a = outletApi();
  const metas = new Map<string, DocumentMeta>(DOCS.map((d) => [d.id, { ...d.meta }]));
  const list = a.listDocuments;
  const current = async () => (await list()).map((d) => ({ ...d, meta: metas.get(d.id)! }));
  a.listDocuments = vi.fn(current);
  a.documentPage = vi.fn(async (page: PageRequest) => pageOfDocuments(await current(), page));
  a.storyCounts = vi.fn(async () => storyCounts(await current()));
  a.setDocumentMeta = vi.fn(async (id: string, meta: DocumentMeta) => {
    metas.set(id, meta);
    return { ...DOCS.find((d) => d.id === id)!, meta };
  });
  a.storySuggestions = vi.fn(async () => [
    { story: 'price-rise', documents: ['doc-1', 'doc-2'], sharedPhrases: ['Ali Rezaei', 'Köln'] },
  ]);
  return a;
}

describe('Outlets: stories', () => {
  it('applies a suggested story to each of its documents through setDocumentMeta', async () => {
    const a = storyApi();
    await renderOutlets(a, 'stories');
    const sugg = await screen.findByTestId('story-suggestion');
    await waitFor(() => expect((within(sugg).getByTestId('story-apply') as HTMLButtonElement).disabled).toBe(false));
    expect(sugg.textContent).toContain('Ali Rezaei');
    await act(async () => {
      fireEvent.click(within(sugg).getByTestId('story-apply'));
    });
    await waitFor(() => expect(a.setDocumentMeta).toHaveBeenCalledTimes(2));
    expect(a.setDocumentMeta).toHaveBeenCalledWith('doc-1', { ...DOCS[0].meta, story: 'price-rise' });
    expect(a.setDocumentMeta).toHaveBeenCalledWith('doc-2', { ...DOCS[1].meta, story: 'price-rise' });
    await waitFor(() =>
      expect(screen.getAllByTestId('story-group').map((g) => g.dataset.story)).toEqual(['price-rise']),
    );
    expect((within(sugg).getByTestId('story-apply') as HTMLButtonElement).disabled).toBe(true);
  });

  it('sets a story by hand and aligns the story’s articles by label', async () => {
    const a = storyApi();
    await renderOutlets(a, 'stories');
    const ids = (await screen.findAllByTestId('story-doc')).map((r) => r.dataset.document!);
    expect(ids).toHaveLength(2);
    // Setting a story regroups the rows, so each row is looked up again rather than kept from before.
    for (const [i, id] of ids.entries()) {
      const row = () => screen.getAllByTestId('story-doc').find((r) => r.dataset.document === id) as HTMLElement;
      fireEvent.change(within(row()).getByTestId('story-input'), { target: { value: ' call ' } });
      await act(async () => {
        fireEvent.click(within(row()).getByTestId('story-set'));
      });
      await waitFor(() => expect(a.setDocumentMeta).toHaveBeenCalledTimes(i + 1));
    }
    expect(a.setDocumentMeta).toHaveBeenCalledWith('doc-1', { ...DOCS[0].meta, story: 'call' });
    const group = await screen.findByTestId('story-group');
    await act(async () => {
      fireEvent.click(within(group).getByTestId('story-align'));
    });
    const table = await screen.findByTestId('ol-align');
    // the row comes in with the story's report, which answers after the table is drawn
    await waitFor(() => expect(within(table).getByTestId('ol-align-row').dataset.label).toBe('Economic'));
    expect(a.outlets).toHaveBeenCalledWith({ story: 'call', viewer: 'alice' });
    expect(within(table).getAllByTestId('ol-align-article')).toHaveLength(2);
    const row = within(table).getByTestId('ol-align-row');
    expect(row.textContent).toContain('prices ×3');
    expect(row.textContent).toContain('قیمت‌ها');
  });

  it('keeps other metadata and drops a blank story', () => {
    expect(withStory({ outlet: 'X', story: 'a' }, '  ')).toEqual({ outlet: 'X' });
    expect(alignArticles(REPORT.labels, ['doc-2'], ['Economic'])).toEqual([
      { label: 'Economic', cells: { 'doc-2': [{ phrase: 'قیمت‌ها', count: 2 }] } },
    ]);
  });
});
