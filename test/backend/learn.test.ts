import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FrameLensService } from '../../src/backend/service';
import { codedProject } from './codedProject';
import { tempDir } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
let service: FrameLensService;
let projectDir: string;

async function trained(folds = 3): Promise<void> {
  const id = await service.startTraining({ folds, seed: 1 });
  const end = await service.training.wait(id);
  expect(end).toMatchObject({ state: 'done' });
}

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  projectDir = join(dir, 'p');
  await codedProject(projectDir);
  service = await FrameLensService.start({ projectDir, configDir: join(dir, 'cfg'), allowedRoots: [dir] });
}, 60_000);
afterAll(async () => {
  await service.training.stopAll();
  await cleanup();
});

describe('training in a worker thread', () => {
  it('trains off this thread, reports progress, and stores the model and its layer under models/', async () => {
    expect(await service.modelStatus()).toEqual({ model: null, training: null });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 20);
    const seen: number[] = [];
    const id = await service.training.start(service.current(), { folds: 3, seed: 1 }, (p) => seen.push(p.done));
    const end = await service.training.wait(id);
    clearInterval(timer);
    expect(end.state).toBe('done');
    // this thread kept running timers while the model trained: the work was elsewhere
    expect(ticks).toBeGreaterThan(3);
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.every((d, i) => i === 0 || d >= seen[i - 1])).toBe(true);
    expect((await readdir(join(projectDir, 'models'))).sort()).toEqual(['.gitignore', 'layer.json', 'model.json']);
    expect(await readFile(join(projectDir, 'models', '.gitignore'), 'utf8')).toBe('*\n');
    expect(await readdir(join(projectDir, 'annotations'))).not.toContain('model');
    const status = await service.modelStatus();
    expect(status.training).toMatchObject({ id, state: 'done' });
    expect(status.model).toMatchObject({
      folds: 3,
      seed: 1,
      documents: 25,
      coded: 20,
      sources: { gold: 4, agreed: 16 },
    });
    expect(status.model?.staleness).toMatchObject({ stale: false, reasons: [] });
  }, 120_000);

  it('refuses a second training while one runs, and cancels without touching the stored model', async () => {
    const before = await readFile(join(projectDir, 'models', 'layer.json'), 'utf8');
    const id = await service.startTraining({ folds: 3, seed: 2 });
    await expect(service.startTraining()).rejects.toThrow(/already running/);
    await service.cancelTraining(id);
    const end = await service.training.wait(id);
    expect(end.state).toBe('cancelled');
    expect(await readFile(join(projectDir, 'models', 'layer.json'), 'utf8')).toBe(before);
  }, 60_000);
});

