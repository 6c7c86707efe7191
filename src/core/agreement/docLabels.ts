// Agreement on document-level labels: one nominal variable per single-choice group, one binary variable
// per option of a multi-choice group.
import type { DocLabelValue } from '../model';
import {
  fleissKappaCounts,
  gwetAC1Counts,
  krippendorffAlphaCounts,
  percentAgreementCounts,
  type Rating,
  unitCounts,
} from './coding';
import { undef, type Value } from './result';
import { cohenKappa, gwetAC1, percentAgreement, scottPi, tableFromRatings } from './table';

/** The pairwise figures of one document-level variable. */
export interface VariablePair {
  a: number;
  b: number;
  documents: number;
  cohenKappa: Value;
  percentAgreement: Value;
  scottPi: Value;
  gwetAC1: Value;
}

/** Every figure of one document-level variable (a single-choice group or one option). */
export interface VariableFigures {
  /** Documents with values from at least two annotators. */
  documents: number;
  krippendorffAlpha: Value;
  fleissKappa: Value;
  percentAgreement: Value;
  gwetAC1: Value;
  pairs: VariablePair[];
}

/** One annotator's value for a single-choice group, or missing. */
export function singleValue(v: DocLabelValue | undefined): string | null {
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.length === 1 && typeof v[0] === 'string') return v[0];
  return null;
}

/** One annotator's 1/0 for an option of a multi-choice group; missing when the record lacks the group. */
export function optionValue(v: DocLabelValue | undefined, option: string): number | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v === option ? 1 : 0;
  if (Array.isArray(v)) return v.includes(option) ? 1 : 0;
  return null;
}

/** All figures for one variable from its coding matrix (rows = annotators, columns = documents). */
export function variableFigures(
  matrix: readonly (readonly Rating[])[],
  scale: readonly (string | number)[],
): VariableFigures {
  const R = matrix.length;
  const uc = unitCounts(matrix);
  const q = new Set<string | number>([...scale, ...uc.categories]).size;
  const documents = uc.counts.filter((row) => row.reduce((s, v) => s + v, 0) >= 2).length;
  const krippendorffAlpha = krippendorffAlphaCounts(uc);
  const complete = uc.counts.filter((row) => row.reduce((s, v) => s + v, 0) === R);
  const fleissKappa: Value =
    R < 2
      ? undef('needs at least two annotators')
      : complete.length === 0
        ? undef('no document got a value from every annotator')
        : fleissKappaCounts({ categories: uc.categories, counts: complete });
  const pairs: VariablePair[] = [];
  for (let a = 0; a < R; a++)
    for (let b = a + 1; b < R; b++) {
      const t = tableFromRatings(matrix[a], matrix[b], scale);
      const n = t.table.reduce((s, row) => s + row.reduce((x, y) => x + y, 0), 0);
      pairs.push({
        a,
        b,
        documents: n,
        cohenKappa: cohenKappa(t.table),
        percentAgreement: percentAgreement(t.table),
        scottPi: scottPi(t.table),
        gwetAC1: gwetAC1(t.table, Math.max(q, t.categories.length)),
      });
    }
  return {
    documents,
    krippendorffAlpha: { value: krippendorffAlpha.value, reason: krippendorffAlpha.reason } as Value,
    fleissKappa: { value: fleissKappa.value, reason: fleissKappa.reason } as Value,
    percentAgreement: percentAgreementCounts(uc),
    gwetAC1: R < 2 ? undef('needs at least two annotators') : gwetAC1Counts(uc, q),
    pairs,
  };
}
