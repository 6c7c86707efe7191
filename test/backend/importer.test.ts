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

  it('refuses files that are not UTF-8 text', async () => {
    const project = await Project.create(join(dir, 'p'), 'P');
    await writeFile(join(dir, 'bin.txt'), Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x00]));
    await expect(importIntoProject(project, { paths: [join(dir, 'bin.txt')], format: 'txt' })).rejects.toThrow(
      /bin\.txt: is not valid UTF-8/,
    );
    expect(project.index.size).toBe(0);
  });
});
