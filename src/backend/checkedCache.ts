// The derived caches in .framelens-cache/ (the search index, the record summaries): a header line with the
// cache's format and the SHA-256 of the body, then the body as JSON. A cache cut short, edited or written by
// another version is rebuilt, never trusted.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFileDurably } from './durableFile';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The cache's body, or why it cannot be trusted. */
export function readCheckedCache(text: string, format: number): { data: unknown } | { problem: string } {
  const newline = text.indexOf('\n');
  if (newline < 0) return { problem: 'no header' };
  let header: { format?: unknown; sha256?: unknown };
  try {
    header = JSON.parse(text.slice(0, newline));
  } catch {
    return { problem: 'header does not parse' };
  }
  if (header.format !== format) return { problem: 'another format' };
  const body = text.slice(newline + 1);
  if (sha256(body) !== header.sha256) return { problem: 'checksum mismatch' };
  try {
    return { data: JSON.parse(body) };
  } catch {
    return { problem: 'body does not parse' };
  }
}

/** Writes a cache file under its header; the cache folder ignores itself in git. */
export async function writeCheckedCache(path: string, format: number, data: unknown): Promise<void> {
  const body = JSON.stringify(data);
  const header = JSON.stringify({ format, sha256: sha256(body) });
  const ignore = join(dirname(path), '.gitignore');
  if ((await readFile(ignore, 'utf8').catch(() => '')) !== '*\n') await writeFileDurably(ignore, '*\n');
  await writeFileDurably(path, `${header}\n${body}`, { syncDir: false });
}
