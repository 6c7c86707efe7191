// The agreement report: every figure of DEFINITIONS.md in the `framelens agreement --json` shape,
// plus `per_document`, `excluded` and `null_reasons` (JSON Pointer of each null figure → why).

import type { Rating } from './coding';
import { type AgreementInput, byString, type Corpus, fullyAnnotated, prepareCorpus } from './corpus';
import { optionValue, singleValue, type VariableFigures, variableFigures } from './docLabels';
import { type DocumentPassResult, documentPass } from './documentPass';
import { type RelationPairCounts, relationCounts, relationF1 } from './relations';
import type { Value } from './result';
import { addOverlap, type ExactCounts, f1Exact, type OverlapCounts, overlapScores } from './spanF1';

export type { AgreementInput, DocLabelGroupInput, ExcludedRecord } from './corpus';

/** A figure is a number at full double precision or null (its reason is in null_reasons). */
export type Num = number | null;

/** The overall value plus one value per label (every label has a key). */
export interface LabelFigure {
  overall: Num;
  per_label: Record<string, Num>;
}

/** Span figures of one annotator pair, a < b. */
export interface SpanPairReport {
  a: string;
  b: string;
  documents: number;
  f1_exact: LabelFigure;
  f1_overlap: LabelFigure;
  cohen_kappa_char: LabelFigure;
  relations_f1_exact: TypeFigure;
}

/** The overall value plus one value per relation type (every type of `relation_types` has a key). */
export interface TypeFigure {
  overall: Num;
  per_type: Record<string, Num>;
}

export interface DocLabelPairReport {
  a: string;
  b: string;
  documents: number;
  cohen_kappa: Num;
  percent_agreement: Num;
  scott_pi: Num;
  gwet_ac1: Num;
}

/** Figures of one document-level variable (single-choice group, or one option of a multi-choice group). */
export interface DocLabelFigures {
  documents: number;
  krippendorff_alpha: Num;
  fleiss_kappa: Num;
  percent_agreement: Num;
  gwet_ac1: Num;
  pairs: DocLabelPairReport[];
}

/** A multi-choice group is reported as one binary variable per option. */
export interface DocLabelOptionsReport {
  options: Record<string, DocLabelFigures>;
}

/** α_U of one document on its own (the continuum is that document). */
export interface PerDocumentReport {
  id: string;
  length: number;
  annotators: string[];
  alpha_u: LabelFigure;
}

/** The JSON object `framelens agreement --json` prints. */
export interface AgreementReport {
  annotators: string[];
  documents: number;
  labels: string[];
  /** Relation types in the selected annotators' counted records, plain string order. */
  relation_types: string[];
  spans: {
    alpha_u: LabelFigure;
    fleiss_kappa_char: LabelFigure;
    pairs: SpanPairReport[];
  };
  document_labels: Record<string, DocLabelFigures | DocLabelOptionsReport>;
  per_document: PerDocumentReport[];
  excluded: { count: number; records: { document: string; annotator: string; reason: string }[] };
  null_reasons: Record<string, string>;
}

