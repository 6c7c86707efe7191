import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeChunksDurably } from '../../src/backend/durableFile';
import { tempDir } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

async function* pieces(list: unknown[], failAfter?: number): AsyncGenerator<string> {
  for (const [i, piece] of list.entries()) {
    if (i === failAfter) throw new Error('source failed');
    await new Promise((resolve) => setImmediate(resolve));
    yield piece as string;
  }
}

describe('writeChunksDurably', () => {
  it('writes the pieces in order while the next is being made', async () => {
    const out = join(dir, 'out.txt');
    const list = Array.from({ length: 50 }, (_, i) => `${String(i).repeat(1000 + i)}\n`);
    await writeChunksDurably(out, pieces(['', ...list]));
    expect(await readFile(out, 'utf8')).toBe(list.join(''));
  });

  it('leaves the target as it was when the source fails or a write fails', async () => {
    const out = join(dir, 'out.txt');
    await writeFile(out, 'before');
    await expect(writeChunksDurably(out, pieces(['a', 'b', 'c'], 2))).rejects.toThrow('source failed');
    // A piece the file cannot take: its write fails while the next piece is being made.
    await expect(writeChunksDurably(out, pieces(['a', 42, 'c', 'd']))).rejects.toThrow();
    expect(await readFile(out, 'utf8')).toBe('before');
    expect(await readdir(dir)).toEqual(['out.txt']);
  });
});
