import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { API_METHODS, type FrameLensApi, ipcChannel } from '../../src/core/api';
import { REFUSED, registerApi } from '../../src/main/ipc';
import { createAppOrigin } from '../../src/main/origin';
import { createSenderCheck } from '../../src/main/sender';
import { FakeBrowserWindow, type FakeFrame, ipcHandlers, ipcMain, makeFrame, resetFakes } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).electron);

const INDEX = '/opt/framelens/out/renderer/index.html';
const APP_URL = 'app://framelens/index.html';

function fakeApi(): FrameLensApi {
  const api = Object.fromEntries(API_METHODS.map((m) => [m, vi.fn(async () => `${m} result`)]));
  return api as unknown as FrameLensApi;
}

let api: FrameLensApi;
let win: FakeBrowserWindow;

beforeEach(async () => {
  resetFakes();
  api = fakeApi();
  win = new FakeBrowserWindow({});
  await win.loadURL('app://framelens/index.html');
  const check = createSenderCheck(createAppOrigin(INDEX), () => FakeBrowserWindow.getAllWindows() as never);
  registerApi(ipcMain as never, () => api, check);
});

afterEach(() => {
  vi.restoreAllMocks();
});

function call(
  method: string,
  args: unknown[],
  frame: FakeFrame | null = win.webContents.mainFrame,
  sender = win.webContents,
) {
  const handler = ipcHandlers.get(ipcChannel(method as never));
  if (!handler) throw new Error(`no handler for ${method}`);
  return handler({ sender, senderFrame: frame }, ...args);
}

describe('registerApi', () => {
  it('registers one handler per API method and nothing else', () => {
    expect([...ipcHandlers.keys()].sort()).toEqual(API_METHODS.map(ipcChannel).sort());
    expect(ipcMain.handle).toHaveBeenCalledTimes(API_METHODS.length);
  });
});

describe('untrusted senders are refused before anything runs', () => {
  it('refuses a frame showing a foreign URL', async () => {
    win.webContents.mainFrame.url = 'https://evil.example/';
    expect(await call('stats', [])).toEqual({ ok: false, error: REFUSED });
  });

  it('refuses another file in our own window', async () => {
    win.webContents.mainFrame.url = 'file:///home/user/Downloads/article.html';
    expect(await call('stats', [])).toEqual({ ok: false, error: REFUSED });
  });

  it('refuses our own renderer file loaded as a file: URL (only app://framelens is trusted)', async () => {
    win.webContents.mainFrame.url = 'file:///opt/framelens/out/renderer/index.html';
    expect(await call('stats', [])).toEqual({ ok: false, error: REFUSED });
  });

  it('refuses another page of our own scheme', async () => {
    win.webContents.mainFrame.url = 'app://framelens/assets/evil.html';
    expect(await call('stats', [])).toEqual({ ok: false, error: REFUSED });
  });

  it('refuses a subframe even at our URL', async () => {
    const sub = makeFrame(APP_URL, win.webContents.mainFrame);
    expect(await call('getProject', [], sub)).toEqual({ ok: false, error: REFUSED });
  });

  it('refuses a missing (destroyed) frame', async () => {
    expect(await call('getProject', [], null)).toEqual({ ok: false, error: REFUSED });
  });

  it('refuses a frame whose properties throw (disposed mid-call)', async () => {
    const frame = {
      get url(): string {
        throw new Error('Render frame was disposed');
      },
      parent: null,
      processId: win.webContents.mainFrame.processId,
      routingId: win.webContents.mainFrame.routingId,
    };
    expect(await call('getProject', [], frame)).toEqual({ ok: false, error: REFUSED });
  });

  it('refuses a main frame that belongs to no window of ours', async () => {
    const stranger = makeFrame(APP_URL);
    expect(await call('getProject', [], stranger)).toEqual({ ok: false, error: REFUSED });
  });

  it('refuses a destroyed window', async () => {
    win.destroyed = true;
    expect(await call('getProject', [])).toEqual({ ok: false, error: REFUSED });
  });

  it('never calls the backend for a refused sender', async () => {
    win.webContents.mainFrame.url = 'https://evil.example/';
    await call('openProject', ['/tmp/x']);
    expect(api.openProject).not.toHaveBeenCalled();
  });
});

describe('trusted sender', () => {
  it('gets the backend result in an ok envelope', async () => {
    expect(await call('getDocument', ['doc-1'])).toEqual({ ok: true, result: 'getDocument result' });
    expect(api.getDocument).toHaveBeenCalledWith('doc-1');
  });

  it('is trusted with a hash route on our page', async () => {
    win.webContents.mainFrame.url = `${APP_URL}#/documents/doc-1`;
    expect(await call('stats', [])).toEqual({ ok: true, result: 'stats result' });
  });

  it('gets an error envelope for invalid arguments, and the backend is not called', async () => {
    const reply = await call('getDocument', [42]);
    expect(reply.ok).toBe(false);
    expect(reply.error).toMatch(/^getDocument: /);
    expect(api.getDocument).not.toHaveBeenCalled();
  });

  it('gets an error envelope for too many arguments', async () => {
    const reply = await call('stats', ['extra']);
    expect(reply.ok).toBe(false);
    expect(api.stats).not.toHaveBeenCalled();
  });

  it('gets only the message of a backend failure, never its stack', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.mocked(api.stats).mockRejectedValueOnce(new Error('disk full'));
    const reply = await call('stats', []);
    expect(reply).toEqual({ ok: false, error: 'disk full' });
    expect(JSON.stringify(reply)).not.toContain('at ');
  });
});
