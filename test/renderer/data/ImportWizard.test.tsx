// The import wizard against the fake API: the preview shows encodings, duplicates, warnings and every
// clean-up; switching a clean-up kind off re-previews without it; a CSV mapping change is sent; the import
// job shows progress, can be cancelled, and reloads the document list when it succeeds; imported text that
// looks like HTML stays text.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CLEANUP_KINDS } from '../../../src/core/cleanup';
import type { ImportJobStatus, ImportOptions } from '../../../src/core/formats/options';
import { ImportExportView } from '../../../src/renderer/data/ImportExportView';
import { StoreContext } from '../../../src/renderer/state/context';
import { createAppStore } from '../../../src/renderer/state/store';
import { createFakeApi, type FakeApi, holdNextAnswer } from '../fakeApi';
import { report } from './reports';

afterEach(cleanup);

function renderView(api: FakeApi) {
  const store = createAppStore(api);
  render(
    <StoreContext.Provider value={store}>
      <ImportExportView />
    </StoreContext.Provider>,
  );
  return store;
}

function lastImportOptions(api: FakeApi): ImportOptions {
  const calls = vi.mocked(api.importFiles).mock.calls;
  return calls[calls.length - 1][0];
}

async function previewTxt(api: FakeApi) {
  api.importFiles = vi.fn(async () => report());
  renderView(api);
  fireEvent.change(screen.getByTestId('im-paths'), { target: { value: '/data/raw\n' } });
  expect(screen.getByTestId('im-format-note').textContent).toBe('guessed: txt');
  fireEvent.click(screen.getByTestId('im-preview-run'));
  await screen.findByTestId('im-preview');
}

