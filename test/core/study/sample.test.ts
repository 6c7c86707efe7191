import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, drawSample, NO_STRATUM, sampleFrame } from '../../../src/core/study/sample';

const frame = (n: number, stratum?: (i: number) => string | undefined) =>
  Array.from({ length: n }, (_, i) => ({ id: `doc-${String(i).padStart(3, '0')}`, stratum: stratum?.(i) }));

describe('drawSample', () => {
  it('is reproducible from seed, size, strata and the ids — whatever order the documents come in', () => {
    const docs = frame(50, (i) => ['A', 'B', 'C'][i % 3]);
    const a = drawSample({ seed: 42, size: 12, strata: 'outlet', documents: docs });
    const b = drawSample({ seed: 42, size: 12, strata: 'outlet', documents: [...docs].reverse() });
    expect(b).toEqual(a);
    expect(drawSample({ seed: 43, size: 12, strata: 'outlet', documents: docs }).documents).not.toEqual(a.documents);
    expect(a.documents).toEqual([...a.documents].sort());
  });

  it('a simple random sample: the right size, no repeats, never an excluded document', () => {
    const docs = frame(30);
    const s = drawSample({ seed: 7, size: 10, strata: 'none', documents: docs, exclude: ['doc-000', 'doc-001'] });
    expect(s.documents).toHaveLength(10);
    expect(new Set(s.documents).size).toBe(10);
    expect(s.documents).not.toContain('doc-000');
    expect(s).toMatchObject({ population: 28, excluded: 2, allocation: [] });
  });

  it('gives every document the same chance (3,000 seeds, 10 documents, samples of 3)', () => {
    const docs = frame(10);
    const hits = new Map<string, number>();
    for (let seed = 0; seed < 3000; seed++)
      for (const d of drawSample({ seed, size: 3, strata: 'none', documents: docs }).documents)
        hits.set(d, (hits.get(d) ?? 0) + 1);
    // expected 900 each, binomial σ = √(3000·0.3·0.7) ≈ 25: five σ either side
    for (const d of docs) expect(Math.abs((hits.get(d.id) ?? 0) - 900)).toBeLessThan(125);
  });

  it('stratified: proportional allocation by largest remainder, each stratum drawn from its own documents', () => {
    // 60 A, 30 B, 10 without outlet; 25 drawn → quotas 15, 7.5, 2.5 → 15, 8 (tie to the larger stratum), 2
    const docs = frame(100, (i) => (i < 60 ? 'A' : i < 90 ? 'B' : undefined));
    const s = drawSample({ seed: 1, size: 25, strata: 'outlet', documents: docs });
    expect(s.allocation).toEqual([
      { stratum: NO_STRATUM, population: 10, quota: 2.5, drawn: 2 },
      { stratum: 'A', population: 60, quota: 15, drawn: 15 },
      { stratum: 'B', population: 30, quota: 7.5, drawn: 8 },
    ]);
    const stratumOf = new Map(docs.map((d) => [d.id, d.stratum ?? NO_STRATUM]));
    const count = (x: string) => s.documents.filter((d) => stratumOf.get(d) === x).length;
    expect([count(NO_STRATUM), count('A'), count('B')]).toEqual([2, 15, 8]);
  });

  it('allocations always add up, stay within each stratum and within one of the exact share', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 }), fc.nat(), (pops, k) => {
        const N = pops.reduce((a, b) => a + b, 0);
        const size = 1 + (k % N);
        const rows = allocate(
          size,
          pops.map((population, i) => ({ stratum: `s${i}`, population })),
        );
        expect(rows.reduce((a, r) => a + r.drawn, 0)).toBe(size);
        for (const r of rows) {
          expect(r.drawn).toBeLessThanOrEqual(r.population);
          expect(Math.abs(r.drawn - r.quota)).toBeLessThan(1);
        }
      }),
    );
  });

  it('refuses in one line what cannot be drawn', () => {
    expect(() => drawSample({ seed: 1, size: 11, strata: 'none', documents: frame(10) })).toThrow(
      'a sample of 11 needs 11 documents; 10 can be drawn',
    );
    expect(() => drawSample({ seed: 1, size: 0, strata: 'none', documents: frame(10) })).toThrow(/≥ 1/);
    expect(() => drawSample({ seed: -1, size: 2, strata: 'none', documents: frame(10) })).toThrow(/seed/);
    expect(() => drawSample({ seed: 1, size: 2, strata: 'none', documents: [...frame(3), ...frame(1)] })).toThrow(
      /listed twice/,
    );
  });

  it('builds the frame from document meta', () => {
    const docs = [
      { id: 'a', meta: { outlet: 'X', story: 's1' } },
      { id: 'b', meta: {} },
    ];
    expect(sampleFrame(docs, 'outlet')).toEqual([
      { id: 'a', stratum: 'X' },
      { id: 'b', stratum: undefined },
    ]);
    expect(sampleFrame(docs, 'story')[0].stratum).toBe('s1');
  });
});
