import { afterEach, describe, expect, it, vi } from 'vitest';
import { API_METHODS, type FrameLensApi } from '../../../src/core/api';
import { detectApi, isBridge } from '../../../src/renderer/api';
import { createHttpApi } from '../../../src/renderer/api/http';
import { TOKEN_KEY, takeToken } from '../../../src/renderer/api/token';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

afterEach(() => {
  sessionStorage.clear();
  window.history.replaceState(null, '', '/');
  delete window.framelens;
});

describe('createHttpApi', () => {
  it('has every API method', () => {
    const api = createHttpApi('t');
    for (const m of API_METHODS) expect(typeof api[m]).toBe('function');
  });

  it('POSTs /api/<method> with the args, the token header and JSON content type', async () => {
    const fetchFn = vi.fn(async () => json(200, { result: { ok: 1 } }));
    const api = createHttpApi('secret', fetchFn);
    await expect(api.getAnnotations('doc-1', 'alice')).resolves.toEqual({ ok: 1 });
    expect(fetchFn).toHaveBeenCalledTimes(1);
    const [url, init] = fetchFn.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/getAnnotations');
    expect(init.method).toBe('POST');
    expect(init.headers).toEqual({ 'content-type': 'application/json', 'x-framelens-token': 'secret' });
    expect(JSON.parse(init.body as string)).toEqual({ args: ['doc-1', 'alice'] });
  });

  it('throws the server error message on a non-200 answer', async () => {
    const api = createHttpApi('t', async () => json(400, { error: 'getDocument: id "../x" may only hold…' }));
    await expect(api.getDocument('x')).rejects.toThrow('getDocument: id "../x" may only hold…');
  });

  it('throws a status message when the answer is not JSON, and a clear one when the server is down', async () => {
    const api = createHttpApi('t', async () => new Response('<html>', { status: 502, statusText: 'Bad Gateway' }));
    await expect(api.stats()).rejects.toThrow('stats: the server answered 502 Bad Gateway');
    const down = createHttpApi('t', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(down.getProject()).rejects.toThrow(/cannot reach the Frame Lens server \(Failed to fetch\)/);
  });

  it('treats an undefined result as a valid answer (null/undefined results)', async () => {
    const api = createHttpApi('t', async () => json(200, { result: null }));
    await expect(api.getAnnotations('d', 'a')).resolves.toBeNull();
  });
});

describe('takeToken', () => {
  it('takes the token from the URL, stores it, and removes only it from the URL', () => {
    window.history.replaceState(null, '', '/index.html?x=1&token=abc123#frag');
    expect(takeToken()).toBe('abc123');
    expect(sessionStorage.getItem(TOKEN_KEY)).toBe('abc123');
    expect(window.location.search).toBe('?x=1');
    expect(window.location.hash).toBe('#frag');
    expect(window.location.href).not.toContain('abc123');
  });

  it('finds the stored token after a reload without it in the URL', () => {
    window.history.replaceState(null, '', '/?token=zzz');
    takeToken();
    window.history.replaceState(null, '', '/');
    expect(takeToken()).toBe('zzz');
  });

  it('returns null when there is no token anywhere', () => {
    expect(takeToken()).toBeNull();
  });
});

describe('detectApi', () => {
  it('uses window.framelens when the preload exposed it', () => {
    const bridge = Object.fromEntries(API_METHODS.map((m) => [m, async () => m])) as unknown as FrameLensApi;
    window.framelens = bridge;
    const { kind, api } = detectApi();
    expect(kind).toBe('electron');
    expect(api).toBe(bridge);
  });

  it('falls back to HTTP (and consumes the URL token) without a bridge', async () => {
    window.history.replaceState(null, '', '/?token=tok');
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockResolvedValue(json(200, { result: ['/p'] }));
    const { kind, api } = detectApi();
    expect(kind).toBe('http');
    await expect(api.recentProjects()).resolves.toEqual(['/p']);
    const init = fetchSpy.mock.calls[0][1] as RequestInit;
    expect((init.headers as Record<string, string>)['x-framelens-token']).toBe('tok');
    fetchSpy.mockRestore();
  });

  it('does not mistake an unrelated global for the bridge', () => {
    expect(isBridge({ getProject: 1 })).toBe(false);
    expect(isBridge(undefined)).toBe(false);
  });
});
