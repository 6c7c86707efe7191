// Files the page sends (dropped on the window or picked with a file input): declared first with their
// names and sizes, so a file too large is refused before any byte travels, then sent in base64 pieces and
// kept in a private temporary folder until the upload is discarded, an hour after its last use, or the
// service closes. An upload is a FileSource: the importer reads it like a folder.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { UploadChunk, UploadEntry } from '../core/api';
import type { FileSource } from './fileSource';
import { ProjectError } from './project';

export const UPLOAD_LIMITS = {
  /** One file: far above any article, enough for a large archive (.qdpx) or a corpus in one JSONL. */
  fileBytes: 100 * 1024 * 1024,
  /** One upload, all files together. */
  uploadBytes: 512 * 1024 * 1024,
  /** Every upload kept at once. */
  totalBytes: 1024 * 1024 * 1024,
  files: 20_000,
  idleMs: 60 * 60 * 1000,
};

interface StoredFile {
  name: string;
  size: number;
  received: number;
  path: string;
}

interface Upload {
  id: string;
  files: StoredFile[];
  byName: Map<string, StoredFile>;
  bytes: number;
  used: number;
}

function megabytes(n: number): string {
  return `${Math.round(n / (1024 * 1024))} MB`;
}

/** The uploads of one service, in one private temporary folder. */
export class Uploads {
  private readonly uploads = new Map<string, Upload>();
  private dir: Promise<string> | null = null;

  constructor(
    private readonly limits = UPLOAD_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  private folder(): Promise<string> {
    this.dir ??= mkdtemp(join(tmpdir(), 'framelens-uploads-'));
    return this.dir;
  }

  /** Checks the declared files against the limits and makes room for them; returns the upload's id. */
  async begin(entries: UploadEntry[]): Promise<string> {
    this.expire();
    if (entries.length > this.limits.files)
      throw new ProjectError(
        `refused: ${entries.length} files at once; an upload takes up to ${this.limits.files} (import more with framelens import)`,
      );
    const names = new Set<string>();
    let bytes = 0;
    for (const e of entries) {
      // The API's validation refuses these too; an upload stays a tree of relative names whoever calls.
      if (
        e.name.startsWith('/') ||
        e.name.includes('\\') ||
        e.name.split('/').some((p) => p === '' || p === '.' || p === '..')
      )
        throw new ProjectError(`refused: ${e.name} is not a relative file name`);
      if (names.has(e.name)) throw new ProjectError(`refused: ${e.name} is listed twice in one upload`);
      names.add(e.name);
      if (e.size > this.limits.fileBytes)
        throw new ProjectError(
          `${e.name} is ${megabytes(e.size)}; files up to ${megabytes(this.limits.fileBytes)} can be uploaded (import larger ones with framelens import on the command line)`,
        );
      bytes += e.size;
    }
    const folders = new Set<string>();
    for (const name of names) {
      const parts = name.split('/');
      for (let i = 1; i < parts.length; i++) folders.add(parts.slice(0, i).join('/'));
    }
    for (const name of names)
      if (folders.has(name)) throw new ProjectError(`refused: ${name} is both a file and a folder in one upload`);
    if (bytes > this.limits.uploadBytes)
      throw new ProjectError(
        `these files hold ${megabytes(bytes)}; an upload takes up to ${megabytes(this.limits.uploadBytes)} (import more with framelens import on the command line)`,
      );
    const held = [...this.uploads.values()].reduce((n, u) => n + u.bytes, 0);
    if (held + bytes > this.limits.totalBytes)
      throw new ProjectError('too many uploads are waiting to be imported; import or discard them first');
    const id = randomBytes(16).toString('hex');
    const root = join(await this.folder(), id);
    await mkdir(root, { mode: 0o700 });
    const files = entries.map((e, i) => ({ name: e.name, size: e.size, received: 0, path: join(root, String(i)) }));
    for (const f of files) await (await open(f.path, 'wx', 0o600)).close();
    this.uploads.set(id, { id, files, byName: new Map(files.map((f) => [f.name, f])), bytes, used: this.now() });
    return id;
  }

  private get(id: string): Upload {
    const upload = this.uploads.get(id);
    if (!upload) throw new ProjectError('refused: no such upload (it may have expired: drop the files again)');
    upload.used = this.now();
    return upload;
  }

  /** Appends a piece at exactly the end of what has arrived of that file; returns its bytes so far. */
  async chunk(id: string, chunk: UploadChunk): Promise<number> {
    const file = this.get(id).files[chunk.file];
    if (!file) throw new ProjectError(`refused: the upload has no file ${chunk.file}`);
    if (chunk.offset !== file.received)
      throw new ProjectError(`refused: ${file.name}: expected bytes from ${file.received}, got ${chunk.offset}`);
    const bytes = Buffer.from(chunk.data, 'base64');
    if (file.received + bytes.length > file.size)
      throw new ProjectError(`refused: ${file.name} is longer than the ${file.size} bytes declared`);
    const handle = await open(file.path, 'a');
    try {
      await handle.write(bytes);
    } finally {
      await handle.close();
    }
    file.received += bytes.length;
    return file.received;
  }

  async discard(id: string): Promise<void> {
    const upload = this.uploads.get(id);
    if (!upload) return;
    this.uploads.delete(id);
    await rm(join(await this.folder(), id), { recursive: true, force: true });
  }

  /** The upload as a folder tree of its names. */
  source(id: string): FileSource {
    const upload = this.get(id);
    const names = [...upload.byName.keys()];
    return {
      async kind(path) {
        if (upload.byName.has(path)) return 'file';
        return names.some((n) => n.startsWith(`${path}/`)) ? 'folder' : null;
      },
      async list(folder) {
        const prefix = `${folder}/`;
        return [...new Set(names.filter((n) => n.startsWith(prefix)).map((n) => n.slice(prefix.length).split('/')[0]))];
      },
      async read(path) {
        const file = upload.byName.get(path);
        if (!file) throw new ProjectError(`${path}: not in the upload`);
        if (file.received !== file.size)
          throw new ProjectError(`${path}: only ${file.received} of ${file.size} bytes have arrived`);
        upload.used = Date.now();
        return readFile(file.path);
      },
      join: (folder, name) => `${folder}/${name}`,
    };
  }

  /** Forgets uploads unused for an hour. */
  private expire(): void {
    const cutoff = this.now() - this.limits.idleMs;
    for (const u of [...this.uploads.values()]) if (u.used < cutoff) void this.discard(u.id);
  }

  /** Removes every upload (the service is closing). */
  async close(): Promise<void> {
    this.uploads.clear();
    if (this.dir) await rm(await this.dir, { recursive: true, force: true });
  }
}
