import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { AnnotationRecord } from '../../../../src/core/model';
import { selectionToRange } from '../../../../src/renderer/annotate/reader/selection';
import { createFakeApi, DOCS } from '../../fakeApi';
import { selectText } from '../../selectText';
import { ALICE, asAlice, BOB, openApp } from '../../workspace';

asAlice();

const TEXT = DOCS[0].text;

describe('a text selection through a redraw of the reader', () => {
  it('survives the other coders’ layers arriving and re-cutting its runs, so a label key labels it', async () => {
    // bob marked "sharply in" (code points 15–25), which cuts the run the selection lies in.
    const bob: AnnotationRecord = { ...BOB, spans: [{ start: 15, end: 25, label: 'Security' }] };
    const api = createFakeApi({ records: [ALICE, bob] });
    const answer = vi.mocked(api.listAnnotations).getMockImplementation()!;
    const held: (() => void)[] = [];
    vi.mocked(api.listAnnotations).mockImplementation(
      (...args: Parameters<typeof answer>) => new Promise((done) => held.push(() => void answer(...args).then(done))),
    );
    const reader = await openApp(api);
    fireEvent.click(screen.getByTestId('show-others'));
    await waitFor(() => expect(held.length).toBeGreaterThan(0));
    const at = TEXT.indexOf('sharply');
    selectText(reader, at, at + 'sharply in Köln'.length);
    await act(async () => {
      for (const release of held.splice(0)) release();
    });
    await waitFor(() => expect(reader.querySelector('[data-ghosts="bob:Security"]')?.textContent).toBe('sharply in'));
    expect(selectionToRange(reader, window.getSelection())).toEqual({ start: at, end: at + 'sharply in Köln'.length });
    fireEvent.keyDown(window, { key: '1' });
    await waitFor(() =>
      expect(api.records.get('doc-1/alice')?.spans).toContainEqual(
        expect.objectContaining({ start: 15, end: 30, label: 'Economic' }),
      ),
    );
    expect(screen.queryByTestId('notice')?.textContent ?? '').not.toMatch(/Select some text/);
  });
});