/** RFC 6901 JSON Pointer of a figure, the key of null_reasons. */
export function jsonPointer(path: readonly (string | number)[]): string {
  return path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

class Reasons {
  readonly map: Record<string, string> = {};
  num(v: Value, path: (string | number)[]): Num {
    if (v.value === null) this.map[jsonPointer(path)] = v.reason;
    return v.value;
  }
  figure(
    labels: readonly string[],
    overall: Value,
    perLabel: readonly Value[],
    path: (string | number)[],
  ): LabelFigure {
    const per_label: Record<string, Num> = {};
    labels.forEach((l, i) => {
      per_label[l] = this.num(perLabel[i], [...path, 'per_label', l]);
    });
    return { overall: this.num(overall, [...path, 'overall']), per_label };
  }
}

function spanPairs(
  c: Corpus,
  pass: DocumentPassResult,
  relations: { types: string[]; pairs: RelationPairCounts[] },
  r: Reasons,
): SpanPairReport[] {
  const out: SpanPairReport[] = [];
  const Lc = c.labels.length;
  for (const pc of pass.pairs) {
    const exact: ExactCounts[] = [];
    const overlap: OverlapCounts[] = [];
    for (let l = 0; l < Lc; l++) {
      exact.push({ tp: pc.exactTp[l], a: pc.exactA[l], b: pc.exactB[l] });
      overlap.push({ pNum: pc.overlapP[l], rNum: pc.overlapR[l], a: pc.overlapA[l], b: pc.overlapB[l] });
    }
    const exAll = exact.reduce((s, e) => ({ tp: s.tp + e.tp, a: s.a + e.a, b: s.b + e.b }), { tp: 0, a: 0, b: 0 });
    const ovAll: OverlapCounts = { pNum: 0, rNum: 0, a: 0, b: 0 };
    for (const o of overlap) addOverlap(ovAll, o);
    const path = ['spans', 'pairs', out.length];
    const kappa = pass.tally.cohen(pc.a, pc.b);
    out.push({
      a: c.annotators[pc.a],
      b: c.annotators[pc.b],
      documents: pc.documents,
      f1_exact: r.figure(c.labels, f1Exact(exAll), exact.map(f1Exact), [...path, 'f1_exact']),
      f1_overlap: r.figure(
        c.labels,
        overlapScores(ovAll).f1,
        overlap.map((o) => overlapScores(o).f1),
        [...path, 'f1_overlap'],
      ),
      cohen_kappa_char: r.figure(c.labels, kappa.overall, kappa.perLabel, [...path, 'cohen_kappa_char']),
      relations_f1_exact: relationFigure(relations, pc.a, pc.b, r, [...path, 'relations_f1_exact']),
    });
  }
  return out;
}

function relationFigure(
  relations: { types: string[]; pairs: RelationPairCounts[] },
  a: number,
  b: number,
  r: Reasons,
  path: (string | number)[],
): TypeFigure {
  const counts = relations.pairs.find((p) => p.a === a && p.b === b);
  const per_type: Record<string, Num> = {};
  relations.types.forEach((t, i) => {
    const c = counts?.perType[i] ?? { tp: 0, a: 0, b: 0 };
    per_type[t] = r.num(relationF1(c), [...path, 'per_type', t]);
  });
  return { overall: r.num(relationF1(counts?.overall ?? { tp: 0, a: 0, b: 0 }), [...path, 'overall']), per_type };
}

/** The document-level variables (name → matrix and scale) the report and the bootstrap share. */
export function docLabelVariables(
  c: Corpus,
  groups: AgreementInput['docLabelGroups'],
): { group: string; option: string | null; docs: string[]; matrix: Rating[][]; scale: (string | number)[] }[] {
  const docs = c.docIds.filter((d) => c.records.get(d)?.some((x) => x !== undefined));
  const defs = groups ?? inferGroups(c);
  const out: ReturnType<typeof docLabelVariables> = [];
  for (const g of [...defs].sort((x, y) => byString(x.name, y.name))) {
    const values = (a: number) => docs.map((d) => c.records.get(d)?.[a]?.docLabels[g.name]);
    if (g.kind === 'single') {
      const matrix = c.annotators.map((_, a) => values(a).map(singleValue));
      out.push({ group: g.name, option: null, docs, matrix, scale: g.options });
    } else {
      const seen = new Set(g.options);
      for (let a = 0; a < c.annotators.length; a++)
        for (const v of values(a)) for (const o of Array.isArray(v) ? v : typeof v === 'string' ? [v] : []) seen.add(o);
      for (const option of [...seen].sort(byString)) {
        const matrix = c.annotators.map((_, a) => values(a).map((v) => optionValue(v, option)));
        out.push({ group: g.name, option, docs, matrix, scale: [0, 1] });
      }
    }
  }
  return out;
}

function inferGroups(c: Corpus): NonNullable<AgreementInput['docLabelGroups']> {
  const kinds = new Map<string, { multiple: boolean; options: Set<string> }>();
  for (const row of c.records.values())
    for (const rec of row) {
      if (!rec) continue;
      for (const [name, v] of Object.entries(rec.docLabels)) {
        const k = kinds.get(name) ?? { multiple: false, options: new Set<string>() };
        if (Array.isArray(v)) {
          k.multiple = true;
          for (const o of v) k.options.add(o);
        } else if (typeof v === 'string') k.options.add(v);
        kinds.set(name, k);
      }
    }
  return [...kinds].map(([name, k]) => ({
    name,
    kind: k.multiple ? 'multiple' : 'single',
    options: [...k.options].sort(byString),
  }));
}

function docLabelFigures(c: Corpus, f: VariableFigures, r: Reasons, path: (string | number)[]): DocLabelFigures {
  return {
    documents: f.documents,
    krippendorff_alpha: r.num(f.krippendorffAlpha, [...path, 'krippendorff_alpha']),
    fleiss_kappa: r.num(f.fleissKappa, [...path, 'fleiss_kappa']),
    percent_agreement: r.num(f.percentAgreement, [...path, 'percent_agreement']),
    gwet_ac1: r.num(f.gwetAC1, [...path, 'gwet_ac1']),
    pairs: f.pairs.map((p, i) => ({
      a: c.annotators[p.a],
      b: c.annotators[p.b],
      documents: p.documents,
      cohen_kappa: r.num(p.cohenKappa, [...path, 'pairs', i, 'cohen_kappa']),
      percent_agreement: r.num(p.percentAgreement, [...path, 'pairs', i, 'percent_agreement']),
      scott_pi: r.num(p.scottPi, [...path, 'pairs', i, 'scott_pi']),
      gwet_ac1: r.num(p.gwetAC1, [...path, 'pairs', i, 'gwet_ac1']),
    })),
  };
}

/** Every agreement figure of a project in one object; unknown selected names throw. */
export function agreementReport(input: AgreementInput): AgreementReport {
  const c = prepareCorpus(input);
  const r = new Reasons();
  const A = c.annotators.length;
  const full = fullyAnnotated(c);

  const pass = documentPass(c);
  const relations = relationCounts(c, input.records);
  const perDocument: PerDocumentReport[] = pass.perDocument.map((pd, i) => ({
    id: c.docIds[pd.doc],
    length: c.lengths.get(c.docIds[pd.doc]) ?? 0,
    annotators: pd.present.map((a) => c.annotators[a]),
    alpha_u: r.figure(c.labels, pd.alpha.overall, pd.alpha.perLabel, ['per_document', i, 'alpha_u']),
  }));

  const alpha = pass.alpha;
  const tally = pass.tally;
  const fleiss = tally.fleiss();
  const spans = {
    alpha_u: r.figure(c.labels, alpha.overall, alpha.perLabel, ['spans', 'alpha_u']),
    fleiss_kappa_char:
      full.length === 0 && A >= 2
        ? r.figure(
            c.labels,
            { value: null, reason: 'no document annotated by every annotator' },
            c.labels.map(() => ({ value: null, reason: 'no document annotated by every annotator' })),
            ['spans', 'fleiss_kappa_char'],
          )
        : r.figure(c.labels, fleiss.overall, fleiss.perLabel, ['spans', 'fleiss_kappa_char']),
    pairs: spanPairs(c, pass, relations, r),
  };

  const document_labels: AgreementReport['document_labels'] = {};
  for (const v of docLabelVariables(c, input.docLabelGroups)) {
    const figures = variableFigures(v.matrix, v.scale);
    if (v.option === null) {
      document_labels[v.group] = docLabelFigures(c, figures, r, ['document_labels', v.group]);
    } else {
      if (!document_labels[v.group]) document_labels[v.group] = { options: {} };
      const g = document_labels[v.group] as DocLabelOptionsReport;
      g.options[v.option] = docLabelFigures(c, figures, r, ['document_labels', v.group, 'options', v.option]);
    }
  }
  for (const g of input.docLabelGroups ?? [])
    if (g.kind === 'multiple' && !document_labels[g.name]) document_labels[g.name] = { options: {} };

  return {
    annotators: c.annotators,
    documents: full.length,
    labels: c.labels,
    relation_types: relations.types,
    spans,
    document_labels,
    per_document: perDocument,
    excluded: {
      count: c.excluded.length + (typeof input.excluded === 'number' ? input.excluded : 0),
      records: c.excluded,
    },
    null_reasons: r.map,
  };
}
