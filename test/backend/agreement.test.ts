// Bad annotation files in a real project folder: reported per file, left out of every figure, counted.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agreementInput, projectAgreement } from '../../src/backend/agreement';
import { Project } from '../../src/backend/project';
import { sampleProject, tempDir } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

type Spans = { start: number; end: number; label: string }[];

/** Writes annotator's file of doc1 as alice's file with other spans (and optionally another hash). */
async function craft(project: Project, annotator: string, spans: Spans, textHash?: string): Promise<void> {
  const alice = JSON.parse(await readFile(project.layout.annotationFile('alice', 'doc1'), 'utf8'));
  const path = project.layout.annotationFile(annotator, 'doc1');
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, JSON.stringify({ ...alice, annotator, spans, textHash: textHash ?? alice.textHash }));
}

describe('agreement over a project with bad annotation files', () => {
  it('leaves out spans outside the text, end ≤ start, unknown labels and stale hashes, and reports each file', async () => {
    const created = await sampleProject(dir);
    await craft(created, 'bob', [{ start: 0, end: 7, label: 'Naming' }]);
    await craft(created, 'carol', [{ start: 30, end: 999, label: 'Naming' }]);
    await craft(created, 'dave', [{ start: 8, end: 8, label: 'Naming' }]);
    await craft(created, 'erin', [{ start: 0, end: 7, label: 'Not in codebook' }]);
    await craft(created, 'frank', [{ start: 0, end: 7, label: 'Naming' }], `sha256:${'f'.repeat(64)}`);
    const project = await Project.open(created.layout.root);

    const report = await projectAgreement(project);
    expect(report.annotators).toEqual(['alice', 'bob']);
    expect(report.labels).toEqual(['Naming']);
    expect(report.spans.alpha_u.overall).toBe(1);
    expect(report.excluded.count).toBe(4);
    const byAnnotator = Object.fromEntries(report.excluded.records.map((r) => [r.annotator, r]));
    expect(Object.keys(byAnnotator).sort()).toEqual(['carol', 'dave', 'erin', 'frank']);
    for (const r of report.excluded.records) expect(r.document).toBe('doc1');
    expect(byAnnotator.carol.reason).toMatch(/30-999/);
    expect(byAnnotator.dave.reason).toMatch(/8-8/);
    expect(byAnnotator.erin.reason).toMatch(/"Not in codebook".*not in the codebook/);
    expect(byAnnotator.frank.reason).toMatch(/different text/);
  });

  it('selecting an annotator whose only record was left out is a clear error, not a crash', async () => {
    const created = await sampleProject(dir);
    await craft(created, 'erin', [{ start: 0, end: 7, label: 'Unknown' }]);
    const project = await Project.open(created.layout.root);
    const report = await projectAgreement(project);
    expect(report.excluded.count).toBe(1);
    expect(report.spans.alpha_u.overall).toBeNull();
    expect(report.null_reasons['/spans/alpha_u/overall']).toMatch(/two annotators/);
    await expect(projectAgreement(project, { annotators: ['zed'] })).rejects.toThrow(/unknown annotator "zed"/);
  });

  it('does not report a problem again once the file has been fixed', async () => {
    const created = await sampleProject(dir);
    await craft(created, 'frank', [{ start: 0, end: 7, label: 'Naming' }], `sha256:${'f'.repeat(64)}`);
    const project = await Project.open(created.layout.root);
    expect((await agreementInput(project)).excluded).toHaveLength(1);
    await craft(project, 'frank', [{ start: 0, end: 7, label: 'Naming' }]);
    const input = await agreementInput(project);
    expect(input.excluded).toEqual([]);
    const report = await projectAgreement(project);
    expect(report.annotators).toEqual(['alice', 'frank']);
    expect(report.excluded.count).toBe(0);
  });
});
