// The reliability data of the document labels, in the two layouts reviewers rerun α with:
// - R's irr::kripp.alpha takes a matrix with coders as rows and units as columns, NA for a missing value;
// - Hayes' KALPHA macro (SPSS, SAS; Hayes & Krippendorff 2007) reads a data file with the units as rows and one
//   variable per judge (coder), numeric codes, a period for a missing value.
// Nominal values are written as numeric codes (both tools want numbers); the legend goes in variables.csv.
import { type AgreementInput, prepareCorpus } from '../agreement/corpus';
import { csvLines } from '../agreement/format';
import { docLabelVariables } from '../agreement/report';

/** One document-label variable as a coders × units matrix of numeric codes. */
export interface ReliabilityVariable {
  /** The base name of its files: variable-01, variable-02, … (never derived from user text). */
  file: string;
  group: string;
  /** The option of a multi-choice group (a 1/0 variable), or null for a single-choice group. */
  option: string | null;
  coders: string[];
  /** Document ids, in plain string order. */
  units: string[];
  codes: { code: number; value: string }[];
  /** matrix[coder][unit]: the code, or null when the coder gave no value. */
  matrix: (number | null)[][];
}

function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every document-label variable of the input (as the agreement report defines them), coded. */
export function reliabilityVariables(input: AgreementInput): ReliabilityVariable[] {
  const c = prepareCorpus(input);
  return docLabelVariables(c, input.docLabelGroups).map((v, i) => {
    const file = `variable-${String(i + 1).padStart(2, '0')}`;
    if (v.option !== null) {
      return {
        file,
        group: v.group,
        option: v.option,
        coders: [...c.annotators],
        units: [...v.docs],
        codes: [
          { code: 0, value: 'not chosen' },
          { code: 1, value: 'chosen' },
        ],
        matrix: v.matrix.map((row) => row.map((x) => (x === null || x === undefined ? null : Number(x)))),
      };
    }
    const values = [...v.scale.map(String)];
    const extra = new Set<string>();
    for (const row of v.matrix)
      for (const x of row) if (x !== null && x !== undefined && !values.includes(String(x))) extra.add(String(x));
    values.push(...[...extra].sort(byString));
    const codeOf = new Map(values.map((value, k) => [value, k + 1]));
    return {
      file,
      group: v.group,
      option: null,
      coders: [...c.annotators],
      units: [...v.docs],
      codes: values.map((value, k) => ({ code: k + 1, value })),
      matrix: v.matrix.map((row) => row.map((x) => (x === null || x === undefined ? null : codeOf.get(String(x))!))),
    };
  });
}

/** irr::kripp.alpha's layout: a header of unit ids, then one row per coder, NA where missing. */
export function krippAlphaCsv(v: ReliabilityVariable): string {
  return csvLines([
    ['coder', ...v.units],
    ...v.coders.map((coder, i) => [coder, ...v.matrix[i].map((x) => (x === null ? 'NA' : x))]),
  ]);
}

/**
 * SPSS variable names for the coders (KALPHA's judges): letters, digits and underscores, starting with a letter,
 * at most 64 characters, unique; the original names are listed in variables.csv.
 */
export function judgeNames(coders: readonly string[]): string[] {
  const used = new Set<string>();
  return coders.map((coder) => {
    let base = coder.normalize('NFKD').replace(/[^A-Za-z0-9_]/g, '_');
    if (!/^[A-Za-z]/.test(base)) base = `c_${base}`;
    base = base.slice(0, 60);
    let name = base;
    for (let k = 2; used.has(name.toLowerCase()); k++) name = `${base}_${k}`;
    used.add(name.toLowerCase());
    return name;
  });
}

/** KALPHA's layout: one row per unit (its id first), one column per judge, a period where missing. */
export function kalphaCsv(v: ReliabilityVariable): string {
  return csvLines([
    ['unit', ...judgeNames(v.coders)],
    ...v.units.map((unit, u) => [unit, ...v.coders.map((_, i) => (v.matrix[i][u] === null ? '.' : v.matrix[i][u]))]),
  ]);
}

/** The index of the variables: which file is which group/option, the code legend, the judges' names. */
export function variablesCsv(vars: readonly ReliabilityVariable[]): string {
  return csvLines([
    ['file', 'group', 'option', 'codes', 'coders', 'kalpha_judges'],
    ...vars.map((v) => [
      v.file,
      v.group,
      v.option ?? '',
      v.codes.map((c) => `${c.code}=${c.value}`).join('; '),
      v.coders.join('; '),
      judgeNames(v.coders).join(' '),
    ]),
  ]);
}
