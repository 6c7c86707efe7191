// The list of recently opened projects, kept in the user's config folder (never inside a project).
import { join } from 'node:path';
import { z } from 'zod';
import { readJson, writeJson } from './jsonStore';

const recentSchema = z.strictObject({ schema: z.literal(1), projects: z.array(z.string()) });
const MAX = 10;

/** Remembers which projects the user opened, most recent first. */
export class RecentProjects {
  constructor(private readonly configDir: string) {}

  private get file(): string {
    return join(this.configDir, 'recent-projects.json');
  }

  /** The list; an unreadable list is treated as empty (it is a convenience, not user data). */
  async list(): Promise<string[]> {
    try {
      return (await readJson(this.file, recentSchema))?.projects ?? [];
    } catch {
      return [];
    }
  }

  /** Moves a project to the top of the list. */
  async add(path: string): Promise<string[]> {
    const next = [path, ...(await this.list()).filter((p) => p !== path)].slice(0, MAX);
    await writeJson(this.file, recentSchema, { schema: 1, projects: next });
    return next;
  }
}
