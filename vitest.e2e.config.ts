// End-to-end tests: the real app in Debian Chromium (playwright-core) against `framelens serve`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['test/e2e/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    // The races that once failed single runs are fixed; a test that fails is run once more so that a run on a
    // loaded machine is not lost to one slow frame, and a failure twice in a row fails the run.
    retry: 1,
    // A wait for the app to show or write something is not a speed check (those are in bench/): on a loaded
    // machine a save can take over the one second expect.poll waits by default.
    expect: { poll: { timeout: 5_000 } },
  },
});
