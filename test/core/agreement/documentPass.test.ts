// The report's one-pass span figures (documentPass.ts, packed spans) against the building blocks they replace
// (CharTally, buildContinuum + alphaUnitizingPrepared, exactMatchCounts, overlapCounts), figure by figure:
// the JSON must be the same to the last digit.
import { describe, expect, it } from 'vitest';
import { CharTally } from '../../../src/core/agreement/charKappa';
import { buildContinuum } from '../../../src/core/agreement/continuum';
import { type AgreementInput, fullyAnnotated, prepareCorpus } from '../../../src/core/agreement/corpus';
import { mulberry32, randomIndex } from '../../../src/core/agreement/prng';
import { agreementReport } from '../../../src/core/agreement/report';
import type { Value } from '../../../src/core/agreement/result';
import {
  addOverlap,
  type ExactCounts,
  exactMatchCounts,
  f1Exact,
  type OverlapCounts,
  overlapCounts,
  overlapScores,
} from '../../../src/core/agreement/spanF1';
import { alphaUnitizingPrepared } from '../../../src/core/agreement/unitizing';
import type { AnnotationRecord } from '../../../src/core/model';

const v = (x: Value) => x.value;

/** The span figures as the report computed them before documentPass. */
function reference(input: AgreementInput) {
  const c = prepareCorpus(input);
  const A = c.annotators.length;
  const all = [...Array(A).keys()];
  const full = fullyAnnotated(c);
  const alphaOf = (docs: string[], raters: number[]) => {
    if (raters.length < 2 || docs.length === 0) return null;
    const res = alphaUnitizingPrepared(buildContinuum(c, docs, raters));
    return { overall: res.overall.value, per_label: c.labels.map((l) => res.perCategory.get(l)!.value) };
  };
  const tally = new CharTally(c.labels.length, A);
  const perDocument: unknown[] = [];
  for (const d of c.docIds) {
    const row = c.records.get(d);
    if (!row) continue;
    const present = all.filter((a) => row[a] !== undefined);
    if (present.length < 2) continue;
    tally.addDocument(
      c.lengths.get(d) ?? 0,
      row.map((rec) => rec?.perLabel.map((ls) => ls.merged)),
    );
    perDocument.push({ id: d, annotators: present.map((a) => c.annotators[a]), alpha_u: alphaOf([d], present) });
  }
  const pairs: unknown[] = [];
  for (let a = 0; a < A; a++)
    for (let b = a + 1; b < A; b++) {
      const exact: ExactCounts[] = c.labels.map(() => ({ tp: 0, a: 0, b: 0 }));
      const overlap: OverlapCounts[] = c.labels.map(() => ({ pNum: 0, rNum: 0, a: 0, b: 0 }));
      let documents = 0;
      for (const d of c.docIds) {
        const ra = c.records.get(d)?.[a];
        const rb = c.records.get(d)?.[b];
        if (!ra || !rb) continue;
        documents++;
        c.labels.forEach((_, l) => {
          const e = exactMatchCounts(ra.perLabel[l].raw, rb.perLabel[l].raw);
          exact[l].tp += e.tp;
          exact[l].a += e.a;
          exact[l].b += e.b;
          addOverlap(overlap[l], overlapCounts(ra.perLabel[l].merged, rb.perLabel[l].merged));
        });
      }
      const exAll = exact.reduce((s, e) => ({ tp: s.tp + e.tp, a: s.a + e.a, b: s.b + e.b }), { tp: 0, a: 0, b: 0 });
      const ovAll: OverlapCounts = { pNum: 0, rNum: 0, a: 0, b: 0 };
      for (const o of overlap) addOverlap(ovAll, o);
      const kappa = tally.cohen(a, b);
      pairs.push({
        documents,
        f1_exact: { overall: v(f1Exact(exAll)), per_label: exact.map((e) => v(f1Exact(e))) },
        f1_overlap: { overall: v(overlapScores(ovAll).f1), per_label: overlap.map((o) => v(overlapScores(o).f1)) },
        cohen_kappa_char: { overall: v(kappa.overall), per_label: kappa.perLabel.map(v) },
      });
    }
  const fleiss = tally.fleiss();
  return JSON.stringify({
    alpha_u: alphaOf(full, all),
    fleiss_kappa_char: full.length === 0 ? null : { overall: v(fleiss.overall), per_label: fleiss.perLabel.map(v) },
    pairs,
    perDocument,
  });
}

