// Which IPC senders are ours: the main frame of one of our windows, showing our renderer page.
import type { BrowserWindow, IpcMainInvokeEvent, WebFrameMain } from 'electron';
import type { AppOrigin } from './origin';

/** The predicate every IPC handler runs before touching the backend. */
export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

function isSameFrame(a: WebFrameMain, b: WebFrameMain): boolean {
  return a === b || (a.processId === b.processId && a.routingId === b.routingId);
}

/** Refuse calls from subframes, other windows' contents, or pages navigated away from our origin. */
export function createSenderCheck(origin: AppOrigin, windows: () => BrowserWindow[]): SenderCheck {
  return (event) => {
    try {
      const frame = event.senderFrame;
      if (!frame || frame.parent !== null) return false;
      const ours = windows().some(
        (win) =>
          !win.isDestroyed() && win.webContents.id === event.sender.id && isSameFrame(win.webContents.mainFrame, frame),
      );
      return ours && origin.isAppUrl(frame.url);
    } catch {
      // A frame that navigated or was destroyed mid-call throws on access: not trusted.
      return false;
    }
  };
}
