// A round's figures computed in a worker thread are the figures computed in place, bound for bound.
import { describe, expect, it, vi } from 'vitest';
import { computeRoundFigures, roundFiguresInThread, THREAD_FROM_DOCUMENTS } from '../../src/backend/figuresThread';
import { roundFigures } from '../../src/core/study/figures';
import { closedRound } from '../core/study/fixture';

// The thread compiles the core through tsx when it starts: seconds on a loaded machine.
vi.setConfig({ testTimeout: 120_000 });

describe('round figures off the calling thread', () => {
  it('gives in a thread exactly what roundFigures gives in place', async () => {
    const { round, base } = closedRound(40, 20);
    const options = { draws: 200, seed: 3 };
    const there = await roundFiguresInThread({ round, base, options });
    expect(there).toEqual(roundFigures(round, base, options));
    expect(there.intervals.alpha_u.overall.lower).not.toBeNull();
  });

  it('reports the resamples drawn as it goes, up to all of them, from the thread and in place', async () => {
    const { round, base } = closedRound(40, 20);
    const options = { draws: 200, seed: 3 };
    for (const run of [
      (p: (d: number, t: number) => void) => roundFiguresInThread({ round, base, options }, p),
      (p: (d: number, t: number) => void) => computeRoundFigures({ round, base, options }, p),
    ]) {
      const seen: [number, number][] = [];
      await run((done, total) => seen.push([done, total]));
      expect(seen.length).toBeGreaterThan(2);
      const total = seen[0][1];
      expect(total).toBeGreaterThanOrEqual(options.draws);
      expect(seen.every(([, t]) => t === total)).toBe(true);
      expect(seen.map(([d]) => d)).toEqual([...seen.map(([d]) => d)].sort((a, b) => a - b));
      expect(seen.at(-1)).toEqual([total, total]);
    }
  });

  it('refuses in one line what the figures refuse, from the thread', async () => {
    const { round, base } = closedRound(40, 20);
    await expect(roundFiguresInThread({ round, base, options: { draws: 0 } })).rejects.toThrow(/draws/);
  });

  it('gives the same figures for a small round (in place) and a large one (in a thread)', async () => {
    const small = closedRound(40, 20);
    expect(small.round.sample.documents.length).toBeLessThan(THREAD_FROM_DOCUMENTS);
    const large = closedRound(THREAD_FROM_DOCUMENTS + 20, THREAD_FROM_DOCUMENTS);
    const options = { draws: 50, seed: 1 };
    expect(await computeRoundFigures({ ...small, options })).toEqual(roundFigures(small.round, small.base, options));
    expect(await computeRoundFigures({ ...large, options })).toEqual(roundFigures(large.round, large.base, options));
  });
});
