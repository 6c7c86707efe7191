import { describe, expect, it } from 'vitest';
import { Cancelled, type Progress } from '../../../src/core/learn/control';
import { modelFromJson, modelToJson } from '../../../src/core/learn/modelFile';
import { predictDocument, trainModel } from '../../../src/core/learn/train';
import type { AnnotationRecord } from '../../../src/core/model';
import { syntheticProject } from './synthetic';

// A tiny NER problem whose answer can be checked by hand: people are the capitalized words next to "met" or
// "called", places the capitalized word after "in"; sentence-initial "The" and "Yesterday" are neither, nor
// is a lowercase word before "called".
const SENTENCES = [
  'Alice met Bob in Paris .',
  'Yesterday Carol called Dan in Lima .',
  'The mayor met Erin in Oslo .',
  'Frank called Gina in Quito .',
  'The dog met Hank in Cairo .',
  'Yesterday Ivy met Jack in Dakar .',
  'Kim called Leo in Riga .',
  'The band met Mia in Bern .',
  'The office called Nell in Lagos .',
];
const PEOPLE = new Set([
  'Alice',
  'Bob',
  'Carol',
  'Dan',
  'Erin',
  'Frank',
  'Gina',
  'Hank',
  'Ivy',
  'Jack',
  'Kim',
  'Leo',
  'Mia',
  'Nell',
]);
const PLACES = new Set(['Paris', 'Lima', 'Oslo', 'Quito', 'Cairo', 'Dakar', 'Riga', 'Bern', 'Lagos']);

function nerProject() {
  const documents = SENTENCES.map((text, i) => ({ id: `s${i}`, text }));
  const records: AnnotationRecord[] = documents.map((d) => {
    const spans: AnnotationRecord['spans'] = [];
    let at = 0;
    for (const w of d.text.split(' ')) {
      if (PEOPLE.has(w)) spans.push({ start: at, end: at + w.length, label: 'Person' });
      if (PLACES.has(w)) spans.push({ start: at, end: at + w.length, label: 'Place' });
      at += w.length + 1;
    }
    return {
      document: d.id,
      annotator: 'gold',
      textHash: '',
      codebookVersion: 1,
      status: 'done',
      spans,
      docLabels: {},
      updatedAt: '2025-01-01T00:00:00.000Z',
    };
  });
  const codebook = { version: 1, spanLabels: [{ name: 'Person' }, { name: 'Place' }], docLabels: [] };
  return { documents, records, codebook };
}

const words = (text: string, spans: { start: number; end: number; label: string }[]) =>
  spans.map((s) => `${s.label}:${text.slice(s.start, s.end)}`);

