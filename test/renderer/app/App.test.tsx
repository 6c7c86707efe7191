import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnnotationRecord } from '../../../src/core/model';
import { App } from '../../../src/renderer/app/App';
import { ANNOTATOR_KEY } from '../../../src/renderer/state/annotator';
import { createFakeApi, DOCS, type FakeApi } from '../fakeApi';
import { selectText } from '../selectText';

const DOC1 = DOCS[0];

const aliceRecord: AnnotationRecord = {
  document: 'doc-1',
  annotator: 'alice',
  textHash: DOC1.textHash,
  codebookVersion: 3,
  status: 'in_progress',
  // "Prices" (0–6) as Economic, and "Köln" nested in a Security span "in Köln".
  spans: [
    { start: 0, end: 6, label: 'Economic' },
    { start: 23, end: 30, label: 'Security' },
    { start: 26, end: 30, label: 'Source' },
  ],
  docLabels: { stance: 'neutral' },
  updatedAt: 'then',
};

beforeEach(() => {
  localStorage.clear();
  localStorage.setItem(ANNOTATOR_KEY, 'alice');
});

afterEach(() => {
  cleanup();
  window.getSelection()?.removeAllRanges();
});

/** Renders the app and waits until the first document is open in the reader. */
async function start(api: FakeApi = createFakeApi({ records: [aliceRecord] })) {
  render(<App api={api} />);
  const reader = await screen.findByTestId('reader');
  await waitFor(() => expect(reader.className).not.toContain('loading'));
  return { api, reader };
}

