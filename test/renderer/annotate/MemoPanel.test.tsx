// Memos beside the text: written in the side panel, saved a moment after typing on the version they were
// read at; a memo changed elsewhere meanwhile is not overwritten and the panel says so; memos are found by
// corpus search.
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Memo } from '../../../src/core/model';
import { App } from '../../../src/renderer/app/App';
import { ANNOTATOR_KEY } from '../../../src/renderer/state/annotator';
import { createFakeApi, type FakeApi, holdNextAnswer } from '../fakeApi';

beforeEach(() => {
  localStorage.clear();
  localStorage.setItem(ANNOTATOR_KEY, 'alice');
});
afterEach(cleanup);

async function start(api: FakeApi) {
  render(<App api={api} />);
  await screen.findByTestId('reader');
  return screen.findByTestId('memo-panel');
}

describe('the memo panel', () => {
  it('autosaves a new memo on the open document, then each edit on top of the stored version', async () => {
    const api = createFakeApi();
    await start(api);
    fireEvent.click(screen.getByTestId('memo-add'));
    const text = screen.getByTestId('memo-text');
    fireEvent.change(text, { target: { value: 'Prices framed as a threat' } });
    await waitFor(() => expect(screen.getByTestId('memo-state').textContent).toBe('saved'), { timeout: 3000 });
    const memos = await api.listMemos('alice');
    expect(memos).toHaveLength(1);
    expect(memos[0]).toMatchObject({ annotator: 'alice', target: { kind: 'document', document: 'doc-1' } });
    expect(api.saveMemo).toHaveBeenLastCalledWith(expect.objectContaining({ baseUpdatedAt: null }));
    const first = memos[0].updatedAt;

    fireEvent.change(text, { target: { value: 'Prices framed as a threat to households' } });
    fireEvent.blur(text);
    await waitFor(() => expect(vi.mocked(api.saveMemo).mock.calls).toHaveLength(2));
    expect(api.saveMemo).toHaveBeenLastCalledWith(expect.objectContaining({ baseUpdatedAt: first }));
    expect((await api.listMemos('alice'))[0].text).toBe('Prices framed as a threat to households');
  });

  it('keeps a memo added while the list of memos was still being read', async () => {
    const old: Memo = {
      id: '00000000-0000-4000-8000-000000000004',
      annotator: 'alice',
      target: { kind: 'document', document: 'doc-1' },
      text: 'Read before',
      updatedAt: '2024-01-01T00:00:00.000Z',
    };
    const api = createFakeApi({ memos: [old] });
    const held = holdNextAnswer(vi.mocked(api.listMemos));
    await start(api);
    await waitFor(() => expect(held).toHaveLength(1));
    fireEvent.click(screen.getByTestId('memo-add'));
    fireEvent.change(screen.getByTestId('memo-text'), { target: { value: 'Written meanwhile' } });
    await act(async () => {
      for (const release of held) release();
    });
    expect(screen.getAllByTestId('memo-text').map((t) => (t as HTMLTextAreaElement).value)).toEqual([
      'Read before',
      'Written meanwhile',
    ]);
  });

  it('deletes a memo on a second click, naming the version it was read at; an empty new one goes at once', async () => {
    const memo: Memo = {
      id: '00000000-0000-4000-8000-000000000003',
      annotator: 'alice',
      target: { kind: 'project' },
      text: 'Drop this',
      updatedAt: '2024-01-01T00:00:00.000Z',
    };
    const api = createFakeApi({ memos: [memo] });
    await start(api);
    fireEvent.change(screen.getByTestId('memo-target'), { target: { value: 'project' } });
    const del = await screen.findByTestId('memo-delete');
    fireEvent.click(del);
    expect(del.textContent).toBe('Delete this memo?');
    expect(api.deleteMemo).not.toHaveBeenCalled();
    fireEvent.click(del);
    await waitFor(() => expect(screen.queryByTestId('memo')).toBeNull());
    expect(api.deleteMemo).toHaveBeenCalledWith({ annotator: 'alice', id: memo.id, baseUpdatedAt: memo.updatedAt });
    expect(await api.listMemos('alice')).toEqual([]);

    fireEvent.click(screen.getByTestId('memo-add'));
    fireEvent.click(await screen.findByTestId('memo-delete'));
    await waitFor(() => expect(screen.queryByTestId('memo')).toBeNull());
    expect(api.deleteMemo).toHaveBeenCalledTimes(1);
    expect(api.saveMemo).not.toHaveBeenCalled();
  });

  it('deletes nothing when the memo changed elsewhere, and says so', async () => {
    const memo: Memo = {
      id: '00000000-0000-4000-8000-000000000004',
      annotator: 'alice',
      target: { kind: 'project' },
      text: 'Keep if changed',
      updatedAt: '2024-01-01T00:00:00.000Z',
    };
    const api = createFakeApi({ memos: [memo] });
    await start(api);
    fireEvent.change(screen.getByTestId('memo-target'), { target: { value: 'project' } });
    const del = await screen.findByTestId('memo-delete');
    await act(async () => {
      await api.saveMemo({ memo: { ...memo, text: 'changed in another window' }, baseUpdatedAt: memo.updatedAt });
    });
    fireEvent.click(del);
    fireEvent.click(del);
    await waitFor(() => expect(screen.getByTestId('memo-state').textContent).toMatch(/^conflict:/));
    expect((await api.listMemos('alice'))[0].text).toBe('changed in another window');
  });

  it('says so, and overwrites nothing, when the memo changed elsewhere', async () => {
    const memo: Memo = {
      id: '00000000-0000-4000-8000-000000000001',
      annotator: 'alice',
      target: { kind: 'project' },
      text: 'Read outlets by date',
      updatedAt: '2024-01-01T00:00:00.000Z',
    };
    const api = createFakeApi({ memos: [memo] });
    await start(api);
    fireEvent.change(screen.getByTestId('memo-target'), { target: { value: 'project' } });
    const text = await screen.findByTestId('memo-text');
    expect((text as HTMLTextAreaElement).value).toBe('Read outlets by date');
    await act(async () => {
      await api.saveMemo({ memo: { ...memo, text: 'changed in another window' }, baseUpdatedAt: memo.updatedAt });
    });
    fireEvent.change(text, { target: { value: 'mine' } });
    fireEvent.blur(text);
    await waitFor(() => expect(screen.getByTestId('memo-state').textContent).toMatch(/^conflict:/));
    expect((await api.listMemos('alice'))[0].text).toBe('changed in another window');
  });

  it('memos are found by corpus search', async () => {
    const api = createFakeApi({
      memos: [
        {
          id: '00000000-0000-4000-8000-000000000002',
          annotator: 'bob',
          target: { kind: 'label', label: 'Economic' },
          text: 'Costs of living',
        },
      ],
    });
    await start(api);
    fireEvent.keyDown(window, { key: 'F', ctrlKey: true, shiftKey: true });
    fireEvent.change(await screen.findByTestId('corpus-query'), { target: { value: 'living' } });
    fireEvent.click(screen.getByTestId('corpus-search-go'));
    const hit = await screen.findByTestId('corpus-memo-hit');
    expect(hit.textContent).toContain('bob');
    expect(hit.textContent).toContain('label Economic');
    expect(hit.querySelector('mark')?.textContent).toBe('living');
  });
});
