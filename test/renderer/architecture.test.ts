// The renderer's folders and what each may import: a view is one folder, and views share code only
// through state/ and ui/ (annotate also shows codebook/'s palette and editor); app/ puts them together.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const RENDERER = join(import.meta.dirname, '..', '..', 'src', 'renderer');
const VIEWS = ['agreement', 'adjudicate', 'outlets', 'data'];
const ALLOWED: Record<string, string[]> = {
  ui: ['ui'],
  state: ['state', 'ui'],
  api: ['api'],
  codebook: ['codebook', 'state', 'ui'],
  annotate: ['annotate', 'codebook', 'state', 'ui'],
  ...Object.fromEntries(VIEWS.map((v) => [v, [v, 'state', 'ui']])),
};

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.(ts|tsx)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

function folderImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]);
  return specs
    .filter((s) => s.startsWith('.'))
    .map((s) => relative(RENDERER, join(file, '..', s)).split(/[/\\]/)[0])
    .filter((top) => top !== '..');
}

describe('renderer folders', () => {
  it('has a folder for every view the app lists, and no folder without rules', () => {
    const views = readFileSync(join(RENDERER, 'app', 'views.tsx'), 'utf8');
    for (const folder of ['annotate', ...VIEWS]) expect(views).toContain(`from '../${folder}/`);
    const folders = readdirSync(RENDERER, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(folders.filter((f) => f !== 'app' && !(f in ALLOWED))).toEqual([]);
  });

  for (const [folder, allowed] of Object.entries(ALLOWED)) {
    it(`${folder}/ imports only ${allowed.join(', ')} (and core)`, () => {
      const bad: string[] = [];
      for (const file of files(join(RENDERER, folder)))
        for (const top of folderImports(file))
          if (!allowed.includes(top) && !top.includes('.')) bad.push(`${relative(RENDERER, file)} → ${top}/`);
      expect(bad).toEqual([]);
    });
  }
});
