// Globals the renderer may find: the Electron preload exposes the API as `window.framelens`.
import type { FrameLensApi } from '../core/api';

declare global {
  interface Window {
    /** Set by the Electron preload (contextBridge); absent in browser mode. */
    framelens?: FrameLensApi;
  }
}
