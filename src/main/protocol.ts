// The app:// scheme: the built renderer (out/renderer) served from a privileged, standard, secure custom scheme
// instead of file://, so the page has a real origin (module Web Workers start, 'self' in the CSP means our files
// only) and no file: URL is ever trusted. Only files under out/renderer are served; everything else is a 404.
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Protocol } from 'electron';
import { contentSecurityPolicy } from '../core/csp';

/** The scheme and host of our page; every trusted-origin check compares against these. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'framelens';
/** The origin of our page (also what `location.origin` reads in the renderer). */
const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The one URL the window loads. */
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** Browsers refuse module scripts and workers served with a wrong type; nosniff makes that strict. */
const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

/** The Content-Type of a served file; unknown extensions are opaque bytes (never sniffed into script). */
export function mimeType(file: string): string {
  return MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file under `root` an app:// URL names, or null for anything that is not ours: another scheme or
 * host, a malformed escape, a NUL or backslash, or a path that leaves `root` after decoding and normalizing
 * (`..`, `%2e%2e`, `%2f`). `/` is index.html.
 */
export function resolveAppPath(root: string, url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  if (path === '/' || path === '') path = '/index.html';
  const base = resolve(root);
  const file = resolve(base, `.${path}`);
  const rel = relative(base, file);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return null;
  return file;
}

function isInside(root: string, file: string): boolean {
  const rel = relative(root, file);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** The app:// request handler: GET/HEAD of a regular file under root (symlinks may not lead out of it). */
export function createAppHandler(root: string): (request: Request) => Promise<Response> {
  const base = resolve(root);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return new Response('Method not allowed', { status: 405, headers: { Allow: 'GET, HEAD' } });
    const file = resolveAppPath(base, request.url);
    if (!file) return notFound();
    let body: Buffer;
    try {
      const [realBase, realFile] = await Promise.all([realpath(base), realpath(file)]);
      if (!isInside(realBase, realFile) || !(await stat(realFile)).isFile()) return notFound();
      body = await readFile(realFile);
    } catch {
      return notFound();
    }
    const headers: Record<string, string> = {
      'Content-Type': mimeType(file),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    };
    if (extname(file).toLowerCase() === '.html') headers['Content-Security-Policy'] = contentSecurityPolicy();
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}

/** Must run before the app is ready: app:// becomes standard (real origin, relative URLs) and secure. */
export function registerAppScheme(protocol: Protocol): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serve out/renderer on app:// (after ready, before the first window loads). */
export function installAppProtocol(protocol: Protocol, rendererRoot: string): void {
  protocol.handle(APP_SCHEME, createAppHandler(rendererRoot));
}
