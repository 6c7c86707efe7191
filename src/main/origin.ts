// The app's own origin: the built renderer served on app://framelens, or the electron-vite dev server in development.
import { dirname } from 'node:path';
import { APP_HOST, APP_INDEX_URL, APP_SCHEME } from './protocol';

/** Navigation, IPC sender checks and the CSP all need to agree on what "our page" is. */
export interface AppOrigin {
  /** The dev server URL the window loads in development, else null. */
  readonly devUrl: string | null;
  /** The URL the window loads: the dev server, or app://framelens/index.html. */
  readonly pageUrl: string;
  /** The built renderer's index.html; app:// serves the folder holding it (out/renderer) and nothing else. */
  readonly rendererIndex: string;
  readonly rendererRoot: string;
  /** True for our renderer page only (any query or hash), never for another page, file or origin. */
  isAppUrl(url: string): boolean;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Accept only http(s) dev servers; anything else in ELECTRON_RENDERER_URL is ignored. */
function devServer(devUrl: string | undefined): URL | null {
  const url = devUrl ? parse(devUrl) : null;
  return url && (url.protocol === 'http:' || url.protocol === 'https:') ? url : null;
}

/** Build the origin check from the renderer file and, in development only, the dev server URL. */
export function createAppOrigin(rendererIndex: string, devUrl?: string): AppOrigin {
  const dev = devServer(devUrl);
  return {
    devUrl: dev ? dev.href : null,
    pageUrl: dev ? dev.href : APP_INDEX_URL,
    rendererIndex,
    rendererRoot: dirname(rendererIndex),
    isAppUrl(url: string): boolean {
      const u = parse(url);
      if (!u) return false;
      if (dev) return u.origin === dev.origin;
      // app://framelens/index.html exactly (no credentials, no port); file: URLs are never ours
      return (
        u.protocol === `${APP_SCHEME}:` &&
        u.host === APP_HOST &&
        u.username === '' &&
        u.password === '' &&
        u.pathname === '/index.html'
      );
    },
  };
}
