import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportProject } from '../../src/backend/exporter';
import { importIntoProject } from '../../src/backend/importer';
import { Project } from '../../src/backend/project';
import { sampleProject, tempDir } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

describe('JSONL export', () => {
  it('writes one line per record and a bare line per unannotated document, in id then annotator order', async () => {
    const project = await sampleProject(dir);
    await project.saveRecord({
      document: 'doc1',
      annotator: 'aaron',
      textHash: project.entry('doc1').textHash,
      status: 'in_progress',
      spans: [],
      docLabels: {},
    });
    const out = join(dir, 'out.jsonl');
    await exportProject(project, { format: 'jsonl', out });
    const lines = (await readFile(out, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.id, l.annotator])).toEqual([
      ['doc1', 'aaron'],
      ['doc1', 'alice'],
      ['doc2', undefined],
    ]);
    expect(lines[1].spans).toEqual([{ id: 's1', start: 0, end: 7, label: 'Naming' }]);
  });

  it('round-trips: export then import into a new project gives the same documents and spans', async () => {
    const project = await sampleProject(dir);
    const out = join(dir, 'out.jsonl');
    await exportProject(project, { format: 'jsonl', out, offsets: 'utf16' });
    const copy = await Project.create(join(dir, 'copy'), 'Copy');
    await importIntoProject(copy, { paths: [out], format: 'jsonl', offsets: 'utf16' });
    for (const id of ['doc1', 'doc2'])
      expect((await copy.getDocument(id)).text).toBe((await project.getDocument(id)).text);
    expect((await copy.readRecord('alice', 'doc1'))?.spans).toEqual((await project.readRecord('alice', 'doc1'))?.spans);
    expect((await copy.readRecord('alice', 'doc1'))?.docLabels).toEqual({ Stance: 'critical' });
  });

  it('limits to one annotator, and refuses an unknown one', async () => {
    const project = await sampleProject(dir);
    const out = join(dir, 'out.jsonl');
    await exportProject(project, { format: 'jsonl', out, annotator: 'alice' });
    expect((await readFile(out, 'utf8')).trim().split('\n')).toHaveLength(2);
    await expect(exportProject(project, { format: 'jsonl', out, annotator: 'zed' })).rejects.toThrow(
      /no annotator "zed"/,
    );
  });

  it('writes a text as JSON.stringify does, however its document file escapes it', async () => {
    const project = await Project.create(join(dir, 'p'), 'P');
    const text = 'a/b "A" \\ \n\t é 😀 \u2028';
    await writeFile(join(dir, 'a.jsonl'), JSON.stringify({ id: 'd', text, meta: { outlet: 'O' } }));
    await importIntoProject(project, { paths: [join(dir, 'a.jsonl')], format: 'jsonl' });
    const out = join(dir, 'out.jsonl');
    await exportProject(await Project.open(project.layout.root), { format: 'jsonl', out });
    const expected = await readFile(out, 'utf8');
    expect(expected).toBe(`{"id":"d","text":${JSON.stringify(text)},"meta":{"outlet":"O"}}\n`);
    // The same file as another program might write it: other escapes, other key order, other spacing.
    const file = project.layout.documentFile('d');
    const { text: _text, ...rest } = JSON.parse(await readFile(file, 'utf8'));
    const escaped = JSON.stringify(text).replace('/', '\\/').replace('A', '\\u0041');
    await writeFile(file, `{ "text" : ${escaped},\n${JSON.stringify(rest).slice(1)}`);
    await exportProject(await Project.open(project.layout.root), { format: 'jsonl', out });
    expect(await readFile(out, 'utf8')).toBe(expected);
  });

  it('keeps a malformed date as written', async () => {
    const project = await Project.create(join(dir, 'p'), 'P');
    await writeFile(
      join(dir, 'a.jsonl'),
      JSON.stringify({ id: 'd', text: 't', meta: { published_raw: '16/01/20267' } }),
    );
    await importIntoProject(project, { paths: [join(dir, 'a.jsonl')], format: 'jsonl' });
    const out = join(dir, 'out.jsonl');
    await exportProject(project, { format: 'jsonl', out });
    expect(JSON.parse(await readFile(out, 'utf8')).meta).toEqual({ published_raw: '16/01/20267' });
  });
});
