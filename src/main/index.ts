// Electron entry: one instance, sandbox everywhere, hardening before the first window, then backend, IPC, menu, window.

import { resolve } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol, session } from 'electron';
import { type Dialogs, FrameLensService } from '../backend/service';
import { createDialogs } from './dialogs';
import { errorMessage } from './envelope';
import { registerApi } from './ipc';
import { installMenu } from './menu';
import { createAppOrigin } from './origin';
import { appPaths } from './paths';
import { projectArg, userArgs } from './project';
import { installAppProtocol, registerAppScheme } from './protocol';
import { installSecurity } from './security';
import { createSenderCheck } from './sender';
import { createMainWindow } from './window';

/**
 * Open the command-line project, else the most recent, else (first run) the user's copy of the sample;
 * one that cannot be opened is reported and the welcome screen shows.
 */
async function startService(
  sampleDir: string,
  dialogs: Dialogs,
  onProjectChange: () => void,
): Promise<FrameLensService> {
  const cliDir = projectArg(userArgs(process.argv, app.isPackaged));
  const service = await FrameLensService.start({
    configDir: app.getPath('userData'),
    documentsDir: app.getPath('documents'),
    sampleDir,
    dialogs,
    onProjectChange,
    // the build bundles the training thread beside this file (electron.vite.config.ts)
    trainWorker: { url: new URL('./trainWorker.js', import.meta.url), typescript: false },
  });
  await service.openAtLaunch(cliDir ? resolve(process.cwd(), cliDir) : null, (dir, error) =>
    dialog.showErrorBox('Frame Lens', `Could not open ${dir}: ${errorMessage(error)}`),
  );
  return service;
}

/** Wire everything once Electron is ready; nothing renders before the hardening is installed. */
async function main(): Promise<void> {
  const paths = appPaths(app.getAppPath(), app.isPackaged ? process.resourcesPath : undefined);
  // Only an unpackaged app honours the dev-server URL: an environment variable must not change what is trusted.
  const origin = createAppOrigin(paths.rendererIndex, app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL);
  let win: BrowserWindow | null = null;
  const openWindow = () => {
    win = createMainWindow(paths.preload, origin);
    win.on('closed', () => {
      win = null;
    });
  };

  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  await app.whenReady();
  installSecurity(app, session.defaultSession, origin);
  installAppProtocol(protocol, origin.rendererRoot);
  // The menu's recent list follows switches the renderer makes (welcome screen, Open…).
  let refreshMenu = () => {};
  const service = await startService(
    paths.sampleProject,
    createDialogs(() => win),
    () => refreshMenu(),
  );
  refreshMenu = () => void installMenu({ service, getWindow: () => win, isPackaged: app.isPackaged });
  registerApi(
    ipcMain,
    () => service,
    createSenderCheck(origin, () => BrowserWindow.getAllWindows()),
  );
  await installMenu({ service, getWindow: () => win, isPackaged: app.isPackaged });
  openWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
}

app.enableSandbox();
// app:// must be registered as privileged before ready; it is handled (out/renderer only) once ready.
registerAppScheme(protocol);
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  main().catch((error) => {
    console.error('framelens: failed to start', error);
    dialog.showErrorBox('Frame Lens', `Frame Lens could not start: ${errorMessage(error)}`);
    app.exit(1);
  });
}
