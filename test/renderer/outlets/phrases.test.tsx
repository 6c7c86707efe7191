// The Phrases tab: one column per outlet with its phrases sorted by count, plural grouping, and a
// clicked phrase's occurrences in context (as text, with the match highlighted).
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { groupPhrases } from '../../../src/renderer/outlets/phrases';
import { ANNOTATOR_KEY } from '../../../src/renderer/state/annotator';
import { outletApi, renderOutlets } from './helpers';

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
    expect(phrasesOf(planet)).toEqual([
      ['prices', '3'],
      ['price', '1'],
      ['sharply', '1'],
    ]);
    expect(phrasesOf(hamshahri)).toEqual([['قیمت‌ها', '2']]);
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
    expect(phrasesOf(planet)).toEqual([
      ['prices', '4'],
      ['sharply', '1'],
    ]);
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
    await screen.findAllByTestId('ol-column');
    await act(async () => {
      fireEvent.click(screen.getAllByTestId('ol-phrase')[0]);
    });
    const panel = await screen.findByTestId('ol-contexts');
    await waitFor(() => expect(within(panel).getAllByTestId('ol-hit')).toHaveLength(1));
    expect(api.searchCorpus).toHaveBeenCalledWith('prices', true);
    const ctx = within(panel).getByTestId('ol-context');
    expect(ctx.querySelector('mark')?.textContent).toBe('Prices');
    expect(ctx.textContent).toContain('Prices rose');
    expect(within(panel).getByTestId('ol-hit').dataset.document).toBe('doc-1');
  });

  it('keeps occurrences to the clicked outlet and searches every grouped form', async () => {
    const api = outletApi();
    // "Prices" also occurs in doc-2 (another outlet): it must not be listed under Daily Planet.
    api.searchCorpus = async (q: string) => [
      { document: 'doc-1', start: 0, end: 6, context: { before: '', match: 'Prices', after: ' rose' } },
      { document: 'doc-2', start: 0, end: 4, context: { before: '', match: q, after: '' } },
    ];
    await renderOutlets(api);
    await screen.findAllByTestId('ol-column');
    fireEvent.click(screen.getByTestId('ol-fold'));
    fireEvent.click(screen.getAllByTestId('ol-phrase')[0]);
    const panel = await screen.findByTestId('ol-contexts');
    await waitFor(() => expect(within(panel).getAllByTestId('ol-hit')).toHaveLength(1));
    expect(within(panel).getByTestId('ol-hit').dataset.document).toBe('doc-1');
  });
});
