// The service methods the app's newer screens use: import jobs with progress and cancel, the change
// feed, adjudication, assignments, document metadata, outlets and suggestions.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FrameLensService } from '../../src/backend/service';
import { sampleProject, tempDir } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
let service: FrameLensService;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  await sampleProject(dir);
  service = await FrameLensService.start({
    projectDir: join(dir, 'p'),
    configDir: join(dir, 'cfg'),
    allowedRoots: [dir],
  });
});
afterEach(() => cleanup());

async function settled(id: string) {
  for (let i = 0; i < 200; i++) {
    const status = await service.importJob(id);
    if (status.state !== 'running') return status;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('import job did not finish');
}

describe('import jobs', () => {
  it('runs an import in the background and reports progress and the result', async () => {
    const lines = Array.from({ length: 120 }, (_, i) =>
      JSON.stringify({ id: `n${i}`, text: `Article number ${i} about the talks.` }),
    );
    await writeFile(join(dir, 'many.jsonl'), lines.join('\n'));
    const id = await service.startImport({ paths: [join(dir, 'many.jsonl')], format: 'jsonl' });
    const status = await settled(id);
    expect(status.state).toBe('done');
    expect(status.processed).toBe(120);
    expect(status.report?.documentsAdded).toHaveLength(120);
    expect((await service.listDocuments()).length).toBe(122);
  });

  it('a cancelled import changes nothing', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) =>
      JSON.stringify({ id: `c${i}`, text: `Text ${i} ${'word '.repeat(50)}` }),
    );
    await writeFile(join(dir, 'big.jsonl'), lines.join('\n'));
    const id = await service.startImport({ paths: [join(dir, 'big.jsonl')], format: 'jsonl' });
    await service.cancelImport(id);
    const status = await settled(id);
    expect(status.state).toBe('cancelled');
    expect(status.error).toMatch(/cancelled; nothing was changed/);
    expect((await service.listDocuments()).length).toBe(2);
    await expect(service.importJob('0123456789abcdef')).rejects.toThrow(/no import job/);
  });
});

describe('adjudication through the API', () => {
  it('accepts, then rejects, recording who and why', async () => {
    const span = { start: 0, end: 7, label: 'Naming' };
    await service.adjudicate('doc1', [
      { action: 'accept', span, sources: ['alice'], by: 'lead', reason: 'other', note: 'clear case' },
    ]);
    const gold = await service.adjudicate('doc1', [
      { action: 'reject', span, sources: ['alice'], by: 'lead', reason: 'coder-error' },
    ]);
    expect(gold.spans).toEqual([]);
    expect(gold.decisions?.map((d) => [d.action, d.by, d.reason])).toEqual([
      ['accept', 'lead', 'other'],
      ['reject', 'lead', 'coder-error'],
    ]);
    expect(await service.goldReasons()).toEqual({ Naming: { other: 1, 'coder-error': 1 } });
    await expect(
      service.saveAnnotations({
        document: 'doc1',
        annotator: 'gold',
        textHash: gold.textHash,
        status: 'done',
        spans: [],
        docLabels: {},
      }),
    ).rejects.toThrow(/reserved/);
  });
});

describe('gold document labels', () => {
  it('settles a document-label group into gold with who and why, keeping span decisions', async () => {
    const span = { start: 0, end: 7, label: 'Naming' };
    await service.adjudicate('doc1', [{ action: 'accept', span, sources: ['alice'], by: 'lead', reason: 'other' }]);
    const gold = await service.adjudicateDocLabel('doc1', {
      group: 'Stance',
      value: 'critical',
      sources: ['alice'],
      by: 'lead',
      reason: 'coder-error',
    });
    expect(gold.docLabels).toEqual({ Stance: 'critical' });
    expect(gold.spans).toEqual([{ id: 's1', ...span }]);
    expect(gold.decisions).toHaveLength(1);
    expect(gold.docLabelDecisions?.map((d) => [d.group, d.value, d.by, d.reason])).toEqual([
      ['Stance', 'critical', 'lead', 'coder-error'],
    ]);
    const cleared = await service.adjudicateDocLabel('doc1', {
      group: 'Stance',
      value: null,
      sources: [],
      by: 'lead',
      reason: 'other',
    });
    expect(cleared.docLabels).toEqual({});
    await expect(
      service.adjudicateDocLabel('doc1', {
        group: 'Stance',
        value: 'nonsense',
        sources: [],
        by: 'lead',
        reason: 'other',
      }),
    ).rejects.toThrow(/not an option of Stance/);
  });
});

