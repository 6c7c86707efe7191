import { describe, expect, it } from 'vitest';
import { agreementReport } from '../../../src/core/agreement/report';
import type { AnnotationRecord } from '../../../src/core/model';
import {
  blindDocuments,
  closeRound,
  createRound,
  hasSubmitted,
  isBlind,
  roundAgreementInput,
  roundProgress,
  roundsFrozenBy,
  type StudyRound,
  visibleRecords,
} from '../../../src/core/study/round';
import { drawSample } from '../../../src/core/study/sample';
import { rec } from '../agreement/helpers';

const docs = Array.from({ length: 8 }, (_, i) => ({ id: `d${i}` }));
const sample = drawSample({ seed: 3, size: 4, strata: 'none', documents: docs });
const spec = {
  name: 'R1',
  kind: 'main' as const,
  coders: ['bob', 'alice'],
  codebookVersion: 2,
  sample,
  at: '2025-03-01T10:00:00Z',
  by: 'lead',
};

describe('study rounds', () => {
  it('creates an open round with its coders sorted and the codebook version frozen', () => {
    const r = createRound([], spec);
    expect(r).toMatchObject({ name: 'R1', kind: 'main', coders: ['alice', 'bob'], codebookVersion: 2, state: 'open' });
    expect(r.openedAt).toBe('2025-03-01T10:00:00Z');
    expect(r.sample.documents).toHaveLength(4);
  });

  it('refuses a taken name, a main round with one coder, gold as a coder, a requirement on a main round', () => {
    const r = createRound([], spec);
    expect(() => createRound([r], spec)).toThrow('a round named "R1" exists already');
    expect(() => createRound([], { ...spec, coders: ['alice'] })).toThrow(/at least two coders/);
    expect(() => createRound([], { ...spec, coders: ['alice', 'gold'] })).toThrow(/adjudicated layer/);
    expect(() => createRound([], { ...spec, name: '  ' })).toThrow(/needs a name/);
    expect(() =>
      createRound([], { ...spec, requirement: { measure: 'f1_overlap', minimum: 0.7, scope: 'overall' } }),
    ).toThrow(/only a training round/);
    expect(() =>
      createRound([], {
        ...spec,
        kind: 'training',
        coders: ['carol'],
        requirement: { measure: 'f1_overlap', minimum: 1.5, scope: 'overall' },
      }),
    ).toThrow(/within its range/);
    expect(createRound([], { ...spec, name: 'Pilot', kind: 'training', coders: ['carol'] }).coders).toEqual(['carol']);
  });

  it('closes once, with a timestamp', () => {
    const closed = closeRound(createRound([], spec), '2025-03-09T18:00:00Z', 'lead');
    expect(closed).toMatchObject({ state: 'closed', closedAt: '2025-03-09T18:00:00Z', closedBy: 'lead' });
    expect(() => closeRound(closed, 'later')).toThrow(/closed already/);
  });

  it('keeps the document order it opened with, and the one it closed with only when it differs', () => {
    const opened = createRound([], { ...spec, documentOrder: 'list' });
    expect(opened.documentOrder).toBe('list');
    expect(closeRound(opened, 'then', 'lead', 'list').closingDocumentOrder).toBeUndefined();
    expect(closeRound(opened, 'then', 'lead', 'uncertainty').closingDocumentOrder).toBe('uncertainty');
  });

  it('blinds an open round’s documents to its coders only, and only while it is open', () => {
    const r = createRound([], spec);
    const inside = r.sample.documents[0];
    const outside = docs.map((d) => d.id).find((d) => !r.sample.documents.includes(d))!;
    expect(isBlind([r], inside, 'alice')).toBe(true);
    expect(isBlind([r], outside, 'alice')).toBe(false);
    expect(isBlind([r], inside, 'lead')).toBe(false);
    expect([...blindDocuments([r], 'bob')].sort()).toEqual(r.sample.documents);
    const closed = closeRound(r, 'then');
    expect(isBlind([closed], inside, 'alice')).toBe(false);
    expect(roundsFrozenBy([r, closed])).toEqual([r]);
  });

  it('hides other coders’ and gold’s records on blind documents, never the viewer’s own', () => {
    const r = createRound([], spec);
    const [d] = r.sample.documents;
    const outside = docs.map((x) => x.id).find((x) => !r.sample.documents.includes(x))!;
    const records = [rec(d, 'alice', []), rec(d, 'bob', []), rec(d, 'gold', []), rec(outside, 'bob', [])];
    const seen = visibleRecords([r], 'alice', records).map((x) => `${x.document}/${x.annotator}`);
    expect(seen).toEqual([`${d}/alice`, `${outside}/bob`]);
    expect(visibleRecords([r], 'lead', records)).toHaveLength(4);
  });

  it('counts progress per coder, including records coded under another codebook version', () => {
    const r = createRound([], spec);
    const [d0, d1, d2] = r.sample.documents;
    const v = (x: AnnotationRecord, codebookVersion = 2): AnnotationRecord => ({ ...x, codebookVersion });
    const records: AnnotationRecord[] = [
      v(rec(d0, 'alice', [])),
      v(rec(d1, 'alice', [], { status: 'in_progress' })),
      v(rec(d2, 'alice', []), 1),
      v(rec(d0, 'bob', [], { status: 'todo' })),
      v(rec(d0, 'carol', [])),
    ];
    const p = roundProgress(r, records);
    expect(p).toEqual([
      { coder: 'alice', assigned: 4, done: 2, inProgress: 1, notStarted: 1, otherCodebook: 1 },
      { coder: 'bob', assigned: 4, done: 0, inProgress: 0, notStarted: 4, otherCodebook: 0 },
    ]);
    expect(hasSubmitted(p, 'alice')).toBe(false);
    const all = r.sample.documents.map((d) => v(rec(d, 'bob', [])));
    expect(hasSubmitted(roundProgress(r, all), 'bob')).toBe(true);
  });

  it('restricts the agreement input to the round’s documents and coders', () => {
    const r: StudyRound = createRound([], spec);
    const [d0, d1] = r.sample.documents;
    const outside = docs.map((x) => x.id).find((x) => !r.sample.documents.includes(x))!;
    const base = {
      documents: docs.map((d) => ({ id: d.id, length: 20 })),
      records: [
        rec(d0, 'alice', [[0, 5, 'X']]),
        rec(d0, 'bob', [[0, 5, 'X']]),
        rec(d1, 'alice', [[2, 6, 'X']]),
        rec(d1, 'bob', [[1, 6, 'X']]),
        rec(outside, 'alice', [[0, 9, 'X']]),
        rec(d0, 'carol', [[0, 9, 'X']]),
      ],
    };
    const { input, missingCoders } = roundAgreementInput(r, base);
    expect(missingCoders).toEqual([]);
    expect(input.documents.map((d) => d.id)).toEqual(r.sample.documents);
    const report = agreementReport(input);
    expect(report.annotators).toEqual(['alice', 'bob']);
    expect(report.documents).toBe(2);
    const lonely = roundAgreementInput(r, { ...base, records: base.records.filter((x) => x.annotator !== 'bob') });
    expect(lonely.missingCoders).toEqual(['bob']);
    expect(lonely.input.annotators).toEqual(['alice']);
  });
});
