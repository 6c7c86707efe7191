// The sample project ships read-only (the repository's annotations/, or the installed app's resources)
// and is never opened in place: the user works in a copy in their documents folder, made on first use.
import { randomBytes } from 'node:crypto';
import { chmod, cp, mkdir, readdir, realpath, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { LAYOUT } from './layout';

/** The folder new projects and the sample's copy go in, inside the user's documents folder. */
export function projectsFolder(documentsDir: string): string {
  return join(documentsDir, 'Frame Lens');
}

/** A project's name as a folder name: no separators, reserved or control characters; null when none is left. */
export function folderNameFor(name: string): string | null {
  const cleaned = [...name.normalize('NFC')]
    .map((c) => (c.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(c) ? ' ' : c))
    .join('')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .replace(/[. ]+$/, '')
    .slice(0, 120)
    .trim();
  if (!cleaned || /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i.test(cleaned)) return null;
  return cleaned;
}

/** Where the user's copy of the sample lives. */
export function sampleCopyPath(documentsDir: string): string {
  return join(projectsFolder(documentsDir), 'Sample project');
}

/** True when `dir` is the shipped sample itself (by real path, so a symlink to it counts). */
export async function isShippedSample(dir: string, sampleDir: string): Promise<boolean> {
  const [a, b] = await Promise.all([realpath(dir).catch(() => resolve(dir)), realpath(sampleDir).catch(() => null)]);
  return b !== null && a === b;
}

async function makeWritable(path: string): Promise<void> {
  const info = await stat(path);
  await chmod(path, info.mode | (info.isDirectory() ? 0o700 : 0o600));
  if (info.isDirectory()) for (const name of await readdir(path)) await makeWritable(join(path, name));
}

/** The user's copy of the sample: made whole beside its place and renamed in, or the one already there. */
export async function ensureSampleCopy(sampleDir: string, documentsDir: string): Promise<string> {
  const target = sampleCopyPath(documentsDir);
  if (await stat(join(target, LAYOUT.project)).catch(() => null)) return target;
  if (await stat(target).catch(() => null))
    throw new Error(`${target} exists but is not a Frame Lens project; move it away to get a fresh copy of the sample`);
  await mkdir(dirname(target), { recursive: true });
  const staging = join(dirname(target), `.sample-${randomBytes(6).toString('hex')}.tmp`);
  try {
    await cp(sampleDir, staging, { recursive: true, errorOnExist: true, force: false });
    // The installed sample may be read-only; the copy is the user's to write.
    await makeWritable(staging);
    await rename(staging, target);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  return target;
}
