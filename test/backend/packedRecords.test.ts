// Records cross into a report thread packed: what comes out is what went in, including the records the typed
// arrays cannot hold exactly (they travel whole), and the packed form survives a real structured clone.
import { describe, expect, it } from 'vitest';
import { packedBuffers, packRecords, unpackRecords } from '../../src/backend/packedRecords';
import type { AnnotationRecord } from '../../src/core/model';

const base = {
  textHash: `sha256:${'0'.repeat(64)}`,
  codebookVersion: 2,
  status: 'done' as const,
  docLabels: { Stance: 'pro', Frames: ['Economic', 'Security'] },
  updatedAt: '2025-06-01T12:00:00.000Z',
};

const records: AnnotationRecord[] = [
  {
    ...base,
    document: 'd1',
    annotator: 'alice',
    spans: [
      { id: 's1', start: 0, end: 5, label: 'Économie' },
      { id: 'T12', start: 3, end: 9, label: 'Security', origin: 'suggestion' },
      { start: 10, end: 12, label: 'Économie' },
    ],
    relations: [{ type: 'cause', from: 's1', to: 'T12' }],
  },
  { ...base, document: 'd1', annotator: 'bob', spans: [] },
  // a note, a fractional offset, a non-string label, an id with a space: each record travels whole
  { ...base, document: 'd2', annotator: 'alice', spans: [{ id: 's1', start: 0, end: 4, label: 'X', note: 'why' }] },
  { ...base, document: 'd2', annotator: 'bob', spans: [{ start: 0.5, end: 4, label: 'X' }] },
  { ...base, document: 'd3', annotator: 'bob', spans: [{ start: 0, end: 4, label: 7 as unknown as string }] },
  { ...base, document: 'd4', annotator: 'bob', spans: [{ id: 'a b', start: 0, end: 2 ** 31, label: 'X' }] },
  {
    ...base,
    document: 'd5',
    annotator: 'carol',
    spans: [
      { start: 1, end: 2, label: '' },
      { start: 2, end: 3, label: 'X' },
    ],
  },
  {
    ...base,
    document: 'd6',
    annotator: 'gold',
    spans: [{ id: 's9', start: 1, end: 2, label: 'X' }],
    decisions: [
      { kind: 'accept', span: 's9', at: '2025-06-01T12:00:00.000Z' },
    ] as unknown as AnnotationRecord['decisions'],
  },
];

describe('packed records', () => {
  it('unpack(pack(records)) equals the records, field for field', () => {
    expect(unpackRecords(packRecords(records))).toEqual(records);
    expect(unpackRecords(packRecords([]))).toEqual([]);
  });

  it('holds plain spans in the arrays and only the unusual records whole', () => {
    const p = packRecords(records);
    expect([...p.whole]).toEqual([0, 0, 1, 1, 1, 1, 0, 0]);
    expect(p.start.length).toBe(3 + 2 + 1);
    expect(p.labels).toEqual(['Économie', 'Security', '', 'X']);
  });

  it('survives a structured clone that moves its buffers', () => {
    const p = packRecords(records);
    const moved = structuredClone(p, { transfer: packedBuffers(p) });
    expect(p.start.length).toBe(0);
    expect(unpackRecords(moved)).toEqual(records);
  });
});
