// Unit and integration tests: core and backend in Node, the renderer in happy-dom, the Electron shell
// with `electron` mocked (its binary is not needed).
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/core/**/*.test.ts', 'test/backend/**/*.test.ts', 'test/cli/**/*.test.ts', 'test/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'main',
          environment: 'node',
          include: ['test/main/**/*.test.ts', 'test/preload/**/*.test.ts'],
          // Setting up imports the shell's module tree; under a full parallel run that can take over 10 s.
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['test/renderer/**/*.test.ts', 'test/renderer/**/*.test.tsx'],
          setupFiles: ['test/renderer/setup.ts'],
          // Whole-workspace tests take a few seconds on a busy machine; the default 5 s makes them flaky.
          testTimeout: 15_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
