import type { MenuItemConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate, installMenu, type MenuDeps } from '../../src/main/menu';
import { dialog, FakeBrowserWindow, Menu, resetFakes } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).electron);

let win: FakeBrowserWindow;
let deps: MenuDeps;
let recent: string[];
const service = {
  switchProject: vi.fn(async (_dir: string) => undefined),
  closeProject: vi.fn(async () => null),
  recentProjects: vi.fn(async () => recent),
};

beforeEach(() => {
  resetFakes();
  recent = ['/home/user/projects/a', '/home/user/projects/b'];
  win = new FakeBrowserWindow({});
  deps = { service, getWindow: () => win as never, isPackaged: false, platform: 'linux' };
});

function submenu(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  const item = template.find((i) => i.label === label);
  if (!item) throw new Error(`no ${label} menu`);
  return item.submenu as MenuItemConstructorOptions[];
}

function item(items: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions {
  const found = items.find((i) => i.label === label);
  if (!found) throw new Error(`no ${label} item`);
  return found;
}

async function click(items: MenuItemConstructorOptions[], label: string): Promise<void> {
  (item(items, label).click as () => void)();
  await vi.waitFor(() => expect(Menu.setApplicationMenu).toHaveBeenCalled());
}

describe('File menu', () => {
  it('has Open Project…, New Project…, Open Recent, Close Project and Quit', async () => {
    const file = submenu(await buildMenuTemplate(deps), 'File');
    expect(file.map((i) => i.label ?? i.role ?? i.type)).toEqual([
      'Open Project…',
      'New Project…',
      'Open Recent',
      'Close Project',
      'separator',
      'quit',
    ]);
  });

  it('lists recent projects, and opening one switches the service and reloads the window', async () => {
    const recentItems = submenu(submenu(await buildMenuTemplate(deps), 'File'), 'Open Recent');
    expect(recentItems.map((i) => i.label)).toEqual(recent);
    await click(recentItems, '/home/user/projects/b');
    expect(service.switchProject).toHaveBeenCalledWith('/home/user/projects/b');
    expect(win.webContents.reload).toHaveBeenCalledTimes(1);
  });

  it('shows a disabled placeholder when there are no recent projects', async () => {
    recent = [];
    const recentItems = submenu(submenu(await buildMenuTemplate(deps), 'File'), 'Open Recent');
    expect(recentItems).toEqual([{ label: 'No Recent Projects', enabled: false }]);
  });

  it('Open Project… asks for a folder, switches to it and reloads', async () => {
    dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: ['/data/new-study'] });
    await click(submenu(await buildMenuTemplate(deps), 'File'), 'Open Project…');
    expect(dialog.showOpenDialog.mock.calls[0][1].properties).toEqual(['openDirectory']);
    expect(service.switchProject).toHaveBeenCalledWith('/data/new-study');
    expect(win.webContents.reload).toHaveBeenCalledTimes(1);
  });

  it('Open Project… does nothing when cancelled', async () => {
    dialog.showOpenDialog.mockResolvedValue({ canceled: true, filePaths: [] });
    const file = submenu(await buildMenuTemplate(deps), 'File');
    (item(file, 'Open Project…').click as () => void)();
    await vi.waitFor(() => expect(dialog.showOpenDialog).toHaveBeenCalled());
    await new Promise((r) => setTimeout(r, 10));
    expect(service.switchProject).not.toHaveBeenCalled();
    expect(win.webContents.reload).not.toHaveBeenCalled();
  });

  it('New Project… lets the user create a folder, creates the project there and reloads', async () => {
    dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: ['/data/fresh'] });
    await click(submenu(await buildMenuTemplate(deps), 'File'), 'New Project…');
    expect(dialog.showOpenDialog.mock.calls[0][1].properties).toContain('createDirectory');
    expect(service.switchProject).toHaveBeenCalledWith('/data/fresh', {});
    expect(win.webContents.reload).toHaveBeenCalledTimes(1);
  });

  it('Close Project closes it and reloads into the welcome screen', async () => {
    await click(submenu(await buildMenuTemplate(deps), 'File'), 'Close Project');
    await vi.waitFor(() => expect(win.webContents.reload).toHaveBeenCalledTimes(1));
    expect(service.closeProject).toHaveBeenCalledTimes(1);
  });

  it('reports a project that cannot be opened, without reloading', async () => {
    service.switchProject.mockRejectedValueOnce(new Error('not a Frame Lens project'));
    const recentItems = submenu(submenu(await buildMenuTemplate(deps), 'File'), 'Open Recent');
    (item(recentItems, '/home/user/projects/a').click as () => void)();
    await vi.waitFor(() => expect(dialog.showErrorBox).toHaveBeenCalled());
    expect(dialog.showErrorBox.mock.calls[0][1]).toContain('not a Frame Lens project');
    expect(win.webContents.reload).not.toHaveBeenCalled();
  });
});

describe('Edit and View menus', () => {
  it('Edit has the clipboard and undo roles', async () => {
    const edit = submenu(await buildMenuTemplate(deps), 'Edit');
    const roles = edit.map((i) => i.role).filter(Boolean);
    expect(roles).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
  });

  it('View offers reload and dev tools only when unpackaged', async () => {
    const dev = submenu(await buildMenuTemplate(deps), 'View').map((i) => i.role);
    expect(dev).toContain('toggleDevTools');
    expect(dev).toContain('reload');
    const packaged = submenu(await buildMenuTemplate({ ...deps, isPackaged: true }), 'View').map((i) => i.role);
    expect(packaged).not.toContain('toggleDevTools');
    expect(packaged).not.toContain('reload');
  });

  it('installMenu sets the built menu as the application menu', async () => {
    await installMenu(deps);
    expect(Menu.buildFromTemplate).toHaveBeenCalledTimes(1);
    expect(Menu.setApplicationMenu).toHaveBeenCalledWith(Menu.buildFromTemplate.mock.results[0].value);
  });
});
