// Document metadata end to end in the backend: what an import detects in the seed articles and in real pages'
// metadata, metadata confirmed in the preview, and edits saved with a version check.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/backend/html';
import { importIntoProject } from '../../src/backend/importer';
import { Project } from '../../src/backend/project';
import { detectMeta } from '../../src/core/documentMeta';
import { tempDir } from './helpers';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const SEED = join(FIXTURES, 'seed');
const MENAFN = '001_3fc97e4f2f91e271';
const OTHER = '000_e19e2984cdeb2e20';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

describe('import detects the seed articles’ metadata', () => {
  it('finds MENAFN in one article’s dateline and no outlet in the other (its byline M.U.H is no outlet)', async () => {
    const project = await Project.create(join(dir, 'p'), 'P');
    const report = await importIntoProject(project, { paths: [SEED], format: 'txt', clean: true, dryRun: true });
    const byId = Object.fromEntries(report.metadata.map((m) => [m.id, m]));
    expect(byId[MENAFN].meta.outlet).toBe('MENAFN');
    expect(byId[MENAFN].found.find((f) => f.field === 'outlet')?.from).toBe('the dateline “(MENAFN)”');
    expect(byId[OTHER].meta.outlet).toBeUndefined();
    expect(byId[OTHER].meta.author).toBe('M.U.H');
    expect(byId[OTHER].found.map((f) => f.field)).not.toContain('outlet');
  });

  it('finds the dateline without clean-up too, and never changes the text', async () => {
    const project = await Project.create(join(dir, 'p'), 'P');
    await importIntoProject(project, { paths: [join(SEED, `${MENAFN}.txt`)], format: 'txt' });
    const doc = await project.getDocument(MENAFN);
    expect(doc.meta.outlet).toBe('MENAFN');
    expect(doc.text).toBe(readFileSync(join(SEED, `${MENAFN}.txt`), 'utf8'));
  });

  it('stores the metadata the user confirmed or typed in the preview', async () => {
    const project = await Project.create(join(dir, 'p'), 'P');
    const preview = await importIntoProject(project, { paths: [SEED], format: 'txt', clean: true, dryRun: true });
    const other = preview.metadata.find((m) => m.id === OTHER)!;
    const report = await importIntoProject(project, {
      paths: [SEED],
      format: 'txt',
      clean: true,
      meta: { [OTHER]: { ...other.meta, outlet: '  Press TV ' } },
    });
    expect(report.documentsAdded).toEqual([OTHER, MENAFN]);
    expect((await project.getDocument(OTHER)).meta).toEqual({ ...other.meta, outlet: 'Press TV' });
    expect((await project.getDocument(MENAFN)).meta.outlet).toBe('MENAFN');
    const index = JSON.parse(await readFile(project.layout.indexFile, 'utf8'));
    expect(index.documents.map((d: { meta: { outlet?: string } }) => d.meta.outlet)).toEqual(['Press TV', 'MENAFN']);
  });

  it('refuses metadata for a document the import does not add, and a date that is not YYYY-MM-DD', async () => {
    const project = await Project.create(join(dir, 'p'), 'P');
    await expect(
      importIntoProject(project, { paths: [SEED], format: 'txt', meta: { elsewhere: { outlet: 'X' } } }),
    ).rejects.toThrow(/elsewhere: metadata was given for a document this import does not add/);
    await expect(
      importIntoProject(project, { paths: [SEED], format: 'txt', meta: { [OTHER]: { published: '16/01/2026' } } }),
    ).rejects.toThrow(/YYYY-MM-DD/);
    expect(project.index.size).toBe(0);
  });

  it('spells a detected outlet as the project already does', async () => {
    const project = await Project.create(join(dir, 'p'), 'P');
    await importIntoProject(project, {
      paths: [join(SEED, `${OTHER}.txt`)],
      format: 'txt',
      meta: { [OTHER]: { outlet: 'menafn' } },
    });
    const report = await importIntoProject(project, {
      paths: [join(SEED, `${MENAFN}.txt`)],
      format: 'txt',
      dryRun: true,
    });
    expect(report.metadata[0].meta.outlet).toBe('menafn');
  });
});

