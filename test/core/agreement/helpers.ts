// Small builders for agreement tests.
import fc from 'fast-check';
import type { AgreementInput } from '../../../src/core/agreement/corpus';
import type { AnnotationRecord, DocLabelValue, Status } from '../../../src/core/model';

export type SpanTuple = [number, number, string];

export function rec(
  document: string,
  annotator: string,
  spans: SpanTuple[],
  opts: { status?: Status; docLabels?: Record<string, DocLabelValue>; updatedAt?: string } = {},
): AnnotationRecord {
  return {
    document,
    annotator,
    textHash: 'sha256:0',
    codebookVersion: 1,
    status: opts.status ?? 'done',
    spans: spans.map(([start, end, label]) => ({ start, end, label })),
    docLabels: opts.docLabels ?? {},
    updatedAt: opts.updatedAt ?? '2025-01-01T00:00:00Z',
  };
}

/** Walks a JSON value and returns every number that is not finite (there must be none). */
export function nonFinite(v: unknown, path = ''): string[] {
  if (typeof v === 'number') return Number.isFinite(v) ? [] : [path];
  if (Array.isArray(v)) return v.flatMap((x, i) => nonFinite(x, `${path}/${i}`));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => nonFinite(x, `${path}/${k}`));
  return [];
}

/** Deep comparison that treats numbers within 1e-9 as equal. */
export function approxEqual(a: unknown, b: unknown, path = ''): string[] {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-9 ? [] : [`${path}: ${a} vs ${b}`];
  if (Array.isArray(a) && Array.isArray(b))
    return a.length !== b.length ? [`${path}: length`] : a.flatMap((x, i) => approxEqual(x, b[i], `${path}/${i}`));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    if (ka.join('\u0000') !== kb.join('\u0000')) return [`${path}: keys ${ka} vs ${kb}`];
    return ka.flatMap((k) => approxEqual((a as never)[k], (b as never)[k], `${path}/${k}`));
  }
  return a === b ? [] : [`${path}: ${String(a)} vs ${String(b)}`];
}

export const LABELS = ['A', 'B', 'C'];

/** A random small corpus: 1–3 documents, 2–3 annotators, 0–5 spans per record from labels A, B, C. */
export const corpusArb = fc
  .record({
    lengths: fc.array(fc.integer({ min: 5, max: 40 }), { minLength: 1, maxLength: 3 }),
    annotators: fc.integer({ min: 2, max: 3 }),
    seedSpans: fc.array(
      fc.record({
        doc: fc.nat(),
        ann: fc.nat(),
        a: fc.nat(),
        b: fc.nat(),
        label: fc.constantFrom(...LABELS),
      }),
      { maxLength: 24 },
    ),
    stance: fc.array(fc.constantFrom('pro', 'con', null), { minLength: 9, maxLength: 9 }),
  })
  .map(({ lengths, annotators, seedSpans, stance }): AgreementInput => {
    const documents = lengths.map((length, i) => ({ id: `d${i}`, length }));
    const names = ['ann', 'bea', 'cal'].slice(0, annotators);
    const spans = new Map<string, SpanTuple[]>();
    for (const s of seedSpans) {
      const d = documents[s.doc % documents.length];
      const start = s.a % d.length;
      const end = start + 1 + (s.b % (d.length - start));
      const key = `${d.id}|${names[s.ann % annotators]}`;
      spans.set(key, [...(spans.get(key) ?? []), [start, end, s.label]]);
    }
    const records: AnnotationRecord[] = [];
    let k = 0;
    for (const d of documents)
      for (const n of names) {
        const v = stance[k++ % stance.length];
        records.push(rec(d.id, n, spans.get(`${d.id}|${n}`) ?? [], { docLabels: v ? { Stance: v } : {} }));
      }
    return { documents, records, docLabelGroups: [{ name: 'Stance', kind: 'single', options: ['pro', 'con'] }] };
  });
