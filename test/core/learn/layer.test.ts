import { describe, expect, it } from 'vitest';
import { crossFit } from '../../../src/core/learn/crossfit';
import { layerFromCrossFit, layerStaleness, modelLayerSchema } from '../../../src/core/learn/layer';
import { rec } from './helpers';
import { syntheticProject } from './synthetic';

describe('the layer file', () => {
  const p = syntheticProject(8, { words: 80, coders: ['alice'] });
  const extra = { id: 'uncoded', text: 'Nobody coded this one. It waits.', textHash: `sha256:${'1'.repeat(64)}` };
  const input = { ...p, documents: [...p.documents, extra] };

  it('keeps the cross-fitted records with span ids, what they learned from, and reads back through its schema', async () => {
    const fit = await crossFit(input, { folds: 2, epochs: 2 });
    const layer = layerFromCrossFit(
      fit,
      { records: input.records, codebookVersion: 1, modelDigest: 'x' },
      '2026-01-02T03:04:05.000Z',
    );
    const back = modelLayerSchema.parse(JSON.parse(JSON.stringify(layer)));
    expect(back.records).toHaveLength(9);
    expect(back.records.every((r) => r.annotator === 'model' && r.updatedAt === '2026-01-02T03:04:05.000Z')).toBe(true);
    expect(back.records.flatMap((r) => r.spans).every((s) => typeof s.id === 'string')).toBe(true);
    // gold and alice's records of the 8 coded documents, statuses as learned from
    expect(back.trainedOn).toHaveLength(16);
    expect(back.statuses).toEqual(['done']);
    expect(back.uncertainty.find((u) => u.document === 'uncoded')?.coded).toBe(false);
    expect(
      layerStaleness(back, { records: input.records, codebookVersion: 1, documents: input.documents.map((d) => d.id) }),
    ).toEqual({
      stale: false,
      changedRecords: 0,
      codebookChanged: false,
      newDocuments: 0,
      reasons: [],
    });
    const bad = { ...layer, records: [{ ...layer.records[0], annotator: 'alice' }, ...layer.records.slice(1)] };
    expect(modelLayerSchema.safeParse(bad).success).toBe(false);
  });

  it('is stale when learned-from records or the codebook change, not when unfinished work changes', async () => {
    const fit = await crossFit(input, { folds: 2, epochs: 1 });
    const layer = layerFromCrossFit(
      fit,
      { records: input.records, codebookVersion: 1, modelDigest: 'x' },
      '2026-01-02T03:04:05.000Z',
    );
    const docs = input.documents.map((d) => d.id);
    const edited = input.records.map((r, i) => (i === 0 ? { ...r, updatedAt: '2026-02-01T00:00:00.000Z' } : r));
    expect(layerStaleness(layer, { records: edited, codebookVersion: 1, documents: docs })).toMatchObject({
      stale: true,
      changedRecords: 1,
      reasons: ['1 coded record changed since training (added, edited or removed)'],
    });
    const unfinished = [...input.records, rec('bob', [], { document: p.documents[0].id, status: 'in_progress' })];
    expect(layerStaleness(layer, { records: unfinished, codebookVersion: 1, documents: docs }).stale).toBe(false);
    const newer = layerStaleness(layer, { records: input.records, codebookVersion: 2, documents: [...docs, 'later'] });
    expect(newer).toMatchObject({ stale: true, codebookChanged: true, newDocuments: 1 });
    expect(newer.reasons).toEqual([
      'the codebook changed since training (version 1, now 2)',
      '1 document imported since training have no prediction',
    ]);
  });
});
