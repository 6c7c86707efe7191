// The project named on the app's command line (the service opens it, else the most recent, else the sample's copy).

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
