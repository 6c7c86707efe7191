// Picks the transport once at startup: the Electron preload's bridge, or HTTP to `framelens serve`.
import type { FrameLensApi } from '../../core/api';
import { createHttpApi } from './http';
import { takeToken } from './token';

type TransportKind = 'electron' | 'http';

/** A bridge counts only if it really carries the API (a stray global must not pass). */
export function isBridge(value: unknown): value is FrameLensApi {
  return (
    !!value &&
    typeof value === 'object' &&
    typeof (value as Record<string, unknown>).getProject === 'function' &&
    typeof (value as Record<string, unknown>).saveAnnotations === 'function'
  );
}

/** One decision per page load, shared by everything that calls the backend. */
export function detectApi(win: Window = window): { kind: TransportKind; api: FrameLensApi } {
  if (isBridge(win.framelens)) return { kind: 'electron', api: win.framelens };
  return { kind: 'http', api: createHttpApi(takeToken(win)) };
}

let current: FrameLensApi | null = null;

/** The renderer's single entry to the backend, created on first use. */
export function getApi(): FrameLensApi {
  current ??= detectApi().api;
  return current;
}
