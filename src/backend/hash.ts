// The text hash that ties annotations to the exact text they were made on.
import { createHash } from 'node:crypto';

/** "sha256:<hex>" of the UTF-8 bytes of a normalized document text. */
export function textHash(text: string): string {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}
