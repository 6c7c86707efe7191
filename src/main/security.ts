// Hardening of every web contents and of the default session: no navigation away, no new windows, no
// <webview>, no permissions, and a CSP header.
import { type App, type Session, shell, type WebContents } from 'electron';
import { contentSecurityPolicy } from '../core/csp';
import type { AppOrigin } from './origin';

/** The only URLs handed to the OS browser; file:, javascript:, custom schemes etc. could run local programs. */
export function isExternalWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** Links in imported article text open in the system browser, never inside the app. */
function openExternalSafely(url: string): boolean {
  if (!isExternalWebUrl(url)) return false;
  shell.openExternal(url).catch(() => undefined);
  return true;
}

/** Keep each web contents on our page: deny navigation, redirects, new windows and <webview>. */
export function hardenWebContents(contents: WebContents, origin: AppOrigin): void {
  const guardNavigation = (event: { url: string; preventDefault(): void }) => {
    if (origin.isAppUrl(event.url)) return;
    event.preventDefault();
    openExternalSafely(event.url);
  };
  contents.on('will-navigate', guardNavigation);
  contents.on('will-redirect', (event) => {
    if (!origin.isAppUrl(event.url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** A header CSP also covers pages served by the dev server and anything lacking the meta tag. */
function installCsp(session: Session, origin: AppOrigin): void {
  const policy = contentSecurityPolicy({ devUrl: origin.devUrl });
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [policy];
    callback({ responseHeaders: headers });
  });
}

/** The app needs no camera, notifications, clipboard-read, USB, etc.; deny every request and check. */
function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/** Install all session and web-contents hardening once, before any window exists. */
export function installSecurity(app: App, session: Session, origin: AppOrigin): void {
  denyAllPermissions(session);
  installCsp(session, origin);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, origin));
}
