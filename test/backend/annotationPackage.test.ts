// Annotation packages: one annotator's work carried between copies of a project without git.
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { merge, pack } from '../../src/backend/annotationPackage';
import { Project } from '../../src/backend/project';
import { sampleProject, tempDir } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

async function save(project: Project, annotator: string, document: string, spans: [number, number, string][]) {
  return project.saveRecord({
    document,
    annotator,
    textHash: project.entry(document).textHash,
    status: 'done',
    spans: spans.map(([start, end, label]) => ({ start, end, label })),
    docLabels: {},
  });
}

describe('annotation packages', () => {
  it('round-trips one annotator\u2019s work into another copy of the project', async () => {
    const lead = await sampleProject(dir);
    await cp(join(dir, 'p'), join(dir, 'laptop'), { recursive: true });
    const laptop = await Project.open(join(dir, 'laptop'));
    await save(laptop, 'bob', 'doc1', [[8, 16, 'Naming']]);
    await save(laptop, 'bob', 'doc2', [[0, 14, 'Naming']]);
    const file = join(dir, 'bob.flpkg.json');
    expect((await pack(laptop, 'bob', file)).records).toBe(2);
    const report = await merge(lead, [file]);
    expect(report.applied.map((a) => a.document)).toEqual(['doc1', 'doc2']);
    expect((await lead.readRecord('bob', 'doc1'))?.spans).toEqual([{ id: 's1', start: 8, end: 16, label: 'Naming' }]);
    expect((await merge(lead, [file])).unchanged).toHaveLength(2);
  });

  it('refuses a package made on a different text, and changes nothing', async () => {
    const lead = await sampleProject(dir);
    await cp(join(dir, 'p'), join(dir, 'laptop'), { recursive: true });
    const laptop = await Project.open(join(dir, 'laptop'));
    await save(laptop, 'bob', 'doc1', [[0, 7, 'Naming']]);
    await save(laptop, 'bob', 'doc2', [[0, 14, 'Naming']]);
    const file = join(dir, 'bob.json');
    await pack(laptop, 'bob', file);
    const pkg = JSON.parse(await readFile(file, 'utf8'));
    pkg.records[1].textHash = `sha256:${'2'.repeat(64)}`;
    await writeFile(file, JSON.stringify(pkg));
    const report = await merge(lead, [file]);
    expect(report.refused).toEqual([
      { file, annotator: 'bob', document: 'doc2', reason: 'made on a different text of this document' },
    ]);
    expect(report.applied).toEqual([]);
    expect(await lead.readRecord('bob', 'doc1')).toBeNull();
    const partial = await merge(lead, [file], { skipRefused: true });
    expect(partial.applied.map((a) => a.document)).toEqual(['doc1']);
  });

  it('refuses labels the codebook lacks unless asked to add them', async () => {
    const lead = await sampleProject(dir);
    await cp(join(dir, 'p'), join(dir, 'laptop'), { recursive: true });
    const laptop = await Project.open(join(dir, 'laptop'));
    await laptop.saveCodebook(
      { ...laptop.codebook, spanLabels: [...laptop.codebook.spanLabels, { name: 'Blame', color: '#123456' }] },
      laptop.codebook.version,
    );
    await save(laptop, 'bob', 'doc1', [[0, 7, 'Blame']]);
    const file = join(dir, 'bob.json');
    await pack(laptop, 'bob', file);
    const refused = await merge(lead, [file]);
    expect(refused.refused[0].reason).toMatch(/labels not in this codebook: Blame/);
    expect(refused.notes[0]).toMatch(/codebook version/);
    const added = await merge(lead, [file], { addLabels: true });
    expect(added.addedLabels).toEqual(['Blame']);
    expect((await lead.readRecord('bob', 'doc1'))?.spans[0].label).toBe('Blame');
  });

  it('refuses a file that is not a package', async () => {
    const lead = await sampleProject(dir);
    await writeFile(join(dir, 'x.json'), '{"format": "something-else"}');
    await expect(merge(lead, [join(dir, 'x.json')])).rejects.toThrow(/not a Frame Lens package/);
  });
});
