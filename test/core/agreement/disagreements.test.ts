// The label confusion matrix and the disagreement list: hand-worked cases and properties.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { labelConfusion } from '../../../src/core/agreement/confusion';
import { type AgreementInput, prepareCorpus } from '../../../src/core/agreement/corpus';
import { type Disagreement, disagreements } from '../../../src/core/agreement/disagreements';
import { agreementReport } from '../../../src/core/agreement/report';
import { forEachCodedPair, type LabelledSpan } from '../../../src/core/agreement/spanList';
import { corpusArb, rec } from './helpers';

const documents = [
  { id: 'd1', length: 100 },
  { id: 'd2', length: 50 },
];

// alice vs bob in d1: [0,10) A exact match; [20,30) A vs [22,30) A boundaries; [40,50) A vs [40,50) B label;
// [60,70) C only alice (missing). carol coded d1 only with [0,10) B. d2: only alice coded it.
const records = [
  rec('d1', 'alice', [
    [0, 10, 'A'],
    [20, 30, 'A'],
    [40, 50, 'A'],
    [60, 70, 'C'],
  ]),
  rec('d1', 'bob', [
    [0, 10, 'A'],
    [22, 30, 'A'],
    [40, 50, 'B'],
  ]),
  rec('d1', 'carol', [[0, 10, 'B']]),
  rec('d2', 'alice', [[0, 5, 'A']]),
];

