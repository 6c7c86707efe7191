// The browser-mode session token: arrives once as `?token=`, then lives in sessionStorage, out of the URL.

/** One key, so a reload of the tab finds the token it was opened with. */
export const TOKEN_KEY = 'framelens.token';

/**
 * The token must not stay in the address bar (history, screenshots, shared links), yet a reload
 * must keep working: take it from the URL once, store it for the tab's session, strip it from the URL.
 */
export function takeToken(win: Window = window): string | null {
  const url = new URL(win.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    try {
      win.sessionStorage.setItem(TOKEN_KEY, fromUrl);
    } catch {
      // Storage may be disabled; the token still works for this page load.
    }
    url.searchParams.delete('token');
    const rest = url.searchParams.toString();
    win.history.replaceState(win.history.state, '', `${url.pathname}${rest ? `?${rest}` : ''}${url.hash}`);
    return fromUrl;
  }
  try {
    return win.sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}