describe('the model layer in the API', () => {
  it('is nobody’s name: saves, assignments and training refuse `model` in any case', async () => {
    const doc = (await service.listDocuments())[0];
    for (const annotator of ['model', 'Model', 'MODEL'])
      await expect(
        service.saveAnnotations({
          document: doc.id,
          annotator,
          textHash: doc.textHash,
          status: 'done',
          spans: [],
          docLabels: {},
        }),
      ).rejects.toThrow(/reserved for the model's layer/);
    await expect(service.planAssignments({ annotators: ['alice', 'Model'], overlap: 0.2, seed: 1 })).rejects.toThrow(
      /not an annotator/,
    );
  });

  it('adds the model’s figures under `model` and keeps it out of the default annotators', async () => {
    const report = await service.agreement();
    expect(report.annotators).toEqual(['alice', 'bob']);
    expect(report.model?.pairs.map((p) => p.coder)).toEqual(['alice', 'bob', 'gold']);
    expect(report.model?.coder_pairs.map((p) => [p.a, p.b])).toEqual([['alice', 'bob']]);
    expect(report.model).toMatchObject({ annotator: 'model', stale: false, stale_reasons: [] });
    expect(typeof report.model?.trained_at).toBe('string');
    const withModel = await service.agreement({ annotators: ['alice', 'bob', 'model'] });
    expect(withModel.annotators).toEqual(['alice', 'bob', 'model']);
    expect(withModel.spans.pairs.map((p) => `${p.a}-${p.b}`)).toEqual(['alice-bob', 'alice-model', 'bob-model']);
  });

  it('suggests the model’s spans on documents a coder has not finished, and nothing on finished ones', async () => {
    const docs = await service.listDocuments();
    const offers = await Promise.all(docs.slice(20).map((d) => service.modelSuggestions(d.id, 'carol')));
    const carol = offers.reduce((a, b) => (b.spans.length > a.spans.length ? b : a));
    const uncoded = docs.find((d) => d.id === carol.document)!;
    expect(carol.withheld).toBeUndefined();
    expect(carol.spans.length).toBeGreaterThan(0);
    expect(carol.openRounds).toEqual([]);
    const layer = JSON.parse(await readFile(join(projectDir, 'models', 'layer.json'), 'utf8'));
    const predicted = layer.records.find((r: { document: string }) => r.document === uncoded.id);
    expect(carol.spans.map(({ start, end, label }) => ({ start, end, label }))).toEqual(
      predicted.spans.map(({ start, end, label }: { start: number; end: number; label: string }) => ({
        start,
        end,
        label,
      })),
    );
    expect((await service.modelSuggestions(docs[0].id, 'alice')).withheld).toBe('finished');
    // a span carol accepts is hers, recorded as an accepted suggestion, and no longer suggested
    const s = carol.spans[0];
    const saved = await service.saveAnnotations({
      document: uncoded.id,
      annotator: 'carol',
      textHash: uncoded.textHash,
      status: 'in_progress',
      spans: [{ start: s.start, end: s.end, label: s.label, origin: 'suggestion' }],
      docLabels: {},
    });
    expect(saved.record.spans[0]).toMatchObject({ origin: 'suggestion', id: 's1' });
    expect((await service.getAnnotations(uncoded.id, 'carol'))?.spans[0].origin).toBe('suggestion');
    const after = await service.modelSuggestions(uncoded.id, 'carol');
    expect(after.spans.length).toBe(carol.spans.length - 1);
    const stats = await service.stats();
    expect(stats.accepted_suggestions.carol).toEqual({ spans: 1, accepted: 1, share: 1 });
    expect(stats.accepted_suggestions.alice).toMatchObject({ accepted: 0 });
  });

  it('names the open reliability rounds a coder codes in', async () => {
    const study = {
      schema: 1,
      rounds: [
        {
          key: '01-r1',
          name: 'R1',
          kind: 'main',
          coders: ['carol', 'dave'],
          codebookVersion: 1,
          state: 'open',
          openedAt: '2026-01-01T00:00:00.000Z',
          sample: { seed: 1, size: 1, strata: 'none', population: 1, excluded: 0, allocation: [], documents: [] },
        },
      ],
    };
    await writeFile(join(projectDir, 'study.json'), JSON.stringify(study));
    const doc = (await service.listDocuments()).at(-2)!;
    expect((await service.modelSuggestions(doc.id, 'carol')).openRounds).toEqual(['R1']);
    expect((await service.modelSuggestions(doc.id, 'alice')).openRounds).toEqual([]);
  });

  it('orders documents by the model’s uncertainty when the project says so, and keeps the setting', async () => {
    const list = (await service.listDocuments()).map((d) => d.id);
    expect(await service.documentOrder()).toEqual({ order: 'list', available: true, documents: list });
    expect(await service.setDocumentOrder('uncertainty')).toMatchObject({ documentOrder: 'uncertainty' });
    const order = await service.documentOrder();
    expect(order.order).toBe('uncertainty');
    expect([...order.documents].sort()).toEqual(list);
    // the five documents nobody coded come first
    expect(order.documents.slice(0, 5).sort()).toEqual(list.slice(20));
    expect(JSON.parse(await readFile(join(projectDir, 'project.json'), 'utf8')).documentOrder).toBe('uncertainty');
    const reopened = await FrameLensService.start({ projectDir, configDir: join(dir, 'cfg'), allowedRoots: [dir] });
    expect((await reopened.getProject()).settings.documentOrder).toBe('uncertainty');
    await service.setDocumentOrder('list');
  });

  it('says the model is stale once the coding it learned from changes, and why', async () => {
    const doc = (await service.listDocuments('alice'))[1];
    const record = (await service.getAnnotations(doc.id, 'alice'))!;
    await service.saveAnnotations({ ...record, spans: record.spans.slice(1), baseUpdatedAt: record.updatedAt });
    const status = await service.modelStatus();
    expect(status.model?.staleness).toMatchObject({ stale: true, changedRecords: 1 });
    expect((await service.agreement()).model?.stale_reasons).toEqual([
      '1 coded record changed since training (added, edited or removed)',
    ]);
  });

  it('reports a layer that cannot be read and suggests nothing from it; training replaces it', async () => {
    await writeFile(join(projectDir, 'models', 'layer.json'), '{"format": "framelens-model-layer"');
    const status = await service.modelStatus();
    expect(status.model).toBeNull();
    expect(status.problem).toMatch(/^models[/\\]layer\.json: is not valid JSON/);
    const doc = (await service.listDocuments()).at(-1)!;
    expect((await service.modelSuggestions(doc.id, 'carol')).withheld).toBe('no-model');
    expect((await service.agreement()).model).toBeUndefined();
    await trained();
    expect((await service.modelStatus()).model).not.toBeNull();
  }, 120_000);

  it('refuses a model file that is not the layer’s (a run interrupted between the two writes)', async () => {
    const { predictProject } = await import('../../src/backend/learn');
    expect((await predictProject(service.current())).length).toBe(25);
    const path = join(projectDir, 'models', 'model.json');
    const model = JSON.parse(await readFile(path, 'utf8'));
    model.options.seed = 99;
    await writeFile(path, JSON.stringify(model));
    await expect(predictProject(service.current())).rejects.toThrow(
      /is not the model of models[/\\]layer\.json; train again/,
    );
  });

  it('refuses to train while a person’s folder is called Model', async () => {
    const other = join(dir, 'q');
    await codedProject(other, { documents: 4, uncoded: 0, gold: 0 });
    const file = (await readdir(join(other, 'annotations', 'alice')))[0];
    const record = JSON.parse(await readFile(join(other, 'annotations', 'alice', file), 'utf8'));
    await mkdir(join(other, 'annotations', 'Model'));
    await writeFile(join(other, 'annotations', 'Model', file), JSON.stringify({ ...record, annotator: 'Model' }));
    const s = await FrameLensService.start({ projectDir: other, configDir: join(dir, 'cfg'), allowedRoots: [dir] });
    await expect(s.startTraining()).rejects.toThrow(/annotations[/\\]Model is a person's folder/);
    expect((await s.getProject()).annotators).toContain('Model');
  });
});

describe('the model layer in exports, and never in imports', () => {
  it('adds the layer as annotator "model" only when asked, noting when it is out of date', async () => {
    const plain = join(dir, 'plain.jsonl');
    await service.exportProject({ format: 'jsonl', out: plain });
    const lines = (await readFile(plain, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.some((l) => l.annotator === 'model')).toBe(false);
    const out = join(dir, 'with-model.jsonl');
    await service.saveAnnotations({
      ...(await service.getAnnotations((await service.listDocuments('alice'))[2].id, 'alice'))!,
      status: 'in_progress',
    });
    const report = await service.exportProject({ format: 'jsonl', out, includeModel: true });
    expect(report.notes?.[0]).toMatch(/^the model layer \(annotator "model"\) is out of date: 1 coded record changed/);
    const withModel = (await readFile(out, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(withModel.filter((l) => l.annotator === 'model')).toHaveLength(25);
    // a document nobody coded had a bare line; it now has the model's
    expect(withModel.length).toBe(lines.length + 25 - lines.filter((l) => !l.annotator).length);
    // carol's accepted suggestion keeps its origin in the interchange format
    const carol = withModel.find((l) => l.annotator === 'carol');
    expect(carol.spans[0].origin).toBe('suggestion');
  });

  it('writes the layer as Label Studio predictions, not as someone’s annotations', async () => {
    const out = join(dir, 'ls.json');
    await service.exportProject({ format: 'label-studio', out, includeModel: true });
    const tasks = JSON.parse(await readFile(out, 'utf8'));
    expect(tasks.every((t: { predictions?: unknown[] }) => t.predictions?.length === 1)).toBe(true);
    expect(
      tasks.flatMap((t: { annotations: { created_username: string }[] }) =>
        t.annotations.map((a) => a.created_username),
      ),
    ).not.toContain('model');
    expect(tasks[0].predictions[0].model_version).toBe('framelens');
  });

  it('refuses to import a layer called model, and keeps an accepted suggestion’s origin through JSONL', async () => {
    const { Project } = await import('../../src/backend/project');
    const { importIntoProject } = await import('../../src/backend/importer');
    const fresh = await Project.create(join(dir, 'fresh'), 'Fresh');
    const out = join(dir, 'with-model.jsonl');
    await expect(importIntoProject(fresh, { paths: [out], format: 'jsonl' })).rejects.toThrow(
      /with-model\.jsonl:\d+: annotator "model" is reserved for the model's layer/,
    );
    expect(await readdir(join(dir, 'fresh', 'annotations'))).toEqual([]);
    await expect(
      importIntoProject(fresh, { paths: [join(dir, 'plain.jsonl')], format: 'jsonl', annotator: 'Model' }),
    ).rejects.toThrow(/--annotator: "Model" is reserved/);
    await importIntoProject(fresh, { paths: [join(dir, 'plain.jsonl')], format: 'jsonl' });
    const carol = (await fresh.records('carol'))[0];
    expect(carol.spans[0].origin).toBe('suggestion');
  });

  it('refuses to include a layer that does not exist', async () => {
    const other = join(dir, 'r');
    await codedProject(other, { documents: 3, uncoded: 0, gold: 0 });
    const s = await FrameLensService.start({ projectDir: other, configDir: join(dir, 'cfg'), allowedRoots: [dir] });
    await expect(s.exportProject({ format: 'jsonl', out: join(dir, 'r.jsonl'), includeModel: true })).rejects.toThrow(
      /no model layer to include: train the model first/,
    );
  });
});
