// The renderer's folders and what each may import: a view is one folder, and views share code only
// through state/ and ui/ (annotate also shows codebook/'s palette and editor); app/ puts them together.
import { describe, expect, it } from 'vitest';

const ROOT = '../../src/renderer/';
const SOURCES = import.meta.glob<string>('../../src/renderer/**/*.{ts,tsx}', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const VIEWS = ['agreement', 'adjudicate', 'study', 'outlets', 'data'];
const ALLOWED: Record<string, string[]> = {
  ui: ['ui'],
  state: ['state', 'ui'],
  api: ['api'],
  // The .qdc exchange sends a chosen file the way the import does.
  codebook: ['codebook', 'data', 'state', 'ui'],
  // The empty project's call to action uses the import's file pickers.
  annotate: ['annotate', 'codebook', 'data', 'state', 'ui'],
  ...Object.fromEntries(VIEWS.map((v) => [v, [v, 'state', 'ui']])),
};

/** `a/b/../c` → `a/c`. */
function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}

/** The renderer folders a file imports from (relative imports only; core is outside the renderer). */
function folderImports(path: string, text: string): string[] {
  const dir = path.slice(ROOT.length).split('/').slice(0, -1).join('/');
  const specs = [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]);
  return specs
    .filter((s) => s.startsWith('.'))
    .map((s) => `renderer/${dir}/${s}`)
    .map((s) => normalize(s))
    .filter((s) => s.startsWith('renderer/'))
    .map((s) => s.split('/')[1]);
}

const folderOf = (path: string) => path.slice(ROOT.length).split('/')[0];

describe('renderer folders', () => {
  it('has a folder for every view the app lists, and no folder without rules', () => {
    const views = SOURCES[`${ROOT}app/views.tsx`];
    // The first view is imported; the others are loaded on first use (a dynamic import).
    for (const folder of ['annotate', ...VIEWS])
      expect(views.includes(`from '../${folder}/`) || views.includes(`import('../${folder}/`), folder).toBe(true);
    const folders = new Set(
      Object.keys(SOURCES)
        .filter((p) => p.slice(ROOT.length).includes('/'))
        .map(folderOf),
    );
    expect([...folders].filter((f) => f !== 'app' && !(f in ALLOWED))).toEqual([]);
  });

  for (const [folder, allowed] of Object.entries(ALLOWED)) {
    it(`${folder}/ imports only ${allowed.join(', ')} (and core)`, () => {
      const bad: string[] = [];
      const files = Object.entries(SOURCES).filter(([p]) => folderOf(p) === folder);
      expect(files.length).toBeGreaterThan(0);
      for (const [path, text] of files)
        for (const top of folderImports(path, text))
          if (!allowed.includes(top)) bad.push(`${path.slice(ROOT.length)} → ${top}/`);
      expect(bad).toEqual([]);
    });
  }
});
