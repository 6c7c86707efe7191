// The sample project in annotations/ is what a new user sees first: it must open cleanly.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Project } from '../../src/backend/project';
import { spanText } from '../../src/core/text';

describe('annotations/ (the sample project)', () => {
  it('opens without problems, with two annotators on both articles', async () => {
    const project = await Project.open(join(import.meta.dirname, '..', '..', 'annotations'));
    expect(project.problems.size).toBe(0);
    expect(project.index.size).toBe(2);
    expect(await project.annotators()).toEqual(['alice', 'bob']);
    const labels = new Set(project.codebook.spanLabels.map((l) => l.name));
    expect(project.codebook.spanLabels.length).toBeGreaterThanOrEqual(6);
    for (const id of project.index.keys()) {
      const doc = await project.getDocument(id);
      expect(doc.text).not.toMatch(/Sorry!! Error!|Legal Disclaimer|Most popular stories/);
      for (const annotator of ['alice', 'bob']) {
        const record = await project.readRecord(annotator, id);
        expect(record?.spans.length).toBeGreaterThan(5);
        for (const span of record!.spans) {
          expect(labels.has(span.label)).toBe(true);
          expect(spanText(doc.text, span).trim()).toBe(spanText(doc.text, span));
        }
      }
    }
  });
});
