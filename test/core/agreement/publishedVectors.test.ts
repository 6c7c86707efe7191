// Every published vector whose metric the project implements, checked at its own tolerance.
// Each test fails on an expected key it does not know, so no published number is silently skipped.
import { describe, expect, it } from 'vitest';
import {
  congerKappa,
  fleissKappa,
  krippendorffAlpha,
  percentAgreementCounts,
  percentAgreement as percentAgreementMatrix,
  type Rating,
  unitCounts,
} from '../../../src/core/agreement/coding';
import { type Interval, mergeOverlapping, sortIntervals } from '../../../src/core/agreement/intervals';
import { exactMatchCounts, f1Exact, overlapCounts, overlapScores } from '../../../src/core/agreement/spanF1';
import {
  bennettS,
  cohenKappa,
  gwetAC1,
  krippendorffAlphaTable,
  percentAgreement,
  scottPi,
  tableFromRatings,
} from '../../../src/core/agreement/table';
import { alphaUnitizing, measureDistance, type UnitizingStudy } from '../../../src/core/agreement/unitizing';
import { PUBLISHED_VECTORS, type PublishedVector } from './fixtures/publishedVectors';

function near(actual: number | null | undefined, expected: unknown, tol: number, what: string): void {
  expect(typeof expected, `${what}: expected value is a number`).toBe('number');
  expect(actual, `${what} is null`).not.toBeNull();
  expect(actual, `${what} is undefined`).not.toBeUndefined();
  const diff = Math.abs((actual as number) - (expected as number));
  expect(diff, `${what}: got ${actual}, expected ${expected} ± ${tol}`).toBeLessThanOrEqual(tol);
}

const of = (prefix: string) => PUBLISHED_VECTORS.filter((v) => v.metric.startsWith(prefix));
const title = (v: PublishedVector) => `${v.metric.split(':')[0]} — ${v.source.slice(0, 90)}`;

/** Expands a table into two rating vectors and checks α through the general coding-matrix path too. */
function ratingsOf(table: number[][]): [number[], number[]] {
  const r1: number[] = [];
  const r2: number[] = [];
  table.forEach((row, i) => {
    row.forEach((n, j) => {
      for (let k = 0; k < n; k++) {
        r1.push(i);
        r2.push(j);
      }
    });
  });
  return [r1, r2];
}

describe('published two-rater tables', () => {
  const vectors = of('two_rater_table');
  it('has the six table vectors', () => expect(vectors).toHaveLength(6));
  for (const v of vectors)
    it(title(v), () => {
      const table = v.input.table as number[][];
      const q = (v.input.categories as unknown[]).length;
      const tol = v.tolerance;
      for (const [key, want] of Object.entries(v.expected)) {
        if (key === 'percent') near(percentAgreement(table).value, want, tol, key);
        else if (key === 'cohen_kappa') near(cohenKappa(table).value, want, tol, key);
        else if (key === 'cohen_pe') near(cohenKappa(table).chance, want, tol, key);
        else if (key === 'scott_pi') near(scottPi(table).value, want, tol, key);
        else if (key === 'krippendorff_alpha_nominal') {
          near(krippendorffAlphaTable(table).value, want, tol, key);
          near(krippendorffAlpha(ratingsOf(table)).value, want, tol, `${key} (coding matrix)`);
        } else if (key === 'bennett_s') near(bennettS(table, q).value, want, tol, key);
        else if (key === 'gwet_ac1') near(gwetAC1(table, q).value, want, tol, key);
        else if (key === 'gwet_ac1_pe') near(gwetAC1(table, q).chance, want, tol, key);
        else throw new Error(`unhandled expected key ${key}`);
      }
    });
});

