// Runs every benchmark module in bench/ (each exports `run()`), one after another, and prints ONE JSON
// object to stdout: {"node", "date", "results": {<module>: <its result>}}. Progress goes to stderr.
// `npm run bench` = `node bin/run-ts.js bench/run.ts`; `... bench/run.ts store` runs only the named modules.
// (`npm run bench` itself prints its banner to stdout; use `npm run -s bench` for the bare JSON.)
import { readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const self = basename(fileURLToPath(import.meta.url));

/** Store first (the reference numbers), then the other modules in name order. */
async function benchModules(): Promise<string[]> {
  const files = (await readdir(here)).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && f !== self);
  return files.sort((a, b) => (a === 'store.ts' ? -1 : b === 'store.ts' ? 1 : a < b ? -1 : a > b ? 1 : 0));
}

/** Keeps stdout for the one JSON object: anything a module prints while running goes to stderr. */
async function withStdoutOnStderr<T>(task: () => Promise<T>): Promise<T> {
  const write = process.stdout.write;
  const log = console.log;
  const info = console.info;
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
  console.log = console.error;
  console.info = console.error;
  try {
    return await task();
  } finally {
    process.stdout.write = write;
    console.log = log;
    console.info = info;
  }
}

const only = new Set(process.argv.slice(2));
const results: Record<string, unknown> = {};
let failed = false;
await withStdoutOnStderr(async () => {
  for (const file of await benchModules()) {
    const name = file.slice(0, -3);
    if (only.size && !only.has(name)) continue;
    const mod = (await import(pathToFileURL(join(here, file)).href)) as { run?: () => Promise<unknown> };
    if (typeof mod.run !== 'function') {
      console.error(`bench: ${file} exports no run(), skipped`);
      continue;
    }
    console.error(`bench: running ${name}`);
    const t0 = performance.now();
    try {
      results[name] = await mod.run();
      console.error(`bench: ${name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    } catch (error) {
      failed = true;
      results[name] = { error: error instanceof Error ? error.message : String(error) };
      console.error(
        `bench: ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    }
  }
});
console.log(JSON.stringify({ node: process.version, date: new Date().toISOString(), results }));
if (failed) process.exitCode = 1;
