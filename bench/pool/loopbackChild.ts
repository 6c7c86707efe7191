// One loopback run of bench/saves.ts in a process of its own, so libuv's pool is sized by this process's
// UV_THREADPOOL_SIZE. Args: the checkout whose bench/scale.ts runs it (this one, or a baseline), the seconds,
// and a scratch folder. Prints the run's JSON on stdout.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [checkout, seconds, dir] = process.argv.slice(2) as [string, string, string];
const { loopback } = (await import(pathToFileURL(join(checkout, 'bench', 'scale.ts')).href)) as {
  loopback: (dir: string, seconds: number) => Promise<object>;
};
console.log(JSON.stringify(await loopback(dir, Number(seconds))));
process.exit(0);
