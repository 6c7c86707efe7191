// Browser mode: the API over loopback HTTP plus the built renderer. Binds 127.0.0.1 only; every API
// call must carry the random token; requests with a foreign Host or Origin are refused.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, gzip as gzipCallback, constants as zlibConstants } from 'node:zlib';
import { API_HTTP_PREFIX, type FrameLensApi, HTTP_TOKEN_HEADER } from '../core/api';
import { contentSecurityPolicy } from '../core/csp';
import { BadRequestError, dispatch } from './dispatch';
import { ImportError } from './importer';
import { ProjectError } from './project';

/** What `framelens serve` and the E2E tests need to start a server. */
interface HttpServerOptions {
  api: FrameLensApi;
  /** The built renderer (out/renderer); API-only when absent. */
  staticDir?: string;
  port?: number;
  token?: string;
  /** Body caps in bytes (tests lower them): per request, and all bodies being received at once. */
  limits?: { body: number; inFlight: number };
  /** Answers at least this many characters long are kept serialized (LARGE unless a test lowers it). */
  largeAnswer?: number;
}

/** A running server: its URL (with token) and a way to stop it. */
export interface RunningServer {
  url: string;
  origin: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

/** All request bodies being received at once are capped too: eight clients at the per-request cap must not hold 512 MiB. */
const LIMITS = { body: 64 * 1024 * 1024, inFlight: 96 * 1024 * 1024 };
/** `application/json`, optionally with a UTF-8 charset (the body is decoded as UTF-8), nothing else. */
const JSON_TYPE = /^application\/json\s*(;\s*charset\s*=\s*(utf-8|"utf-8")\s*)?$/i;

/** A request refused with a status of its own (bad escapes, bodies over budget). */
class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    throw new HttpError(400, 'bad request: malformed % escape in the path');
  }
}
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};
const CSP = contentSecurityPolicy();
const brotli = promisify(brotliCompress);
const gzip = promisify(gzipCallback);

/** Starts the loopback server; resolves once it listens. */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const tokenBytes = Buffer.from(token);
  let port = 0;
  const budget = { ...(options.limits ?? LIMITS), bodies: 0 };
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error) =>
      error instanceof HttpError
        ? send(res, error.status, { error: error.message })
        : send(res, 500, { error: `internal error: ${(error as Error).message}` }),
    );
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
    if (!allowedHosts.includes(req.headers.host ?? '')) return send(res, 403, { error: 'refused: foreign Host' });
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts.map((h) => `http://${h}`).includes(origin))
      return send(res, 403, { error: 'refused: foreign Origin' });
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    if (url.pathname.startsWith(API_HTTP_PREFIX)) {
      if (req.method !== 'POST') return send(res, 405, { error: 'use POST' });
      const given = Buffer.from(String(req.headers[HTTP_TOKEN_HEADER] ?? ''));
      if (given.length !== tokenBytes.length || !timingSafeEqual(given, tokenBytes))
        return send(res, 401, { error: 'refused: missing or wrong token' });
      if (!JSON_TYPE.test(String(req.headers['content-type'] ?? '').trim()))
        return send(res, 415, { error: 'send application/json' });
      const method = decodePath(url.pathname.slice(API_HTTP_PREFIX.length));
      let body: unknown;
      try {
        body = JSON.parse(await readBody(req, budget));
      } catch (error) {
        if (error instanceof HttpError) {
          res.setHeader('connection', 'close');
          return send(res, error.status, { error: error.message });
        }
        return send(res, 400, { error: `bad request body: ${(error as Error).message}` });
      }
      const args = body && typeof body === 'object' ? (body as { args?: unknown }).args : undefined;
      try {
        const result = await dispatch(options.api, method, args ?? []);
        // Only a record is sure to be the same object exactly while its file is unchanged.
        if (method === 'getAnnotations' && result && typeof result === 'object')
          return sendLarge(
            res,
            result,
            chooseEncoding(String(req.headers['accept-encoding'] ?? '')),
            options.largeAnswer ?? LARGE,
          );
        return send(res, 200, { result: result ?? null });
      } catch (error) {
        const status = error instanceof BadRequestError ? 400 : isUserError(error) ? 422 : 500;
        return send(res, status, { error: (error as Error).message });
      }
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { error: 'method not allowed' });
    return serveStatic(options.staticDir, url.pathname, res, String(req.headers['accept-encoding'] ?? ''));
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    port,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

function isUserError(error: unknown): boolean {
  return error instanceof ProjectError || error instanceof ImportError || error instanceof RangeError;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  sendBody(res, status, JSON.stringify(body));
}

