// Document metadata in the annotate view: the side panel's form saves the open document's outlet and date
// version-checked; the document list sets an outlet on every ticked document at once; a change made
// elsewhere meanwhile is refused and shown, never written over; dates stay isolated in right-to-left text.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../src/renderer/app/App';
import { ANNOTATOR_KEY } from '../../../src/renderer/state/annotator';
import { MetaValues } from '../../../src/renderer/ui/MetaValues';
import { createFakeApi, type FakeApi, holdNextAnswer } from '../fakeApi';

beforeEach(() => {
  localStorage.clear();
  localStorage.setItem(ANNOTATOR_KEY, 'alice');
});
afterEach(cleanup);

async function start(api: FakeApi = createFakeApi()) {
  render(<App api={api} />);
  await screen.findByTestId('meta-editor');
  return api;
}

const input = (key: string) => screen.getByTestId(`meta-${key}-input`) as HTMLInputElement;
const row = (id: string) => screen.getAllByTestId('doc-item').find((d) => d.dataset.docId === id)!;

describe('document metadata', () => {
  it('edits the open document in the side panel, sending the metadata the edit began from', async () => {
    const api = await start();
    expect(input('outlet').value).toBe('Daily Planet');
    expect(screen.queryByTestId('meta-no-outlet')).toBeNull();
    fireEvent.change(input('outlet'), { target: { value: 'Evening Star' } });
    fireEvent.change(input('published'), { target: { value: '1 March' } });
    expect(screen.getByRole('alert').textContent).toMatch(/not a date written YYYY-MM-DD/);
    expect((screen.getByTestId('meta-save') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(input('published'), { target: { value: '2024-03-02' } });
    fireEvent.click(screen.getByTestId('meta-save'));
    await screen.findByTestId('meta-saved');
    expect(api.setDocumentsMeta).toHaveBeenCalledWith([
      {
        document: 'doc-1',
        meta: { title: 'Prices rise', outlet: 'Evening Star', published: '2024-03-02' },
        base: { title: 'Prices rise', outlet: 'Daily Planet', published: '2024-03-01' },
      },
    ]);
    expect(within(row('doc-1')).getByTestId('meta-outlet').textContent).toBe('Evening Star');
  });

  it('refuses an edit of metadata changed elsewhere meanwhile and shows what is on disk now', async () => {
    const api = await start();
    await api.setDocumentsMeta([{ document: 'doc-1', meta: { title: 'Prices rise', outlet: 'Changed Elsewhere' } }]);
    fireEvent.change(input('outlet'), { target: { value: 'Evening Star' } });
    fireEvent.click(screen.getByTestId('meta-save'));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/conflict/));
    await waitFor(() => expect(within(row('doc-1')).getByTestId('meta-outlet').textContent).toBe('Changed Elsewhere'));
    expect((await api.getDocument('doc-1')).meta.outlet).toBe('Changed Elsewhere');
  });

  it('sets one outlet on every ticked document, keeping each one’s other fields, and says when none has one', async () => {
    const api = await start();
    expect(screen.queryByTestId('bulk-meta')).toBeNull();
    fireEvent.click(screen.getByTestId('doc-tick-all'));
    fireEvent.change(await screen.findByTestId('bulk-outlet'), { target: { value: 'Wire Service' } });
    expect(screen.getByTestId('bulk-save').textContent).toBe('Set for 2 documents');
    fireEvent.click(screen.getByTestId('bulk-save'));
    await waitFor(() => expect(screen.queryByTestId('bulk-meta')).toBeNull());
    const sent = vi.mocked(api.setDocumentsMeta).mock.calls[0][0];
    expect(sent.map((e) => [e.document, e.meta])).toEqual([
      ['doc-1', { title: 'Prices rise', outlet: 'Wire Service', published: '2024-03-01' }],
      ['doc-2', { outlet: 'Wire Service', publishedRaw: 'Esfand 1402' }],
    ]);
    expect(sent.every((e) => e.base !== undefined)).toBe(true);
    expect(within(row('doc-2')).getByTestId('meta-outlet').textContent).toBe('Wire Service');
  });

  it('ticks what was ticked last when "all" answers after a row was ticked', async () => {
    const api = await start();
    const held = holdNextAnswer(vi.mocked(api.documentPage));
    fireEvent.click(screen.getByTestId('doc-tick-all'));
    await waitFor(() => expect(held).toHaveLength(1));
    fireEvent.click(within(row('doc-2').closest('li')!).getByTestId('doc-tick'));
    expect((await screen.findByTestId('bulk-save')).textContent).toBe('Set for 1 document');
    await act(async () => {
      for (const release of held) release();
    });
    expect(screen.getByTestId('bulk-save').textContent).toBe('Set for 1 document');
  });

  it('asks for an outlet when the open document has none', async () => {
    const api = createFakeApi();
    await api.setDocumentsMeta([{ document: 'doc-1', meta: { title: 'Prices rise' } }]);
    await start(api);
    expect(screen.getByTestId('meta-no-outlet').textContent).toMatch(/No outlet/);
    expect(input('outlet').value).toBe('');
    expect(within(row('doc-1')).getByTestId('doc-no-outlet')).toBeTruthy();
    expect(within(row('doc-2')).queryByTestId('doc-no-outlet')).toBeNull();
  });

  it('isolates each value, an ISO date left to right, so Persian or Arabic beside it cannot reorder it', () => {
    render(<MetaValues meta={{ outlet: 'همشهری', published: '2026-01-10' }} />);
    const date = screen.getByTestId('meta-published');
    expect(date.tagName).toBe('BDI');
    expect(date.getAttribute('dir')).toBe('ltr');
    expect(date.textContent).toBe('2026-01-10');
    expect(screen.getByTestId('meta-outlet').tagName).toBe('BDI');
  });
});
