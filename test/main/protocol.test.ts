import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { contentSecurityPolicy } from '../../src/core/csp';
import {
  createAppHandler,
  installAppProtocol,
  mimeType,
  registerAppScheme,
  resolveAppPath,
} from '../../src/main/protocol';
import { protocol, protocolHandlers, resetFakes } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).electron);

let dir: string;
let root: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'framelens-protocol-'));
  root = join(dir, 'out', 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Frame Lens</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'export {};');
  writeFileSync(join(root, 'assets', 'worker-def.js'), 'self.onmessage = () => {};');
  writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(join(root, 'assets', 'font.woff2'), 'x');
  writeFileSync(join(root, 'assets', 'data.bin'), 'x');
  writeFileSync(join(dir, 'out', 'secret.txt'), 'secret');
  writeFileSync(join(dir, 'out', 'renderer-evil.txt'), 'secret');
  symlinkSync(join(dir, 'out', 'secret.txt'), join(root, 'assets', 'link.txt'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => createAppHandler(root)(new Request(url, { method }));

describe('app:// path resolution', () => {
  it('maps app://framelens paths to files under the renderer folder; / is index.html', () => {
    expect(resolveAppPath(root, 'app://framelens/index.html')).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://framelens/')).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://framelens/assets/index-abc.js?v=1#x')).toBe(
      join(root, 'assets', 'index-abc.js'),
    );
    expect(resolveAppPath(root, 'app://framelens/assets/a%20b.js')).toBe(join(root, 'assets', 'a b.js'));
  });

  it('keeps dot segments inside the folder (the URL parser removes them before we see the path)', () => {
    expect(resolveAppPath(root, 'app://framelens/../secret.txt')).toBe(join(root, 'secret.txt'));
    expect(resolveAppPath(root, 'app://framelens/../../renderer-evil.txt')).toBe(join(root, 'renderer-evil.txt'));
    for (const url of ['app://framelens/%2e%2e/secret.txt', 'app://framelens/assets/%2e%2e/%2e%2e/secret.txt']) {
      const file = resolveAppPath(root, url);
      expect(file === null || file.startsWith(`${root}${sep}`), url).toBe(true);
    }
  });

  it('refuses traversal, encoded separators, NUL, backslashes, other hosts and schemes', () => {
    for (const url of [
      'app://framelens/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://framelens/%2E%2E%2Fsecret.txt',
      'app://framelens/..%2f..%2fsecret.txt',
      'app://framelens/..%5csecret.txt',
      'app://framelens/assets%5c..%5c..%5csecret.txt',
      'app://framelens/index.html%00.js',
      'app://framelens/%E0%A4%A',
      'app://framelens/%2e%2e%2frenderer-evil.txt',
      'app://other/index.html',
      'file:///etc/passwd',
      'https://framelens/index.html',
      'not a url',
    ])
      expect(resolveAppPath(root, url), url).toBeNull();
  });
});

describe('app:// handler', () => {
  it('serves index.html as HTML with the CSP header and nosniff', async () => {
    const res = await get('app://framelens/index.html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('Frame Lens');
  });

  it('serves scripts and module workers as text/javascript, without a CSP header', async () => {
    for (const url of ['app://framelens/assets/index-abc.js', 'app://framelens/assets/worker-def.js']) {
      const res = await get(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toBeNull();
    }
    expect((await get('app://framelens/assets/index-abc.css')).headers.get('content-type')).toBe(
      'text/css; charset=utf-8',
    );
    expect((await get('app://framelens/assets/font.woff2')).headers.get('content-type')).toBe('font/woff2');
    expect((await get('app://framelens/assets/data.bin')).headers.get('content-type')).toBe('application/octet-stream');
  });

  it('answers 404 for traversal, missing files, folders and symlinks leading out of the folder', async () => {
    for (const url of [
      'app://framelens/../secret.txt',
      'app://framelens/%2e%2e/secret.txt',
      'app://framelens/missing.js',
      'app://framelens/assets',
      'app://framelens/assets/link.txt',
      'app://elsewhere/index.html',
    ]) {
      const res = await get(url);
      expect(res.status, url).toBe(404);
      expect(await res.text()).not.toContain('secret');
    }
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('app://framelens/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await get('app://framelens/index.html', 'POST')).status).toBe(405);
  });

  it('knows the MIME types of the build output', () => {
    expect(mimeType('a.mjs')).toBe('text/javascript; charset=utf-8');
    expect(mimeType('A.JS')).toBe('text/javascript; charset=utf-8');
    expect(mimeType('a.svg')).toBe('image/svg+xml');
    expect(mimeType('a.json')).toBe('application/json; charset=utf-8');
    expect(mimeType('a.wasm')).toBe('application/wasm');
  });
});

describe('scheme registration', () => {
  it('registers app as standard, secure, fetch-capable and installs the handler on the renderer folder', async () => {
    resetFakes();
    registerAppScheme(protocol as never);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    installAppProtocol(protocol as never, root);
    const handler = protocolHandlers.get('app');
    expect(handler).toBeDefined();
    const res = (await handler?.(new Request('app://framelens/index.html'))) as Response;
    expect(res.status).toBe(200);
  });
});
