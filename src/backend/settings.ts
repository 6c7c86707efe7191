// Per-user settings kept in the user's config folder (Electron's userData, or ~/.config/framelens for
// `serve`), never inside a project: who is annotating on this machine. An unreadable file is never
// overwritten: the app asks again and keeps the answer for this session only.
import { execFile } from 'node:child_process';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { idProblem } from '../core/ids';
import { GOLD } from '../core/model';
import { readJson, updateJson } from './jsonStore';

const settingsSchema = z.looseObject({ schema: z.literal(1), annotator: z.string().max(200).optional() });
type Settings = z.infer<typeof settingsSchema>;

/** Why a name cannot be an annotator, or null. */
export function annotatorNameProblem(name: string): string | null {
  if (name.toLowerCase() === GOLD) return '"gold" is reserved for the adjudicated layer';
  const problem = idProblem(name);
  return problem ? `the name ${problem}` : null;
}

export class UserSettings {
  constructor(private readonly configDir: string) {}

  private get file(): string {
    return join(this.configDir, 'settings.json');
  }

  /** The remembered annotator; null when none, or when the file cannot be read. */
  async annotator(): Promise<string | null> {
    const settings = await readJson(this.file, settingsSchema).catch(() => null);
    const name = settings?.annotator;
    return name && !annotatorNameProblem(name) ? name : null;
  }

  async setAnnotator(name: string): Promise<void> {
    const problem = annotatorNameProblem(name);
    if (problem) throw new Error(`refused: ${problem}`);
    await updateJson<Settings>(this.file, settingsSchema, (current) => ({
      ...(current ?? {}),
      schema: 1,
      annotator: name,
    }));
  }
}

/** A name made usable as an annotator: letters, digits, ".", "_", "-"; other runs become "-". */
export function asAnnotatorName(raw: string): string | null {
  const name = raw
    .normalize('NFC')
    .trim()
    .replace(/[^\p{L}\p{M}\p{N}._-]+/gu, '-')
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .replace(/[.-]+$/, '')
    .slice(0, 64);
  return name && !annotatorNameProblem(name) ? name : null;
}

/** git's user.name from the user's global config; null when git is missing, slow or has none. */
function gitUserName(): Promise<string | null> {
  return new Promise((resolve) => {
    try {
      execFile(
        'git',
        ['config', '--global', '--get', 'user.name'],
        { cwd: homedir(), timeout: 1500, windowsHide: true, shell: false },
        (error, stdout) => resolve(error ? null : String(stdout).trim() || null),
      );
    } catch {
      resolve(null);
    }
  });
}

function accountName(): string | null {
  try {
    return userInfo().username || null;
  } catch {
    return null;
  }
}

/** The name to offer when asking who is annotating: git's user.name when set, else the OS account. */
export async function suggestedAnnotator(
  sources: { git?: () => Promise<string | null>; account?: () => string | null } = {},
): Promise<string> {
  const fromGit = await (sources.git ?? gitUserName)();
  return (
    (fromGit && asAnnotatorName(fromGit)) || asAnnotatorName((sources.account ?? accountName)() ?? '') || 'annotator'
  );
}
