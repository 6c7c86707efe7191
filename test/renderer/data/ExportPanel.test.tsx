// The export panel against the fake API: each format sends its own options (layer, offsets, hf split and
// seed, doccano layout), shows what it writes and loses, and reports the files written or the error line.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ExportOptions } from '../../../src/core/formats/options';
import { ImportExportView } from '../../../src/renderer/data/ImportExportView';
import { StoreContext } from '../../../src/renderer/state/context';
import { createAppStore } from '../../../src/renderer/state/store';
import { createFakeApi, type FakeApi } from '../fakeApi';

afterEach(cleanup);

async function renderView(api: FakeApi) {
  const store = createAppStore(api);
  await store.getState().init();
  render(
    <StoreContext.Provider value={store}>
      <ImportExportView />
    </StoreContext.Provider>,
  );
}

function sent(api: FakeApi): ExportOptions {
  return vi.mocked(api.exportProject).mock.calls[0][0];
}

describe('export panel', () => {
  it('exports jsonl of one annotator in UTF-16 offsets and says what it wrote', async () => {
    const api = createFakeApi();
    api.exportProject = vi.fn(async (o: ExportOptions) => ({ out: o.out ?? '', lines: 4 }));
    await renderView(api);
    expect(screen.getByTestId('ex-info').textContent).toBe(
      'Writes one file, offsets in code points or UTF-16; carries everything.',
    );
    expect((screen.getByTestId('ex-run') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId('ex-out'), { target: { value: ' /tmp/out.jsonl ' } });
    fireEvent.change(screen.getByTestId('ex-layer'), { target: { value: 'annotator:bob' } });
    fireEvent.change(screen.getByTestId('ex-offsets'), { target: { value: 'utf16' } });
    fireEvent.click(screen.getByTestId('ex-run'));
    expect((await screen.findByTestId('ex-result')).textContent).toBe('Wrote /tmp/out.jsonl (4 lines)');
    expect(sent(api)).toEqual({ format: 'jsonl', out: '/tmp/out.jsonl', annotator: 'bob', offsets: 'utf16' });
  });

  it('exports a Hugging Face folder of gold with a seeded split and lists the files', async () => {
    const api = createFakeApi();
    const files = ['README.md', 'data/dev.jsonl', 'data/test.jsonl', 'data/train.jsonl'];
    api.exportProject = vi.fn(async (o: ExportOptions) => ({ out: o.out ?? '', lines: files.length, files }));
    await renderView(api);
    fireEvent.change(screen.getByTestId('ex-format'), { target: { value: 'hf' } });
    expect(screen.getByTestId('ex-info').textContent).toMatch(/^Writes a folder/);
    fireEvent.change(screen.getByTestId('ex-out'), { target: { value: '/tmp/hf' } });
    fireEvent.change(screen.getByTestId('ex-layer'), { target: { value: 'gold' } });
    fireEvent.change(screen.getByTestId('ex-split'), { target: { value: '0.7,0.3,0.1' } });
    expect(screen.getByTestId('ex-panel').textContent).toContain('give three fractions that add up to 1');
    expect((screen.getByTestId('ex-run') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId('ex-split'), { target: { value: '0.7,0.2,0.1' } });
    fireEvent.change(screen.getByTestId('ex-seed'), { target: { value: '7' } });
    fireEvent.click(screen.getByTestId('ex-run'));
    const result = await screen.findByTestId('ex-result');
    expect(result.textContent).toContain('Wrote 4 files in /tmp/hf');
    expect(result.textContent).toContain('data/train.jsonl');
    expect(sent(api)).toEqual({
      format: 'hf',
      out: '/tmp/hf',
      gold: true,
      offsets: 'codepoint',
      split: { train: 0.7, dev: 0.2, test: 0.1 },
      seed: 7,
    });
  });

  it('sends the doccano layout, no offsets for fixed-unit formats, and shows the one-line error', async () => {
    const api = createFakeApi();
    api.exportProject = vi.fn(async () => {
      throw new Error('conll cannot hold overlapping spans: doc-1 (alice) 0–6 Economic and 3–9 Security');
    });
    await renderView(api);
    fireEvent.change(screen.getByTestId('ex-format'), { target: { value: 'doccano' } });
    fireEvent.change(screen.getByTestId('ex-layout'), { target: { value: 'entities' } });
    fireEvent.change(screen.getByTestId('ex-out'), { target: { value: '/tmp/d.jsonl' } });
    fireEvent.click(screen.getByTestId('ex-run'));
    await waitFor(() => expect(api.exportProject).toHaveBeenCalledTimes(1));
    expect(sent(api)).toEqual({ format: 'doccano', out: '/tmp/d.jsonl', offsets: 'codepoint', layout: 'entities' });
    fireEvent.change(screen.getByTestId('ex-format'), { target: { value: 'conll' } });
    expect(screen.queryByTestId('ex-offsets')).toBeNull();
    expect(screen.queryByTestId('ex-layout')).toBeNull();
    expect(screen.getByTestId('ex-info').textContent).toContain('overlapping spans (refused at export)');
    fireEvent.click(screen.getByTestId('ex-run'));
    expect((await screen.findByTestId('ex-error')).textContent).toMatch(/^conll cannot hold overlapping spans/);
    expect(vi.mocked(api.exportProject).mock.calls[1][0]).toEqual({ format: 'conll', out: '/tmp/d.jsonl' });
  });

  it('lists the project annotators as layers', async () => {
    const api = createFakeApi();
    await renderView(api);
    const options = [...(screen.getByTestId('ex-layer') as HTMLSelectElement).options].map((o) => o.textContent);
    expect(options).toEqual(['all annotators', 'alice only', 'bob only', 'gold']);
  });

  it('a browser download of a .qdpx says its size in bytes and what the format could not carry', async () => {
    const api = createFakeApi();
    api.exportProject = vi.fn(async () => ({
      out: 'sample.qdpx',
      download: { id: 'd1', name: 'sample.qdpx', size: 3 },
      lines: 0,
      bytes: 17_297,
      loses: ['record status (todo, done, skipped): 4'],
    }));
    api.readDownload = vi.fn(async () => ({ name: 'sample.qdpx', size: 3, data: btoa('PK!'), next: null }));
    vi.spyOn(URL, 'createObjectURL').mockImplementation(() => 'blob:x');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    await renderView(api);
    fireEvent.change(screen.getByTestId('ex-format'), { target: { value: 'qdpx' } });
    fireEvent.click(screen.getByTestId('ex-save'));
    const result = await screen.findByTestId('ex-result');
    expect(result.querySelector('.im-ok')?.textContent).toBe('Downloaded sample.qdpx (17,297 bytes)');
    expect(screen.getByTestId('ex-loses').textContent).toBe(
      'Not carried by this format:record status (todo, done, skipped): 4',
    );
    expect(sent(api)).toMatchObject({ format: 'qdpx', download: true });
  });

  it('offers to add the model’s layer only when there is a model, and shows the note of a stale one', async () => {
    const none = createFakeApi();
    await renderView(none);
    expect(screen.queryByTestId('ex-include-model')).toBeNull();
    cleanup();
    const api = createFakeApi({ model: { trainedAt: 't', spans: {} } });
    api.exportProject = vi.fn(async (o: ExportOptions) => ({
      out: o.out ?? 'download',
      lines: 6,
      notes: ['the model layer (annotator "model") is out of date: 2 coded records changed since training'],
    }));
    await renderView(api);
    fireEvent.change(screen.getByTestId('ex-out'), { target: { value: '/tmp/m.jsonl' } });
    fireEvent.click(await screen.findByTestId('ex-include-model'));
    fireEvent.click(screen.getByTestId('ex-run'));
    expect((await screen.findByTestId('ex-note')).textContent).toMatch(/out of date/);
    expect(sent(api)).toEqual({ format: 'jsonl', out: '/tmp/m.jsonl', offsets: 'codepoint', includeModel: true });
  });
});
