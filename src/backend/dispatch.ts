// The single entry both transports use: validate a method's arguments with zod, then call the backend.
import { API_METHODS, type ApiMethod, type FrameLensApi } from '../core/api';
import { apiArgs } from '../core/apiArgs';
import { describeZodError } from '../core/schemas';

/** A caller error (unknown method, bad arguments) as opposed to a failure inside the backend. */
export class BadRequestError extends Error {}

function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && (API_METHODS as readonly string[]).includes(name);
}

/** Every IPC and HTTP call goes through here, so validation cannot be forgotten on one transport. */
export async function dispatch(api: FrameLensApi, method: unknown, args: unknown): Promise<unknown> {
  if (!isApiMethod(method)) throw new BadRequestError(`unknown method ${JSON.stringify(method)}`);
  const parsed = apiArgs[method].safeParse(args ?? []);
  if (!parsed.success) throw new BadRequestError(`${method}: ${describeZodError(parsed.error)}`);
  const fn = api[method] as (...a: unknown[]) => Promise<unknown>;
  return fn.apply(api, parsed.data);
}
