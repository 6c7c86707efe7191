// `framelens serve [DIR] [--allow DIR…] [--port N]`: the app in a browser, on 127.0.0.1, behind a random token.
// Without DIR it opens what the app would: the most recent project, else (first run) a copy of the sample.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { startHttpServer } from '../../backend/httpServer';
import { FrameLensService } from '../../backend/service';
import { CliError, configDir, documentsDir, lockWait, REPO_ROOT, SAMPLE_DIR } from '../context';

/** The built renderer; built on first use so `serve` works right after `npm install`. */
export function ensureRendererBuilt(): string {
  const dir = join(REPO_ROOT, 'out', 'renderer');
  if (existsSync(join(dir, 'index.html'))) return dir;
  console.error('building the app (first run)…');
  const bin = join(
    REPO_ROOT,
    'node_modules',
    '.bin',
    process.platform === 'win32' ? 'electron-vite.cmd' : 'electron-vite',
  );
  const result = spawnSync(bin, ['build'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0 || !existsSync(join(dir, 'index.html')))
    throw new CliError('could not build the app: run `npm run build` and look at its output');
  return dir;
}

/** The app's saves wait this long for another writer before the edit is refused (and kept in the app). */
const APP_LOCK_WAIT_MS = 30_000;

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the app in a browser on 127.0.0.1 (prints the URL with its access token)')
    .argument('[dir]', 'the project folder (default: the most recent project, else a copy of the sample)')
    .option(
      '--allow <dir...>',
      'folders the app may read from and export to by typed path (default: none besides the project)',
    )
    .option('--port <n>', 'port (default: a free one)', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 65535) throw new CliError(`--port ${v}: not a port number`);
      return n;
    })
    .action(async (dir: string | undefined, opts: { port?: number; allow?: string[] }) => {
      const staticDir = ensureRendererBuilt();
      const allowedRoots = (opts.allow ?? []).map((a) => resolve(a));
      for (const root of allowedRoots) if (!existsSync(root)) throw new CliError(`--allow ${root}: no such folder`);
      const service = await FrameLensService.start({
        configDir: configDir(),
        documentsDir: documentsDir(),
        sampleDir: SAMPLE_DIR,
        allowedRoots,
        writer: 'framelens serve (the app in a browser)',
        lockWait: lockWait(APP_LOCK_WAIT_MS),
      });
      if (dir) await service.switchProject(dir);
      else
        await service.openAtLaunch(null, (d, e) =>
          console.error(`framelens: could not open ${d}: ${(e as Error).message}`),
        );
      const server = await startHttpServer({ api: service, staticDir, port: opts.port });
      console.log(`Frame Lens: ${server.url}`);
      const stop = () => {
        void Promise.all([server.close(), service.close()]).then(() => process.exit(0));
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
}
