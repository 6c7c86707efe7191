// A fake `electron` module for the main-process and preload tests (the Electron binary is not needed).
// Use: vi.mock('electron', async () => (await import('./fakeElectron')).electron)
import { EventEmitter } from 'node:events';
import type { BrowserWindowConstructorOptions } from 'electron';
import { vi } from 'vitest';

// biome-ignore lint/suspicious/noExplicitAny: a fake accepts and returns whatever Electron would pass.
type Handler = (...args: any[]) => any;

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
  processId: number;
  routingId: number;
}

let nextId = 1;

/** A frame; pass `parent` for a subframe. */
export function makeFrame(url: string, parent: FakeFrame | null = null): FakeFrame {
  const id = nextId++;
  return { url, parent, processId: 100 + id, routingId: id };
}

export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  mainFrame: FakeFrame = makeFrame('about:blank');
  windowOpenHandler: Handler | null = null;
  reload = vi.fn();
  setWindowOpenHandler(handler: Handler): void {
    this.windowOpenHandler = handler;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static all: FakeBrowserWindow[] = [];
  static getAllWindows(): FakeBrowserWindow[] {
    return [...FakeBrowserWindow.all];
  }
  readonly webContents = new FakeWebContents();
  destroyed = false;
  loadURL = vi.fn(async (url: string) => {
    this.webContents.mainFrame = makeFrame(url);
  });
  loadFile = vi.fn(async (file: string) => {
    this.webContents.mainFrame = makeFrame(`file://${file}`);
  });
  show = vi.fn();
  focus = vi.fn();
  restore = vi.fn();
  isMinimized = vi.fn(() => false);
  isDestroyed = () => this.destroyed;
  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    FakeBrowserWindow.all.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
}

export const ipcHandlers = new Map<string, Handler>();

export const ipcMain = {
  handle: vi.fn((channel: string, handler: Handler) => {
    if (ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`);
    ipcHandlers.set(channel, handler);
  }),
  removeHandler: vi.fn((channel: string) => {
    ipcHandlers.delete(channel);
  }),
};

export const fakeSession = {
  permissionRequest: null as Handler | null,
  permissionCheck: null as Handler | null,
  devicePermission: null as Handler | null,
  headersReceived: null as Handler | null,
  setPermissionRequestHandler: vi.fn((h: Handler) => {
    fakeSession.permissionRequest = h;
  }),
  setPermissionCheckHandler: vi.fn((h: Handler) => {
    fakeSession.permissionCheck = h;
  }),
  setDevicePermissionHandler: vi.fn((h: Handler) => {
    fakeSession.devicePermission = h;
  }),
  webRequest: {
    onHeadersReceived: vi.fn((h: Handler) => {
      fakeSession.headersReceived = h;
    }),
  },
};

/** Registered privileged schemes and protocol handlers (scheme → handler). */
export const protocolHandlers = new Map<string, Handler>();

export const protocol = {
  registerSchemesAsPrivileged: vi.fn((_schemes: unknown[]) => undefined),
  handle: vi.fn((scheme: string, handler: Handler) => {
    if (protocolHandlers.has(scheme)) throw new Error(`second handler for ${scheme}`);
    protocolHandlers.set(scheme, handler);
  }),
};

class FakeApp extends EventEmitter {
  isPackaged = false;
  enableSandbox = vi.fn();
  requestSingleInstanceLock = vi.fn(() => true);
  whenReady = vi.fn(async () => undefined);
  getAppPath = vi.fn(() => '/opt/framelens');
  getPath = vi.fn((name: string) => `/home/user/.config/framelens-${name}`);
  quit = vi.fn();
  exit = vi.fn();
}

export const app = new FakeApp();
export const shell = { openExternal: vi.fn(async (_url: string) => undefined) };
export const dialog = { showOpenDialog: vi.fn(), showSaveDialog: vi.fn(), showErrorBox: vi.fn() };
export const Menu = {
  buildFromTemplate: vi.fn((template: unknown[]) => ({ template })),
  setApplicationMenu: vi.fn(),
};
export const contextBridge = { exposeInMainWorld: vi.fn() };
export const ipcRenderer = { invoke: vi.fn() };

/** Forget everything recorded so far (call in beforeEach). */
export function resetFakes(): void {
  vi.clearAllMocks();
  ipcHandlers.clear();
  protocolHandlers.clear();
  FakeBrowserWindow.all = [];
  app.removeAllListeners();
  app.isPackaged = false;
  fakeSession.permissionRequest = null;
  fakeSession.permissionCheck = null;
  fakeSession.devicePermission = null;
  fakeSession.headersReceived = null;
}

/** The module object vi.mock('electron') returns. */
export const electron = {
  app,
  BrowserWindow: FakeBrowserWindow,
  ipcMain,
  protocol,
  session: { defaultSession: fakeSession },
  shell,
  dialog,
  Menu,
  contextBridge,
  ipcRenderer,
};
