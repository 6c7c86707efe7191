import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AgreementInput, agreementReport } from '../../src/core/agreement';
import type { AnnotationRecord, Span } from '../../src/core/model';
import { assignSpanIds, decidedSpanIds, SPAN_ID_PATTERN } from '../../src/core/spanIds';

const span = (start: number, end: number, label = 'X', id?: string): Span => ({
  ...(id !== undefined ? { id } : {}),
  start,
  end,
  label,
});

describe('assignSpanIds', () => {
  it('numbers spans without an id s1, s2, … in order, and changes nothing else', () => {
    const spans = [span(0, 3), { ...span(4, 6, 'Y'), note: 'n' }];
    expect(assignSpanIds(spans)).toEqual([span(0, 3, 'X', 's1'), { ...span(4, 6, 'Y', 's2'), note: 'n' }]);
    expect(spans[0].id).toBeUndefined();
  });

  it('keeps an id from a source when it is valid and unique; a repeated or invalid one is replaced', () => {
    const out = assignSpanIds([span(0, 3, 'X', 'T12'), span(4, 6, 'X', 'T12'), span(7, 9, 'X', '../x'), span(9, 10)]);
    expect(out.map((s) => s.id)).toEqual(['T12', 's1', 's2', 's3']);
  });

  it('counts on from the highest s-number the record has, had or a decision names', () => {
    expect(assignSpanIds([span(0, 3, 'X', 's4'), span(5, 6)]).map((s) => s.id)).toEqual(['s4', 's5']);
    expect(assignSpanIds([span(0, 3)], { reserved: ['s9'] })[0].id).toBe('s10');
    // The span stored as s3 was deleted in this edit: its id is not handed to the new span.
    expect(assignSpanIds([span(5, 6)], { previous: [span(0, 3, 'X', 's3')] })[0].id).toBe('s4');
  });

  it('gives a span sent without an id the id of the stored span at its position and label', () => {
    const previous = [span(0, 3, 'X', 's1'), span(4, 6, 'Y', 's2')];
    const out = assignSpanIds([span(0, 3), span(4, 7, 'Y'), span(4, 6, 'Y')], { previous });
    expect(out.map((s) => s.id)).toEqual(['s1', 's3', 's2']);
  });

  it('keeps the id of a span relabelled or resized by a client that sends no ids', () => {
    const previous = [span(0, 3, 'X', 's1'), span(10, 20, 'Y', 's2'), span(30, 35, 'Z', 's3')];
    const out = assignSpanIds([span(0, 3, 'W'), span(12, 25, 'Y'), span(30, 35, 'Z')], { previous });
    expect(out.map((s) => s.id)).toEqual(['s1', 's2', 's3']);
  });

  it('gives a new id when which stored span was changed is not clear', () => {
    const previous = [span(0, 10, 'X', 's1'), span(8, 20, 'X', 's2')];
    // Overlaps both vanished spans with their label: a new span, not one of them.
    expect(assignSpanIds([span(5, 15, 'X')], { previous }).map((s) => s.id)).toEqual(['s3']);
    // A relabel at one span's exact position is clear even then.
    expect(assignSpanIds([span(0, 10, 'Y')], { previous }).map((s) => s.id)).toEqual(['s1']);
  });

  it('never takes a stored id back for a second span', () => {
    const out = assignSpanIds([span(0, 3, 'X', 's1'), span(4, 6)], { previous: [span(4, 6, 'X', 's1')] });
    expect(out.map((s) => s.id)).toEqual(['s1', 's2']);
  });

  it('always gives valid, unique ids, is deterministic, and leaves ids it gave alone', () => {
    const idArb = fc.option(
      fc.oneof(fc.constantFrom('s1', 's2', 's10', 'T1', 'x y', ''), fc.string({ maxLength: 4 })),
      {
        nil: undefined,
      },
    );
    const spanArb = fc.record({
      id: idArb,
      start: fc.nat(50),
      len: fc.integer({ min: 1, max: 5 }),
      label: fc.constantFrom('A', 'B'),
    });
    fc.assert(
      fc.property(fc.array(spanArb, { maxLength: 30 }), (raw) => {
        const spans = raw.map((r) => ({
          ...(r.id === undefined ? {} : { id: r.id }),
          start: r.start,
          end: r.start + r.len,
          label: r.label,
        }));
        const out = assignSpanIds(spans);
        const ids = out.map((s) => s.id);
        expect(new Set(ids).size).toBe(ids.length);
        for (const id of ids) expect(id).toMatch(SPAN_ID_PATTERN);
        expect(assignSpanIds(spans)).toEqual(out);
        expect(assignSpanIds(out)).toEqual(out);
        expect(out.map(({ start, end, label }) => ({ start, end, label }))).toEqual(
          spans.map(({ start, end, label }) => ({ start, end, label })),
        );
      }),
    );
  });
});

describe('decidedSpanIds', () => {
  it('lists the ids decisions name, old decisions without ids included', () => {
    const base = { sources: [], by: 'lead', reason: 'other' as const, at: '' };
    expect(
      decidedSpanIds([
        { ...base, action: 'accept', span: span(0, 1, 'X', 's1') },
        { ...base, action: 'edit', span: span(0, 2), replaces: [span(0, 1, 'X', 's2')] },
      ]),
    ).toEqual(['s1', 's2']);
  });
});

describe('agreement and span ids', () => {
  it('figures are the same whatever ids the spans carry', () => {
    const record = (annotator: string, spans: Span[]): AnnotationRecord => ({
      document: 'd',
      annotator,
      textHash: `sha256:${'0'.repeat(64)}`,
      codebookVersion: 1,
      status: 'done',
      spans,
      docLabels: {},
      updatedAt: '',
    });
    const input = (ids: (string | undefined)[]): AgreementInput => ({
      documents: [{ id: 'd', length: 40 }],
      records: [
        record('a', [span(0, 5, 'X', ids[0]), span(10, 20, 'Y', ids[1])]),
        record('b', [span(0, 6, 'X', ids[2]), span(10, 20, 'Y', ids[3])]),
      ],
      docLabelGroups: [],
      codebookLabels: ['X', 'Y'],
      excluded: [],
    });
    const plain = JSON.stringify(agreementReport(input([])));
    expect(JSON.stringify(agreementReport(input(['s1', 's2', 's1', 's2'])))).toBe(plain);
    expect(JSON.stringify(agreementReport(input(['T9', 'a', 's7', 'T9'])))).toBe(plain);
  });
});
