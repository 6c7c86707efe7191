// Layering rules (as VS Code enforces its own): imports point downward only.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', 'src');
const LAYERS: Record<string, string[]> = {
  core: ['core'],
  backend: ['core', 'backend'],
  cli: ['core', 'backend', 'cli'],
  main: ['core', 'backend', 'main'],
  preload: ['core', 'preload'],
  renderer: ['core', 'renderer'],
};
const NODE_ONLY = /^(node:|fs$|path$|os$|child_process$|electron$|lowdb)/;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.(ts|tsx)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => m[1] ?? m[2],
  );
}

describe('architecture', () => {
  for (const layer of Object.keys(LAYERS)) {
    it(`${layer} imports only from ${LAYERS[layer].join(', ')}`, () => {
      const bad: string[] = [];
      for (const file of files(join(SRC, layer))) {
        for (const spec of imports(file)) {
          if (spec.startsWith('.')) {
            const target = relative(SRC, join(file, '..', spec)).split(/[/\\]/)[0];
            if (!LAYERS[layer].includes(target)) bad.push(`${relative(SRC, file)} → ${spec}`);
          } else if ((layer === 'core' || layer === 'renderer') && NODE_ONLY.test(spec)) {
            bad.push(`${relative(SRC, file)} → ${spec}`);
          } else if (layer === 'backend' && spec === 'electron') {
            bad.push(`${relative(SRC, file)} → electron`);
          }
        }
      }
      expect(bad).toEqual([]);
    });
  }
});