/** The same figures read from the report. */
function fromReport(input: AgreementInput) {
  const r = agreementReport(input);
  const lf = (f: { overall: number | null; per_label: Record<string, number | null> }) => ({
    overall: f.overall,
    per_label: r.labels.map((l) => f.per_label[l]),
  });
  const alphaNull = r.annotators.length < 2 || r.documents === 0;
  return JSON.stringify({
    alpha_u: alphaNull ? null : lf(r.spans.alpha_u),
    fleiss_kappa_char: r.documents === 0 ? null : lf(r.spans.fleiss_kappa_char),
    pairs: r.spans.pairs.map((p) => ({
      documents: p.documents,
      f1_exact: lf(p.f1_exact),
      f1_overlap: lf(p.f1_overlap),
      cohen_kappa_char: lf(p.cohen_kappa_char),
    })),
    perDocument: r.per_document.map((d) => ({ id: d.id, annotators: d.annotators, alpha_u: lf(d.alpha_u) })),
  });
}

interface Shape {
  documents: number;
  annotators: number;
  labels: number;
  spans: number;
  minLength: number;
  maxLength: number;
}

/** A seeded corpus: jittered copies of shared spans, misses, overlaps, duplicates, absent and todo records. */
function corpus(seed: number, s: Shape): AgreementInput {
  const next = mulberry32(seed);
  const labels = Array.from({ length: s.labels }, (_, i) => `L${String(i).padStart(2, '0')}`);
  const documents: { id: string; length: number }[] = [];
  const records: AnnotationRecord[] = [];
  for (let d = 0; d < s.documents; d++) {
    const id = `d${randomIndex(next, 1000)}-${d}`;
    const length = s.minLength + randomIndex(next, s.maxLength - s.minLength + 1);
    documents.push({ id, length });
    if (length < 2) {
      for (let a = 0; a < s.annotators; a++)
        records.push({
          document: id,
          annotator: `a${a}`,
          textHash: 'x',
          codebookVersion: 1,
          status: 'done',
          spans: [],
          docLabels: {},
          updatedAt: '2025-01-01T00:00:00Z',
        });
      continue;
    }
    const span = () => {
      const len = 1 + randomIndex(next, Math.min(60, length - 1));
      const start = randomIndex(next, length - len + 1);
      return { start, end: start + len, label: labels[randomIndex(next, labels.length)] };
    };
    const base = Array.from({ length: randomIndex(next, s.spans + 1) }, span);
    for (let a = 0; a < s.annotators; a++) {
      if (next() < 0.1) continue;
      const spans = base.flatMap((b) => {
        const u = next();
        if (u < 0.1) return [];
        if (u < 0.2) return [span()];
        if (u < 0.25) return [b, b];
        const start = Math.max(0, b.start + randomIndex(next, 7) - 3);
        const end = Math.min(length, Math.max(start + 1, b.end + randomIndex(next, 7) - 3));
        return [{ start, end, label: b.label }];
      });
      records.push({
        document: id,
        annotator: `a${a}`,
        textHash: 'x',
        codebookVersion: 1,
        status: next() < 0.05 ? 'todo' : 'done',
        spans,
        docLabels: {},
        updatedAt: '2025-01-01T00:00:00Z',
      });
    }
  }
  return { documents, records };
}

describe('documentPass gives the figures of the building blocks it replaces, to the last digit', () => {
  const shapes: [string, Shape][] = [
    [
      'dense documents, 3 annotators, 5 labels',
      { documents: 40, annotators: 3, labels: 5, spans: 40, minLength: 200, maxLength: 900 },
    ],
    ['long sparse documents', { documents: 12, annotators: 3, labels: 4, spans: 3, minLength: 5000, maxLength: 40000 }],
    ['tiny and empty documents', { documents: 30, annotators: 2, labels: 2, spans: 4, minLength: 0, maxLength: 6 }],
    [
      'hashed tuples (6 labels × 3 annotators)',
      { documents: 20, annotators: 3, labels: 6, spans: 30, minLength: 100, maxLength: 400 },
    ],
    [
      'hashed tuples (11 labels × 2 annotators)',
      { documents: 20, annotators: 2, labels: 11, spans: 30, minLength: 100, maxLength: 400 },
    ],
    ['five annotators', { documents: 20, annotators: 5, labels: 3, spans: 20, minLength: 50, maxLength: 300 }],
    [
      'more than 30 labels (string-keyed tally)',
      { documents: 10, annotators: 3, labels: 34, spans: 60, minLength: 100, maxLength: 300 },
    ],
    ['one annotator', { documents: 5, annotators: 1, labels: 3, spans: 10, minLength: 50, maxLength: 100 }],
  ];
  for (const [name, shape] of shapes)
    it(name, () => {
      for (let seed = 1; seed <= 6; seed++) {
        const input = corpus(seed, shape);
        expect(fromReport(input)).toBe(reference(input));
        const selected = { ...input, annotators: ['a0', 'a1'].slice(0, shape.annotators) };
        if (shape.annotators >= 2) expect(fromReport(selected)).toBe(reference(selected));
      }
    });
});
