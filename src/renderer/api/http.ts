// The browser-mode transport: every API method as `POST /api/<method>` on the serving origin.
import { API_METHODS, type ApiMethod, type FrameLensApi, HTTP_TOKEN_HEADER, httpPath } from '../../core/api';

/** The one fetch shape a client needs, so tests can pass a fake without a server. */
type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

async function readAnswer(method: ApiMethod, res: Response): Promise<unknown> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON (a proxy's error page): fall through to a message naming the status.
  }
  const obj = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  if (res.ok && 'result' in obj) return obj.result;
  if (typeof obj.error === 'string' && obj.error) throw new Error(obj.error);
  throw new Error(`${method}: the server answered ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
}

/** JSON turns a left-out argument into null, which the server would refuse: drop trailing undefineds. */
function trimmed(args: unknown[]): unknown[] {
  let n = args.length;
  while (n > 0 && args[n - 1] === undefined) n--;
  return args.slice(0, n);
}

/** A client with one function per method of the table. */
export function createHttpApi(token: string | null, fetchFn: FetchLike = (u, i) => fetch(u, i)): FrameLensApi {
  const api: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const method of API_METHODS) {
    api[method] = async (...args: unknown[]) => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (token) headers[HTTP_TOKEN_HEADER] = token;
      let res: Response;
      try {
        res = await fetchFn(httpPath(method), {
          method: 'POST',
          headers,
          body: JSON.stringify({ args: trimmed(args) }),
          credentials: 'same-origin',
        });
      } catch (err) {
        throw new Error(`cannot reach the Frame Lens server (${err instanceof Error ? err.message : String(err)})`);
      }
      return readAnswer(method, res);
    };
  }
  return api as unknown as FrameLensApi;
}
