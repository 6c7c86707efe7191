// The browser-mode transport: every API method as `POST /api/<method>` on the serving origin.
import type { FrameLensApi } from '../../core/api';
import { API_METHODS, type ApiMethod } from '../../core/apiMethods';

/** The one fetch shape a client needs, so tests can pass a fake without a server. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** Turns any HTTP answer into the method's result or an Error carrying the server's plain message. */
async function readAnswer(method: ApiMethod, res: Response): Promise<unknown> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Non-JSON answer: fall through to a status-based message.
  }
  const obj = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  if (res.ok && 'result' in obj) return obj.result;
  if (typeof obj.error === 'string' && obj.error) throw new Error(obj.error);
  throw new Error(`${method}: the server answered ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
}

/** Builds the client from API_METHODS so a method added to the contract needs no change here. */
export function createHttpApi(token: string | null, fetchFn: FetchLike = (u, i) => fetch(u, i)): FrameLensApi {
  const api: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const method of API_METHODS) {
    api[method] = async (...args: unknown[]) => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (token) headers['x-framelens-token'] = token;
      let res: Response;
      try {
        res = await fetchFn(`/api/${method}`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ args }),
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
