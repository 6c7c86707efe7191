// The IPC transport of the API: one `ipcMain.handle` per method, sender-checked, validated by dispatch().
import type { IpcMain } from 'electron';
import { BadRequestError, dispatch } from '../backend/dispatch';
import { API_METHODS, type FrameLensApi, type IpcReply, ipcChannel } from '../core/api';
import { errorMessage } from './envelope';
import type { SenderCheck } from './sender';

/** The message a refused sender gets; tests and the renderer can recognise it. */
export const REFUSED = 'refused: untrusted sender';

/** Register exactly one handler per API method, each checking the sender before validation and the call. */
export function registerApi(ipcMain: IpcMain, getApi: () => FrameLensApi, isTrustedSender: SenderCheck): void {
  for (const method of API_METHODS) {
    ipcMain.handle(ipcChannel(method), async (event, ...args: unknown[]): Promise<IpcReply> => {
      if (!isTrustedSender(event)) return { ok: false, error: REFUSED };
      try {
        return { ok: true, result: await dispatch(getApi(), method, args) };
      } catch (error) {
        if (!(error instanceof BadRequestError)) console.error(`framelens: ${method} failed`, error);
        return { ok: false, error: errorMessage(error) };
      }
    });
  }
}
