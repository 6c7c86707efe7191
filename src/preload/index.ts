// Sandboxed preload (bundled to CommonJS): exposes exactly the API methods as `window.framelens`, nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import type { FrameLensApi } from '../core/api';
import { API_METHODS, ipcChannel } from '../core/apiMethods';

/** The reply shape of src/main/ipc.ts (layering keeps preload from importing main; its tests pin both sides). */
type IpcEnvelope = { ok: true; result: unknown } | { ok: false; error: string };

/** Turn the main process's envelope back into a result or a thrown Error carrying only the message. */
export function unwrap(envelope: IpcEnvelope): unknown {
  if (envelope.ok) return envelope.result;
  throw new Error(envelope.error);
}

/** One fixed function per method; the renderer never gets ipcRenderer or a generic invoke/send. */
export function buildApi(): FrameLensApi {
  const api: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const method of API_METHODS) {
    const channel = ipcChannel(method);
    api[method] = async (...args) => unwrap((await ipcRenderer.invoke(channel, ...args)) as IpcEnvelope);
  }
  return Object.freeze(api) as unknown as FrameLensApi;
}

contextBridge.exposeInMainWorld('framelens', buildApi());
