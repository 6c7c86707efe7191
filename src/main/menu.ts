// The application menu: File (open/new/recent/close project, quit), Edit (clipboard roles), View (dev tools when unpackaged).
import { type BrowserWindow, dialog, Menu, type MenuItemConstructorOptions, type OpenDialogOptions } from 'electron';
import type { FrameLensApi } from '../core/api';
import { errorMessage } from './envelope';

/** What the menu needs from the backend service (FrameLensService satisfies it). */
interface ProjectService extends Pick<FrameLensApi, 'closeProject' | 'recentProjects'> {
  switchProject(dir: string, create?: { name?: string }): Promise<void>;
}

/** The menu's collaborators, injected so tests can drive every item. */
export interface MenuDeps {
  service: ProjectService;
  getWindow(): BrowserWindow | null;
  isPackaged: boolean;
  platform?: NodeJS.Platform;
}

async function afterSwitch(deps: MenuDeps): Promise<void> {
  deps.getWindow()?.webContents.reload();
  await installMenu(deps);
}

async function attempt(what: string, action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    dialog.showErrorBox('Frame Lens', `${what}: ${errorMessage(error)}`);
  }
}

/** Open a project folder, then reload the page so the renderer starts from the new project. */
function openProjectDir(deps: MenuDeps, dir: string): Promise<void> {
  return attempt(`Could not open ${dir}`, async () => {
    await deps.service.switchProject(dir);
    await afterSwitch(deps);
  });
}

async function pickFolder(deps: MenuDeps, create: boolean): Promise<string | null> {
  const win = deps.getWindow();
  const options: OpenDialogOptions = create
    ? {
        title: 'New Project',
        message: 'Choose or create an empty folder for the new project',
        buttonLabel: 'Create Project',
        properties: ['openDirectory', 'createDirectory', 'promptToCreate'],
      }
    : { title: 'Open Project', buttonLabel: 'Open', properties: ['openDirectory'] };
  const picked = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return picked.canceled || picked.filePaths.length === 0 ? null : picked.filePaths[0];
}

/** File > Open Project…: pick a folder and switch to it. */
async function openProjectDialog(deps: MenuDeps): Promise<void> {
  const dir = await pickFolder(deps, false);
  if (dir) await openProjectDir(deps, dir);
}

/** File > New Project…: pick or create a folder, create the project there and switch to it. */
async function newProjectDialog(deps: MenuDeps): Promise<void> {
  const dir = await pickFolder(deps, true);
  if (!dir) return;
  await attempt(`Could not create a project in ${dir}`, async () => {
    await deps.service.switchProject(dir, {});
    await afterSwitch(deps);
  });
}

/** File > Close Project: back to the welcome screen. */
function closeProject(deps: MenuDeps): Promise<void> {
  return attempt('Could not close the project', async () => {
    await deps.service.closeProject();
    await afterSwitch(deps);
  });
}

async function recentItems(deps: MenuDeps): Promise<MenuItemConstructorOptions[]> {
  const recent = await deps.service.recentProjects().catch(() => [] as string[]);
  if (recent.length === 0) return [{ label: 'No Recent Projects', enabled: false }];
  return recent.map((dir) => ({ label: dir, click: () => void openProjectDir(deps, dir) }));
}

/** The template, separate from Menu.buildFromTemplate so tests can inspect and click it. */
export async function buildMenuTemplate(deps: MenuDeps): Promise<MenuItemConstructorOptions[]> {
  const mac = (deps.platform ?? process.platform) === 'darwin';
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'Open Project…', accelerator: 'CmdOrCtrl+O', click: () => void openProjectDialog(deps) },
      { label: 'New Project…', accelerator: 'CmdOrCtrl+Shift+N', click: () => void newProjectDialog(deps) },
      { label: 'Open Recent', submenu: await recentItems(deps) },
      { label: 'Close Project', click: () => void closeProject(deps) },
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };
  const devItems: MenuItemConstructorOptions[] = deps.isPackaged
    ? []
    : [{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }];
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      ...devItems,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { role: 'togglefullscreen' },
    ],
  };
  return [...(mac ? [{ role: 'appMenu' } as const] : []), file, edit, view];
}

/** (re)build the application menu, e.g. after the recent-project list changed. */
export async function installMenu(deps: MenuDeps): Promise<void> {
  Menu.setApplicationMenu(Menu.buildFromTemplate(await buildMenuTemplate(deps)));
}
