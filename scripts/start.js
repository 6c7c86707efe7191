#!/usr/bin/env node
// `npm start`: build the app, then run it in Electron; without the Electron binary (an offline install, since
// .npmrc has ignore-scripts=true and npm never runs electron's download), serve it to a browser instead.
//   npm start [-- --project DIR | DIR] [other args are passed to Electron]
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const INSTALL_TIMEOUT_MS = 60_000;

/** The one child running at a time, so Ctrl-C and SIGTERM reach it. */
let current = null;

/** Resolves with the exit code (a signal counts as failure). */
function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options });
    current = child;
    child.on('error', () => resolve(1));
    child.on('exit', (code, signal) => {
      current = null;
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

/** Null when the package is installed without its binary. */
function electronBinary() {
  try {
    const id = require.resolve('electron');
    delete require.cache[id];
    const path = require(id);
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** The download npm skipped (ignore-scripts); quiet, and bounded so an offline machine is not kept waiting. */
async function installElectronBinary() {
  const script = join(root, 'node_modules', 'electron', 'install.js');
  if (!existsSync(script)) return;
  await run(process.execPath, [script], { stdio: 'ignore', timeout: INSTALL_TIMEOUT_MS, killSignal: 'SIGKILL' });
}

/** Our options apart from the rest: `--project DIR`/`--project=DIR` or the first bare argument, and `--port N`. */
function parseArgs(args, baseDir) {
  const parsed = { project: null, port: null, rest: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, null];
    if (name === '--project' || name === '--port') {
      const value = inline ?? args[++i] ?? null;
      if (name === '--project') parsed.project = value;
      else parsed.port = value;
    } else if (!arg.startsWith('-') && parsed.project === null) {
      parsed.project = arg;
    } else {
      parsed.rest.push(arg);
    }
  }
  // npm runs scripts in the package folder; a relative project path means the folder the user typed it in.
  if (parsed.project) parsed.project = resolve(baseDir, parsed.project);
  return parsed;
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (current) current.kill(signal);
    else process.exit(130);
  });
}

async function main() {
  const args = parseArgs(process.argv.slice(2), process.env.INIT_CWD ?? process.cwd());
  const viteBin = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const built = await run(process.execPath, [viteBin, 'build']);
  if (built !== 0) return built;

  let electron = electronBinary();
  if (!electron) {
    await installElectronBinary();
    electron = electronBinary();
  }
  if (electron) {
    const env = { ...process.env };
    delete env.ELECTRON_RUN_AS_NODE;
    const project = args.project ? ['--project', args.project] : [];
    return run(electron, ['.', ...project, ...args.rest], { env });
  }

  console.log('Electron binary not available (offline install); serving Frame Lens in your browser instead.');
  // Without a project, serve opens the most recent one, else a copy of the sample (never annotations/ itself).
  const serve = [join(root, 'bin', 'framelens.cjs'), 'serve', ...(args.project ? [args.project] : [])];
  return run(process.execPath, args.port ? [...serve, '--port', args.port] : serve);
}

process.exitCode = await main();
