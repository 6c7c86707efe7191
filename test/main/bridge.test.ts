// Preload and main together: window.framelens → ipcRenderer.invoke → ipcMain handler → dispatch → API.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { API_METHODS, type FrameLensApi } from '../../src/core/api';
import { registerApi } from '../../src/main/ipc';
import { createAppOrigin } from '../../src/main/origin';
import { createSenderCheck } from '../../src/main/sender';
import { contextBridge, FakeBrowserWindow, ipcHandlers, ipcMain, ipcRenderer, resetFakes } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).electron);

const INDEX = '/opt/framelens/out/renderer/index.html';
type Exposed = Record<string, (...args: unknown[]) => Promise<unknown>>;
let bridge: Exposed;
let win: FakeBrowserWindow;
const api = Object.fromEntries(API_METHODS.map((m) => [m, vi.fn(async (...args: unknown[]) => ({ m, args }))]));

beforeAll(async () => {
  resetFakes();
  win = new FakeBrowserWindow({});
  await win.loadURL('app://framelens/index.html');
  const check = createSenderCheck(createAppOrigin(INDEX), () => FakeBrowserWindow.getAllWindows() as never);
  registerApi(ipcMain as never, () => api as unknown as FrameLensApi, check);
  ipcRenderer.invoke.mockImplementation(async (channel: string, ...args: unknown[]) => {
    // Electron serializes arguments and replies (structured clone); do the same.
    const handler = ipcHandlers.get(channel);
    const reply = await handler?.(
      { sender: win.webContents, senderFrame: win.webContents.mainFrame },
      ...structuredClone(args),
    );
    return structuredClone(reply);
  });
  await import('../../src/preload/index');
  bridge = contextBridge.exposeInMainWorld.mock.calls[0][1] as Exposed;
});

describe('bridge', () => {
  it('delivers a valid call to the API and its result back', async () => {
    await expect(bridge.listAnnotations('doc-1')).resolves.toEqual({ m: 'listAnnotations', args: ['doc-1'] });
  });

  it('rejects invalid arguments with the validation message as an Error', async () => {
    const error = await bridge.getAnnotations('doc-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^getAnnotations: /);
    expect(api.getAnnotations).not.toHaveBeenCalled();
  });

  it('rejects every call once the window shows a foreign page', async () => {
    win.webContents.mainFrame.url = 'https://evil.example/';
    await expect(bridge.stats()).rejects.toThrow('refused: untrusted sender');
    expect(api.stats).not.toHaveBeenCalled();
  });
});
