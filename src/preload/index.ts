// Sandboxed preload (bundled to CommonJS): exposes exactly the API methods as `window.framelens`, nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { API_METHODS, type FrameLensApi, type IpcReply, ipcChannel } from '../core/api';

/** The main process's reply as a result, or a thrown Error carrying only the message. */
function unwrap(reply: IpcReply): unknown {
  if (reply.ok) return reply.result;
  throw new Error(reply.error);
}

/** One fixed function per method; the renderer never gets ipcRenderer or a generic invoke/send. */
function buildApi(): FrameLensApi {
  const api: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const method of API_METHODS) {
    const channel = ipcChannel(method);
    api[method] = async (...args) => unwrap((await ipcRenderer.invoke(channel, ...args)) as IpcReply);
  }
  return Object.freeze(api) as unknown as FrameLensApi;
}

contextBridge.exposeInMainWorld('framelens', buildApi());