describe('import wizard: preview', () => {
  it('sends a dry run with every clean-up on and shows encodings, duplicates, near-duplicates and warnings', async () => {
    const api = createFakeApi();
    await previewTxt(api);
    expect(lastImportOptions(api)).toEqual({
      paths: ['/data/raw'],
      format: 'txt',
      dryRun: true,
      verify: true,
      clean: true,
    });
    const encodings = screen.getAllByTestId('im-file-encoding').map((e) => e.textContent);
    expect(encodings).toEqual(['UTF-8', 'windows-1256']);
    expect(screen.getByTestId('im-files').textContent).toContain('confirmed');
    expect(screen.getByTestId('im-duplicates').textContent).toMatch(/bus-story-copy.*same text as.*bus-story/);
    expect(screen.getByTestId('im-near-duplicates').textContent).toContain('83%');
    expect(screen.getByTestId('im-warnings').textContent).toContain('16/01/20267');
    expect(screen.getAllByTestId('im-preview-doc')).toHaveLength(2);
    expect(screen.getByTestId('im-summary').textContent).toMatch(/2 new documents.*1 duplicate skipped/);
  });

  it('shows each clean-up action with its kind, lines and reason, the removed lines struck through', async () => {
    const api = createFakeApi();
    await previewTxt(api);
    const ba = screen.getByTestId('im-before-after');
    const actions = within(ba).getAllByTestId('im-action');
    expect(actions.map((a) => a.dataset.kind)).toEqual(['error-page', 'duplicate-body']);
    expect(actions[0].textContent).toMatch(/line 1 — error-page text/);
    expect(actions[1].textContent).toMatch(/line 5 — 1 line printed twice/);
    expect(actions[1].querySelector('del')?.textContent).toBe('The council voted on Tuesday.');
    expect(ba.textContent).toContain('After clean-up');
  });

  it('shows imported text that looks like HTML as text: no script or img element is created', async () => {
    const api = createFakeApi();
    await previewTxt(api);
    const view = screen.getByTestId('data-view');
    expect(view.querySelector('script')).toBeNull();
    expect(view.querySelector('img')).toBeNull();
    const text = screen.getAllByTestId('im-preview-text')[0];
    expect(text.textContent).toContain('<script>window.pwned = 1</script>');
    expect(text.textContent).toContain('onerror="alert(1)"');
    expect((window as unknown as { pwned?: number }).pwned).toBeUndefined();
  });

  it('cuts each previewed text to about 600 characters', async () => {
    const api = createFakeApi();
    await previewTxt(api);
    const long = screen.getAllByTestId('im-preview-text')[1].textContent!;
    expect(long).toBe(`${'x'.repeat(600)}…`);
  });

  it('re-previews with a clean-up kind off when its box is unticked, and on again when ticked', async () => {
    const api = createFakeApi();
    await previewTxt(api);
    fireEvent.click(screen.getByTestId('im-clean-duplicate-body'));
    await waitFor(() => expect(api.importFiles).toHaveBeenCalledTimes(2));
    expect(lastImportOptions(api).clean).toEqual(CLEANUP_KINDS.filter((k) => k !== 'duplicate-body'));
    fireEvent.click(screen.getByTestId('im-clean-duplicate-body'));
    await waitFor(() => expect(api.importFiles).toHaveBeenCalledTimes(3));
    expect(lastImportOptions(api).clean).toBe(true);
  });

  it('sends clean: false when every kind is off', async () => {
    const api = createFakeApi();
    await previewTxt(api);
    for (const k of CLEANUP_KINDS) fireEvent.click(screen.getByTestId(`im-clean-${k}`));
    await waitFor(() => expect(lastImportOptions(api).clean).toBe(false));
  });

  it('shows the one-line error of a failed preview', async () => {
    const api = createFakeApi();
    api.importFiles = vi.fn(async () => {
      throw new Error('/nope: no such file or folder\n    at stack');
    });
    renderView(api);
    fireEvent.change(screen.getByTestId('im-paths'), { target: { value: '/nope.txt' } });
    fireEvent.click(screen.getByTestId('im-preview-run'));
    expect((await screen.findByTestId('im-preview-error')).textContent).toBe('/nope: no such file or folder');
  });

  it('asks for a format when the extensions say nothing, and shows what the chosen format loses', async () => {
    const api = createFakeApi();
    renderView(api);
    fireEvent.change(screen.getByTestId('im-paths'), { target: { value: '/data/a.xml' } });
    expect(screen.getByTestId('im-format-note').textContent).toMatch(/cannot tell the format of \.xml/);
    expect((screen.getByTestId('im-preview-run') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId('im-format'), { target: { value: 'brat' } });
    expect(screen.getByTestId('im-loses').textContent).toContain('document labels');
    expect(screen.getByTestId('im-annotator-from-folder')).toBeTruthy();
    fireEvent.click(screen.getByTestId('im-annotator-from-folder'));
    fireEvent.change(screen.getByTestId('im-annotator'), { target: { value: 'carol' } });
    api.importFiles = vi.fn(async () => report({ cleanup: [] }));
    fireEvent.click(screen.getByTestId('im-preview-run'));
    await screen.findByTestId('im-preview');
    expect(lastImportOptions(api)).toEqual({
      paths: ['/data/a.xml'],
      format: 'brat',
      dryRun: true,
      verify: true,
      annotator: 'carol',
      annotatorFromFolder: true,
    });
  });

  it('offers the offset unit and the ptc labels file only where the format has them', async () => {
    const api = createFakeApi();
    renderView(api);
    fireEvent.change(screen.getByTestId('im-paths'), { target: { value: '/data/a.jsonl' } });
    expect(screen.getByTestId('im-offsets')).toBeTruthy();
    expect(screen.queryByTestId('im-labels')).toBeNull();
    fireEvent.change(screen.getByTestId('im-format'), { target: { value: 'ptc' } });
    expect(screen.queryByTestId('im-offsets')).toBeNull();
    fireEvent.change(screen.getByTestId('im-labels'), { target: { value: '/data/labels.tsv' } });
    fireEvent.change(screen.getByTestId('im-encoding'), { target: { value: 'windows-1256' } });
    api.importFiles = vi.fn(async () => report({ cleanup: [] }));
    fireEvent.click(screen.getByTestId('im-preview-run'));
    await screen.findByTestId('im-preview');
    expect(lastImportOptions(api)).toMatchObject({
      format: 'ptc',
      labels: '/data/labels.tsv',
      encoding: 'windows-1256',
    });
  });
});

describe('import wizard: CSV field mapping', () => {
  it('starts from the guess, sends a changed field with the next preview, and imports with it', async () => {
    const api = createFakeApi();
    const guess = { id: 'id', text: 'summary', title: 'headline' };
    api.importFiles = vi.fn(async (o: ImportOptions) =>
      report({
        cleanup: [],
        csv: { headers: ['id', 'headline', 'summary', 'body', 'source'], mapping: o.mapping ?? guess },
      }),
    );
    renderView(api);
    fireEvent.change(screen.getByTestId('im-paths'), { target: { value: '/data/articles.csv' } });
    fireEvent.click(screen.getByTestId('im-preview-run'));
    await screen.findByTestId('im-mapping');
    expect(lastImportOptions(api).mapping).toBeUndefined();
    expect((screen.getByTestId('im-map-text') as HTMLSelectElement).value).toBe('summary');
    expect((screen.getByTestId('im-map-outlet') as HTMLSelectElement).value).toBe('');
    fireEvent.change(screen.getByTestId('im-map-text'), { target: { value: 'body' } });
    await waitFor(() => expect(api.importFiles).toHaveBeenCalledTimes(2));
    expect(lastImportOptions(api)).toMatchObject({
      format: 'csv',
      dryRun: true,
      mapping: { id: 'id', text: 'body', title: 'headline' },
    });
    fireEvent.change(screen.getByTestId('im-map-outlet'), { target: { value: 'source' } });
    await waitFor(() => expect(api.importFiles).toHaveBeenCalledTimes(3));
    expect(lastImportOptions(api).mapping).toEqual({ id: 'id', text: 'body', title: 'headline', outlet: 'source' });
    fireEvent.change(screen.getByTestId('im-map-title'), { target: { value: '' } });
    await waitFor(() => expect(api.importFiles).toHaveBeenCalledTimes(4));
    expect(lastImportOptions(api).mapping).toEqual({ id: 'id', text: 'body', outlet: 'source' });
    api.startImport = vi.fn(async () => 'abcdef0123456789');
    api.importJob = vi.fn(async () => ({ id: 'abcdef0123456789', state: 'running' as const, processed: 0 }));
    await waitFor(() => expect((screen.getByTestId('im-import') as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByTestId('im-import'));
    await waitFor(() => expect(api.startImport).toHaveBeenCalled());
    expect(vi.mocked(api.startImport).mock.calls[0][0]).toEqual({
      paths: ['/data/articles.csv'],
      format: 'csv',
      offsets: 'codepoint',
      mapping: { id: 'id', text: 'body', outlet: 'source' },
    });
  });

  it('offers no mapping for a Frame Lens span CSV (a mapping would read it as a CSV of documents)', async () => {
    const api = createFakeApi();
    const headers = ['document_id', 'annotator', 'status', 'label', 'start', 'end', 'span_text', 'text'];
    api.importFiles = vi.fn(async () => report({ cleanup: [], csv: { headers, mapping: { text: 'text' } } }));
    renderView(api);
    fireEvent.change(screen.getByTestId('im-paths'), { target: { value: '/data/spans.csv' } });
    fireEvent.click(screen.getByTestId('im-preview-run'));
    await screen.findByTestId('im-span-csv');
    expect(screen.queryByTestId('im-mapping')).toBeNull();
  });
});

describe('import wizard: the import job', () => {
  const ID = '0123456789abcdef';

  it('is disabled until a preview of the current options exists', async () => {
    const api = createFakeApi();
    await previewTxt(api);
    expect((screen.getByTestId('im-import') as HTMLButtonElement).disabled).toBe(false);
    fireEvent.change(screen.getByTestId('im-paths'), { target: { value: '/data/other' } });
    expect(screen.getByTestId('im-stale')).toBeTruthy();
    expect((screen.getByTestId('im-import') as HTMLButtonElement).disabled).toBe(true);
  });

  it('starts with the previewed options, shows progress, cancels, and says nothing was changed', async () => {
    const api = createFakeApi();
    await previewTxt(api);
    fireEvent.click(screen.getByTestId('im-clean-boilerplate'));
    await waitFor(() => expect(api.importFiles).toHaveBeenCalledTimes(2));
    let status: ImportJobStatus = { id: ID, state: 'running', processed: 1 };
    api.startImport = vi.fn(async () => ID);
    api.importJob = vi.fn(async () => status);
    api.cancelImport = vi.fn(async () => {
      status = { id: ID, state: 'cancelled', processed: 1, error: '/data/raw: import cancelled; nothing was changed' };
      return status;
    });
    await waitFor(() => expect((screen.getByTestId('im-import') as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByTestId('im-import'));
    await waitFor(() => expect(api.startImport).toHaveBeenCalledTimes(1));
    const { dryRun: _d, verify: _v, ...previewed } = lastImportOptions(api);
    expect(vi.mocked(api.startImport).mock.calls[0][0]).toEqual(previewed);
    expect(previewed.clean).toEqual(CLEANUP_KINDS.filter((k) => k !== 'boilerplate'));
    await waitFor(() => expect(screen.getByTestId('im-processed').textContent).toBe('1 of 3 read'));
    expect(screen.getByTestId('im-progress').querySelector<HTMLElement>('.im-progress-fill')!.style.width).toBe('33%');
    expect(screen.getByTestId('im-clean-header').closest('fieldset')?.disabled).toBe(true);
    fireEvent.click(screen.getByTestId('im-cancel'));
    await waitFor(() => expect(api.cancelImport).toHaveBeenCalledWith(ID));
    expect((await screen.findByTestId('im-error')).textContent).toBe(
      'Cancelled: /data/raw: import cancelled; nothing was changed',
    );
    expect(screen.queryByTestId('im-cancel')).toBeNull();
  });

  it('polls every 250 ms until done, shows the report, and reloads the document list', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const api = createFakeApi();
      const store = await (async () => {
        api.importFiles = vi.fn(async () => report());
        const s = renderView(api);
        fireEvent.change(screen.getByTestId('im-paths'), { target: { value: '/data/raw' } });
        fireEvent.click(screen.getByTestId('im-preview-run'));
        await screen.findByTestId('im-preview');
        return s;
      })();
      const done = report({
        dryRun: false,
        records: 2,
        addedSpanLabels: ['Economic'],
        addedDocLabelGroups: ['stance'],
      });
      const statuses: ImportJobStatus[] = [
        { id: ID, state: 'running', processed: 0 },
        { id: ID, state: 'running', processed: 1 },
        { id: ID, state: 'done', processed: 2, report: done },
      ];
      api.startImport = vi.fn(async () => ID);
      api.importJob = vi.fn(async () => statuses.shift() ?? statuses[0]);
      const reload = vi.spyOn(store.getState(), 'reloadAll');
      fireEvent.click(screen.getByTestId('im-import'));
      await waitFor(() => expect(api.startImport).toHaveBeenCalled());
      expect(api.importJob).not.toHaveBeenCalled();
      await act(async () => {
        await vi.advanceTimersByTimeAsync(250);
      });
      expect(api.importJob).toHaveBeenCalledTimes(1);
      await act(async () => {
        await vi.advanceTimersByTimeAsync(500);
      });
      expect(api.importJob).toHaveBeenCalledTimes(3);
      const result = await screen.findByTestId('im-result');
      expect(result.textContent).toMatch(/2 new documents, 0 unchanged, 2 annotation records/);
      expect(screen.getByTestId('im-result-labels').textContent).toBe(
        'Added to the codebook: Economic, stance (document labels)',
      );
      expect(result.textContent).toContain('bus-story-copy (= bus-story)');
      expect(screen.getByTestId('im-result-warnings').textContent).toContain('16/01/20267');
      await act(async () => {
        await vi.advanceTimersByTimeAsync(1000);
      });
      expect(api.importJob).toHaveBeenCalledTimes(3);
      await waitFor(() => expect(reload).toHaveBeenCalledTimes(1));
      fireEvent.click(screen.getByTestId('im-again'));
      expect(screen.queryByTestId('im-result')).toBeNull();
      expect(screen.getByTestId('im-preview-run').textContent).toBe('Preview');
    } finally {
      vi.useRealTimers();
    }
  });

  it('files dropped while a poll is out clear the job for good: the late answer does not bring it back', async () => {
    const api = createFakeApi();
    api.importFiles = vi.fn(async () => report());
    const store = renderView(api);
    fireEvent.change(screen.getByTestId('im-paths'), { target: { value: '/data/raw' } });
    fireEvent.click(screen.getByTestId('im-preview-run'));
    await screen.findByTestId('im-preview');
    api.startImport = vi.fn(async () => ID);
    api.importJob = vi.fn(async () => ({ id: ID, state: 'running' as const, processed: 1 }));
    const held = holdNextAnswer(vi.mocked(api.importJob));
    fireEvent.click(screen.getByTestId('im-import'));
    await waitFor(() => expect(api.importJob).toHaveBeenCalledTimes(1));
    act(() => store.getState().setImportSource({ paths: ['/data/dropped.txt'], summary: '1 file' }));
    await waitFor(() => expect(screen.queryByTestId('im-cancel')).toBeNull());
    expect(held).toHaveLength(1);
    await act(async () => {
      for (const release of held) release();
      await new Promise((r) => setTimeout(r, 600));
    });
    expect(screen.queryByTestId('im-cancel')).toBeNull();
    expect(screen.queryByTestId('im-processed')).toBeNull();
    expect(api.importJob).toHaveBeenCalledTimes(1);
  });

  it('shows the error line of a failed import', async () => {
    const api = createFakeApi();
    await previewTxt(api);
    api.startImport = vi.fn(async () => ID);
    api.importJob = vi.fn(async () => ({
      id: ID,
      state: 'failed' as const,
      processed: 0,
      error: '/data/raw/x.txt: the file name gives document id "a b", which has a space',
    }));
    fireEvent.click(screen.getByTestId('im-import'));
    expect((await screen.findByTestId('im-error')).textContent).toMatch(/^Import failed: \/data\/raw\/x\.txt: /);
  });
});

describe('import wizard: what the preview asks the user to confirm', () => {
  it('shows a detected encoding with its sample line and imports only once the user confirms it', async () => {
    const api = createFakeApi();
    const detected = {
      path: '/data/fa.txt',
      encoding: 'windows-1256',
      how: 'detected (91%)',
      sample: 'اعتراضات در تهران',
      needsConfirmation: true,
    };
    api.importFiles = vi.fn(async (o: ImportOptions) =>
      report({
        files: [o.confirmedEncodings ? { ...detected, how: 'confirmed', needsConfirmation: undefined } : detected],
      }),
    );
    renderView(api);
    fireEvent.change(screen.getByTestId('im-paths'), { target: { value: '/data/fa.txt' } });
    fireEvent.click(screen.getByTestId('im-preview-run'));
    expect((await screen.findByTestId('im-encoding-sample')).textContent).toBe('اعتراضات در تهران');
    expect((screen.getByTestId('im-import') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('im-confirm-encoding'));
    await waitFor(() => expect(lastImportOptions(api).confirmedEncodings).toEqual({ '/data/fa.txt': 'windows-1256' }));
    await waitFor(() => expect((screen.getByTestId('im-import') as HTMLButtonElement).disabled).toBe(false));
  });

  it('lists what would be dropped, imports only when each kind is allowed, and shows the verify list', async () => {
    const api = createFakeApi();
    api.importFiles = vi.fn(async (o: ImportOptions) =>
      report({
        cleanup: [],
        dropped: [
          { kind: 'relations', count: 2, first: '/data/a.ann:3 R1', allowed: (o.drop ?? []).includes('relations') },
        ],
        verify: [{ document: 'a', annotator: 'al', problem: 'span 0-5 "X" ("Putin") comes back as 0-4' }],
      }),
    );
    renderView(api);
    fireEvent.change(screen.getByTestId('im-paths'), { target: { value: '/data/a.ann' } });
    fireEvent.click(screen.getByTestId('im-preview-run'));
    expect((await screen.findByTestId('im-dropped')).textContent).toMatch(
      /2 × relations Frame Lens cannot store .*\/data\/a\.ann:3 R1/,
    );
    expect(screen.getByTestId('im-verify-issue').textContent).toContain('comes back as 0-4');
    expect((screen.getByTestId('im-import') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('im-drop-relations'));
    await waitFor(() => expect(lastImportOptions(api).drop).toEqual(['relations']));
    await waitFor(() => expect((screen.getByTestId('im-import') as HTMLButtonElement).disabled).toBe(false));
  });
});

describe('import wizard: outlet, date and title', () => {
  it('shows the detected outlet with where it was read, asks for the one the text does not name, and imports the typed one', async () => {
    const api = createFakeApi();
    await previewTxt(api);
    const rows = screen.getAllByTestId('im-meta-row');
    expect(rows.map((r) => r.dataset.docId)).toEqual(['bus-story', 'tehran-news']);
    const outlet = (i: number) => within(rows[i]).getByTestId('im-meta-outlet') as HTMLInputElement;
    expect(outlet(0).value).toBe('Daily Planet');
    expect(within(rows[0]).getByTestId('im-meta-found-outlet').textContent).toBe(
      'from the dateline “SPRINGFIELD (Daily Planet) –”',
    );
    expect(outlet(1).value).toBe('');
    expect(rows[1].className).toMatch(/im-meta-missing/);
    expect(screen.getByTestId('im-meta-summary').textContent).toMatch(/1 document of 2 names no outlet/);
    fireEvent.change(outlet(1), { target: { value: '  Press TV ' } });
    expect(screen.getByTestId('im-meta-summary').textContent).toMatch(/Every document has an outlet/);
    // an edit does not make the preview stale
    expect(screen.queryByTestId('im-stale')).toBeNull();
    api.startImport = vi.fn(async () => 'job-meta');
    api.importJob = vi.fn(async () => ({ id: 'job-meta', state: 'running' as const, processed: 0 }));
    fireEvent.click(screen.getByTestId('im-import'));
    await waitFor(() => expect(api.startImport).toHaveBeenCalledTimes(1));
    expect(vi.mocked(api.startImport).mock.calls[0][0].meta).toEqual({
      'tehran-news': { published: '2026-01-16', author: 'M.U.H', outlet: 'Press TV' },
    });
  });

  it('refuses to import a date that is not YYYY-MM-DD, saying why', async () => {
    const api = createFakeApi();
    await previewTxt(api);
    const row = screen.getAllByTestId('im-meta-row')[0];
    fireEvent.change(within(row).getByTestId('im-meta-published'), { target: { value: '16/01/2026' } });
    expect(within(row).getByTestId('im-meta-problem').textContent).toMatch(/not a date written YYYY-MM-DD/);
    expect((screen.getByTestId('im-import') as HTMLButtonElement).disabled).toBe(true);
  });
});
