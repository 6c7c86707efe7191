import { describe, expect, it } from 'vitest';
import { NearDuplicateIndex, signature, similarity } from '../../src/core/dedupe';
import { mulberry32 } from '../../src/core/prng';

/** The exact Jaccard similarity of two texts' word 5-shingles, as the signatures estimate it. */
function jaccard(a: string, b: string): number {
  const shingles = (t: string) => {
    const w = t.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    return new Set(w.slice(0, Math.max(1, w.length - 4)).map((_, i) => w.slice(i, i + 5).join(' ')));
  };
  const x = shingles(a);
  const y = shingles(b);
  let both = 0;
  for (const s of x) if (y.has(s)) both++;
  return both / (x.size + y.size - both);
}

const BASE =
  'Russian President Vladimir Putin held a phone conversation with Iranian President Masoud Pezeshkian as widespread protests continue to shake Iran, escalating into deadly clashes and raising international concern. The demonstrations erupted late last month, reportedly sparked by runaway inflation.';

describe('near duplicates', () => {
  it('rates a copy with a changed word as similar and an unrelated text as not', () => {
    const edited = BASE.replace('deadly clashes', 'violent clashes');
    expect(similarity(signature(BASE), signature(BASE))).toBe(1);
    expect(similarity(signature(BASE), signature(edited))).toBeGreaterThan(0.6);
    expect(
      similarity(signature(BASE), signature('Markets rallied on Tuesday after the central bank held rates.')),
    ).toBeLessThan(0.2);
  });

  it('flags near duplicates in an index, not unrelated texts', () => {
    const index = new NearDuplicateIndex(0.6);
    expect(index.add('a', signature(BASE))).toBeNull();
    expect(
      index.add('b', signature('Markets rallied on Tuesday after the central bank held rates steady again.')),
    ).toBeNull();
    const hit = index.add('c', signature(`${BASE} Comments: none.`));
    expect(hit?.id).toBe('a');
  });

  it('estimates the Jaccard similarity of long and short texts within a few hundredths on average', () => {
    const random = mulberry32(3);
    const vocabulary = Array.from({ length: 400 }, (_, i) => `w${i}`);
    const words = (n: number) => Array.from({ length: n }, () => vocabulary[Math.floor(random() * 400)]);
    let error = 0;
    let worst = 0;
    let pairs = 0;
    for (const length of [30, 120, 800])
      for (const changed of [0.02, 0.1, 0.3, 0.6]) {
        for (let trial = 0; trial < 5; trial++) {
          const a = words(length);
          const b = a.map((w) => (random() < changed ? `x${Math.floor(random() * 1e6)}` : w));
          const d = Math.abs(
            similarity(signature(a.join(' ')), signature(b.join(' '))) - jaccard(a.join(' '), b.join(' ')),
          );
          error += d;
          worst = Math.max(worst, d);
          pairs++;
        }
      }
    expect(error / pairs).toBeLessThan(0.06);
    expect(worst).toBeLessThan(0.25);
  });

  it('reads words as letters and digits of any script, ignoring case and punctuation', () => {
    const persian = 'تظاهرات در تهران ادامه دارد و نیروهای امنیتی در خیابان‌ها مستقر شدند';
    expect(similarity(signature(persian), signature(`${persian}.`))).toBe(1);
    expect(
      similarity(signature('ΣΟΦΙΑ Καλημέρα κόσμε, 2024: 𝐀𝐁 word!'), signature('σοφια καλημέρα Κόσμε 2024 𝐀𝐁 WORD')),
    ).toBe(1);
    expect(similarity(signature(BASE), signature(BASE.toUpperCase().replace(/,/g, ' ;')))).toBe(1);
    expect(similarity(signature(persian), signature(BASE))).toBeLessThan(0.2);
  });
});