describe('training and prediction', () => {
  it('learns the tiny NER problem and tags unseen names by their context', async () => {
    const model = await trainModel(nerProject(), { epochs: 10 });
    const text = 'Yesterday Nora met Omar in Tunis .';
    expect(words(text, predictDocument(model, text).spans)).toEqual(['Person:Nora', 'Person:Omar', 'Place:Tunis']);
    const other = 'The team called Pia in Accra .';
    expect(words(other, predictDocument(model, other).spans)).toEqual(['Person:Pia', 'Place:Accra']);
  });

  it('learns document labels from word features', async () => {
    const p = syntheticProject(120, { words: 150 });
    const train = { ...p, documents: p.documents.slice(0, 100) };
    const model = await trainModel(train, {});
    let right = 0;
    for (const d of p.documents.slice(100)) {
      const gold = p.records.find((r) => r.document === d.id)!;
      if (predictDocument(model, d.text).docLabels.Stance === gold.docLabels.Stance) right++;
    }
    // stance words are planted in each document: far above the 1/3 of chance
    expect(right).toBeGreaterThanOrEqual(14);
  });

  it('is deterministic for a seed, and the model file predicts exactly what the trained model did', async () => {
    const p = syntheticProject(30, { words: 120 });
    const a = await trainModel(p, { seed: 3 });
    const b = await trainModel(p, { seed: 3 });
    expect(JSON.stringify(modelToJson(a))).toBe(JSON.stringify(modelToJson(b)));
    const back = modelFromJson(JSON.parse(JSON.stringify(modelToJson(a))));
    for (const d of p.documents.slice(0, 5)) expect(predictDocument(back, d.text)).toEqual(predictDocument(a, d.text));
    const file = modelToJson(a);
    expect(JSON.stringify(file)).not.toContain(p.documents[0].text.split(' ')[3]);
    expect(file.documents).toEqual(p.documents.map((d) => d.id));
  });

  it('refuses a model file it cannot read, in one line', async () => {
    const file = modelToJson(await trainModel(nerProject(), { epochs: 2 }));
    expect(() => modelFromJson({ ...file, format: 'x' })).toThrow(/not a Frame Lens model file/);
    expect(() => modelFromJson({ ...file, version: 99 })).toThrow(/version 99 is not supported/);
    expect(() => modelFromJson({ ...file, featureTemplate: 0 })).toThrow(/feature template 0/);
    const broken = structuredClone(file);
    broken.spanLabels[0].emission.pop();
    expect(() => modelFromJson(broken)).toThrow(/spanLabels\.0: .* weights for .* features/);
    const unsorted = structuredClone(file);
    unsorted.spanLabels[0].buckets[1] = 0;
    expect(() => modelFromJson(unsorted)).toThrow(/not increasing/);
  });

  it('reports progress up to its total and stops when cancelled', async () => {
    const p = syntheticProject(20, { words: 100 });
    const seen: Progress[] = [];
    await trainModel(p, { epochs: 2 }, { onProgress: (x) => void seen.push(x) });
    expect(seen.length).toBeGreaterThan(3);
    for (let i = 1; i < seen.length; i++) expect(seen[i].done).toBeGreaterThanOrEqual(seen[i - 1].done);
    const last = seen[seen.length - 1];
    expect(last.done).toBeCloseTo(last.total, 6);

    const signal = { aborted: false };
    let calls = 0;
    const run = trainModel(
      p,
      { epochs: 2 },
      {
        signal,
        onProgress: async () => {
          if (++calls === 3) signal.aborted = true;
          await Promise.resolve();
        },
      },
    );
    await expect(run).rejects.toBeInstanceOf(Cancelled);
    expect(calls).toBe(3);
  });

  it('trains more labels than share one pass (batches of 8) and keeps each label its own tagger', async () => {
    const p = syntheticProject(20, { words: 150 });
    const codebook = {
      ...p.codebook,
      spanLabels: [...p.codebook.spanLabels, { name: 'Unused 1' }, { name: 'Unused 2' }],
    };
    const model = await trainModel({ ...p, codebook });
    expect(model.options.epochs).toBe(15);
    expect(model.spanLabels.map((l) => l.label)).toEqual(codebook.spanLabels.map((l) => l.name));
    const d = p.documents[0];
    const gold = p.records.find((r) => r.document === d.id)!;
    const got = predictDocument(model, d.text).spans;
    expect(got.filter((s) => s.label.startsWith('Unused'))).toEqual([]);
    const key = (s: { start: number; end: number; label: string }) => `${s.start}:${s.end}:${s.label}`;
    const found = gold.spans.filter((s) => got.some((g) => key(g) === key(s))).length;
    expect(found / gold.spans.length).toBeGreaterThan(0.8);
  });

  it('refuses a project with nothing coded, and labels the codebook lacks', async () => {
    const p = nerProject();
    await expect(trainModel({ ...p, records: [] })).rejects.toThrow(/nothing to learn from/);
    await expect(trainModel(p, { labels: ['Nope'] })).rejects.toThrow(/"Nope" is not in the codebook/);
    await expect(trainModel(p, { epochs: 0 })).rejects.toThrow(/epochs/);
  });
});
