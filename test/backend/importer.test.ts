import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importIntoProject } from '../../src/backend/importer';
import { Project } from '../../src/backend/project';
import { spanText } from '../../src/core/text';
import { sampleProject, tempDir } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

async function snapshot(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  async function walk(d: string): Promise<void> {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else out[p] = await readFile(p, 'utf8');
    }
  }
  await walk(root);
  return out;
}

describe('import', () => {
  it('imports txt files: id from the file name, CRLF and NFC normalized once', async () => {
    const project = await Project.create(join(dir, 'p'), 'P');
    await writeFile(join(dir, 'article111111111.txt'), '\uFEFFLine one\r\nCafe\u0301\r\n');
    const report = await importIntoProject(project, { paths: [join(dir, 'article111111111.txt')], format: 'txt' });
    expect(report.documentsAdded).toEqual(['article111111111']);
    const doc = await project.getDocument('article111111111');
    expect(doc.text).toBe('Line one\nCaf\u00e9\n');
  });

  it('remaps spans of CRLF text onto the normalized text', async () => {
    const project = await Project.create(join(dir, 'p'), 'P');
    const text = 'First line\r\nterrorist riots\r\n';
    const start = text.indexOf('terrorist');
    await writeFile(
      join(dir, 'a.jsonl'),
      JSON.stringify({ id: 'd', text, annotator: 'alice', spans: [{ start, end: start + 15, label: 'Naming' }] }),
    );
    await importIntoProject(project, { paths: [join(dir, 'a.jsonl')], format: 'jsonl' });
    const doc = await project.getDocument('d');
    const record = await project.readRecord('alice', 'd');
    expect(spanText(doc.text, record!.spans[0])).toBe('terrorist riots');
  });

  it('a failing import changes nothing, and says file and line', async () => {
    const project = await sampleProject(dir);
    const before = await snapshot(join(dir, 'p'));
    await writeFile(
      join(dir, 'bad.jsonl'),
      [
        JSON.stringify({
          id: 'new1',
          text: 'fine',
          annotator: 'carol',
          spans: [{ start: 0, end: 4, label: 'Brand new' }],
        }),
        JSON.stringify({ id: 'new2', text: 'short', annotator: 'carol', spans: [{ start: 0, end: 40, label: 'x' }] }),
      ].join('\n'),
    );
    await expect(importIntoProject(project, { paths: [join(dir, 'bad.jsonl')], format: 'jsonl' })).rejects.toThrow(
      /bad\.jsonl:2: spans\[0\]: end 40 is past the end/,
    );
    expect(await snapshot(join(dir, 'p'))).toEqual(before);
    expect(project.codebook.spanLabels.map((l) => l.name)).toEqual(['Naming']);
  });

  it('refuses a document that exists with another text, and ids that differ only by case', async () => {
    const project = await sampleProject(dir);
    await writeFile(join(dir, 'x.jsonl'), JSON.stringify({ id: 'doc1', text: 'other text' }));
    await expect(importIntoProject(project, { paths: [join(dir, 'x.jsonl')], format: 'jsonl' })).rejects.toThrow(
      /doc1 is already in the project with a different text/,
    );
    await writeFile(join(dir, 'y.jsonl'), JSON.stringify({ id: 'DOC1', text: 'other text' }));
    await expect(importIntoProject(project, { paths: [join(dir, 'y.jsonl')], format: 'jsonl' })).rejects.toThrow(
      /only by case/,
    );
  });

  it('refuses a document repeated with a different text, and a second record of one annotator', async () => {
    const project = await Project.create(join(dir, 'p'), 'P');
    await writeFile(
      join(dir, 'a.jsonl'),
      `${JSON.stringify({ id: 'd', text: 'a' })}\n${JSON.stringify({ id: 'd', text: 'b' })}\n`,
    );
    await expect(importIntoProject(project, { paths: [join(dir, 'a.jsonl')], format: 'jsonl' })).rejects.toThrow(
      /a\.jsonl:2: .*different text/,
    );
    const line = JSON.stringify({ id: 'd', text: 'a', annotator: 'x', spans: [] });
    await writeFile(join(dir, 'b.jsonl'), `${line}\n${line}\n`);
    await expect(importIntoProject(project, { paths: [join(dir, 'b.jsonl')], format: 'jsonl' })).rejects.toThrow(
      /b\.jsonl:2: a second record/,
    );
  });

  it('adds the labels and groups the codebook lacks and reports them', async () => {
    const project = await sampleProject(dir);
    await writeFile(
      join(dir, 'c.jsonl'),
      JSON.stringify({
        id: 'doc2',
        text: 'Demonstrations 😀 continued.',
        annotator: 'bob',
        spans: [{ start: 0, end: 14, label: 'Protest naming' }],
        doc_labels: { Frames: ['Economic'] },
      }),
    );
    const report = await importIntoProject(project, { paths: [join(dir, 'c.jsonl')], format: 'jsonl' });
    expect(report.addedSpanLabels).toEqual(['Protest naming']);
    expect(report.addedDocLabelGroups).toEqual(['Frames']);
    expect(report.documentsUnchanged).toEqual(['doc2']);
    expect((await Project.open(join(dir, 'p'))).codebook.docLabels.find((g) => g.name === 'Frames')?.kind).toBe(
      'multiple',
    );
  });

  it('treats imported HTML as text', async () => {
    const project = await Project.create(join(dir, 'p'), 'P');
    const text = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    await writeFile(join(dir, 'h.jsonl'), JSON.stringify({ id: 'h', text }));
    await importIntoProject(project, { paths: [join(dir, 'h.jsonl')], format: 'jsonl' });
    expect((await project.getDocument('h')).text).toBe(text);
  });

  it('refuses binary files, naming the file, and changes nothing', async () => {
    const project = await Project.create(join(dir, 'p'), 'P');
    await writeFile(join(dir, 'a.txt'), 'A fine article.');
    await writeFile(join(dir, 'z.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48]));
    await expect(importIntoProject(project, { paths: [dir], format: 'txt' })).rejects.toThrow(
      /z\.txt: holds NUL bytes/,
    );
    expect(project.index.size).toBe(0);
    expect(await readdir(project.layout.documentsDir)).toEqual([]);
  });

  it('detects legacy encodings and says which it used', async () => {
    const iconv = (await import('iconv-lite')).default;
    const project = await Project.create(join(dir, 'p'), 'P');
    const fa = 'اعتراضات در تهران ادامه دارد و قيمت‌ها بالا رفت. معترضان در خيابان‌ها تجمع كردند و پليس حضور داشت.';
    await writeFile(join(dir, 'fa.txt'), iconv.encode(fa, 'windows-1256'));
    const report = await importIntoProject(project, { paths: [join(dir, 'fa.txt')], format: 'txt' });
    expect(report.files[0]).toMatchObject({ encoding: 'windows-1256' });
    expect((await project.getDocument('fa')).text).toBe(fa);
  });

  it('skips exact duplicates and flags near duplicates', async () => {
    const project = await Project.create(join(dir, 'p'), 'P');
    const body =
      'Russian President Vladimir Putin held a phone conversation with Iranian President Masoud Pezeshkian as widespread protests continue to shake Iran, escalating into deadly clashes and raising international concern across the region and beyond.';
    await writeFile(join(dir, 'a.txt'), body);
    await writeFile(join(dir, 'b.txt'), body.normalize('NFD'));
    await writeFile(join(dir, 'c.txt'), `${body} Comments: none.`);
    const report = await importIntoProject(project, { paths: [dir], format: 'txt' });
    expect(report.documentsAdded).toEqual(['a', 'c']);
    expect(report.duplicates).toEqual([{ id: 'b', sameAs: 'a' }]);
    expect(report.nearDuplicates.map((n) => [n.id, n.similarTo])).toEqual([['c', 'a']]);
  });

  it('cleans scraped text when asked, reports every removal, and reads the header', async () => {
    const project = await Project.create(join(dir, 'p'), 'P');
    const p1 =
      'Officials said on Friday that the protests over prices had spread to several cities across the country.';
    const raw = [
      'Protests spread',
      'M.U.H',
      '16/01/20267',
      p1,
      p1,
      'Legal Disclaimer:',
      'No warranty.',
      'CommentsNo comment',
    ].join('\n');
    await writeFile(join(dir, 'article1.txt'), raw);
    const dry = await importIntoProject(project, {
      paths: [join(dir, 'article1.txt')],
      format: 'txt',
      clean: true,
      dryRun: true,
    });
    expect(dry.preview[0].text).toBe(p1);
    expect(dry.cleanup[0].actions.map((a) => a.kind)).toEqual([
      'header',
      'header',
      'header',
      'duplicate-body',
      'boilerplate',
      'boilerplate',
    ]);
    expect(project.index.size).toBe(0);
    expect(await readdir(project.layout.documentsDir)).toEqual([]);
    const report = await importIntoProject(project, { paths: [join(dir, 'article1.txt')], format: 'txt', clean: true });
    const doc = await project.getDocument('article1');
    expect(doc.text).toBe(p1);
    expect(doc.meta).toMatchObject({ title: 'Protests spread', author: 'M.U.H', publishedRaw: '16/01/20267' });
    expect(report.warnings.join()).toMatch(/16\/01\/20267.*kept as written/);
  });

  it('imports HTML pages as text, scripts never run', async () => {
    const project = await Project.create(join(dir, 'p'), 'P');
    const para =
      '<p>Demonstrations continued in several cities as prices rose and the rial fell further against the dollar, officials said.</p>';
    await writeFile(
      join(dir, 'page1.html'),
      `<html><head><title>T</title><meta property="og:site_name" content="Outlet"><script>globalThis.__ran = 1</script></head><body><article>${para.repeat(4)}<p>&lt;script&gt;x&lt;/script&gt; <img src=x onerror="globalThis.__ran=2"></p></article></body></html>`,
    );
    await importIntoProject(project, { paths: [join(dir, 'page1.html')], format: 'html' });
    const doc = await project.getDocument('page1');
    expect(doc.meta.outlet).toBe('Outlet');
    expect(doc.text).toContain('<script>x</script>');
    expect((globalThis as { __ran?: number }).__ran).toBeUndefined();
  });
});

describe('generic JSON and JSONL of documents (scraper output)', () => {
  it('guesses the field mapping, shows it, and reads JSONL records', async () => {
    const project = await Project.create(join(dir, 'p'), 'P');
    await writeFile(
      join(dir, 'scraped.jsonl'),
      [
        JSON.stringify({
          uid: 'a1',
          body: 'Protests continued in Tehran.',
          headline: 'Unrest',
          source: 'MENAFN',
          pubDate: '2026-01-19',
        }),
        JSON.stringify({
          uid: 'a2',
          body: 'Riots, said the other outlet.',
          headline: 'Riots',
          source: 'Press',
          pubDate: '16/01/20267',
        }),
      ].join('\n'),
    );
    const report = await importIntoProject(project, { paths: [join(dir, 'scraped.jsonl')], format: 'jsonl' });
    expect(report.csv?.mapping).toMatchObject({ id: 'uid', text: 'body', title: 'headline', date: 'pubDate' });
    expect((await project.getDocument('a1')).meta).toMatchObject({ title: 'Unrest', published: '2026-01-19' });
    expect((await project.getDocument('a2')).meta.publishedRaw).toBe('16/01/20267');
    expect(report.warnings.join()).toMatch(/scraped\.jsonl:2: date "16\/01\/20267" kept as written/);
  });

  it('reads a JSON array with a given mapping, and names the record that is wrong', async () => {
    const project = await Project.create(join(dir, 'p'), 'P');
    await writeFile(join(dir, 'dump.json'), JSON.stringify([{ k: 'x1', t: 'First text.' }, { k: 'x2' }]));
    await expect(
      importIntoProject(project, { paths: [join(dir, 'dump.json')], format: 'jsonl', mapping: { id: 'k', text: 't' } }),
    ).rejects.toThrow(/dump\.json:2: field "t" \(text\) is not a string/);
    expect(project.index.size).toBe(0);
    await writeFile(join(dir, 'dump.json'), JSON.stringify([{ k: 'x1', t: 'First text.' }]));
    await importIntoProject(project, {
      paths: [join(dir, 'dump.json')],
      format: 'jsonl',
      mapping: { id: 'k', text: 't' },
    });
    expect((await project.getDocument('x1')).text).toBe('First text.');
  });
});
