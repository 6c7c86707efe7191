// The codebook editor's .qdc exchange against the fake API: in the browser a file input uploads the .qdc and
// export is a download; in the app the open and save dialogs give a grant; a typed path still works.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ExportOptions, ImportOptions } from '../../../src/core/formats/options';
import { QdcExchange } from '../../../src/renderer/codebook/QdcExchange';
import { StoreContext } from '../../../src/renderer/state/context';
import { createAppStore } from '../../../src/renderer/state/store';
import { createFakeApi, type FakeApi } from '../fakeApi';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const GRANT = 'a'.repeat(32);
const UPLOAD = 'b'.repeat(32);
const QDC = '<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>';

function qdcApi(dialogs: boolean): FakeApi {
  const api = createFakeApi();
  const session = api.session;
  api.session = vi.fn(async () => ({ ...(await session()), dialogs }));
  api.importFiles = vi.fn(async (o: ImportOptions) => ({
    ...({} as Awaited<ReturnType<FakeApi['importFiles']>>),
    format: o.format,
    addedSpanLabels: ['Conflict', 'Blame'],
  }));
  api.exportProject = vi.fn(async (o: ExportOptions) =>
    o.download
      ? { out: 'study.qdc', download: { id: 'd1', name: 'study.qdc', size: 3 }, lines: 0, bytes: 3 }
      : {
          out: o.out ?? '/picked/study.qdc',
          lines: 0,
          bytes: 3,
          loses: ['documents (a codebook holds codes only): 2'],
        },
  );
  api.beginUpload = vi.fn(async () => UPLOAD);
  api.uploadChunk = vi.fn(async () => QDC.length);
  api.readDownload = vi.fn(async () => ({ name: 'study.qdc', size: 3, data: btoa('<x>'), next: null }));
  api.pickImport = vi.fn(async () => ({ grant: GRANT, paths: ['/home/me/codes.qdc'] }));
  api.pickExport = vi.fn(async () => ({ grant: GRANT, path: '/home/me/study.qdc' }));
  return api;
}

async function renderIt(api: FakeApi) {
  const store = createAppStore(api);
  await store.getState().init();
  render(
    <StoreContext.Provider value={store}>
      <QdcExchange />
    </StoreContext.Provider>,
  );
}

describe('the .qdc exchange of the codebook editor', () => {
  it('in the browser: uploads the chosen file, imports it as a .qdc, and exports by download', async () => {
    const api = qdcApi(false);
    const saved = vi.spyOn(URL, 'createObjectURL').mockImplementation(() => 'blob:x');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    await renderIt(api);
    const file = new File([QDC], 'codes.qdc', { type: 'application/xml' });
    fireEvent.change(screen.getByTestId('cb-qdc-file'), { target: { files: [file] } });
    expect((await screen.findByTestId('cb-qdc-result')).textContent).toBe('Added 2 label(s): Conflict, Blame');
    expect(api.beginUpload).toHaveBeenCalledWith([{ name: 'codes.qdc', size: QDC.length }]);
    expect(api.importFiles).toHaveBeenCalledWith({ paths: ['codes.qdc'], upload: UPLOAD, format: 'qdc' });

    fireEvent.click(screen.getByTestId('cb-qdc-save'));
    await screen.findByText('Downloaded study.qdc');
    expect(api.exportProject).toHaveBeenCalledWith({ format: 'qdc', download: true });
    expect(api.readDownload).toHaveBeenCalledWith('d1', 0);
    expect(saved).toHaveBeenCalledTimes(1);
    expect(api.pickImport).not.toHaveBeenCalled();
  });

  it('in the app: the open and save dialogs give the grant the import and export use', async () => {
    const api = qdcApi(true);
    await renderIt(api);
    expect(screen.getByTestId('cb-qdc-save').textContent).toBe('Export as .qdc…');
    fireEvent.click(screen.getByTestId('cb-qdc-choose'));
    expect((await screen.findByTestId('cb-qdc-result')).textContent).toBe('Added 2 label(s): Conflict, Blame');
    expect(api.importFiles).toHaveBeenCalledWith({ paths: ['/home/me/codes.qdc'], grant: GRANT, format: 'qdc' });
    fireEvent.click(screen.getByTestId('cb-qdc-save'));
    await screen.findByText(/^Wrote \/picked\/study\.qdc \(not carried: documents/);
    expect(api.exportProject).toHaveBeenCalledWith({ grant: GRANT, format: 'qdc' });
    expect(api.beginUpload).not.toHaveBeenCalled();
  });

  it('a typed path is imported or written as typed; none typed is one line', async () => {
    const api = qdcApi(false);
    await renderIt(api);
    fireEvent.click(screen.getByTestId('cb-qdc-import'));
    expect((await screen.findByTestId('cb-qdc-result')).textContent).toBe('Type the path of the .qdc file first.');
    fireEvent.change(screen.getByTestId('cb-qdc-path'), { target: { value: ' /data/out.qdc ' } });
    fireEvent.click(screen.getByTestId('cb-qdc-export'));
    await screen.findByText(/^Wrote \/data\/out\.qdc/);
    expect(api.exportProject).toHaveBeenCalledWith({ out: '/data/out.qdc', format: 'qdc' });
  });
});
