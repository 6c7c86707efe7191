// The app's own origin: the built renderer file, or the electron-vite dev server in development.
import { pathToFileURL } from 'node:url';

/** Why: navigation, IPC sender checks and the CSP all need to agree on what "our page" is. */
export interface AppOrigin {
  /** The URL the window loads (dev server) or the file it loads (built renderer). */
  readonly devUrl: string | null;
  readonly rendererIndex: string;
  /** True for our renderer page only (any query or hash), never for another file or origin. */
  isAppUrl(url: string): boolean;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Why: accept only http(s) dev servers; anything else in ELECTRON_RENDERER_URL is ignored. */
function devServer(devUrl: string | undefined): URL | null {
  const url = devUrl ? parse(devUrl) : null;
  return url && (url.protocol === 'http:' || url.protocol === 'https:') ? url : null;
}

/** Why: build the origin check from the renderer file and, in development only, the dev server URL. */
export function createAppOrigin(rendererIndex: string, devUrl?: string): AppOrigin {
  const dev = devServer(devUrl);
  const file = pathToFileURL(rendererIndex);
  return {
    devUrl: dev ? dev.href : null,
    rendererIndex,
    isAppUrl(url: string): boolean {
      const u = parse(url);
      if (!u) return false;
      if (dev) return u.origin === dev.origin;
      return u.protocol === 'file:' && u.host === file.host && u.pathname === file.pathname;
    },
  };
}
