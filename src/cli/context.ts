// What every CLI command shares: where user config lives, opening a project, printing errors.
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FrameLensService } from '../backend/service';

/** An error the user caused; printed as its one line with exit status 1. */
export class CliError extends Error {}

/** Recent projects and other per-user state live here, never inside a project. */
export function configDir(): string {
  if (process.env.FRAMELENS_CONFIG_DIR) return resolve(process.env.FRAMELENS_CONFIG_DIR);
  const base = process.env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(base, 'framelens');
}

/** The repository root, to find the built renderer from the CLI. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** How long a command waits for another program writing to the project before it refuses. */
const LOCK_WAIT_MS = 10 * 60_000;

/**
 * Opens the project a command names, through the same service the app uses. Its writes wait for another
 * writer's lock, saying so once on stderr.
 */
export function openService(dir: string, command = 'framelens', waitMs = LOCK_WAIT_MS): Promise<FrameLensService> {
  return FrameLensService.start({
    projectDir: dir,
    configDir: configDir(),
    writer: command,
    lockWait: { waitMs, onWait: (message) => process.stderr.write(`framelens: ${message}\n`) },
  });
}