describe('disagreements', () => {
  it('lists a missing span, a different label and different boundaries, never an exact match', () => {
    const list = disagreements({ documents, records, annotators: ['alice', 'bob'] });
    expect(list.map((d) => [d.kind, d.spanA && [d.spanA.start, d.spanA.label], d.spanB && [d.spanB.start]])).toEqual([
      ['boundaries', [20, 'A'], [22]],
      ['label', [40, 'A'], [40]],
      ['missing', [60, 'C'], null],
    ]);
    expect(list[0]).toMatchObject({ document: 'd1', a: 'alice', b: 'bob', start: 20, end: 30 });
    expect(list[1].spanB?.label).toBe('B');
  });

  it('never calls a stretch missing when the other side labelled it: it names the span counted elsewhere', () => {
    // bob marked 44-70 Foreign attribution and 48-70 Naming; alice marked 48-70 Foreign attribution.
    // alice's span pairs with bob's same label (boundaries); bob's Naming span has no partner of its own,
    // but alice did label that stretch, and the entry says with what.
    const list = disagreements({
      documents,
      records: [
        rec('d1', 'alice', [[48, 70, 'Foreign attribution']]),
        rec('d1', 'bob', [
          [44, 70, 'Foreign attribution'],
          [48, 70, 'Naming'],
        ]),
      ],
    });
    expect(list.map((d) => [d.kind, d.spanA?.label ?? null, d.spanB?.label ?? null, d.overlapping])).toEqual([
      ['boundaries', 'Foreign attribution', 'Foreign attribution', []],
      ['missing', null, 'Naming', [{ start: 48, end: 70, label: 'Foreign attribution' }]],
    ]);
    const alone = disagreements({
      documents,
      records: [rec('d1', 'alice', [[60, 70, 'C']]), rec('d1', 'bob', [[0, 5, 'C']])],
    });
    expect(alone.every((d) => d.overlapping.length === 0)).toBe(true);
  });

  it('filters by label (either side) and by annotator pair', () => {
    expect(disagreements({ documents, records }, { label: 'B' }).map((d) => [d.a, d.b, d.kind])).toEqual([
      ['alice', 'bob', 'label'],
      ['alice', 'carol', 'label'],
      ['bob', 'carol', 'label'],
      ['bob', 'carol', 'missing'],
    ]);
    const pair = disagreements({ documents, records }, { pair: ['carol', 'alice'] });
    expect(new Set(pair.map((d) => `${d.a}/${d.b}`))).toEqual(new Set(['alice/carol']));
    // alice/carol: [0,10) A vs B (label), and alice's three other spans are missing from carol
    expect(pair.map((d) => d.kind)).toEqual(['label', 'missing', 'missing', 'missing']);
  });

  it('leaves out records the report leaves out, and documents only one annotator coded', () => {
    const bad = rec('d1', 'bob', [[90, 120, 'A']]);
    const list = disagreements({ documents, records: [records[0], bad, records[3]] });
    expect(list).toEqual([]);
  });

  it('is empty exactly when the exact-match F1 of every pair is 1 (or undefined)', () => {
    fc.assert(
      fc.property(corpusArb, (input) => {
        const report = agreementReport(input);
        const perfect = report.spans.pairs.every((p) => p.f1_exact.overall === null || p.f1_exact.overall === 1);
        expect(disagreements(input).length === 0).toBe(perfect);
      }),
      { numRuns: 200 },
    );
  });

  it('accounts for every span of both sides once (matched, paired or missing)', () => {
    fc.assert(
      fc.property(corpusArb, (input) => {
        const list = disagreements(input);
        const report = agreementReport(input);
        for (const p of report.spans.pairs) {
          const mine = list.filter((d) => d.a === p.a && d.b === p.b);
          for (const d of mine) expect(d.spanA ?? d.spanB).not.toBeNull();
          expect(mine.filter((d) => d.kind !== 'missing').every((d) => d.spanA && d.spanB)).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('labelConfusion', () => {
  it('counts overlapping span pairs by their labels, symmetric, with same-label overlaps on the diagonal', () => {
    const m = labelConfusion({ documents, records });
    expect(m.labels).toEqual(['A', 'B', 'C']);
    // alice/bob: A–A twice ([0,10), [20,30)/[22,30)), A–B once ([40,50)); alice/carol: A–B once ([0,10));
    // bob/carol: A–B once ([0,10)). C [60,70) overlaps nothing: unmatched for bob and for carol comparisons.
    expect(m.counts).toEqual([
      [2, 3, 0],
      [3, 0, 0],
      [0, 0, 0],
    ]);
    // unmatched: alice vs carol: [20,30) A, [40,50) A, [60,70) C; bob vs carol: [22,30) A, [40,50) B; alice vs bob: [60,70) C
    expect(m.unmatched).toEqual([3, 1, 2]);
    expect(m.pairs).toBe(3);
  });

  it('respects the selection and is symmetric on random corpora', () => {
    expect(labelConfusion({ documents, records, annotators: ['alice', 'bob'], labels: ['A'] }).counts).toEqual([[2]]);
    fc.assert(
      fc.property(corpusArb, (input) => {
        const m = labelConfusion(input);
        m.counts.forEach((row, i) => {
          row.forEach((v, j) => {
            expect(v).toBe(m.counts[j][i]);
          });
        });
      }),
      { numRuns: 100 },
    );
  });
});

describe('codebook labels', () => {
  it('leaves out a record with a label that is not in the codebook, and counts it', () => {
    const report = agreementReport({ documents, records, codebookLabels: ['A', 'B'] });
    expect(report.excluded.count).toBe(1);
    expect(report.excluded.records.map((r) => [r.annotator, r.document])).toEqual([['alice', 'd1']]);
    expect(report.excluded.records[0].reason).toMatch(/label "C", which is not in the codebook/);
    // nothing of alice's d1 record shifts into the figures: d1 is now coded by bob and carol only
    expect(report.per_document.map((d) => [d.id, d.annotators])).toEqual([['d1', ['bob', 'carol']]]);
    expect(report.labels).toEqual(['A', 'B']);
  });
});

/** The list as the plain definition gives it, with an object per candidate and per disagreement. */
function referenceDisagreements(input: AgreementInput) {
  const c = prepareCorpus(input);
  const out: Disagreement[] = [];
  const listed = (s: LabelledSpan) => ({ start: s.start, end: s.end, label: c.labels[s.label] });
  forEachCodedPair(c, (document, ai, bi, la, lb) => {
    const usedA = la.map(() => false);
    const usedB = lb.map(() => false);
    la.forEach((s, i) => {
      const j = lb.findIndex((t, k) => !usedB[k] && t.start === s.start && t.end === s.end && t.label === s.label);
      if (j >= 0) usedA[i] = usedB[j] = true;
    });
    const found: { kind: Disagreement['kind']; i: number | null; j: number | null }[] = [];
    for (const sameLabel of [true, false]) {
      const candidates: { i: number; j: number; overlap: number }[] = [];
      la.forEach((s, i) => {
        lb.forEach((t, j) => {
          const overlap = Math.min(s.end, t.end) - Math.max(s.start, t.start);
          if (overlap > 0 && !usedA[i] && !usedB[j] && (s.label === t.label) === sameLabel)
            candidates.push({ i, j, overlap });
        });
      });
      candidates.sort((x, y) => y.overlap - x.overlap || x.i - y.i || x.j - y.j);
      for (const { i, j } of candidates)
        if (!usedA[i] && !usedB[j]) {
          usedA[i] = usedB[j] = true;
          found.push({ kind: sameLabel ? 'boundaries' : 'label', i, j });
        }
    }
    la.forEach((_, i) => {
      if (!usedA[i]) found.push({ kind: 'missing', i, j: null });
    });
    lb.forEach((_, j) => {
      if (!usedB[j]) found.push({ kind: 'missing', i: null, j });
    });
    const rows = found.map(({ kind, i, j }) => {
      const sa = i === null ? null : la[i];
      const sb = j === null ? null : lb[j];
      const start = Math.min(sa?.start ?? Infinity, sb?.start ?? Infinity);
      const end = Math.max(sa?.end ?? -Infinity, sb?.end ?? -Infinity);
      const other = sa ? lb : la;
      return {
        document,
        a: c.annotators[ai],
        b: c.annotators[bi],
        kind,
        spanA: sa && listed(sa),
        spanB: sb && listed(sb),
        start,
        end,
        overlapping: kind === 'missing' ? other.filter((o) => o.start < end && o.end > start).map(listed) : [],
      };
    });
    out.push(...rows.sort((x, y) => x.start - y.start || x.end - y.end));
  });
  return out;
}

describe('the disagreement list against its plain definition', () => {
  it('is the same list, row for row, on random corpora', () => {
    fc.assert(
      fc.property(corpusArb, (input) => {
        expect(disagreements(input)).toEqual(referenceDisagreements(input));
      }),
      { numRuns: 200 },
    );
  });
});
