// The keyboard's way through the reader: the word cursor (arrows, Shift, 1–9, right-to-left text), what a
// screen reader is told, Esc, and the note with an Undo that every change leaves.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AnnotationRecord } from '../../../src/core/model';
import { CODEBOOK, createFakeApi, DOCS, type FakeApi } from '../fakeApi';
import { ALICE, asAlice, BOB, openApp } from '../workspace';

const alice = ALICE;
const bob = BOB;

asAlice();

async function start(api: FakeApi = createFakeApi({ records: [alice, bob] })) {
  return { api, reader: await openApp(api) };
}

const key = (k: string, extra: Record<string, boolean> = {}) =>
  act(async () => {
    fireEvent.keyDown(window, { key: k, ...extra });
  });
const saved = () => waitFor(() => expect(screen.getByTestId('save-state').textContent).toBe('saved'));
const heard = () => screen.getByTestId('announcer').textContent?.replace(/\u200b/g, '') ?? '';
const cpSlice = (text: string, s: { start: number; end: number }) => [...text].slice(s.start, s.end).join('');

describe('the word cursor', () => {
  it('starts on the first word, moves and extends by word, labels with a digit, and says each step', async () => {
    const { api } = await start();
    await key('ArrowRight');
    expect(heard()).toMatch(/^Word cursor: Prices\./);
    await key('ArrowRight');
    expect(heard()).toBe('rose');
    // The emoji is not a word: Shift+→ reaches "sharply".
    await key('ArrowRight', { shiftKey: true });
    expect(heard()).toMatch(/^Selected 3 words: rose 👍🏽 sharply/);
    await key('1');
    await saved();
    const spans = api.records.get('doc-1/alice')!.spans;
    expect(spans.map((s) => [cpSlice(DOCS[0].text, s), s.label])).toEqual([
      ['Prices', 'Economic'],
      ['rose 👍🏽 sharply', 'Economic'],
    ]);
    // The new span is selected, and the cursor is gone.
    expect(document.querySelector('.run.span.sel')?.textContent).toBe('rose 👍🏽 sharply');
  });

  it('moves across paragraphs with ↓ and back with ↑ where nothing is laid out', async () => {
    await start();
    await key('ArrowRight');
    await key('ArrowDown');
    expect(heard()).toBe('The');
    await key('ArrowUp');
    expect(heard()).toBe('Prices');
    // Before the first word there is nowhere to go, and the reader says so.
    await key('ArrowLeft');
    expect(heard()).toBe('Start of the text');
  });

  it('in right-to-left text, ← goes on in reading order and → goes back', async () => {
    const { api } = await start(createFakeApi({ records: [] }));
    fireEvent.click(screen.getAllByTestId('doc-item').find((b) => b.dataset.docId === 'doc-2')!);
    await waitFor(() => expect(screen.getByTestId('reader').textContent).toContain('وزیر'));
    await waitFor(() => expect(screen.getByTestId('reader').className).not.toContain('loading'));
    expect(screen.getByTestId('reader').querySelector('p.para')?.getAttribute('dir')).toBe('rtl');
    await key('ArrowLeft');
    expect(heard()).toMatch(/^Word cursor: وزیر\./);
    await key('ArrowLeft');
    expect(heard()).toBe('Ali');
    await key('ArrowLeft', { shiftKey: true });
    await key('ArrowRight');
    expect(heard()).toBe('Ali');
    await key('ArrowLeft', { shiftKey: true });
    await key('2');
    await saved();
    const [span] = api.records.get('doc-2/alice')!.spans;
    expect(cpSlice(DOCS[1].text, span)).toBe('Ali Rezaei');
    expect(span.label).toBe('Security');
  });

  it('Esc clears the cursor and the selected span, and a digit then does nothing to the span', async () => {
    const { api } = await start();
    fireEvent.click(screen.getAllByTestId('span-run').find((r) => r.textContent === 'Prices')!);
    expect(document.querySelector('.run.span.sel')).not.toBeNull();
    await key('Escape');
    expect(document.querySelector('.run.span.sel')).toBeNull();
    expect(heard()).toBe('Selection cleared');
    await key('2');
    expect(api.records.get('doc-1/alice')!.spans.map((s) => s.label)).toEqual(['Economic']);
    expect(api.saveAnnotations).not.toHaveBeenCalled();
  });
});

