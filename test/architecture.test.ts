// Layering rules (as VS Code enforces its own): imports point downward only.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
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

describe('one writer of project files', () => {
  it('only Project (and the per-user recent list and settings) writes JSON files through the store', () => {
    // importJournal.ts is the staging area Project commits an import through.
    const allowed = ['backend/project.ts', 'backend/recent.ts', 'backend/settings.ts', 'backend/importJournal.ts'];
    const writers = files(SRC)
      .filter((file) => /\b(writeJson|updateJson)\b/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(SRC, file).split(/[/\\]/).join('/'))
      .filter((file) => file !== 'backend/jsonStore.ts');
    expect(writers.filter((file) => !allowed.includes(file))).toEqual([]);
    expect(writers).toContain('backend/project.ts');
  });
});

describe('no import cycles', () => {
  it('no module imports itself through others (type-only imports count too)', () => {
    const target = (from: string, spec: string) =>
      [resolve(dirname(from), spec)]
        .flatMap((b) => [b, `${b}.ts`, `${b}.tsx`, join(b, 'index.ts')])
        .find((c) => /\.tsx?$/.test(c) && existsSync(c));
    const graph = new Map(
      files(SRC).map((f) => [
        f,
        imports(f)
          .filter((spec) => spec.startsWith('.'))
          .map((spec) => target(f, spec))
          .filter((t): t is string => t !== undefined),
      ]),
    );
    const cycles: string[] = [];
    const done = new Set<string>();
    const path: string[] = [];
    const visit = (file: string) => {
      path.push(file);
      for (const next of graph.get(file) ?? []) {
        if (path.includes(next))
          cycles.push([...path.slice(path.indexOf(next)), next].map((f) => relative(SRC, f)).join(' → '));
        else if (!done.has(next)) visit(next);
      }
      path.pop();
      done.add(file);
    };
    for (const file of graph.keys()) if (!done.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });
});
