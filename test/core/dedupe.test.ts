import { describe, expect, it } from 'vitest';
import { NearDuplicateIndex, signature, similarity } from '../../src/core/dedupe';

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
});
