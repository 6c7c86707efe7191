// Which project the app opens at startup: the command line's, else the most recent one, else the bundled sample.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** Electron's argv starts with the executable (packaged) or the executable plus the app folder (`electron .`). */
export function userArgs(argv: string[], isPackaged: boolean): string[] {
  return argv.slice(isPackaged ? 1 : 2);
}

/** `--project DIR`, `--project=DIR`, or the first argument that is not a flag (Chromium switches start with -). */
export function projectArg(args: string[]): string | null {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--project') return args[i + 1] ?? null;
    if (arg.startsWith('--project=')) return arg.slice('--project='.length) || null;
  }
  return args.find((arg) => !arg.startsWith('-')) ?? null;
}

/** The start candidates in order; a failing candidate falls through to the next (the sample is last). */
export function startupCandidates(
  cliDir: string | null,
  recent: string[],
  sampleDir: string,
  cwd: string,
  exists: (path: string) => boolean = existsSync,
): string[] {
  const first = cliDir ? [resolve(cwd, cliDir)] : recent.filter(exists).slice(0, 1);
  return [...new Set([...first, sampleDir])];
}

/** Open the first candidate that works, reporting the ones that did not. */
export async function startFirst<S>(
  candidates: string[],
  start: (dir: string) => Promise<S>,
  report: (dir: string, error: unknown) => void,
): Promise<S> {
  let lastError: unknown = new Error('no project to open');
  for (const dir of candidates) {
    try {
      return await start(dir);
    } catch (error) {
      report(dir, error);
      lastError = error;
    }
  }
  throw lastError;
}