describe('assignments, metadata, outlets, stories', () => {
  it('plans assignments and reports progress', async () => {
    expect(await service.assignments()).toBeNull();
    const plan = await service.planAssignments({ annotators: ['alice', 'bob'], overlap: 0.5, seed: 3 });
    expect(plan.overlap).toHaveLength(1);
    const state = await service.assignments();
    expect(state?.plan).toEqual(plan);
    expect(Object.keys(state!.progress)).toEqual(['alice', 'bob']);
  });

  it('corrects metadata without touching the text', async () => {
    const before = await service.getDocument('doc2');
    const after = await service.setDocumentMeta('doc2', { ...before.meta, story: 'talks' });
    expect(after.text).toBe(before.text);
    expect((await service.listDocuments()).find((d) => d.id === 'doc2')?.meta.story).toBe('talks');
  });

  it('gives outlet phrases with rates and document labels', async () => {
    const report = await service.outlets();
    expect(report.labels.Naming.A).toEqual([{ phrase: 'rioters', count: 1, documents: ['doc1'] }]);
    expect(report.doc_labels.byOutlet.Stance).toEqual({ A: { critical: 1 } });
    expect(report.rates.A.perThousandWords.Naming).toBeGreaterThan(0);
  });

  it('reports files changed underneath it', async () => {
    const first = await service.changes(0);
    await writeFile(join(dir, 'p', 'annotations', 'alice', 'doc2.json'), '{}');
    await expect
      .poll(async () => (await service.changes(first.cursor)).changes.map((c) => c.path), { timeout: 3000 })
      .toContain('annotations/alice/doc2.json');
  });
});

describe('saves and the change feed', () => {
  const save = (annotator: string, end: number) =>
    service.saveAnnotations({
      document: 'doc1',
      annotator,
      textHash: service.current().entry('doc1').textHash,
      status: 'in_progress',
      spans: [{ start: 0, end, label: 'Naming' }],
      docLabels: {},
    });

  it("names the version of a save's own file, and none once another program rewrote it", async () => {
    const first = await service.changes(0);
    const saved = await save('alice', 7);
    const own = async () =>
      (await service.changes(first.cursor)).changes.find((c) => c.path === 'annotations/alice/doc1.json');
    await expect.poll(own, { timeout: 3000 }).toMatchObject({ version: saved.record.updatedAt, writtenHere: true });
    const path = join(dir, 'p', 'annotations', 'alice', 'doc1.json');
    const file = JSON.parse(await readFile(path, 'utf8'));
    await writeFile(path, JSON.stringify({ ...file, updatedAt: '2030-01-01T00:00:00.000Z' }));
    await expect.poll(async () => (await own())?.version, { timeout: 3000 }).toBeUndefined();
    expect((await own())?.writtenHere).toBeUndefined();
  });

  it('saves of many annotators at once all land, each file with its own last save', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `coder${i}`);
    const results = await Promise.all(names.flatMap((a) => [save(a, 7), save(a, 8), save(a, 10)]));
    expect(results).toHaveLength(36);
    for (const a of names) {
      const record = await service.getAnnotations('doc1', a);
      expect(record?.spans.map((s) => s.end)).toEqual([10]);
    }
  });
});

describe('reopening a project', () => {
  it('answers every call made while a project is reopened or switched, never "no project is open"', async () => {
    const other = await tempDir();
    try {
      await sampleProject(other.dir);
      const projects = [join(dir, 'p'), join(other.dir, 'p'), join(dir, 'p')];
      const calls: Promise<unknown>[] = [];
      let switching = true;
      const switches = (async () => {
        for (const p of projects) await service.switchProject(p);
        switching = false;
      })();
      // The renderer's first reads of a project, asked again and again for as long as the switches take.
      let cursor = 0;
      while (switching) {
        calls.push(
          service.getProject(),
          service.getDocument('doc1'),
          service.getAnnotations('doc1', 'alice'),
          service.documentPage({ offset: 0, limit: 100 }, 'alice'),
          service.changes(cursor).then((page) => {
            cursor = page.cursor;
          }),
        );
        await new Promise((r) => setImmediate(r));
      }
      await switches;
      const outcomes = await Promise.allSettled(calls);
      expect(calls.length).toBeGreaterThan(10);
      expect(outcomes.filter((o) => o.status === 'rejected').map((o) => String(o.reason))).toEqual([]);
      expect(service.projectPath()).toBe(join(dir, 'p'));
    } finally {
      await service.close();
      await other.cleanup();
    }
  });
});