describe('real pages’ metadata (Readability’s test pages)', () => {
  const page = (name: string) => readFileSync(join(FIXTURES, 'pages', `${name}.head.html`), 'utf8');
  const outletOf = (name: string) => {
    const a = extractArticle(page(name));
    return { a, d: detectMeta({ text: a.text, meta: a.meta, from: a.from }) };
  };

  it('reads og:site_name and tidies a recognised outlet’s other name', () => {
    expect(outletOf('wapo-1').d.meta.outlet).toBe('The Washington Post');
    expect(outletOf('wapo-1').d.found[0]).toMatchObject({ field: 'outlet', from: 'og:site_name “Washington Post”' });
    expect(outletOf('lemonde-1').d.meta.outlet).toBe('Le Monde');
  });

  it('keeps an outlet it does not know as the page names it', () => {
    expect(outletOf('herald-sun-1').d.meta.outlet).toBe('HeraldSun');
  });

  it('reads a site name that is a URL as its domain', () => {
    expect(outletOf('tmz-1').a.meta.outlet).toBe('http://www.tmz.com');
    expect(outletOf('tmz-1').d.meta.outlet).toBe('tmz.com');
  });

  it('falls back on the canonical URL’s domain when the page names no site', () => {
    const { a, d } = outletOf('nytimes-1');
    expect(a.meta.outlet).toBeUndefined();
    expect(a.meta.url).toBe('https://www.nytimes.com/2017/01/13/world/africa/sudan-sanctions.html');
    expect(d.meta.outlet).toBe('The New York Times');
    expect(d.found.find((f) => f.field === 'outlet')?.from).toBe("the URL's domain nytimes.com");
  });
});

describe('metadata edits with a version check', () => {
  async function seeded(): Promise<Project> {
    const project = await Project.create(join(dir, 'p'), 'P');
    await importIntoProject(project, { paths: [SEED], format: 'txt', clean: true });
    return project;
  }
  const onDisk = async (project: Project, id: string) =>
    JSON.parse(await readFile(project.layout.documentFile(id), 'utf8')).meta;

  it('saves an edit made on the metadata on disk, trimmed, in the file and the index', async () => {
    const project = await seeded();
    const base = (await project.getDocument(OTHER)).meta;
    const saved = await project.setDocumentMeta(OTHER, { ...base, outlet: ' Press TV ', story: '' }, base);
    expect(saved.meta).toEqual({ ...base, outlet: 'Press TV' });
    expect(await onDisk(project, OTHER)).toEqual({ ...base, outlet: 'Press TV' });
    expect(project.index.get(OTHER)?.meta.outlet).toBe('Press TV');
    expect((await Project.open(project.layout.root)).index.get(OTHER)?.meta.outlet).toBe('Press TV');
  });

  it('refuses an edit made on metadata that changed since, and overwrites nothing', async () => {
    const project = await seeded();
    const seen = (await project.getDocument(OTHER)).meta;
    await project.setDocumentMeta(OTHER, { ...seen, outlet: 'Press TV' }, seen);
    await expect(project.setDocumentMeta(OTHER, { ...seen, outlet: 'IRNA' }, seen)).rejects.toThrow(
      /^conflict: the metadata of 000_e19e2984cdeb2e20 changed since this edit began/,
    );
    expect((await onDisk(project, OTHER)).outlet).toBe('Press TV');
  });

  it('edits many documents all or none: one conflict and none is written', async () => {
    const project = await seeded();
    const a = (await project.getDocument(OTHER)).meta;
    const b = (await project.getDocument(MENAFN)).meta;
    const stale = { ...b, outlet: 'somebody else’s' };
    await expect(
      project.setDocumentsMeta([
        { document: OTHER, meta: { ...a, story: 'putin-call' }, base: a },
        { document: MENAFN, meta: { ...b, story: 'putin-call' }, base: stale },
      ]),
    ).rejects.toThrow(/^conflict: the metadata of 001_3fc97e4f2f91e271/);
    expect(await onDisk(project, OTHER)).toEqual(a);
    expect(project.index.get(OTHER)?.meta).toEqual(a);
    const done = await project.setDocumentsMeta([
      { document: OTHER, meta: { ...a, story: 'putin-call' }, base: a },
      { document: MENAFN, meta: { ...b, story: 'putin-call' }, base: b },
    ]);
    expect(done.map((d) => d.meta.story)).toEqual(['putin-call', 'putin-call']);
    expect([...project.index.values()].map((e) => e.meta.story)).toEqual(['putin-call', 'putin-call']);
  });

  it('refuses a date that is not YYYY-MM-DD, an unknown document, and the same document twice', async () => {
    const project = await seeded();
    const a = (await project.getDocument(OTHER)).meta;
    await expect(project.setDocumentMeta(OTHER, { ...a, published: '16/01/2026' })).rejects.toThrow(/YYYY-MM-DD/);
    await expect(project.setDocumentMeta('nope', a)).rejects.toThrow(/no document "nope"/);
    await expect(
      project.setDocumentsMeta([
        { document: OTHER, meta: a },
        { document: OTHER, meta: a },
      ]),
    ).rejects.toThrow(/edited twice/);
  });
});