describe('published Cohen / Fleiss vectors', () => {
  for (const v of of('cohen_kappa'))
    it(title(v), () => {
      const t = tableFromRatings(v.input.rater1 as number[], v.input.rater2 as number[]);
      near(cohenKappa(t.table).value, v.expected.kappa, v.tolerance, 'kappa');
    });
  const fleiss = of('fleiss_kappa');
  it('has both Fleiss vectors', () => expect(fleiss).toHaveLength(2));
  for (const v of fleiss)
    it(title(v), () => {
      const items = v.input.items as number[][];
      const f = fleissKappa(items);
      const tol = v.tolerance;
      // items are rows = units; the coding matrix wants rows = coders
      const matrix: Rating[][] = items[0].map((_, r) => items.map((row) => row[r]));
      for (const [key, want] of Object.entries(v.expected)) {
        if (key === 'kappa') near(f.value, want, tol, key);
        else if (key === 'P_bar_observed') near(f.observed, want, tol, key);
        else if (key === 'P_e') near(f.expected, want, tol, key);
        else if (key === 'category_kappa')
          for (const [cat, k] of Object.entries(want as Record<string, number>))
            near(f.perCategory.get(Number(cat))?.value, k, tol, `κ_${cat}`);
        else if (key === 'exact_kappa_conger_davies_fleiss') near(congerKappa(items).value, want, tol, key);
        else if (key === 'krippendorff_alpha_nominal') near(krippendorffAlpha(matrix).value, want, tol, key);
        else if (key === 'percent_agreement_pairwise') near(percentAgreementMatrix(matrix).value, want, tol, key);
        else if (key === 'first_item_pairwise_agreement')
          (want as number[]).forEach((p, i) => {
            near(percentAgreementMatrix(matrix.map((row) => [row[i]])).value, p, tol, `P_${i}`);
          });
        else throw new Error(`unhandled expected key ${key}`);
      }
    });
});

describe('published Krippendorff α vectors (missing data)', () => {
  const vectors = of('krippendorff_alpha').filter((v) => !v.metric.startsWith('krippendorff_alpha_unitizing'));
  it('has the five coding vectors', () => expect(vectors).toHaveLength(5));
  for (const v of vectors)
    it(title(v), () => {
      const tol = v.tolerance;
      const matrix: Rating[][] = v.input.coders
        ? (v.input.coders as Rating[][])
        : (v.input.units as number[][])[0].map((_, r) => (v.input.units as number[][]).map((row) => row[r]));
      for (const [key, want] of Object.entries(v.expected)) {
        if (key === 'nominal' || key === 'ordinal' || key === 'interval' || key === 'ratio')
          near(krippendorffAlpha(matrix, key).value, want, tol, key);
        else if (key === 'nominal_Do') near(krippendorffAlpha(matrix).observed, want, tol, key);
        else if (key === 'nominal_De') near(krippendorffAlpha(matrix).expected, want, tol, key);
        else if (key === 'n_pairable_values') near(krippendorffAlpha(matrix).pairable, want, tol, key);
        else if (key.startsWith('dkpro_percentage_agreement'))
          near(1 - (krippendorffAlpha(matrix).observed ?? Number.NaN), want, tol, key);
        else if (key.startsWith('mean_per_unit_pairwise_agreement') || key === 'percent')
          near(percentAgreementCounts(unitCounts(matrix)).value, want, tol, key);
        else if (key === 'cohen_kappa')
          near(cohenKappa(tableFromRatings(matrix[0], matrix[1]).table).value, want, tol, key);
        else if (key === 'scott_pi') near(scottPi(tableFromRatings(matrix[0], matrix[1]).table).value, want, tol, key);
        else throw new Error(`unhandled expected key ${key}`);
      }
    });
});

describe('published unitizing α_U vectors (DKPro)', () => {
  const vectors = of('krippendorff_alpha_unitizing').filter((v) => !v.metric.endsWith(':distance'));
  it('has the nine α_U vectors', () => expect(vectors).toHaveLength(9));
  for (const v of vectors)
    it(`${v.metric} — ${v.source.slice(0, 60)}`, () => {
      const study = v.input as unknown as UnitizingStudy;
      const res = alphaUnitizing(study);
      const tol = v.tolerance;
      const cats = [...res.perCategory.values()];
      const checkCats = (want: Record<string, Record<string, number>>, t: number, label: string) => {
        for (const [cat, parts] of Object.entries(want)) {
          const got = res.perCategory.get(cat);
          for (const [k, x] of Object.entries(parts)) {
            const actual = k === 'Do' ? got?.observed : k === 'De' ? got?.expected : got?.value;
            near(actual, x, t, `${label} ${cat}.${k}`);
          }
        }
      };
      for (const [key, want] of Object.entries(v.expected)) {
        if (key === 'alpha' || key.startsWith('alpha_total')) {
          if (want === 'NaN') {
            // DKPro gives NaN (0/0) for an empty study; the project's convention is null with a reason
            expect(res.overall.value).toBeNull();
            expect(res.overall.reason).toMatch(/no annotator/);
          } else near(res.overall.value, want, tol, key);
        } else if (key === 'dkpro_test_alpha')
          near(res.overall.value, want, v.expected.dkpro_test_alpha_tolerance as number, key);
        else if (key === 'dkpro_test_alpha_tolerance') continue;
        else if (key === 'per_category' || key.startsWith('per_category(exact') || key.startsWith('exact('))
          checkCats(want as Record<string, Record<string, number>>, tol, key);
        else if (key.startsWith('per_category_Do(dkpro_test'))
          for (const [cat, x] of Object.entries(want as Record<string, number>))
            near(res.perCategory.get(cat)?.observed, x, 1e-5, `${key} ${cat}`);
        else if (key.startsWith('dkpro_test(De tol 0.005'))
          for (const [cat, x] of Object.entries(want as Record<string, Record<string, number>>)) {
            if (cat === 'C') continue; // DKPro's test itself notes the paper's C values are off (see vector notes)
            near(res.perCategory.get(cat)?.expected, x.De, 0.005, `${key} ${cat}.De`);
            near(res.perCategory.get(cat)?.value, x.alpha, 0.02, `${key} ${cat}.alpha`);
          }
        else if (key === 'Do' || key === 'De') {
          // DKPro's study-level D_o / D_e are means over the categories
          const parts = cats.map((c) => (key === 'Do' ? c.observed : c.expected) ?? Number.NaN);
          near(parts.reduce((s, x) => s + x, 0) / parts.length, want, tol, key);
        } else throw new Error(`unhandled expected key ${key}`);
      }
    });

  const dist = of('krippendorff_alpha_unitizing(dkpro):distance');
  it(`distance — ${dist[0].source.slice(0, 80)}`, () => {
    const cases = dist[0].input.cases as [number, number, string | null, number, number, string | null][];
    const want = dist[0].expected.distances as number[];
    expect(cases.map((c) => measureDistance(...c))).toEqual(want);
  });
});

