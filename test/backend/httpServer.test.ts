import { mkdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RunningServer, startHttpServer } from '../../src/backend/httpServer';
import { FrameLensService } from '../../src/backend/service';
import { HTTP_TOKEN_HEADER as TOKEN_HEADER } from '../../src/core/api';
import { sampleProject, tempDir } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
let server: RunningServer;

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  await sampleProject(dir);
  const staticDir = join(dir, 'static');
  await mkdir(staticDir);
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Frame Lens</title>');
  const api = await FrameLensService.start({ projectDir: join(dir, 'p'), configDir: join(dir, 'cfg') });
  server = await startHttpServer({ api, staticDir });
});
afterEach(async () => {
  await server.close();
  await cleanup();
});

/** Raw request, so Host and Origin can be forged as a hostile page or DNS rebinding would. */
function call(
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, method: opts.method ?? 'GET', headers: opts.headers },
      (res) => {
        let body = '';
        res.on('data', (c) => {
          body += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const api = (method: string, args: unknown[], headers: Record<string, string> = {}) =>
  call(`/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [TOKEN_HEADER]: server.token, ...headers },
    body: JSON.stringify({ args }),
  });

describe('loopback HTTP transport', () => {
  it('binds 127.0.0.1 and puts the token in the URL', () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[A-Za-z0-9_-]{32}$`));
  });

  it('answers API calls that carry the token', async () => {
    const res = await api('listDocuments', ['alice']);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).result.map((d: { id: string }) => d.id)).toEqual(['doc1', 'doc2']);
  });

  it('refuses calls without the token or with a wrong one', async () => {
    const none = await call('/api/getProject', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"args":[]}',
    });
    expect(none.status).toBe(401);
    const wrong = await api('getProject', [], { [TOKEN_HEADER]: 'x'.repeat(32) });
    expect(wrong.status).toBe(401);
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin (another site)', async () => {
    expect((await api('getProject', [], { host: `evil.example:${server.port}` })).status).toBe(403);
    expect((await api('getProject', [], { origin: 'https://evil.example' })).status).toBe(403);
    expect((await call('/', { headers: { host: 'evil.example' } })).status).toBe(403);
    expect((await api('getProject', [], { origin: `http://localhost:${server.port}` })).status).toBe(200);
  });

  it('validates arguments before they reach the backend', async () => {
    const bad = await api('getDocument', ['../../etc/passwd']);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error).toMatch(/getDocument: .*may only hold/);
    expect((await api('nope', [])).status).toBe(400);
    expect((await api('saveAnnotations', [{ document: 'doc1' }])).status).toBe(400);
  });

  it('turns a refused save into a 422 with the reason, not a stack', async () => {
    const res = await api('saveAnnotations', [
      {
        document: 'doc1',
        annotator: 'bob',
        textHash: `sha256:${'0'.repeat(64)}`,
        status: 'done',
        spans: [],
        docLabels: {},
      },
    ]);
    expect(res.status).toBe(422);
    expect(JSON.parse(res.body)).toEqual({ error: 'refused: the spans were made on a different text of doc1' });
  });

  it('serves the app with a strict CSP and never a file outside it', async () => {
    const page = await call('/');
    expect(page.status).toBe(200);
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
    expect((await call('/..%2F..%2Fp%2Fproject.json')).status).toBe(403);
    expect((await call('/missing.js')).status).toBe(404);
  });

  it('answers 400 for a malformed % escape, in the API and in the app', async () => {
    expect((await api('%E0%A4%A', [])).status).toBe(400);
    expect((await call('/%E0%A4%A')).status).toBe(400);
  });

  it('takes application/json, optionally with a UTF-8 charset, and nothing else', async () => {
    expect((await api('getProject', [], { 'content-type': 'application/json; charset=utf-8' })).status).toBe(200);
    expect((await api('getProject', [], { 'content-type': 'Application/JSON' })).status).toBe(200);
    for (const type of [
      'application/jsonfoo',
      'application/json-patch+json',
      'text/plain',
      'application/json; charset=latin1',
    ])
      expect((await api('getProject', [], { 'content-type': type })).status, type).toBe(415);
  });
});

