// Pure parts of the Adjudicate view: queue order, candidates and their differences, decisions, lanes, CSV.
import { describe, expect, it } from 'vitest';
import { buildQueue } from '../../../src/core/adjudicationQueue';
import type { AgreementInput } from '../../../src/core/agreement';
import { candidatesOf } from '../../../src/renderer/adjudicate/candidates';
import { mergeDecision } from '../../../src/renderer/adjudicate/decisions';
import { laneSegments } from '../../../src/renderer/adjudicate/lanes';
import { reasonsCsv } from '../../../src/renderer/adjudicate/reasonsCsv';
import { RECORDS, rec } from './adjudicateFake';

describe('adjudication queue', () => {
  it('puts the lowest α_U first and documents without a figure (one annotator, none) last', () => {
    const input: AgreementInput = {
      documents: [
        { id: 'doc-2', length: 52 },
        { id: 'doc-1', length: 60 },
        { id: 'doc-3', length: 60 },
        { id: 'doc-0', length: 60 },
      ],
      records: [...RECORDS, { ...rec('doc-1', 'carol', [[0, 6, 'Economic']]), document: 'doc-3' }],
    };
    const rows = buildQueue(input, { 'doc-1': 'Prices rise' });
    expect(rows.map((r) => r.id)).toEqual(['doc-1', 'doc-2', 'doc-3', 'doc-0']);
    expect(rows[0].title).toBe('Prices rise');
    expect(rows[2]).toMatchObject({ alpha: null, annotators: ['carol'], candidates: 1 });
    expect(rows[3]).toMatchObject({ alpha: null, annotators: [], candidates: 0 });
  });
});

describe('candidates', () => {
  it('groups identical spans and records gold decisions on them', () => {
    const gold = {
      ...rec('doc-1', 'gold', [[0, 6, 'Economic']]),
      decisions: [
        {
          action: 'accept' as const,
          span: { start: 0, end: 6, label: 'Economic' },
          sources: ['alice', 'bob'],
          by: 'lead',
          reason: 'unanimous' as const,
          at: 't',
        },
      ],
    };
    const cs = candidatesOf([...RECORDS.filter((r) => r.document === 'doc-1'), gold]);
    expect(cs[0]).toMatchObject({ key: '0:6:Economic', sources: ['alice', 'bob'], inGold: true, diffs: [] });
    expect(cs[0].decision?.by).toBe('lead');
    expect(cs.find((c) => c.key === '36:51:Human interest')!.diffs).toEqual([
      { annotator: 'alice', kind: 'boundaries', other: { start: 32, end: 44, label: 'Human interest' } },
    ]);
  });

  it('merges into the union of the chosen candidates', () => {
    const cs = candidatesOf(RECORDS.filter((r) => r.document === 'doc-1')).filter((c) => c.span.start >= 32);
    const d = mergeDecision(cs, 'Human interest', { by: 'x', reason: 'other', note: '  ' });
    expect(d).toEqual({
      action: 'merge',
      span: { start: 32, end: 51, label: 'Human interest' },
      replaces: cs.map((c) => c.span),
      sources: ['alice', 'bob'],
      by: 'x',
      reason: 'other',
    });
  });
});

describe('lanes and CSV', () => {
  it('cuts at every boundary and compares only the annotator lanes', () => {
    const segs = laneSegments(10, [[{ start: 0, end: 4, label: 'A' }], [{ start: 2, end: 4, label: 'A' }], []], 2);
    expect(segs.map((s) => [s.start, s.end, s.differs])).toEqual([
      [0, 2, true],
      [2, 4, false],
      [4, 10, false],
    ]);
  });

  it('writes one row per label and quotes where needed', () => {
    expect(reasonsCsv({ 'Crime, punishment': { 'coder-error': 2, other: 1 } })).toBe(
      'label,unanimous,guideline-gap,ambiguous-text,coder-error,other,total\r\n"Crime, punishment",0,0,0,2,1,3\r\n',
    );
  });
});
