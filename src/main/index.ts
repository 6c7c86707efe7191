// Electron entry: one instance, sandbox everywhere, hardening before the first window, then backend, IPC, menu, window.
import { app, BrowserWindow, dialog, ipcMain, protocol, session } from 'electron';
import { RecentProjects } from '../backend/recent';
import { FrameLensService } from '../backend/service';
import { errorMessage } from './envelope';
import { registerApi } from './ipc';
import { installMenu } from './menu';
import { createAppOrigin } from './origin';
import { appPaths } from './paths';
import { projectArg, startFirst, startupCandidates, userArgs } from './project';
import { installAppProtocol, registerAppScheme } from './protocol';
import { installSecurity } from './security';
import { createSenderCheck } from './sender';
import { createMainWindow } from './window';

/** Open the command-line project, else the most recent, else the sample; an unopenable one is reported. */
async function startService(sampleDir: string, configDir: string): Promise<FrameLensService> {
  const cliDir = projectArg(userArgs(process.argv, app.isPackaged));
  const recent = cliDir ? [] : await new RecentProjects(configDir).list();
  const candidates = startupCandidates(cliDir, recent, sampleDir, process.cwd());
  return startFirst(
    candidates,
    (projectDir) =>
      FrameLensService.start({
        projectDir,
        configDir,
        // the build bundles the training thread beside this file (electron.vite.config.ts)
        trainWorker: { url: new URL('./trainWorker.js', import.meta.url), typescript: false },
      }),
    (dir, error) => dialog.showErrorBox('Frame Lens', `Could not open ${dir}: ${errorMessage(error)}`),
  );
}

/** Wire everything once Electron is ready; nothing renders before the hardening is installed. */
async function main(): Promise<void> {
  const paths = appPaths(app.getAppPath());
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
  const service = await startService(paths.sampleProject, app.getPath('userData'));
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
