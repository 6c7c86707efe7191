// Build of the three Electron targets: ESM main process, CommonJS sandboxed preload, React renderer.
// The renderer bundle is also what `framelens serve` hands to a browser.
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { contentSecurityPolicy } from './src/core/csp';

/** Writes the one CSP (src/core/csp.ts) into the built index.html, after its charset, replacing any it carries. */
export function cspMeta(): Plugin {
  const tag = `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy({ meta: true })}" />`;
  return {
    name: 'framelens-csp-meta',
    apply: 'build',
    transformIndexHtml(html) {
      const bare = html.replace(/\s*<meta\s+http-equiv=["']Content-Security-Policy["'][^>]*>/gi, '');
      const out = bare.replace(/(<meta\s+charset=[^>]*>)/i, `$1\n    ${tag}`);
      if (out === bare) throw new Error('index.html needs <meta charset> for the CSP to follow');
      return out;
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // The import, training and round-figures threads are entries of their own: the backend starts out/main/<name>.js.
      rollupOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          parseWorker: resolve('src/backend/parseWorker.ts'),
          trainWorker: resolve('src/backend/trainWorker.ts'),
          figuresWorker: resolve('src/backend/figuresWorker.ts'),
          reportWorker: resolve('src/backend/reportWorker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // Sandboxed preloads cannot require node_modules: bundle everything into one CommonJS file.
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    plugins: [react(), cspMeta()],
    build: {
      outDir: 'out/renderer',
      // Minified: the first screen's script is what a window waits for (electron-vite leaves it unminified).
      minify: true,
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
  },
});
