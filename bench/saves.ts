// Twenty coders saving over loopback HTTP (bench/scale.ts's loopback), side by side in one run: each variant in
// a process of its own, taking turns, so the machine's load falls on all alike. Variants: libuv's pool at its
// default of four threads and at the sixteen `framelens serve` starts with (bin/framelens.cjs), and, when
// FRAMELENS_BENCH_BASELINE names another checkout (e.g. `git worktree add /tmp/base main`, with node_modules),
// that checkout's code at four threads. FRAMELENS_BENCH_SAVES_S seconds per run (20), FRAMELENS_BENCH_SAVES_ROUNDS
// turns (2). Reports per variant the saves, p50 and p95 of every turn, errors and acknowledged saves lost.
// Run: node bin/run-ts.js bench/run.ts saves
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');

interface Variant {
  name: string;
  checkout: string;
  pool: number;
}

interface Loopback {
  saves: number;
  save_p50_ms: number;
  save_p95_ms: number;
  errors: number;
  acknowledged_saves_lost: number;
}

function once(variant: Variant, seconds: number, dir: string): Promise<Loopback> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        join(ROOT, 'bin', 'run-ts.js'),
        join(ROOT, 'bench', 'pool', 'loopbackChild.ts'),
        variant.checkout,
        String(seconds),
        dir,
      ],
      { env: { ...process.env, UV_THREADPOOL_SIZE: String(variant.pool) }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.once('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code === 0 && line.startsWith('{')) resolve(JSON.parse(line) as Loopback);
      else reject(new Error(`${variant.name} exited with ${code}: ${out.slice(-500)}`));
    });
  });
}

export async function run() {
  const seconds = Number(process.env.FRAMELENS_BENCH_SAVES_S ?? 20);
  const rounds = Number(process.env.FRAMELENS_BENCH_SAVES_ROUNDS ?? 2);
  const baseline = process.env.FRAMELENS_BENCH_BASELINE;
  const variants: Variant[] = [
    ...(baseline ? [{ name: 'baseline_pool_4', checkout: baseline, pool: 4 }] : []),
    { name: 'pool_4', checkout: ROOT, pool: 4 },
    { name: 'pool_16', checkout: ROOT, pool: 16 },
  ];
  const runs: Record<string, Loopback[]> = Object.fromEntries(variants.map((v) => [v.name, []]));
  const loads: number[] = [loadavg()[0]!];
  const dir = await mkdtemp(join(tmpdir(), 'framelens-bench-saves-'));
  try {
    for (let r = 0; r < rounds; r++)
      for (const v of variants) {
        const scratch = join(dir, `${v.name}-${r}`);
        runs[v.name]!.push(await once(v, seconds, scratch));
        await rm(scratch, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
        loads.push(loadavg()[0]!);
      }
  } finally {
    await rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
  const summary = Object.fromEntries(
    Object.entries(runs).map(([name, rs]) => [
      name,
      {
        saves: rs.map((x) => x.saves),
        p50_ms: rs.map((x) => x.save_p50_ms),
        p95_ms: rs.map((x) => x.save_p95_ms),
        errors: rs.reduce((n, x) => n + x.errors, 0),
        acknowledged_saves_lost: rs.reduce((n, x) => n + x.acknowledged_saves_lost, 0),
      },
    ]),
  );
  return {
    name: 'saves',
    seconds,
    annotators: 20,
    cpus: cpus().length,
    load_avg_1m: loads.map((l) => Number(l.toFixed(2))),
    ...summary,
  };
}
