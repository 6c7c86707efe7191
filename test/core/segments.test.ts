// Coded segments and code co-occurrence: context in code points that stops at a line break and on whole
// words; overlap and co-occurrence counts against a direct pairwise count.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Span } from '../../src/core/model';
import { cCoefficient, cooccurrence, documentSegments } from '../../src/core/segments';

const doc = (text: string) => ({ id: 'd', text, meta: { outlet: 'X' } });

describe('documentSegments', () => {
  it('gives the span text and its line around it, astral characters counted as one', () => {
    const text = 'First line.\r\nRioters 😀 attacked banks today.\nLast line.';
    // "attacked" starts after "Rioters 😀 " (10 code points) on a line beginning at 13.
    const [s] = documentSegments(doc(text), [{ annotator: 'alice', spans: [{ start: 23, end: 31, label: 'V' }] }]);
    expect(s).toMatchObject({ text: 'attacked', before: 'Rioters 😀 ', after: ' banks today.', meta: { outlet: 'X' } });
  });

  it('cuts a long context on whole words', () => {
    const words = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
    const start = [...words].length;
    const text = `${words} TARGET ${words}`;
    const [s] = documentSegments(doc(text), [
      { annotator: 'a', spans: [{ start: start + 1, end: start + 7, label: 'L' }] },
    ]);
    expect(s.text).toBe('TARGET');
    expect(s.before.startsWith('word')).toBe(true);
    expect(text).toContain(` ${s.before}TARGET`);
    expect(s.after.endsWith(' ')).toBe(false);
    expect(text).toContain(`TARGET${s.after} `);
    expect([...s.before].length).toBeLessThanOrEqual(80);
  });

  it('keeps only the labels asked for, in text order', () => {
    const spans: Span[] = [
      { start: 4, end: 6, label: 'B' },
      { start: 0, end: 2, label: 'A' },
      { start: 1, end: 3, label: 'B' },
    ];
    const out = documentSegments(doc('abcdefgh'), [{ annotator: 'a', spans }], new Set(['B']));
    expect(out.map((s) => [s.start, s.text])).toEqual([
      [1, 'bc'],
      [4, 'ef'],
    ]);
  });
});

describe('cooccurrence', () => {
  const spanArb = fc
    .record({ a: fc.nat(30), n: fc.integer({ min: 1, max: 8 }), label: fc.constantFrom('A', 'B', 'C') })
    .map(({ a, n, label }) => ({ start: a, end: a + n, label }));
  it('counts overlapping pairs and records holding both labels as a pairwise count does', () => {
    fc.assert(
      fc.property(fc.array(fc.array(spanArb, { maxLength: 8 }), { maxLength: 5 }), (lists) => {
        const records = lists.map((spans) => ({ spans }));
        const t = cooccurrence(records, ['A', 'B', 'C']);
        const at = (l: string) => t.labels.indexOf(l);
        for (const x of ['A', 'B', 'C'])
          for (const y of ['A', 'B', 'C']) {
            let overlaps = 0;
            let together = 0;
            for (const { spans } of records) {
              for (let i = 0; i < spans.length; i++)
                for (let j = i + 1; j < spans.length; j++) {
                  const [p, q] = [spans[i], spans[j]];
                  const meet = p.start < q.end && q.start < p.end;
                  if (meet && ((p.label === x && q.label === y) || (p.label === y && q.label === x))) overlaps++;
                }
              if (spans.some((s) => s.label === x) && spans.some((s) => s.label === y)) together++;
            }
            expect(t.overlaps[at(x)][at(y)]).toBe(overlaps);
            expect(t.together[at(x)][at(y)]).toBe(together);
          }
      }),
    );
  });

  it('lists labels the records use that the codebook lacks after the codebook', () => {
    const t = cooccurrence([{ spans: [{ start: 0, end: 1, label: 'Z' }] }], ['A']);
    expect(t.labels).toEqual(['A', 'Z']);
    expect(t.spans).toEqual([0, 1]);
  });

  it('c-coefficient: 0 when codes never meet, 1 when always together, none without either', () => {
    expect(cCoefficient(0, 3, 4)).toBe(0);
    expect(cCoefficient(3, 3, 3)).toBe(1);
    expect(cCoefficient(2, 4, 3)).toBeCloseTo(2 / 5);
    expect(cCoefficient(0, 0, 0)).toBeNull();
  });
});
