import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { API_METHODS, ipcChannel } from '../../src/core/api';
import { contextBridge, ipcRenderer } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).electron);

type Exposed = Record<string, (...args: unknown[]) => Promise<unknown>>;
let exposed: Exposed;

beforeAll(async () => {
  await import('../../src/preload/index');
  expect(contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  exposed = contextBridge.exposeInMainWorld.mock.calls[0][1] as Exposed;
});

beforeEach(() => {
  ipcRenderer.invoke.mockReset();
});

describe('preload', () => {
  it("exposes exactly the API methods under 'framelens', and nothing else", () => {
    expect(contextBridge.exposeInMainWorld.mock.calls[0][0]).toBe('framelens');
    expect(Object.keys(exposed).sort()).toEqual([...API_METHODS].sort());
    for (const method of API_METHODS) expect(typeof exposed[method]).toBe('function');
    expect(Object.isFrozen(exposed)).toBe(true);
  });

  it('sends each method on its own channel with its arguments', async () => {
    ipcRenderer.invoke.mockResolvedValue({ ok: true, result: null });
    for (const method of API_METHODS) {
      await exposed[method]('a', 2);
      expect(ipcRenderer.invoke).toHaveBeenLastCalledWith(ipcChannel(method), 'a', 2);
    }
  });

  it('unwraps an ok envelope into the result', async () => {
    ipcRenderer.invoke.mockResolvedValue({ ok: true, result: { documents: 3 } });
    await expect(exposed.stats()).resolves.toEqual({ documents: 3 });
  });

  it('turns an error envelope into a thrown Error with the message', async () => {
    ipcRenderer.invoke.mockResolvedValue({ ok: false, error: 'refused: untrusted sender' });
    const error = await exposed.getProject().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe('refused: untrusted sender');
  });
});
