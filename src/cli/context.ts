// What every CLI command shares: where user config lives, opening a project, printing errors.
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LockWait } from '../backend/projectLock';
import { FrameLensService } from '../backend/service';

/** An error the user caused; printed as its one line with exit status 1. */
export class CliError extends Error {}

/** Recent projects and other per-user state live here, never inside a project. */
export function configDir(): string {
  if (process.env.FRAMELENS_CONFIG_DIR) return resolve(process.env.FRAMELENS_CONFIG_DIR);
  const base = process.env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(base, 'framelens');
}

/** The user's documents folder: new projects and the sample's copy go in its "Frame Lens" folder. */
export function documentsDir(): string {
  if (process.env.FRAMELENS_DOCUMENTS_DIR) return resolve(process.env.FRAMELENS_DOCUMENTS_DIR);
  return join(homedir(), 'Documents');
}

/** The repository root, to find the built renderer from the CLI. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The shipped sample project (read-only: the app opens a copy of it). */
export const SAMPLE_DIR = join(REPO_ROOT, 'annotations');

/** How long a command waits for another program writing to the project before it refuses. */
const LOCK_WAIT_MS = 10 * 60_000;

/** Waiting for another writer's lock, saying so once on stderr. */
export function lockWait(waitMs = LOCK_WAIT_MS): LockWait {
  return { waitMs, onWait: (message) => process.stderr.write(`framelens: ${message}\n`) };
}

/**
 * Opens the project a command names, through the same service the app uses. Its writes wait for another
 * writer's lock, saying so once on stderr.
 */
export function openService(dir: string, command = 'framelens', waitMs = LOCK_WAIT_MS): Promise<FrameLensService> {
  return FrameLensService.start({
    projectDir: dir,
    configDir: configDir(),
    writer: command,
    lockWait: lockWait(waitMs),
  });
}
