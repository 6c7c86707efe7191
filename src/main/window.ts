// The app window: sandboxed, context-isolated renderer with our preload and nothing else.
import { BrowserWindow } from 'electron';
import type { AppOrigin } from './origin';

/** Load the dev server in development (electron-vite sets ELECTRON_RENDERER_URL), else app://framelens/index.html. */
async function loadApp(win: BrowserWindow, origin: AppOrigin): Promise<void> {
  await win.loadURL(origin.pageUrl);
}

/** Create the main window hidden and show it once painted, to avoid a white flash. */
export function createMainWindow(preload: string, origin: AppOrigin): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Frame Lens',
    // Every security-relevant preference spelled out (and literal, so electronegativity can see it), so a changed
    // Electron default cannot loosen them.
    webPreferences: {
      preload,
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
      // Middle-click opens links through setWindowOpenHandler (denied) anyway; this removes the auxclick event too.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.once('ready-to-show', () => win.show());
  loadApp(win, origin).catch((error) => console.error('framelens: could not load the app page', error));
  return win;
}
