// Build of the three Electron targets: ESM main process, CommonJS sandboxed preload, React renderer.
// The renderer bundle is also what `framelens serve` hands to a browser.
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { contentSecurityPolicy } from './src/core/csp';

/** Writes the one CSP (src/core/csp.ts) into the built index.html, replacing any meta CSP it carries. */
export function cspMeta(): Plugin {
  return {
    name: 'framelens-csp-meta',
    apply: 'build',
    transformIndexHtml(html) {
      return {
        html: html.replace(/\s*<meta\s+http-equiv=["']Content-Security-Policy["'][^>]*>/gi, ''),
        tags: [
          {
            tag: 'meta',
            attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy({ meta: true }) },
            injectTo: 'head-prepend',
          },
        ],
      };
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve('src/main/index.ts') } },
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
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
  },
});