describe('what a change did, with Undo', () => {
  it('says what a relabel and a delete did, and its Undo button takes each back', async () => {
    const { api } = await start();
    fireEvent.click(screen.getAllByTestId('span-run').find((r) => r.textContent === 'Prices')!);
    await key('2');
    await saved();
    const toast = screen.getByTestId('toast');
    expect(toast.getAttribute('role')).toBe('status');
    expect(screen.getByTestId('toast-text').textContent).toMatch(/Relabelled .*Prices.*Economic → Security/);
    expect(heard()).toMatch(/Relabelled/);
    fireEvent.click(within(toast).getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(api.records.get('doc-1/alice')!.spans[0].label).toBe('Economic'));
    expect(screen.getByTestId('toast-text').textContent).toMatch(/^Undone: Relabelled/);
    fireEvent.click(within(screen.getByTestId('toast')).getByRole('button', { name: 'Redo' }));
    await waitFor(() => expect(api.records.get('doc-1/alice')!.spans[0].label).toBe('Security'));

    fireEvent.click(screen.getAllByTestId('span-run').find((r) => r.textContent === 'Prices')!);
    await key('Delete');
    await saved();
    expect(screen.getByTestId('toast-text').textContent).toMatch(/Deleted .*Prices/);
    fireEvent.click(within(screen.getByTestId('toast')).getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(api.records.get('doc-1/alice')!.spans).toHaveLength(1));
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByTestId('toast')).toBeNull();
  });
});

describe('the legend', () => {
  it('lists the labels on screen by their full names, with other layers and whose they are', async () => {
    await start();
    // The legend is an empty <div> until the labels on screen are read, then a <section>: found again each time.
    await waitFor(() => expect(screen.getByTestId('legend').textContent).toContain('Economic'));
    expect(screen.getByTestId('legend').textContent).not.toContain('Security');
    await key('o');
    await waitFor(() => expect(screen.getByTestId('legend').textContent).toMatch(/Security\s*\(bob\)/));
  });
});

describe('relations whose allowed labels do not fit', () => {
  it('are refused in the reader with the reason shown, the picker staying open for a type that fits', async () => {
    const linked: AnnotationRecord = {
      ...alice,
      spans: [
        { id: 's1', start: 0, end: 6, label: 'Economic' },
        { id: 's2', start: 15, end: 22, label: 'Security' },
      ],
    };
    const api = createFakeApi({ records: [linked, bob] });
    api.info.codebook = {
      ...CODEBOOK,
      relationTypes: [
        { name: 'blames', color: '#aa0000', source: ['Source'], target: ['Economic'] },
        { name: 'refers to', color: '#00aa00' },
      ],
    };
    await start(api);
    const runOf = (text: string) => screen.getAllByTestId('span-run').find((r) => r.textContent === text)!;
    fireEvent.click(runOf('sharply'));
    await key('r');
    expect(screen.getByTestId('relating-hint')).toBeTruthy();
    fireEvent.click(runOf('Prices'));
    const picker = await screen.findByTestId('relation-picker');
    const [blames, refers] = within(picker).getAllByTestId('relation-type-item');
    // the misfit is marked before it is chosen, with its reason on hover
    expect(blames.textContent).toMatch(/does not fit/);
    expect(blames.getAttribute('title')).toBe('"blames" starts from "Source", not from "Security"');
    expect(refers.textContent).not.toMatch(/does not fit/);

    const input = screen.getByTestId('relation-picker-input');
    await act(async () => fireEvent.keyDown(input, { key: '1' }));
    expect(screen.getByTestId('notice').textContent).toMatch(
      /Not linked: "blames" starts from "Source", not from "Security"\./,
    );
    expect(screen.getByTestId('relation-picker')).toBeTruthy();
    expect(api.saveAnnotations).not.toHaveBeenCalled();

    await act(async () => fireEvent.keyDown(input, { key: '2' }));
    await saved();
    expect(screen.queryByTestId('relation-picker')).toBeNull();
    expect(api.records.get('doc-1/alice')!.relations).toEqual([{ from: 's2', to: 's1', type: 'refers to' }]);
  });
});
