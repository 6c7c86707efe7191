// The Phrases tab: one column per outlet with its phrases sorted by count, plural grouping, and a
// clicked phrase's occurrences in context (as text, with the match highlighted).
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReportWork } from '../../../src/core/api';
import { groupPhrases } from '../../../src/renderer/outlets/phrases';
import { ANNOTATOR_KEY } from '../../../src/renderer/state/annotator';
import { createFakeApi, DOCS } from '../fakeApi';
import { outletApi, REPORT, renderOutlets } from './helpers';

beforeEach(() => {
  localStorage.clear();
  localStorage.setItem(ANNOTATOR_KEY, 'alice');
});
afterEach(cleanup);

const phrasesOf = (column: HTMLElement) =>
  within(column)
    .getAllByTestId('ol-phrase')
    .map((b) => [b.dataset.phrase, within(b).getByTestId('ol-count').textContent]);

describe('Outlets: phrases', () => {
  it('shows one column per outlet with its phrases, highest count first', async () => {
    const api = outletApi();
    await renderOutlets(api);
    await waitFor(() => expect(screen.getAllByTestId('ol-column')).toHaveLength(2));
    expect(api.outlets).toHaveBeenCalledWith({ label: 'Economic', viewer: 'alice' });
    const [planet, hamshahri] = screen.getAllByTestId('ol-column');
    expect(planet.dataset.outlet).toBe('Daily Planet');
    await waitFor(() =>
      expect(phrasesOf(planet)).toEqual([
        ['prices', '3'],
        ['price', '1'],
        ['sharply', '1'],
      ]),
    );
    await waitFor(() => expect(phrasesOf(hamshahri)).toEqual([['قیمت‌ها', '2']]));
  });

  it('asks for the chosen layer and label', async () => {
    const api = outletApi();
    await renderOutlets(api);
    await screen.findAllByTestId('ol-column');
    fireEvent.change(screen.getByTestId('ol-layer'), { target: { value: 'annotator:bob' } });
    await waitFor(() =>
      expect(api.outlets).toHaveBeenLastCalledWith({ label: 'Economic', annotator: 'bob', viewer: 'alice' }),
    );
    fireEvent.change(screen.getByTestId('ol-layer'), { target: { value: 'gold' } });
    fireEvent.change(screen.getByTestId('ol-label'), { target: { value: 'Security' } });
    await waitFor(() =>
      expect(api.outlets).toHaveBeenLastCalledWith({ label: 'Security', gold: true, viewer: 'alice' }),
    );
  });

  it('groups simple plurals when asked, summing counts', async () => {
    await renderOutlets(outletApi());
    await screen.findAllByTestId('ol-column');
    fireEvent.click(screen.getByTestId('ol-fold'));
    const planet = screen.getAllByTestId('ol-column')[0];
    await waitFor(() =>
      expect(phrasesOf(planet)).toEqual([
        ['prices', '4'],
        ['sharply', '1'],
      ]),
    );
    expect(within(planet).getByTestId('ol-variants').textContent).toBe('+1 form');
    expect(
      groupPhrases(
        [
          { phrase: 'riots', count: 1, documents: ['b'] },
          { phrase: 'riot', count: 1, documents: ['a'] },
        ],
        true,
      ),
    ).toEqual([{ phrase: 'riot', variants: ['riot', 'riots'], count: 2, documents: ['a', 'b'] }]);
  });

  it('shows every occurrence of a clicked phrase in that outlet, the match as text in a <mark>', async () => {
    const api = outletApi();
    await renderOutlets(api);
    await screen.findAllByTestId('ol-phrase');
    await act(async () => {
      fireEvent.click(screen.getAllByTestId('ol-phrase')[0]);
    });
    const panel = await screen.findByTestId('ol-contexts');
    await waitFor(() => expect(within(panel).getAllByTestId('ol-hit')).toHaveLength(1));
    expect(api.phraseDocuments).toHaveBeenCalledWith(expect.any(String), {
      table: 'labels',
      key: 'Economic',
      outlet: 'Daily Planet',
      phrase: 'prices',
      offset: 0,
      limit: 25,
    });
    expect(api.searchCorpus).not.toHaveBeenCalled();
    const ctx = within(panel).getByTestId('ol-context');
    expect(ctx.querySelector('mark')?.textContent).toBe('Prices');
    expect(ctx.textContent).toContain('Prices rose');
    expect(within(panel).getByTestId('ol-hit').dataset.document).toBe('doc-1');
  });

  it('keeps occurrences to the clicked outlet and searches every grouped form', async () => {
    const api = outletApi();
    await renderOutlets(api);
    await screen.findAllByTestId('ol-phrase');
    fireEvent.click(screen.getByTestId('ol-fold'));
    await screen.findByTestId('ol-variants');
    fireEvent.click(screen.getAllByTestId('ol-phrase')[0]);
    const panel = await screen.findByTestId('ol-contexts');
    await waitFor(() => expect(within(panel).getAllByTestId('ol-hit')).toHaveLength(1));
    expect(within(panel).getByTestId('ol-hit').dataset.document).toBe('doc-1');
    const asked = vi.mocked(api.phraseDocuments).mock.calls.map(([, r]) => `${r.outlet}/${r.phrase}`);
    expect(asked.sort()).toEqual(['Daily Planet/price', 'Daily Planet/prices']);
    expect(api.getDocument).not.toHaveBeenCalledWith('doc-2');
  });

  it('fetches the documents behind a phrase a window at a time', async () => {
    const api = createFakeApi();
    const ids = Array.from({ length: 60 }, (_, i) => `d${String(i).padStart(2, '0')}`);
    api.outlets = vi.fn(async () => ({
      ...REPORT,
      labels: { Economic: { 'Daily Planet': [{ phrase: 'prices', count: 60, documents: ids }] } },
    }));
    api.getDocument = vi.fn(async (id: string) => ({ ...DOCS[0], id, meta: { ...DOCS[0].meta, title: `T ${id}` } }));
    await renderOutlets(api);
    await screen.findAllByTestId('ol-phrase');
    const head = await vi.mocked(api.outletOverview).mock.results[0].value;
    expect(head).not.toHaveProperty('labels');
    expect(head.phrases.Economic['Daily Planet']).toEqual({ spans: 60, rows: 1, folded: 1 });
    const page = await vi.mocked(api.outletPhraseRows).mock.results[0].value;
    expect(page.rows[0]).toMatchObject({ phrase: 'prices', documentCount: 60, documents: [] });
    fireEvent.click(screen.getAllByTestId('ol-phrase')[0]);
    const panel = await screen.findByTestId('ol-contexts');
    await waitFor(() => expect(within(panel).getAllByTestId('ol-hit')).toHaveLength(25));
    expect(panel.textContent).toMatch(/25 occurrences in 25 of 60 documents/);
    fireEvent.click(within(panel).getByTestId('ol-contexts-more'));
    await waitFor(() => expect(within(panel).getAllByTestId('ol-hit')).toHaveLength(50));
    fireEvent.click(within(panel).getByTestId('ol-contexts-more'));
    await waitFor(() => expect(within(panel).getAllByTestId('ol-hit')).toHaveLength(60));
    expect(within(panel).queryByTestId('ol-contexts-more')).toBeNull();
    expect(vi.mocked(api.phraseDocuments).mock.calls.map(([, r]) => r.offset)).toEqual([0, 25, 50]);
    expect(within(panel).getAllByTestId('ol-hit')[59].textContent).toContain('T d59');
  });

  it('shows the tables’ progress while the backend computes them, and Cancel stops the job', async () => {
    const api = outletApi();
    const running: ReportWork = {
      id: '00000000000000cc',
      kind: 'outlets',
      state: 'running',
      stage: 'reading',
      done: 10,
      total: 40,
      ready: false,
      parts: 0,
      thread: true,
      startedAt: 'now',
    };
    api.startReport = vi.fn(async () => running);
    api.reportWork = vi.fn(async () => running);
    api.cancelReport = vi.fn(async () => ({ ...running, state: 'cancelled' as const }));
    await renderOutlets(api);
    const line = await screen.findByTestId('ol-progress');
    expect(line.textContent).toMatch(/reading the project… 10 of 40 documents/);
    fireEvent.click(screen.getByTestId('ol-cancel'));
    await waitFor(() => expect(screen.getByTestId('ol-progress').textContent).toMatch(/^cancelled/));
    expect(api.cancelReport).toHaveBeenCalledWith(running.id);
    expect(api.outletOverview).not.toHaveBeenCalled();
    expect(api.outletPhraseRows).not.toHaveBeenCalled();
  });

  it('fetches an outlet’s phrases a window at a time as its column is scrolled', async () => {
    const api = createFakeApi();
    const rows = Array.from({ length: 250 }, (_, i) => ({
      phrase: `phrase ${String(i).padStart(3, '0')}`,
      count: 300 - i,
      documents: ['doc-1'],
    }));
    api.outlets = vi.fn(async () => ({ ...REPORT, labels: { Economic: { 'Daily Planet': rows } } }));
    await renderOutlets(api);
    const column = (await screen.findAllByTestId('ol-column'))[0];
    await waitFor(() => expect(within(column).getAllByTestId('ol-phrase')).toHaveLength(100));
    expect(column.querySelector('h3')?.textContent).toMatch(/250 phrases/);
    const list = within(column).getByTestId('ol-phrase-list');
    Object.defineProperty(list, 'scrollHeight', { value: 3000, configurable: true });
    Object.defineProperty(list, 'clientHeight', { value: 600, configurable: true });
    list.scrollTop = 2300;
    fireEvent.scroll(list);
    await waitFor(() => expect(within(column).getAllByTestId('ol-phrase')).toHaveLength(200));
    fireEvent.click(within(column).getByTestId('ol-phrases-more'));
    await waitFor(() => expect(within(column).getAllByTestId('ol-phrase')).toHaveLength(250));
    expect(within(column).queryByTestId('ol-phrases-more')).toBeNull();
    expect(phrasesOf(column).map(([p]) => p)).toEqual(rows.map((r) => r.phrase));
    expect(vi.mocked(api.outletPhraseRows).mock.calls.map(([, r]) => r.offset)).toEqual([0, 100, 200]);
  });
});
