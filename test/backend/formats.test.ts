// Round trips through the project folder: export the sample project in each format, import the
// result into a new project, and get the same documents and spans back (what each format can carry).
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportProject } from '../../src/backend/exporter';
import { importIntoProject } from '../../src/backend/importer';
import { Project } from '../../src/backend/project';
import type { ImportOptions } from '../../src/core/api';
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

const cases: [string, string, (out: string) => Omit<ImportOptions, 'format'>[]][] = [
  ['csv', 'out.csv', (out) => [{ paths: [out] }]],
  ['doccano', 'out.jsonl', (out) => [{ paths: [out] }]],
  ['label-studio', 'out.json', (out) => [{ paths: [out] }]],
  ['brat', 'brat', (out) => [{ paths: [out], annotatorFromFolder: true }]],
  [
    'webanno-tsv',
    'tsv',
    (out) => [
      { paths: [join(out, 'alice')], annotator: 'alice' },
      { paths: [join(out, 'bob')], annotator: 'bob' },
    ],
  ],
];

describe('export → import round trips through a project', () => {
  for (const [format, name, imports] of cases) {
    it(`${format}`, async () => {
      const out = join(dir, name);
      await exportProject(sample, { format: format as never, out });
      const copy = await Project.create(join(dir, 'copy'), 'Copy');
      for (const options of imports(out)) await importIntoProject(copy, { format: format as never, ...options });
      await expectSameAsSample(copy);
    });
  }

  it('ptc (one labels file per annotator)', async () => {
    const out = join(dir, 'ptc');
    await exportProject(sample, { format: 'ptc', out });
    const copy = await Project.create(join(dir, 'copy'), 'Copy');
    for (const a of ['alice', 'bob'])
      await importIntoProject(copy, {
        format: 'ptc',
        paths: [join(out, `article000_e19e2984cdeb2e20.txt`), join(out, `article001_3fc97e4f2f91e271.txt`)],
        labels: join(out, `labels.${a}.tsv`),
        annotator: a,
      });
    // Documents imported from files are named after the file (interchange.md): article<ID>.txt → article<ID>.
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
