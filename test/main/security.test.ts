import { beforeEach, describe, expect, it, vi } from 'vitest';
import { contentSecurityPolicy } from '../../src/core/csp';
import { createAppOrigin } from '../../src/main/origin';
import { hardenWebContents, installSecurity, isExternalWebUrl } from '../../src/main/security';
import { app, electron, FakeWebContents, fakeSession, resetFakes, shell } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).electron);

const INDEX = '/opt/framelens/out/renderer/index.html';
const APP_URL = 'app://framelens/index.html';
const origin = createAppOrigin(INDEX);

function navEvent(url: string) {
  return { url, preventDefault: vi.fn() };
}

function hardened(): FakeWebContents {
  const contents = new FakeWebContents();
  hardenWebContents(contents as never, origin);
  return contents;
}

beforeEach(resetFakes);

describe('app origin', () => {
  it('accepts only our renderer page on app://framelens, with any hash or query', () => {
    expect(origin.isAppUrl(APP_URL)).toBe(true);
    expect(origin.isAppUrl(`${APP_URL}#/documents/a1`)).toBe(true);
    expect(origin.isAppUrl(`${APP_URL}?view=agreement`)).toBe(true);
    expect(origin.isAppUrl('app://framelens/other.html')).toBe(false);
    expect(origin.isAppUrl('app://framelens/')).toBe(false);
    expect(origin.isAppUrl('app://evil/index.html')).toBe(false);
    expect(origin.isAppUrl('app://framelens:8080/index.html')).toBe(false);
    expect(origin.isAppUrl('app://user@framelens/index.html')).toBe(false);
    expect(origin.isAppUrl('framelens://framelens/index.html')).toBe(false);
    expect(origin.isAppUrl('file:///opt/framelens/out/renderer/index.html')).toBe(false);
    expect(origin.isAppUrl('file:///opt/framelens/out/renderer/other.html')).toBe(false);
    expect(origin.isAppUrl('file:///home/user/imported/article.html')).toBe(false);
    expect(origin.isAppUrl('https://example.com/')).toBe(false);
    expect(origin.isAppUrl('not a url')).toBe(false);
  });

  it('in development accepts the dev server origin and nothing else', () => {
    const dev = createAppOrigin(INDEX, 'http://localhost:5173');
    expect(dev.isAppUrl('http://localhost:5173/src/main.tsx')).toBe(true);
    expect(dev.isAppUrl('http://localhost:5174/')).toBe(false);
    expect(dev.isAppUrl(APP_URL)).toBe(false);
  });
});

describe('navigation and new windows', () => {
  it('denies navigation away from the app and opens web links in the system browser', () => {
    const contents = hardened();
    const event = navEvent('https://example.com/article');
    contents.emit('will-navigate', event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(shell.openExternal).toHaveBeenCalledWith('https://example.com/article');
  });

  it('denies navigation to other schemes without handing them to the OS', () => {
    const contents = hardened();
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'ms-msdt:/id']) {
      const event = navEvent(url);
      contents.emit('will-navigate', event);
      expect(event.preventDefault).toHaveBeenCalled();
    }
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('allows navigation within our own page', () => {
    const contents = hardened();
    const event = navEvent(`${APP_URL}#/stats`);
    contents.emit('will-navigate', event);
    expect(event.preventDefault).not.toHaveBeenCalled();
  });

  it('denies redirects away from the app', () => {
    const contents = hardened();
    const event = navEvent('https://evil.example/');
    contents.emit('will-redirect', event);
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('denies window.open, opening only http(s) externally', () => {
    const contents = hardened();
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'file:///bin/sh' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: APP_URL })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
    expect(shell.openExternal).toHaveBeenCalledWith('https://example.com/');
  });

  it('denies attaching a <webview>', () => {
    const contents = hardened();
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, {}, { src: 'https://example.com' });
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('only treats http and https as external web URLs', () => {
    expect(isExternalWebUrl('http://a.example/')).toBe(true);
    expect(isExternalWebUrl('https://a.example/')).toBe(true);
    expect(isExternalWebUrl('file:///x')).toBe(false);
    expect(isExternalWebUrl('mailto:a@b.c')).toBe(false);
    expect(isExternalWebUrl('')).toBe(false);
  });
});

describe('installSecurity', () => {
  beforeEach(() => installSecurity(electron.app as never, fakeSession as never, origin));

  it('hardens every web contents created later', () => {
    const contents = new FakeWebContents();
    app.emit('web-contents-created', {}, contents);
    expect(contents.windowOpenHandler).not.toBeNull();
    expect(contents.listenerCount('will-navigate')).toBe(1);
    expect(contents.listenerCount('will-attach-webview')).toBe(1);
  });

  it('denies every permission request and check', () => {
    const callback = vi.fn();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      fakeSession.permissionRequest?.({}, permission, callback, {});
      expect(fakeSession.permissionCheck?.({}, permission, APP_URL, {})).toBe(false);
    }
    expect(callback).toHaveBeenCalledTimes(5);
    for (const call of callback.mock.calls) expect(call).toEqual([false]);
    expect(fakeSession.devicePermission?.({ deviceType: 'usb' })).toBe(false);
  });

  it('sets the CSP header, replacing any the response carried', () => {
    const callback = vi.fn();
    fakeSession.headersReceived?.(
      { responseHeaders: { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] } },
      callback,
    );
    const headers = callback.mock.calls[0][0].responseHeaders;
    expect(headers['Content-Security-Policy']).toEqual([contentSecurityPolicy()]);
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['Content-Type']).toEqual(['text/html']);
  });
});
