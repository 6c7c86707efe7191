import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CheckedCacheFile, readCheckedCache, SaveHold } from '../../src/backend/checkedCache';
import { tempDir } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
});
afterEach(async () => {
  vi.useRealTimers();
  await cleanup();
});

/** A cache whose body is a counter, with the number of times its body was taken to be written. */
function counterCache() {
  const state = { value: 0, bodies: 0 };
  const file = new CheckedCacheFile(
    () => join(dir, 'cache.json'),
    1,
    () => {
      state.bodies++;
      return { value: state.value };
    },
  );
  const change = () => {
    state.value++;
    file.changed();
  };
  return { state, file, change };
}

async function onDisk(): Promise<unknown> {
  const read = readCheckedCache(await readFile(join(dir, 'cache.json'), 'utf8'), 1);
  return 'data' in read ? read.data : read.problem;
}

describe('a checked cache file kept by its owner', () => {
  it('is written once after a burst of changes ends, not while the changes go on', async () => {
    const { state, file, change } = counterCache();
    for (let i = 0; i < 20; i++) {
      change();
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(state.bodies).toBe(0);
    await vi.advanceTimersByTimeAsync(2000);
    expect(state.bodies).toBe(1);
    await file.save();
    expect(await onDisk()).toEqual({ value: 20 });
  });

  it('is still written during changes that never pause, at most thirty seconds after the first', async () => {
    const { state, change } = counterCache();
    for (let i = 0; i < 60 && state.bodies === 0; i++) {
      change();
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(state.bodies).toBe(1);
    expect(performance.now()).toBeLessThanOrEqual(30_500);
  });

  it('saves at once when asked, after a write already begun, with the newest content last', async () => {
    const { file, change } = counterCache();
    change();
    await vi.advanceTimersByTimeAsync(2000);
    change();
    await file.save();
    expect(await onDisk()).toEqual({ value: 2 });
    expect(file.isDirty).toBe(false);
  });
});

describe('the saves held over a long pass (SaveHold)', () => {
  it('marks changes while a pass runs and saves once when the outermost pass ends', async () => {
    const { state, file } = counterCache();
    const hold = new SaveHold(() => [file]);
    const mark = () => {
      state.value++;
      hold.changed(file);
    };
    await hold.during(async () => {
      await hold.during(async () => {
        for (let i = 0; i < 10; i++) {
          mark();
          await vi.advanceTimersByTimeAsync(40_000);
        }
      });
      await vi.advanceTimersByTimeAsync(40_000);
      expect(state.bodies).toBe(0);
      expect(file.isDirty).toBe(true);
    });
    await vi.advanceTimersByTimeAsync(2000);
    expect(state.bodies).toBe(1);
    await file.save();
    expect(await onDisk()).toEqual({ value: 10 });
    mark();
    await vi.advanceTimersByTimeAsync(2000);
    expect(state.bodies).toBe(2);
  });
});
