// Where an import reads its files from: the disk (the paths the CLI was given, a grant's paths, or paths
// inside the allowed folders) or an upload the page sent. The importer walks and reads through this one
// interface, so the access rule of each source is checked on every file it touches, not only on the
// paths a request named.
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ProjectError } from './project';

export interface FileSource {
  /** A file, a folder, or nothing there. */
  kind(path: string): Promise<'file' | 'folder' | null>;
  /** The names in a folder. */
  list(folder: string): Promise<string[]>;
  read(path: string): Promise<Uint8Array>;
  join(folder: string, name: string): string;
}

/** True when `path` is `root` or inside it (both absolute and normalized). */
export function isWithin(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** Every path on the disk, unchecked: the CLI reads what its command line names. */
export const ANY_FILE: FileSource = {
  async kind(path) {
    const info = await stat(path).catch(() => null);
    return info ? (info.isDirectory() ? 'folder' : 'file') : null;
  },
  list: (folder) => readdir(folder),
  read: (path) => readFile(path),
  join,
};

/**
 * Only paths inside `roots` (absolute paths; a root may be a single file). A path is checked as written
 * before anything on the disk is looked at (so nothing outside answers even "no such file"), and by its
 * real path before it is listed or read (so a symlink cannot lead out).
 */
export function diskWithin(roots: string[], refusal: (path: string) => string): FileSource {
  const resolved = roots.map((r) => resolve(r));
  let real: Promise<string[]> | null = null;
  const realRoots = () => {
    real ??= Promise.all(resolved.map((r) => realpath(r).catch(() => r)));
    return real;
  };
  const refuse = (path: string): never => {
    throw new ProjectError(`refused: ${refusal(path)}`);
  };
  const check = async (path: string): Promise<string | null> => {
    if (!isAbsolute(path) || !resolved.some((r) => isWithin(r, resolve(path)))) refuse(path);
    const target = await realpath(path).catch(() => null);
    if (target === null) return null;
    if (!(await realRoots()).some((r) => isWithin(r, target))) refuse(path);
    return target;
  };
  return {
    async kind(path) {
      const target = await check(path);
      if (target === null) return null;
      const info = await stat(target).catch(() => null);
      return info ? (info.isDirectory() ? 'folder' : 'file') : null;
    },
    async list(folder) {
      const target = await check(folder);
      return target === null ? [] : readdir(target);
    },
    async read(path) {
      const target = await check(path);
      if (target === null) throw new ProjectError(`${path}: no such file`);
      return readFile(target);
    },
    join,
  };
}
