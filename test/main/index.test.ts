import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { API_METHODS } from '../../src/core/api';
import type * as FakeModule from './fakeElectron';

vi.mock('electron', async () => {
  const fakes = await import('./fakeElectron');
  return { ...fakes.electron, fakes };
});
vi.mock('../../src/backend/service', () => ({
  FrameLensService: {
    start: vi.fn(async (options: unknown) => ({
      options,
      recentProjects: async () => [],
      openAtLaunch: vi.fn(async () => undefined),
    })),
  },
}));

const argv = process.argv;
let fake: typeof FakeModule;
const devUrl = process.env.ELECTRON_RENDERER_URL;

/** Import the entry afresh (it runs on import) with fresh fakes; resolves once the window exists. */
async function launch(opts: { args?: string[]; packaged?: boolean; lock?: boolean } = {}) {
  vi.resetModules();
  // The fakes the entry will see (a fresh set after resetModules).
  fake = ((await import('electron')) as unknown as { fakes: typeof FakeModule }).fakes;
  fake.resetFakes();
  const { FrameLensService } = await import('../../src/backend/service');
  fake.app.isPackaged = opts.packaged ?? false;
  fake.app.requestSingleInstanceLock.mockReturnValue(opts.lock ?? true);
  process.argv = opts.packaged
    ? ['/opt/framelens/framelens', ...(opts.args ?? [])]
    : ['/usr/bin/electron', '.', ...(opts.args ?? [])];
  await import('../../src/main/index');
  if (opts.lock !== false) await vi.waitFor(() => expect(fake.FakeBrowserWindow.all).toHaveLength(1));
  const start = vi.mocked(FrameLensService.start);
  const service = async () =>
    (await start.mock.results[0].value) as unknown as { openAtLaunch: ReturnType<typeof vi.fn> };
  return { start, service };
}

beforeEach(() => {
  delete process.env.ELECTRON_RENDERER_URL;
});

afterEach(() => {
  process.argv = argv;
  if (devUrl === undefined) delete process.env.ELECTRON_RENDERER_URL;
  else process.env.ELECTRON_RENDERER_URL = devUrl;
});

describe('app entry', () => {
  it('enables the sandbox before the app is ready', async () => {
    await launch();
    expect(fake.app.enableSandbox).toHaveBeenCalledTimes(1);
    expect(fake.app.enableSandbox.mock.invocationCallOrder[0]).toBeLessThan(
      fake.app.whenReady.mock.invocationCallOrder[0],
    );
  });

  it('registers app:// as a privileged standard, secure scheme before ready, and serves it before the window', async () => {
    await launch();
    expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(fake.protocol.registerSchemesAsPrivileged.mock.invocationCallOrder[0]).toBeLessThan(
      fake.app.whenReady.mock.invocationCallOrder[0],
    );
    expect(fake.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(fake.protocol.handle.mock.invocationCallOrder[0]).toBeLessThan(
      fake.FakeBrowserWindow.all[0].loadURL.mock.invocationCallOrder[0],
    );
  });

  it('quits without starting anything when another instance holds the lock', async () => {
    const { start } = await launch({ lock: false });
    expect(fake.app.quit).toHaveBeenCalled();
    await new Promise((r) => setTimeout(r, 10));
    expect(start).not.toHaveBeenCalled();
    expect(fake.FakeBrowserWindow.all).toHaveLength(0);
  });

  it('hardens the session, starts the backend with the sample and dialogs, registers IPC and the menu, opens the window', async () => {
    const { start, service } = await launch();
    expect(fake.fakeSession.permissionRequest).not.toBeNull();
    expect(fake.fakeSession.headersReceived).not.toBeNull();
    expect(start).toHaveBeenCalledWith({
      configDir: '/home/user/.config/framelens-userData',
      documentsDir: '/home/user/.config/framelens-documents',
      sampleDir: '/opt/framelens/annotations',
      dialogs: expect.objectContaining({ openFiles: expect.any(Function), saveFile: expect.any(Function) }),
      onProjectChange: expect.any(Function),
      trainWorker: { url: expect.any(URL), typescript: false },
    });
    // the bundled training thread, beside the main process's own file
    expect(start.mock.calls[0][0]).toMatchObject({
      trainWorker: { url: { pathname: expect.stringMatching(/\/trainWorker\.js$/) } },
    });
    expect((await service()).openAtLaunch).toHaveBeenCalledWith(null, expect.any(Function));
    expect(fake.ipcHandlers.size).toBe(API_METHODS.length);
    expect(fake.Menu.setApplicationMenu).toHaveBeenCalled();
    const win = fake.FakeBrowserWindow.all[0];
    expect(win.options.webPreferences?.preload).toBe('/opt/framelens/out/preload/index.cjs');
    expect(win.options.webPreferences?.sandbox).toBe(true);
    expect(win.loadURL).toHaveBeenCalledWith('app://framelens/index.html');
    expect(win.loadFile).not.toHaveBeenCalled();
    expect(win.webContents.windowOpenHandler).not.toBeNull();
  });

  it('opens the project named on the command line', async () => {
    const { service } = await launch({ args: ['--project', '/data/study'] });
    expect((await service()).openAtLaunch).toHaveBeenCalledWith('/data/study', expect.any(Function));
  });

  it('loads the dev server only when unpackaged', async () => {
    process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173';
    await launch();
    expect(fake.FakeBrowserWindow.all[0].loadURL).toHaveBeenCalledWith('http://localhost:5173/');
    await launch({ packaged: true });
    expect(fake.FakeBrowserWindow.all[0].loadURL).toHaveBeenCalledWith('app://framelens/index.html');
    expect(fake.FakeBrowserWindow.all[0].loadURL).toHaveBeenCalledTimes(1);
  });
});
