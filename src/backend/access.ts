// What the API may read and write on the disk. The renderer never names an arbitrary path: it reads files
// the user picked (a grant the shell made from a native open dialog), or an upload; it writes where the
// user chose in a save dialog (a grant, used once), or into a download; and the path boxes reach only the
// folders the user allowed on the command line (`serve --allow DIR`) and the open project's own folder
// (reads) or its exports/ folder (writes). Grants are made only by trusted code (the Electron main process
// after a dialog, the CLI); no API method makes one from a path it was sent.
import { randomBytes } from 'node:crypto';
import { mkdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import type { PickedFiles, PickedTarget } from '../core/api';
import { diskWithin, type FileSource, isWithin } from './fileSource';
import { ProjectError } from './project';

/** Inside a project, exports may go here only: the rest of the folder is the project's own files. */
export const EXPORTS_FOLDER = 'exports';

const MAX_GRANTS = 200;

function refused(why: string): never {
  throw new ProjectError(`refused: ${why}`);
}

function list(paths: string[]): string {
  return paths.length ? paths.join(', ') : 'none';
}

export class FileAccess {
  readonly roots: string[];
  private readonly reads = new Map<string, string[]>();
  private readonly writes = new Map<string, string>();

  constructor(roots: string[] = []) {
    this.roots = [...new Set(roots.map((r) => resolve(r)))];
  }

  private static id(): string {
    return randomBytes(16).toString('hex');
  }

  private static keep<V>(map: Map<string, V>, id: string, value: V): void {
    map.set(id, value);
    if (map.size > MAX_GRANTS) map.delete(map.keys().next().value as string);
  }

  /** For trusted callers only (a dialog's answer): the user may read these files and folders. */
  grantRead(paths: string[]): PickedFiles {
    const resolved = paths.map((p) => resolve(p));
    const grant = FileAccess.id();
    FileAccess.keep(this.reads, grant, resolved);
    return { grant, paths: resolved };
  }

  /** For trusted callers only (a save dialog's answer): one export may write exactly here. */
  grantWrite(path: string): PickedTarget {
    const grant = FileAccess.id();
    FileAccess.keep(this.writes, grant, resolve(path));
    return { grant, path: resolve(path) };
  }

  /** Where an import reads: the grant's paths, or the allowed folders and the project (never anywhere else). */
  importSource(paths: string[], grant: string | undefined, projectRoot: string | null): FileSource {
    if (grant !== undefined) {
      const granted = this.reads.get(grant);
      if (!granted) refused('these files were not picked in this session: choose them again');
      const outside = (p: string) => `${p} is not among the files you chose`;
      for (const p of paths) if (!isAbsolute(p) || !granted.some((g) => isWithin(g, resolve(p)))) refused(outside(p));
      return diskWithin(granted, outside);
    }
    for (const p of paths)
      if (!isAbsolute(p))
        refused(
          `${p} is a relative path; give the full path of a file or folder inside ${this.readableText(projectRoot)}`,
        );
    const roots = [...this.roots, ...(projectRoot ? [projectRoot] : [])];
    const outside = (p: string) =>
      `${p} is outside the folders Frame Lens may read (${list(roots)}); drop the files on the window or choose them instead`;
    // Refused at once, before an import job starts; every file it then reads is checked again.
    for (const p of paths) if (!roots.some((r) => isWithin(r, resolve(p)))) refused(outside(p));
    return diskWithin(roots, outside);
  }

  private readableText(projectRoot: string | null): string {
    return list([...this.roots, ...(projectRoot ? [projectRoot] : [])]);
  }

  /** The path a save-dialog grant names; a grant is used once. */
  takeWriteGrant(grant: string): string {
    const path = this.writes.get(grant);
    if (!path) refused('this export place was not chosen in this session: choose it again');
    this.writes.delete(grant);
    return path;
  }

  /**
   * A path typed in the export box: absolute, new, inside an allowed folder or the project's exports/
   * folder, its folder existing (exports/ is made), and no symlink leading out.
   */
  async checkTypedExport(out: string, projectRoot: string | null): Promise<string> {
    const exportsDir = projectRoot ? join(projectRoot, EXPORTS_FOLDER) : null;
    const places = [...this.roots, ...(exportsDir ? [exportsDir] : [])];
    if (!isAbsolute(out))
      refused(`${out} is a relative path; give the full path of a new file or folder inside ${list(places)}`);
    const target = resolve(out);
    const root = places.find((r) => isWithin(r, target) && r !== target);
    if (!root)
      refused(
        `Frame Lens may write only inside ${list(places)} (add a folder with serve --allow DIR), or export as a download`,
      );
    if (root === exportsDir) await mkdir(root, { recursive: true });
    const parent = dirname(target);
    const realParent = await realpath(parent).catch(() => null);
    if (realParent === null) throw new ProjectError(`the folder ${parent} does not exist`);
    const realRoot = await realpath(root).catch(() => root);
    if (!isWithin(realRoot, realParent)) refused(`${parent} leads outside ${root}`);
    if (await stat(target).catch(() => null))
      throw new ProjectError(
        `${basename(target)} already exists in ${parent}; Frame Lens overwrites only what you choose in a save dialog, so give a new name`,
      );
    return target;
  }

  /** Never write over the open project's own files, whoever chose the place. */
  guardProject(target: string, projectRoot: string | null): void {
    if (projectRoot && isWithin(resolve(projectRoot), target) && !isWithin(join(projectRoot, EXPORTS_FOLDER), target))
      refused(
        `${target} is inside the open project's folder, whose files Frame Lens manages; export into its ${EXPORTS_FOLDER}/ folder or elsewhere`,
      );
  }

  /** A project folder typed in a path box: absolute and inside an allowed folder. */
  checkProjectPath(path: string, what: 'open' | 'create'): string {
    const verb = what === 'open' ? 'Open' : 'New Project';
    if (!isAbsolute(path)) refused(`${path} is a relative path; give the full path of the project folder`);
    const target = resolve(path);
    if (!this.roots.some((r) => isWithin(r, target)))
      refused(
        this.roots.length
          ? `${target} is outside the folders Frame Lens may reach (${list(this.roots)}); use ${verb}… or the recent projects`
          : `use ${verb}… or the recent projects (start framelens serve with --allow DIR to type paths inside DIR)`,
      );
    return target;
  }
}
