// The model's suggestions in the reader: dashed outlines of the spans the coder has not marked, selected with
// G (or a click), accepted with Enter or a label key, rejected with Delete; off by default while a
// reliability round is open for the coder; gone once the document is done. And "next document" following
// the model's uncertainty when the project says so.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeApi, type FakeApi, type FakeModel } from '../fakeApi';
import { ALICE, asAlice, openApp } from '../workspace';

const alice = ALICE;

// "rose" (7–11), "minister" (36–44), and "Prices" (0–6), which alice has marked already
const MODEL: FakeModel = {
  trainedAt: '2026-04-01T09:00:00.000Z',
  spans: {
    'doc-1': [
      { id: 's1', start: 0, end: 6, label: 'Economic' },
      { id: 's2', start: 7, end: 11, label: 'Economic' },
      { id: 's3', start: 36, end: 44, label: 'Security' },
    ],
  },
  order: ['doc-2', 'doc-1'],
};

asAlice();

const start = openApp;

const key = (k: string, extra: Partial<KeyboardEventInit> = {}) => fireEvent.keyDown(window, { key: k, ...extra });
const saved = (api: FakeApi) => api.records.get('doc-1/alice')?.spans ?? [];

describe('suggestions of the model', () => {
  it('outlines what the coder has not marked, dashed; G selects, Enter accepts as the coder’s own, Delete rejects', async () => {
    const api = createFakeApi({ records: [alice], model: MODEL });
    const reader = await start(api);
    const runs = await within(reader).findAllByTestId('suggestion-run');
    expect(runs.map((r) => [r.textContent, r.dataset.suggestions])).toEqual([
      ['rose', 'Economic'],
      ['minister', 'Security'],
    ]);
    expect(runs[0].style.outline).toMatch(/dashed/);
    expect(within(screen.getByTestId('model-box')).getByTestId('show-suggestions')).toHaveProperty('checked', true);

    key('g');
    expect((await screen.findByTestId('suggestion-selected')).textContent).toMatch(/Economic for “rose”/);
    key('Enter');
    await waitFor(() =>
      expect(saved(api)).toContainEqual(
        expect.objectContaining({ start: 7, end: 11, label: 'Economic', origin: 'suggestion' }),
      ),
    );
    // accepted: drawn as the coder's span now, and the next suggestion is selected
    await waitFor(() =>
      expect(
        within(reader)
          .getAllByTestId('suggestion-run')
          .map((r) => r.textContent),
      ).toEqual(['minister']),
    );
    expect(screen.getByTestId('suggestion-selected').textContent).toMatch(/Security for “minister”/);
    key('Delete');
    await waitFor(() => expect(within(reader).queryAllByTestId('suggestion-run')).toHaveLength(0));
    expect(saved(api).map((s) => s.label)).toEqual(['Economic', 'Economic']);
    expect(screen.queryByTestId('suggestion-selected')).toBeNull();
  });

  it('accepts a suggestion with the label of the key pressed, and a click selects one', async () => {
    const api = createFakeApi({ records: [alice], model: MODEL });
    const reader = await start(api);
    const minister = (await within(reader).findAllByTestId('suggestion-run')).find(
      (r) => r.textContent === 'minister',
    )!;
    fireEvent.click(minister);
    expect(screen.getByTestId('suggestion-selected').textContent).toMatch(/Security/);
    key('4');
    await waitFor(() =>
      expect(saved(api)).toContainEqual(
        expect.objectContaining({ start: 36, end: 44, label: 'Source', origin: 'suggestion' }),
      ),
    );
  });

  it('accepts with Enter even where the document list kept the focus after a click', async () => {
    const api = createFakeApi({ records: [alice], model: MODEL });
    const reader = await start(api);
    await within(reader).findAllByTestId('suggestion-run');
    const item = screen.getAllByTestId('doc-item')[0];
    item.focus();
    key('g');
    const event = fireEvent.keyDown(item, { key: 'Enter' });
    expect(event).toBe(false);
    await waitFor(() =>
      expect(saved(api)).toContainEqual(expect.objectContaining({ start: 7, end: 11, origin: 'suggestion' })),
    );
  });

  it('is off by default while a reliability round is open for the coder, who may turn it on', async () => {
    const api = createFakeApi({ records: [alice], model: { ...MODEL, openRounds: ['R1'] } });
    const reader = await start(api);
    const box = screen.getByTestId('model-box');
    await waitFor(() =>
      expect(within(box).getByTestId('suggestions-round').textContent).toMatch(/round R1 is open for you/),
    );
    expect(within(reader).queryAllByTestId('suggestion-run')).toHaveLength(0);
    key('g');
    expect(screen.queryByTestId('suggestion-selected')).toBeNull();
    fireEvent.click(within(box).getByTestId('show-suggestions'));
    expect(within(reader).getAllByTestId('suggestion-run')).toHaveLength(2);
  });

  it('suggests nothing on a document the coder marked done, and says when there is no model', async () => {
    const api = createFakeApi({ records: [alice], model: MODEL });
    const reader = await start(api);
    await within(reader).findAllByTestId('suggestion-run');
    key('d');
    await waitFor(() => expect(within(reader).queryAllByTestId('suggestion-run')).toHaveLength(0));
    cleanup();
    await start(createFakeApi({ records: [alice] }));
    expect(screen.getByTestId('model-none').textContent).toMatch(/No model yet/);
    expect(screen.queryByTestId('show-suggestions')).toBeNull();
  });

  it('says when the model is out of date', async () => {
    await start(
      createFakeApi({
        records: [alice],
        model: { ...MODEL, staleReasons: ['3 coded records changed since training'] },
      }),
    );
    expect((await screen.findByTestId('model-stale')).textContent).toMatch(/Out of date: 3 coded records changed/);
  });
});

describe('next document', () => {
  it('follows the model’s uncertainty when the project is set so, in the list and for J', async () => {
    const api = createFakeApi({ records: [alice], model: MODEL });
    await start(api);
    const ids = () => screen.getAllByTestId('doc-item').map((d) => d.dataset.docId);
    expect(ids()).toEqual(['doc-1', 'doc-2']);
    fireEvent.change(screen.getByTestId('document-order'), { target: { value: 'uncertainty' } });
    await waitFor(() => expect(ids()).toEqual(['doc-2', 'doc-1']));
    expect(api.setDocumentOrder).toHaveBeenCalledWith('uncertainty');
    expect(screen.getByTestId('doc-order').textContent).toMatch(/most uncertain/);
    key('k');
    await waitFor(() => expect(screen.getAllByTestId('doc-item')[0].getAttribute('aria-current')).toBe('true'));
  });
});