describe('published span scorers', () => {
  const semeval = of('span_partial_overlap_f1')[0];
  it(title(semeval), () => {
    const merge = (l: number[][]) => mergeOverlapping(sortIntervals(l as unknown as Interval[]));
    const c = overlapCounts(merge(semeval.input.pred as number[][]), merge(semeval.input.gold as number[][]));
    const s = overlapScores(c);
    const e = semeval.expected;
    const tol = semeval.tolerance;
    near(c.pNum, e.precision_numerator, tol, 'P numerator');
    near(c.a, e.precision_denominator, 0, 'P denominator');
    near(c.rNum, e.recall_numerator, tol, 'R numerator');
    near(c.b, e.recall_denominator, 0, 'R denominator');
    near(s.precision, e.precision, tol, 'precision');
    near(s.recall, e.recall, tol, 'recall');
    near(s.f1.value, e.f1, tol, 'f1');
  });

  const bratiaa = of('span_exact_match_pairwise_f1')[0];
  it(title(bratiaa), () => {
    type Doc = Record<string, [string, number, number][]>;
    const a1 = bratiaa.input.annotator1 as Doc;
    const a2 = bratiaa.input.annotator2 as Doc;
    const total = { tp: 0, a: 0, b: 0 };
    for (const doc of Object.keys(a1)) {
      const labels = new Set([...a1[doc], ...(a2[doc] ?? [])].map((s) => s[0]));
      for (const l of labels) {
        const pick = (list: [string, number, number][] = []) =>
          sortIntervals(list.filter((s) => s[0] === l).map((s) => [s[1], s[2]] as Interval));
        const c = exactMatchCounts(pick(a1[doc]), pick(a2[doc]));
        total.tp += c.tp;
        total.a += c.a;
        total.b += c.b;
      }
    }
    near(total.tp, bratiaa.expected.tp, 0, 'tp');
    near(total.a + total.b, bratiaa.expected['total(|A|+|B|)'], 0, 'total');
    near(f1Exact(total).value, bratiaa.expected.f1, bratiaa.tolerance, 'f1');
    // one pair only, so the standard deviation over pairs is 0 by construction
    expect(bratiaa.expected.f1_sd_over_pairs).toBe(0);
  });
});

describe('published degenerate vector: every rater uses one category', () => {
  const v = of('degenerate:all_raters_one_category')[0];
  it(title(v), () => {
    // The tools disagree (NaN, 1.0, exceptions); the project's convention: every chance-corrected
    // coefficient is null with a reason, percent agreement is 1.
    const m = v.input.coders as string[][];
    const t = tableFromRatings(m[0], m[1]).table;
    for (const c of [cohenKappa(t), scottPi(t), gwetAC1(t), krippendorffAlphaTable(t), krippendorffAlpha(m)]) {
      expect(c.value).toBeNull();
      expect(c.reason).toBeTruthy();
    }
    const f = fleissKappa(m[0].map((_, i) => m.map((row) => row[i])));
    expect(f.value).toBeNull();
    expect(f.reason).toMatch(/chance agreement is 1/);
    expect(percentAgreement(t).value).toBe(1);
  });
});
