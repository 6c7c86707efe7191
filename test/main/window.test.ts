import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppOrigin } from '../../src/main/origin';
import { createMainWindow } from '../../src/main/window';
import { type FakeBrowserWindow, resetFakes } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).electron);

const INDEX = '/opt/framelens/out/renderer/index.html';
const PRELOAD = '/opt/framelens/out/preload/index.cjs';

beforeEach(resetFakes);

describe('main window', () => {
  it('is created with every security flag set explicitly', () => {
    const win = createMainWindow(PRELOAD, createAppOrigin(INDEX)) as unknown as FakeBrowserWindow;
    expect(win.options.webPreferences).toEqual({
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: true,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(win.options.show).toBe(false);
  });

  it('loads the built renderer from app://framelens when there is no dev server, never a file: URL', () => {
    const win = createMainWindow(PRELOAD, createAppOrigin(INDEX)) as unknown as FakeBrowserWindow;
    expect(win.loadURL).toHaveBeenCalledWith('app://framelens/index.html');
    expect(win.loadFile).not.toHaveBeenCalled();
  });

  it('loads the dev server URL in development', () => {
    const origin = createAppOrigin(INDEX, 'http://localhost:5173/');
    const win = createMainWindow(PRELOAD, origin) as unknown as FakeBrowserWindow;
    expect(win.loadURL).toHaveBeenCalledWith('http://localhost:5173/');
    expect(win.loadFile).not.toHaveBeenCalled();
  });

  it('ignores a dev URL that is not http(s)', () => {
    const origin = createAppOrigin(INDEX, 'file:///etc/passwd');
    const win = createMainWindow(PRELOAD, origin) as unknown as FakeBrowserWindow;
    expect(win.loadURL).toHaveBeenCalledWith('app://framelens/index.html');
    expect(win.loadURL).toHaveBeenCalledTimes(1);
    expect(win.loadFile).not.toHaveBeenCalled();
  });

  it('shows only once ready to show', () => {
    const win = createMainWindow(PRELOAD, createAppOrigin(INDEX)) as unknown as FakeBrowserWindow;
    expect(win.show).not.toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalledTimes(1);
  });
});
