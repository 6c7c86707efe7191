import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { krippendorffAlpha } from '../../../src/core/agreement/coding';
import type { AgreementInput } from '../../../src/core/agreement/corpus';
import { agreementReport } from '../../../src/core/agreement/report';
import { cohenKappa, tableFromRatings } from '../../../src/core/agreement/table';
import {
  alphaUnitizing,
  categoryDisagreement,
  prepareStudy,
  type UnitizingStudy,
} from '../../../src/core/agreement/unitizing';
import { approxEqual, corpusArb, nonFinite } from './helpers';

const RUNS = { numRuns: 40, seed: 20250101 };

const renameAnnotators = (input: AgreementInput, map: Record<string, string>): AgreementInput => ({
  ...input,
  records: input.records.map((r) => ({ ...r, annotator: map[r.annotator] ?? r.annotator })),
});

describe('agreement properties', () => {
  it('never produces NaN or Infinity', () => {
    fc.assert(
      fc.property(corpusArb, (input) => {
        expect(nonFinite(agreementReport(input))).toEqual([]);
      }),
      RUNS,
    );
  });

  it('perfect agreement gives 1 (or null when the figure is undefined)', () => {
    fc.assert(
      fc.property(corpusArb, (input) => {
        const first = input.records.filter((r) => r.annotator === 'ann');
        const copy = { ...input, records: [...first, ...first.map((r) => ({ ...r, annotator: 'bea' }))] };
        const r = agreementReport(copy);
        const p = r.spans.pairs[0];
        for (const f of [r.spans.alpha_u, p.f1_exact, p.f1_overlap, p.cohen_kappa_char, r.spans.fleiss_kappa_char])
          for (const v of [f.overall, ...Object.values(f.per_label)]) if (v !== null) expect(v).toBeCloseTo(1, 12);
        if (r.labels.length > 0) {
          expect(r.spans.alpha_u.overall).toBe(1);
          expect(p.f1_exact.overall).toBe(1);
        }
      }),
      RUNS,
    );
  });

  it('swapping annotators changes nothing', () => {
    fc.assert(
      fc.property(corpusArb, (input) => {
        const swap: Record<string, string> = { ann: 'bea', bea: 'ann' };
        const a = agreementReport(input);
        const b = agreementReport(renameAnnotators(input, swap));
        // pairs are named, so the pair (x, y) of one report is the pair (swap x, swap y) of the other
        const byNames = <T extends { a: string; b: string }>(pairs: T[], rename: (n: string) => string) =>
          Object.fromEntries(pairs.map(({ a: x, b: y, ...rest }) => [[rename(x), rename(y)].sort().join('|'), rest]));
        const same = (n: string) => n;
        const swapped = (n: string) => swap[n] ?? n;
        expect(approxEqual(byNames(a.spans.pairs, same), byNames(b.spans.pairs, swapped))).toEqual([]);
        expect(approxEqual(a.spans.alpha_u, b.spans.alpha_u)).toEqual([]);
        expect(approxEqual(a.spans.fleiss_kappa_char, b.spans.fleiss_kappa_char)).toEqual([]);
        expect(
          approxEqual(
            a.per_document.map((d) => d.alpha_u),
            b.per_document.map((d) => d.alpha_u),
          ),
        ).toEqual([]);
        for (const [g, fa] of Object.entries(a.document_labels)) {
          const fb = b.document_labels[g];
          if ('options' in fa || 'options' in fb) continue;
          const { pairs: pa, ...restA } = fa;
          const { pairs: pb, ...restB } = fb;
          expect(approxEqual(restA, restB)).toEqual([]);
          expect(approxEqual(byNames(pa, same), byNames(pb, swapped))).toEqual([]);
        }
      }),
      RUNS,
    );
  });

  it('relabelling categories consistently changes nothing', () => {
    const map: Record<string, string> = { A: 'zeta', B: 'alpha', C: 'mid' };
    fc.assert(
      fc.property(corpusArb, (input) => {
        const a = agreementReport(input);
        const b = agreementReport({
          ...input,
          records: input.records.map((r) => ({
            ...r,
            spans: r.spans.map((s) => ({ ...s, label: map[s.label] })),
            docLabels: { Stance: r.docLabels.Stance === 'pro' ? 'yes' : r.docLabels.Stance === 'con' ? 'no' : [] },
          })),
          docLabelGroups: [{ name: 'Stance', kind: 'single', options: ['yes', 'no'] }],
        });
        expect(b.labels).toEqual(a.labels.map((l) => map[l]).sort());
        const back = (f: { overall: number | null; per_label: Record<string, number | null> }) => ({
          overall: f.overall,
          per_label: Object.fromEntries(Object.entries(f.per_label).map(([k, v]) => [k, v])),
        });
        expect(approxEqual(a.spans.alpha_u.overall, b.spans.alpha_u.overall)).toEqual([]);
        for (const l of a.labels) {
          expect(approxEqual(a.spans.alpha_u.per_label[l], b.spans.alpha_u.per_label[map[l]])).toEqual([]);
          expect(
            approxEqual(a.spans.fleiss_kappa_char.per_label[l], b.spans.fleiss_kappa_char.per_label[map[l]]),
          ).toEqual([]);
        }
        a.spans.pairs.forEach((p, i) => {
          const q = b.spans.pairs[i];
          for (const k of ['f1_exact', 'f1_overlap', 'cohen_kappa_char'] as const) {
            expect(approxEqual(back(p[k]).overall, back(q[k]).overall)).toEqual([]);
            for (const l of a.labels) expect(approxEqual(p[k].per_label[l], q[k].per_label[map[l]])).toEqual([]);
          }
        });
        expect(approxEqual(a.document_labels, b.document_labels)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('prepending text to one document and shifting its spans changes no span F1', () => {
    fc.assert(
      fc.property(corpusArb, fc.integer({ min: 1, max: 50 }), (input, k) => {
        const shifted: AgreementInput = {
          ...input,
          documents: input.documents.map((d) => (d.id === 'd0' ? { ...d, length: d.length + k } : d)),
          records: input.records.map((r) =>
            r.document === 'd0'
              ? { ...r, spans: r.spans.map((s) => ({ ...s, start: s.start + k, end: s.end + k })) }
              : r,
          ),
        };
        const a = agreementReport(input);
        const b = agreementReport(shifted);
        a.spans.pairs.forEach((p, i) => {
          expect(approxEqual(p.f1_exact, b.spans.pairs[i].f1_exact)).toEqual([]);
          expect(approxEqual(p.f1_overlap, b.spans.pairs[i].f1_overlap)).toEqual([]);
        });
      }),
      RUNS,
    );
  });
});

/** A random DKPro-shaped study with non-overlapping units per rater and category. */
const studyArb = fc
  .record({
    begin: fc.integer({ min: 0, max: 100 }),
    length: fc.integer({ min: 1, max: 60 }),
    raters: fc.integer({ min: 2, max: 4 }),
    cuts: fc.array(fc.record({ r: fc.nat(), c: fc.constantFrom('P', 'Q'), a: fc.nat(), b: fc.nat() }), {
      maxLength: 20,
    }),
  })
  .map(({ begin, length, raters, cuts }): UnitizingStudy => {
    const units: UnitizingStudy['units'][number][] = [];
    for (const x of cuts) {
      const r = x.r % raters;
      const s = begin + (x.a % length);
      const e = Math.min(begin + length, s + 1 + (x.b % 10));
      const clash = units.some((u) => u.rater === r && u.category === x.c && s < u.begin + u.length && u.begin < e);
      if (!clash) units.push({ begin: s, length: e - s, rater: r, category: x.c });
    }
    return { continuum: { begin, length }, raters, units };
  });

/** DKPro's expected disagreement written literally: for every unit, Σ over every gap g ≥ l of (g − l + 1). */
function naiveExpected(study: UnitizingStudy, category: string): number {
  const { begin: B, length: L } = study.continuum;
  const R = study.raters;
  const units = study.units.filter((u) => u.category === category);
  const gaps: number[] = [];
  for (let r = 0; r < R; r++) {
    const mine = units.filter((u) => u.rater === r).sort((x, y) => x.begin - y.begin);
    let pos = B;
    for (const u of mine) {
      if (u.begin > pos) gaps.push(u.begin - pos);
      pos = u.begin + u.length;
    }
    if (pos < B + L) gaps.push(B + L - pos);
  }
  let sum = 0;
  let sq = 0;
  for (const u of units) {
    const l = u.length;
    sq += l * (l - 1);
    sum += ((units.length - 1) * (2 * l ** 3 - 3 * l ** 2 + l)) / 3;
    for (const g of gaps) if (g >= l) sum += l * l * (g - l + 1);
  }
  return ((2 / L) * sum) / (R * L * (R * L - 1) - sq);
}

describe('α_U internals', () => {
  it('the sorted-gaps D_e equals the literal O(units × gaps) sum', () => {
    fc.assert(
      fc.property(studyArb, (study) => {
        const prepared = prepareStudy(study);
        for (const [cat, raters] of prepared.categories) {
          const fast = categoryDisagreement(raters, study.continuum.begin, study.continuum.length).expected;
          expect(fast).toBeCloseTo(naiveExpected(study, cat), 10);
        }
      }),
      { numRuns: 60, seed: 7 },
    );
  });

  it('translating the whole continuum changes nothing', () => {
    fc.assert(
      fc.property(studyArb, fc.integer({ min: 1, max: 1000 }), (study, k) => {
        const moved = {
          ...study,
          continuum: { ...study.continuum, begin: study.continuum.begin + k },
          units: study.units.map((u) => ({ ...u, begin: u.begin + k })),
        };
        expect(alphaUnitizing(moved).overall.value).toBe(alphaUnitizing(study).overall.value);
      }),
      RUNS,
    );
  });

  it('α_U depends on the continuum length by design (prepending text changes it)', () => {
    // Krippendorff's D_o is normalised by L² and D_e by the gaps, so extra unmarked text is evidence.
    const units = [
      { begin: 0, length: 4, rater: 0, category: 'X' },
      { begin: 1, length: 4, rater: 1, category: 'X' },
    ];
    const short = alphaUnitizing({ continuum: { begin: 0, length: 10 }, raters: 2, units }).overall.value!;
    const long = alphaUnitizing({
      continuum: { begin: 0, length: 20 },
      raters: 2,
      units: units.map((u) => ({ ...u, begin: u.begin + 10 })),
    }).overall.value!;
    expect(long).not.toBeCloseTo(short, 3);
  });

  it('coefficients ignore a consistent renaming of categories', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(3), fc.nat(3)), { minLength: 2, maxLength: 30 }), (pairs) => {
        const r1 = pairs.map((p) => p[0]);
        const r2 = pairs.map((p) => p[1]);
        const ren = (v: number) => `c${(v * 7) % 11}`;
        const k1 = cohenKappa(tableFromRatings(r1, r2).table).value;
        const k2 = cohenKappa(tableFromRatings(r1.map(ren), r2.map(ren)).table).value;
        expect(approxEqual(k1, k2)).toEqual([]);
        const a1 = krippendorffAlpha([r1, r2]).value;
        const a2 = krippendorffAlpha([r2.map(ren), r1.map(ren)]).value;
        expect(approxEqual(a1, a2)).toEqual([]);
      }),
      RUNS,
    );
  });
});
