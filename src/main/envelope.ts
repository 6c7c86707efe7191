// What an IPC call returns: a result or an error message. Errors cross IPC as plain messages, never stacks.

/** Electron would otherwise serialize a thrown Error with its stack and a prefix into the renderer. */
export type IpcEnvelope = { ok: true; result: unknown } | { ok: false; error: string };

/** The message to show for any thrown value, without its stack. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : 'internal error';
}
