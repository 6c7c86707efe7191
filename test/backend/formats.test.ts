// Round trips through the project folder: export the sample project in each format, import the
// result into a new project, and get the same documents and spans back (what each format can carry).
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportProject } from '../../src/backend/exporter';
import { importIntoProject } from '../../src/backend/importer';
import { Project } from '../../src/backend/project';
import type { ImportOptions } from '../../src/core/formats/options';
import { tempDir } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
let sample: Project;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  await cp(join(import.meta.dirname, '..', '..', 'annotations'), join(dir, 'sample'), { recursive: true });
  sample = await Project.open(join(dir, 'sample'));
});
afterEach(() => cleanup());

async function expectSameAsSample(
  copy: Project,
  idOf = (id: string) => id,
  annotators = ['alice', 'bob'],
): Promise<void> {
  expect([...copy.index.keys()]).toEqual([...sample.index.keys()].map(idOf));
  for (const id of sample.index.keys()) {
    expect((await copy.getDocument(idOf(id))).text).toBe((await sample.getDocument(id)).text);
    for (const a of annotators) {
      const strip = (spans: { start: number; end: number; label: string }[] = []) =>
        spans.map(({ start, end, label }) => ({ start, end, label }));
      expect(strip((await copy.readRecord(a, idOf(id)))?.spans), `${a}/${id}`).toEqual(
        strip((await sample.readRecord(a, id))?.spans),
      );
    }
  }
}

// Every per-annotator export (a folder or a labels file each) reads back with annotatorFromFolder.
const cases: [string, string, (out: string) => ({ paths: string[] } & Partial<ImportOptions>)[]][] = [
  ['jsonl', 'out.jsonl', (out) => [{ paths: [out] }]],
  ['csv', 'out.csv', (out) => [{ paths: [out] }]],
  ['doccano', 'out.jsonl', (out) => [{ paths: [out] }]],
  ['label-studio', 'out.json', (out) => [{ paths: [out] }]],
  ['conll', 'out.conll', (out) => [{ paths: [out] }]],
  ['brat', 'brat', (out) => [{ paths: [out], annotatorFromFolder: true }]],
  ['webanno-tsv', 'tsv', (out) => [{ paths: [out], annotatorFromFolder: true }]],
];

describe('export → import round trips through a project', () => {
  for (const [format, name, imports] of cases) {
    it(`${format}`, async () => {
      const out = join(dir, name);
      await exportProject(sample, { format: format as never, out });
      const copy = await Project.create(join(dir, 'copy'), 'Copy');
      for (const options of imports(out)) await importIntoProject(copy, { ...options, format });
      if (format === 'conll') {
        // CoNLL rebuilds each text from its tokens: the spans come back on the same words.
        for (const id of sample.index.keys())
          for (const a of ['alice', 'bob']) {
            const words = async (p: Project) => {
              const doc = await p.getDocument(id);
              const cps = [...doc.text];
              return ((await p.readRecord(a, id))?.spans ?? []).map((s) => [
                s.label,
                cps.slice(s.start, s.end).join('').replace(/\s+/g, ''),
              ]);
            };
            expect(await words(copy), `${a}/${id}`).toEqual(await words(sample));
          }
        return;
      }
      await expectSameAsSample(copy);
    });
  }

  it('ptc (one labels file per annotator, read back with annotatorFromFolder)', async () => {
    const out = join(dir, 'ptc');
    await exportProject(sample, { format: 'ptc', out });
    const copy = await Project.create(join(dir, 'copy'), 'Copy');
    await importIntoProject(copy, { format: 'ptc', paths: [out], annotatorFromFolder: true });
    // Documents imported from files are named after the file: article<ID>.txt → article<ID>.
    await expectSameAsSample(copy, (id) => `article${id}`);
  });

  it('refuses to replace an existing folder, and writes nothing half-way', async () => {
    const out = join(dir, 'brat');
    await exportProject(sample, { format: 'brat', out });
    await expect(exportProject(sample, { format: 'brat', out })).rejects.toThrow(/already exists/);
  });

  it('refuses annotations without an annotator', async () => {
    const out = join(dir, 'brat');
    await exportProject(sample, { format: 'brat', out, annotator: 'alice' });
    const copy = await Project.create(join(dir, 'copy'), 'Copy');
    await expect(importIntoProject(copy, { format: 'brat', paths: [out] })).rejects.toThrow(
      /no annotator: give --annotator/,
    );
    expect(copy.index.size).toBe(0);
  });
});
