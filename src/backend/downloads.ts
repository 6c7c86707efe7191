// Exports the page downloads (browser mode): written into a private temporary folder, never to a path
// the page names, then read back through the API in base64 pieces. A folder format arrives as one zip.
// A download is removed after its last piece is read, an hour after it was made, or when the service closes.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, open, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { zipSync } from 'fflate';
import type { DownloadChunk } from '../core/api';
import { ProjectError } from './project';

const PIECE = 3 * 1024 * 1024;
const KEEP_MS = 60 * 60 * 1000;

interface Download {
  name: string;
  path: string;
  size: number;
  made: number;
}

/** Every file under a folder, as zip entry names with `/`. */
async function filesUnder(root: string, dir = root): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(root, path)));
    else if (entry.isFile()) out.push(relative(root, path).split(sep).join('/'));
  }
  return out.sort();
}

export class Downloads {
  private readonly downloads = new Map<string, Download>();
  private dir: Promise<string> | null = null;

  private folder(): Promise<string> {
    this.dir ??= mkdtemp(join(tmpdir(), 'framelens-downloads-'));
    return this.dir;
  }

  /**
   * Runs `write` with a path in a fresh private folder, then keeps what it wrote under `name` (a folder
   * zipped as `name.zip`); returns the download's id, name and size.
   */
  async capture(
    name: string,
    write: (out: string) => Promise<unknown>,
  ): Promise<{ id: string; name: string; size: number }> {
    this.expire();
    const id = randomBytes(16).toString('hex');
    const box = join(await this.folder(), id);
    await mkdir(box, { mode: 0o700 });
    try {
      const out = join(box, 'out');
      await write(out);
      let file = out;
      let shown = name;
      if ((await stat(out)).isDirectory()) {
        const entries: Record<string, Uint8Array> = {};
        for (const rel of await filesUnder(out)) entries[`${name}/${rel}`] = await readFile(join(out, rel));
        file = join(box, 'out.zip');
        shown = `${name}.zip`;
        await writeFile(file, zipSync(entries, { level: 6 }));
        await rm(out, { recursive: true, force: true });
      }
      const size = (await stat(file)).size;
      this.downloads.set(id, { name: shown, path: file, size, made: Date.now() });
      return { id, name: shown, size };
    } catch (error) {
      await rm(box, { recursive: true, force: true });
      throw error;
    }
  }

  /** One piece from `offset`; after the last piece the download is gone. */
  async read(id: string, offset: number): Promise<DownloadChunk> {
    const d = this.downloads.get(id);
    if (!d) throw new ProjectError('refused: no such download (it may have expired: export again)');
    if (offset > d.size) throw new ProjectError(`refused: offset ${offset} is past the end (${d.size} bytes)`);
    const length = Math.min(PIECE, d.size - offset);
    const buffer = Buffer.alloc(length);
    const handle = await open(d.path, 'r');
    try {
      await handle.read(buffer, 0, length, offset);
    } finally {
      await handle.close();
    }
    const next = offset + length < d.size ? offset + length : null;
    if (next === null) await this.remove(id);
    return { name: d.name, size: d.size, data: buffer.toString('base64'), next };
  }

  private async remove(id: string): Promise<void> {
    this.downloads.delete(id);
    await rm(join(await this.folder(), id), { recursive: true, force: true });
  }

  private expire(): void {
    const cutoff = Date.now() - KEEP_MS;
    for (const [id, d] of [...this.downloads]) if (d.made < cutoff) void this.remove(id);
  }

  async close(): Promise<void> {
    this.downloads.clear();
    if (this.dir) await rm(await this.dir, { recursive: true, force: true });
  }
}