describe('<App/>', () => {
  it('lists documents with title (or id), outlet, date, status and span count', async () => {
    await start();
    const items = screen.getAllByTestId('doc-item');
    expect(items.map((i) => i.dataset.docId)).toEqual(['doc-1', 'doc-2']);
    expect(items[0].textContent).toContain('Prices rise');
    expect(items[0].textContent).toContain('Daily Planet · 2024-03-01');
    expect(within(items[0]).getByTestId('doc-status').textContent).toBe('in progress');
    expect(items[0].textContent).toMatch(/3$/);
    // No title: the id is shown; an unparsed date is shown as written.
    expect(items[1].textContent).toContain('doc-2');
    expect(items[1].textContent).toContain('Hamshahri · Esfand 1402');
    expect(within(items[1]).getByTestId('doc-status').textContent).toBe('to do');
    expect(items[0].getAttribute('aria-current')).toBe('true');
  });

  it('shows the project, the annotator and the codebook labels with hotkeys and counts', async () => {
    await start();
    expect(screen.getByText('Framing study')).toBeTruthy();
    expect(screen.getByText('/data/framing')).toBeTruthy();
    expect((screen.getByTestId('annotator') as HTMLSelectElement).value).toBe('alice');
    const labels = screen.getAllByTestId('label-item');
    expect(labels.map((l) => l.dataset.label)).toEqual(['Economic', 'Security', 'Human interest', 'Source']);
    expect(labels[0].textContent).toBe('1EconomicFrames1');
    expect(labels[0].getAttribute('title')).toBe('Costs, jobs, markets');
    expect(labels[2].textContent).toMatch(/0$/);
  });

  it('renders the text as paragraphs of text nodes with nested spans highlighted', async () => {
    const { reader } = await start();
    const paras = reader.querySelectorAll('p');
    expect(paras.length).toBe(2);
    expect(reader.textContent).toBe(DOC1.text.replace('\n', ''));
    const runs = screen.getAllByTestId('span-run');
    expect(runs.map((r) => [r.textContent, r.dataset.labels])).toEqual([
      ['Prices', 'Economic'],
      ['in ', 'Security'],
      ['Köln', 'Security|Source'],
    ]);
    // The nested run is filled with the innermost span's colour (Source #f58231) and has two underlines.
    const style = runs[2].getAttribute('style') ?? '';
    expect(style).toContain('rgba(245, 130, 49');
    expect(style.match(/inset/g)?.length).toBe(2);
    // UTF-16 offsets: "Köln" starts at code point 26 = UTF-16 28 (the emoji is 2 code points, 4 units).
    expect(runs[2].dataset.start).toBe('28');
    expect(runs[2].dataset.end).toBe('32');
  });

  it('never renders document text as HTML', async () => {
    const api = createFakeApi();
    const evil = { ...DOCS[1], id: 'doc-x', text: '<img src=x onerror=alert(1)><b>bold</b>' };
    api.getDocument = async () => evil;
    const { reader } = await start(api);
    expect(reader.querySelector('img, b')).toBeNull();
    expect(reader.textContent).toBe(evil.text);
  });

  it('labels a selection with hotkey 1 and saves code-point offsets, snapped to words', async () => {
    const { api, reader } = await start();
    const u16 = DOC1.text.indexOf('sharply');
    // Select "harp" (inside the word, after an astral emoji).
    selectText(reader, u16 + 1, u16 + 5);
    fireEvent.keyDown(window, { key: '1' });
    await waitFor(() => expect(api.saveAnnotations).toHaveBeenCalledTimes(1));
    expect(api.saveAnnotations).toHaveBeenCalledWith({
      document: 'doc-1',
      annotator: 'alice',
      textHash: DOC1.textHash,
      status: 'in_progress',
      // Stored spans go back with the ids the backend gave them; the new one has none yet.
      spans: [
        { id: 's1', start: 0, end: 6, label: 'Economic' },
        { start: 15, end: 22, label: 'Economic' },
        { id: 's2', start: 23, end: 30, label: 'Security' },
        { id: 's3', start: 26, end: 30, label: 'Source' },
      ],
      docLabels: { stance: 'neutral' },
      relations: [],
      // The version on disk the edit was made on: the backend refuses the save if the file changed since.
      baseUpdatedAt: 'then',
    });
    await waitFor(() => expect(screen.getByTestId('save-state').textContent).toBe('saved'));
    const added = screen.getAllByTestId('span-run').find((r) => r.textContent === 'sharply');
    expect(added?.dataset.labels).toBe('Economic');
    expect(screen.getAllByTestId('doc-item')[0].textContent).toMatch(/4$/);
  });

  it('moves a "to do" document to "in progress" on its first span, in the save and in the list', async () => {
    const { api, reader } = await start(createFakeApi());
    const u16 = DOC1.text.indexOf('minister');
    selectText(reader, u16, u16 + 8);
    fireEvent.keyDown(window, { key: '2' });
    await waitFor(() => expect(api.saveAnnotations).toHaveBeenCalled());
    expect(api.saveAnnotations).toHaveBeenLastCalledWith(
      expect.objectContaining({
        status: 'in_progress',
        // UTF-16 index − 2: the emoji before it is 4 units but 2 code points.
        spans: [{ start: u16 - 2, end: u16 - 2 + 8, label: 'Security' }],
        docLabels: {},
      }),
    );
    expect(within(screen.getAllByTestId('doc-item')[0]).getByTestId('doc-status').textContent).toBe('in progress');
  });

  it('ignores hotkeys without a selection, with a white-space selection, or while typing in a field', async () => {
    const user = userEvent.setup();
    const { api, reader } = await start();
    fireEvent.keyDown(window, { key: '1' });
    expect(screen.getByTestId('notice').textContent).toContain('Select some text');
    const space = DOC1.text.indexOf(' ');
    selectText(reader, space, space + 1);
    fireEvent.keyDown(window, { key: '1' });
    // A real selection, but the key goes to a text field: it is typing, not a hotkey.
    const rose = DOC1.text.indexOf('rose');
    selectText(reader, rose, rose + 4);
    fireEvent.keyDown(screen.getByTestId('doc-filter'), { key: '1' });
    selectText(reader, rose, rose + 4);
    fireEvent.keyDown(screen.getByTestId('status'), { key: '2' });
    // Modified digits (e.g. Ctrl+1) are left to the browser/menu.
    selectText(reader, rose, rose + 4);
    fireEvent.keyDown(window, { key: '1', ctrlKey: true });
    await user.type(screen.getByTestId('doc-filter'), '1');
    expect(api.saveAnnotations).not.toHaveBeenCalled();
    // The same selection with a plain key press does label: the checks above could fail.
    selectText(reader, rose, rose + 4);
    fireEvent.keyDown(window, { key: '4' });
    await waitFor(() => expect(api.saveAnnotations).toHaveBeenCalledTimes(1));
  });

  it('selects a span by clicking it and deletes it with Delete', async () => {
    const { api } = await start();
    const prices = screen.getAllByTestId('span-run').find((r) => r.textContent === 'Prices')!;
    fireEvent.click(prices);
    expect(prices.className).toContain('sel');
    expect(screen.getByTestId('selected-span').textContent).toContain('Economic');
    fireEvent.keyDown(window, { key: 'Delete' });
    await waitFor(() => expect(api.saveAnnotations).toHaveBeenCalledTimes(1));
    expect(vi_lastInput(api).spans).toEqual([
      { id: 's2', start: 23, end: 30, label: 'Security' },
      { id: 's3', start: 26, end: 30, label: 'Source' },
    ]);
    expect(screen.getAllByTestId('span-run').map((r) => r.textContent)).toEqual(['in ', 'Köln']);
  });

  it('offers a choice where spans overlap, innermost first', async () => {
    await start();
    const koln = () => screen.getAllByTestId('span-run').find((r) => r.textContent === 'Köln')!;
    fireEvent.click(koln());
    const items = screen.getAllByTestId('span-picker-item');
    expect(items.map((i) => i.dataset.key)).toEqual(['s3', 's2']);
    fireEvent.click(items[1]);
    expect(screen.queryByTestId('span-picker')).toBeNull();
    expect((screen.getByTestId('span-label') as HTMLSelectElement).value).toBe('Security');
  });

  it('shows a failed save with its message and keeps the edit', async () => {
    const api = createFakeApi({ records: [aliceRecord] });
    api.failSaves = 'disk full';
    const { reader } = await start(api);
    const u16 = DOC1.text.indexOf('minister');
    selectText(reader, u16, u16 + 3);
    fireEvent.keyDown(window, { key: '3' });
    await waitFor(() => expect(screen.getByTestId('save-state').textContent).toBe('failed'));
    expect(screen.getByTestId('save-error').textContent).toContain('disk full');
    expect(screen.getAllByTestId('span-run').some((r) => r.textContent === 'minister')).toBe(true);
    // Retry once the disk has room.
    api.failSaves = null;
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.getByTestId('save-state').textContent).toBe('saved'));
    expect(api.records.get('doc-1/alice')?.spans.some((s) => s.label === 'Human interest')).toBe(true);
  });

  it('saves document labels and status', async () => {
    const { api } = await start();
    fireEvent.click(screen.getByLabelText('contra'));
    await waitFor(() => expect(api.saveAnnotations).toHaveBeenCalledTimes(1));
    expect(vi_lastInput(api).docLabels).toEqual({ stance: 'contra' });
    fireEvent.click(screen.getByLabelText('security'));
    fireEvent.click(screen.getByLabelText('economic'));
    await waitFor(() =>
      expect(vi_lastInput(api).docLabels).toEqual({ stance: 'contra', frames: ['economic', 'security'] }),
    );
    fireEvent.change(screen.getByTestId('status'), { target: { value: 'done' } });
    await waitFor(() => expect(vi_lastInput(api).status).toBe('done'));
    await waitFor(() => expect(screen.getByTestId('save-state').textContent).toBe('saved'));
    expect(api.records.get('doc-1/alice')?.docLabels).toEqual({ stance: 'contra', frames: ['economic', 'security'] });
  });

  it('asks who is annotating on first launch, and applies a mark made before the name once it is given', async () => {
    localStorage.clear();
    const { api, reader } = await start();
    const dialog = await screen.findByTestId('identity-dialog');
    expect((screen.getByTestId('identity-name') as HTMLInputElement).value).toBe('tester');
    // What lies under the dialog is out of reach of Tab and the mouse while it asks.
    expect(screen.getByTestId('annotator').closest('[inert]')).not.toBeNull();
    expect(dialog.closest('[inert]')).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Not now' }));
    expect(screen.queryByTestId('identity-dialog')).toBeNull();
    expect(screen.getByTestId('annotator').closest('[inert]')).toBeNull();
    expect((screen.getByTestId('annotator') as HTMLSelectElement).value).toBe('');

    selectText(reader, 0, 6);
    fireEvent.keyDown(window, { key: '1' });
    const input = await screen.findByTestId('identity-name');
    expect(api.saveAnnotations).not.toHaveBeenCalled();
    fireEvent.change(input, { target: { value: 'Gold' } });
    fireEvent.submit(input);
    expect(screen.getByRole('alert').textContent).toContain('reserved');
    fireEvent.change(input, { target: { value: '../carol' } });
    fireEvent.submit(input);
    expect(screen.getByRole('alert').textContent).toContain('may only hold');
    fireEvent.change(input, { target: { value: 'carol' } });
    fireEvent.submit(input);
    await waitFor(() => expect((screen.getByTestId('annotator') as HTMLSelectElement).value).toBe('carol'));
    await waitFor(() => expect(api.saveAnnotations).toHaveBeenCalled());
    expect(vi_lastInput(api)).toMatchObject({ annotator: 'carol', spans: [{ start: 0, end: 6, label: 'Economic' }] });
    expect(api.rememberAnnotator).toHaveBeenCalledWith('carol');
    expect(localStorage.getItem(ANNOTATOR_KEY)).toBe('carol');
  });

  it("switching annotator shows that annotator's record", async () => {
    await start();
    expect(screen.getAllByTestId('span-run').length).toBe(3);
    fireEvent.change(screen.getByTestId('annotator'), { target: { value: 'bob' } });
    await waitFor(() => expect(screen.queryAllByTestId('span-run').length).toBe(0));
    expect(localStorage.getItem(ANNOTATOR_KEY)).toBe('bob');
  });

  it('opens another document from the list and filters the list', async () => {
    const user = userEvent.setup();
    const { api } = await start();
    fireEvent.click(screen.getAllByTestId('doc-item')[1]);
    await waitFor(() => expect(screen.getByTestId('reader').textContent).toBe(DOCS[1].text));
    expect(api.getAnnotations).toHaveBeenLastCalledWith('doc-2', 'alice');
    expect(screen.getByTestId('reader').querySelector('p')?.getAttribute('dir')).toBe('rtl');
    await user.type(screen.getByTestId('doc-filter'), 'hamsh');
    expect(screen.getAllByTestId('doc-item').map((d) => d.dataset.docId)).toEqual(['doc-2']);
  });

  it('shows unreadable project files in a dismissible strip', async () => {
    await start(createFakeApi({ problems: [{ path: 'annotations/x.json', reason: 'invalid JSON at line 3' }] }));
    const strip = screen.getByTestId('problems');
    expect(strip.textContent).toContain('annotations/x.json');
    expect(strip.textContent).toContain('invalid JSON at line 3');
    fireEvent.click(within(strip).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByTestId('problems')).toBeNull();
  });

  it('closes the project to the welcome screen, which creates a project and opens a recent one', async () => {
    const { api } = await start();
    await act(async () => fireEvent.click(screen.getByTestId('close-project')));
    expect(api.closeProject).toHaveBeenCalled();
    await screen.findByTestId('welcome');
    fireEvent.change(screen.getByTestId('new-name'), { target: { value: 'My study' } });
    await act(async () => fireEvent.click(screen.getByTestId('new-create')));
    expect(api.newProject).toHaveBeenCalledWith('My study');
    await screen.findByText('My study');
    await act(async () => fireEvent.click(screen.getByTestId('close-project')));
    await act(async () => fireEvent.click(await screen.findByRole('button', { name: '/data/other' })));
    expect(api.openProject).toHaveBeenCalledWith('/data/other');
  });

  it('starts without a project on the welcome screen', async () => {
    const api = createFakeApi();
    const session = await api.session();
    api.session = async () => ({ ...session, project: null });
    render(<App api={api} />);
    expect(await screen.findByText('Welcome to Frame Lens')).toBeTruthy();
    expect(screen.getByRole('button', { name: '/data/other' })).toBeTruthy();
    expect(screen.getByTestId('open-sample')).toBeTruthy();
  });
});

/** The input of the last saveAnnotations call. */
function vi_lastInput(api: FakeApi) {
  const calls = (api.saveAnnotations as unknown as { mock: { calls: unknown[][] } }).mock.calls;
  return calls[calls.length - 1][0] as Parameters<FakeApi['saveAnnotations']>[0];
}
