import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { krippendorffAlphaCounts, unitCounts } from '../../../src/core/agreement/coding';
import { buildContinuum } from '../../../src/core/agreement/continuum';
import { type AgreementInput, fullyAnnotated, prepareCorpus } from '../../../src/core/agreement/corpus';
import {
  prepareNominal,
  prepareResampling,
  resampledAlphaU,
  resampledNominalAlpha,
} from '../../../src/core/agreement/resample';
import { alphaUnitizingPrepared } from '../../../src/core/agreement/unitizing';
import type { AnnotationRecord } from '../../../src/core/model';
import { rec, type SpanTuple } from './helpers';

const LABELS = ['A', 'B', 'C'];

/** 1–6 documents, 2–3 annotators, spans anywhere (some documents left empty by some annotators). */
const corpus = fc
  .record({
    lengths: fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 6 }),
    annotators: fc.integer({ min: 2, max: 3 }),
    spans: fc.array(
      fc.record({ doc: fc.nat(), ann: fc.nat(), a: fc.nat(), b: fc.nat(), label: fc.constantFrom(...LABELS) }),
      { maxLength: 30 },
    ),
  })
  .map(({ lengths, annotators, spans }): AgreementInput => {
    const documents = lengths.map((length, i) => ({ id: `d${i}`, length }));
    const names = ['ann', 'bea', 'cal'].slice(0, annotators);
    const by = new Map<string, SpanTuple[]>();
    for (const s of spans) {
      const d = documents[s.doc % documents.length];
      const start = s.a % d.length;
      const end = start + 1 + (s.b % (d.length - start));
      const key = `${d.id}|${names[s.ann % annotators]}`;
      by.set(key, [...(by.get(key) ?? []), [start, end, s.label]]);
    }
    const records: AnnotationRecord[] = documents.flatMap((d) =>
      names.map((n) => rec(d.id, n, by.get(`${d.id}|${n}`) ?? [])),
    );
    return { documents, records };
  });

function close(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
}

describe('resampled α_U', () => {
  it('equals α_U of the resample built as a continuum (documents in id order, copies side by side)', () => {
    fc.assert(
      fc.property(corpus, fc.array(fc.nat({ max: 3 }), { minLength: 6, maxLength: 6 }), (input, mult) => {
        const c = prepareCorpus(input);
        const raters = [...c.annotators.keys()];
        const full = fullyAnnotated(c);
        const w = Int32Array.from(full, (_, i) => mult[i]);
        const fast = resampledAlphaU(prepareResampling(c, full, raters))(w);
        const docs = full.flatMap((d, i) => new Array<string>(w[i]).fill(d));
        const slow = alphaUnitizingPrepared(buildContinuum(c, docs, raters));
        expect(close(fast.overall, slow.overall.value)).toBe(true);
        c.labels.forEach((l, li) => {
          expect(close(fast.perLabel[li], slow.perCategory.get(l)?.value ?? null)).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('with every document once, equals the report’s α_U', () => {
    fc.assert(
      fc.property(corpus, (input) => {
        const c = prepareCorpus(input);
        const raters = [...c.annotators.keys()];
        const full = fullyAnnotated(c);
        const fast = resampledAlphaU(prepareResampling(c, full, raters))(new Int32Array(full.length).fill(1));
        const slow = alphaUnitizingPrepared(buildContinuum(c, full, raters));
        expect(close(fast.overall, slow.overall.value)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

describe('resampled nominal α', () => {
  it('equals Krippendorff’s α of the resampled units', () => {
    const rating = fc.option(fc.constantFrom('x', 'y', 'z'), { nil: null });
    fc.assert(
      fc.property(
        fc.array(fc.array(rating, { minLength: 8, maxLength: 8 }), { minLength: 2, maxLength: 4 }),
        fc.array(fc.nat({ max: 3 }), { minLength: 8, maxLength: 8 }),
        (matrix, mult) => {
          const uc = unitCounts(matrix);
          const fast = resampledNominalAlpha(prepareNominal(uc.counts, uc.categories.length))(Int32Array.from(mult));
          const counts = uc.counts.flatMap((row, u) => new Array<number[]>(mult[u]).fill(row));
          const slow = krippendorffAlphaCounts({ categories: uc.categories, counts });
          expect(close(fast, slow.value)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