function sendBody(res: ServerResponse, status: number, body: string | Buffer, encoding?: 'br' | 'gzip'): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-length': Buffer.byteLength(body),
    ...(encoding ? { 'content-encoding': encoding, vary: 'accept-encoding' } : {}),
  });
  res.end(body);
}

/** Answers at least this long are kept serialized (and compressed) for as long as their result object lives. */
const LARGE = 256 * 1024;
/**
 * Large answers, by the result object they serialize. The backend hands out the same object while the file behind
 * it is unchanged (a record of 50,000 spans is 2.8 MB of JSON): it is serialized and compressed once per version,
 * not on every read.
 */
const serialized = new WeakMap<object, { json: Buffer; encoded: Partial<Record<'br' | 'gzip', Buffer>> }>();

async function sendLarge(
  res: ServerResponse,
  result: object,
  encoding: 'br' | 'gzip' | null,
  large: number,
): Promise<void> {
  let kept = serialized.get(result);
  if (!kept) {
    const text = JSON.stringify({ result });
    if (text.length < large) return sendBody(res, 200, text);
    kept = { json: Buffer.from(text), encoded: {} };
    serialized.set(result, kept);
  }
  if (!encoding) return sendBody(res, 200, kept.json);
  // Fast settings: the answer goes over loopback, where compressing hard would cost more than it saves.
  kept.encoded[encoding] ??=
    encoding === 'br'
      ? await brotli(kept.json, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 1 } })
      : await gzip(kept.json, { level: 1 });
  sendBody(res, 200, kept.encoded[encoding], encoding);
}

/** Reads a body within the per-request cap and the server's total budget for bodies in flight. */
async function readBody(
  req: IncomingMessage,
  budget: { body: number; inFlight: number; bodies: number },
): Promise<string> {
  const tooLarge = () => new HttpError(413, `refused: the body is over ${budget.body} bytes`);
  if (Number(req.headers['content-length'] ?? 0) > budget.body) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      const n = (chunk as Buffer).length;
      size += n;
      budget.bodies += n;
      if (size > budget.body) throw tooLarge();
      if (budget.bodies > budget.inFlight)
        throw new HttpError(503, 'refused: too many large requests at once; try again when they finish');
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    budget.bodies -= size;
  }
}

/** Text assets are sent compressed when the browser takes it; each is compressed once per version of its file. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json']);
const compressed = new Map<string, { version: string; body: Buffer }>();

/** The encoding to send: brotli, else gzip, when the request accepts it (a q of 0 refuses it). */
export function chooseEncoding(acceptEncoding: string): 'br' | 'gzip' | null {
  const accepted = new Set(
    acceptEncoding
      .split(',')
      .map((part) =>
        part
          .trim()
          .toLowerCase()
          .split(/\s*;\s*/),
      )
      .filter(([, q]) => !q || !/^q=0(\.0*)?$/.test(q))
      .map(([name]) => name),
  );
  return accepted.has('br') ? 'br' : accepted.has('gzip') ? 'gzip' : null;
}

async function encoded(full: string, version: string, encoding: 'br' | 'gzip', body: Buffer): Promise<Buffer> {
  const key = `${encoding}:${full}`;
  const hit = compressed.get(key);
  if (hit?.version === version) return hit.body;
  const out =
    encoding === 'br'
      ? await brotli(body, {
          params: {
            [zlibConstants.BROTLI_PARAM_QUALITY]: 9,
            [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length,
          },
        })
      : await gzip(body, { level: 9 });
  compressed.set(key, { version, body: out });
  return out;
}

async function serveStatic(
  dir: string | undefined,
  pathname: string,
  res: ServerResponse,
  acceptEncoding = '',
): Promise<void> {
  if (!dir) return send(res, 404, { error: 'no app bundle: run `npm run build` first' });
  const rel = pathname === '/' ? 'index.html' : decodePath(pathname).replace(/^\/+/, '');
  const full = normalize(join(dir, rel));
  if (!full.startsWith(normalize(dir) + sep)) return send(res, 403, { error: 'refused: path outside the app' });
  const info = await stat(full).catch(() => null);
  if (!info?.isFile()) return send(res, 404, { error: 'not found' });
  let body: Buffer = await readFile(full);
  const headers: Record<string, string> = {
    'content-type': TYPES[extname(full)] ?? 'application/octet-stream',
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  };
  if (COMPRESSIBLE.has(extname(full))) {
    headers.vary = 'accept-encoding';
    const encoding = body.length > 1024 ? chooseEncoding(acceptEncoding) : null;
    if (encoding) {
      body = await encoded(full, `${info.mtimeMs}:${info.size}`, encoding, body);
      headers['content-encoding'] = encoding;
    }
  }
  headers['content-length'] = String(body.length);
  res.writeHead(200, headers);
  res.end(body);
}
