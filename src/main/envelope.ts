// Errors cross IPC as plain messages, never stacks.

/** The message to show for any thrown value, without its stack. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : 'internal error';
}
