/** An error as the one plain line the screen shows. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Only the first line, where a multi-line message would push the form out of view. */
export function errorLine(err: unknown): string {
  return errorText(err).split('\n')[0];
}