describe('request body budget', () => {
  it('caps one body, and all bodies being received at once', async () => {
    const project = join(dir, 'p');
    const service = await FrameLensService.start({ projectDir: project, configDir: join(dir, 'cfg2') });
    const small = await startHttpServer({ api: service, limits: { body: 1000, inFlight: 1500 } });
    const open = (length: number) => {
      let sent = (_: number) => {};
      const answered = new Promise<number>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: small.port,
            path: '/api/getProject',
            method: 'POST',
            headers: { 'content-type': 'application/json', [TOKEN_HEADER]: small.token, 'content-length': length },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.flushHeaders();
        let written = 0;
        sent = (n: number) => {
          written += n;
          if (written < length) req.write(' '.repeat(n));
          else req.end(`${' '.repeat(n - 11)}{"args":[]}`);
        };
      });
      return { answered, send: (n: number) => sent(n) };
    };
    try {
      const tooBig = open(2000);
      expect(await tooBig.answered).toBe(413);
      const first = open(900);
      first.send(800);
      await new Promise((r) => setTimeout(r, 300));
      const second = open(900);
      second.send(800);
      expect(await second.answered).toBe(503);
      first.send(100);
      expect(await first.answered).toBe(200);
      const after = open(900);
      after.send(900);
      expect(await after.answered).toBe(200);
    } finally {
      await small.close();
    }
  });
});

describe('compressed assets', () => {
  function raw(path: string, acceptEncoding?: string): Promise<{ headers: Record<string, unknown>; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          path,
          headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        },
      );
      req.on('error', reject);
      req.end();
    });
  }

  it('sends the script brotli- or gzip-compressed as asked, with its length and Vary, and plain otherwise', async () => {
    const script = `export const words = ${JSON.stringify(Array.from({ length: 4000 }, (_, i) => `word${i % 50}`))};\n`;
    await writeFile(join(dir, 'static', 'main.js'), script);
    const br = await raw('/main.js', 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('accept-encoding');
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(script.length / 5);
    expect(brotliDecompressSync(br.body).toString()).toBe(script);
    const gz = await raw('/main.js', 'gzip;q=1, br;q=0');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(script);
    const plain = await raw('/main.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
    expect(plain.headers['content-security-policy']).toBeTruthy();
  });
});

describe('a large record over HTTP', () => {
  function post(method: string, args: unknown[], acceptEncoding?: string) {
    return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: `/api/${method}`,
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [TOKEN_HEADER]: server.token,
            ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
          );
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ args }));
    });
  }

  it('is sent compressed when asked, and a save is never answered by the version before it', async () => {
    await server.close();
    const service = await FrameLensService.start({ projectDir: join(dir, 'p'), configDir: join(dir, 'cfg') });
    server = await startHttpServer({ api: service, largeAnswer: 1000 });
    const doc = JSON.parse((await post('getDocument', ['doc1'])).body.toString()).result;
    const save = async (note: string) => {
      const spans = [7, 8, 9].map((end) => ({ start: 0, end, label: 'Naming', note }));
      const res = await post('saveAnnotations', [
        { document: 'doc1', annotator: 'dana', textHash: doc.textHash, status: 'in_progress', spans, docLabels: {} },
      ]);
      expect(res.status).toBe(200);
    };
    await save(`first ${'x'.repeat(400)}`);
    const gz = await post('getAnnotations', ['doc1', 'dana'], 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    const first = JSON.parse(gunzipSync(gz.body).toString()).result;
    expect(first.spans).toHaveLength(3);
    expect(first.spans[0].note).toMatch(/^first/);
    const plain = await post('getAnnotations', ['doc1', 'dana']);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(1000);
    expect(JSON.parse(plain.body.toString()).result).toEqual(first);

    await save(`second ${'y'.repeat(400)}`);
    const br = await post('getAnnotations', ['doc1', 'dana'], 'br');
    expect(br.headers['content-encoding']).toBe('br');
    const second = JSON.parse(brotliDecompressSync(br.body).toString()).result;
    expect(second.spans[0].note).toMatch(/^second/);
    expect(second.updatedAt).not.toBe(first.updatedAt);
  });
});
