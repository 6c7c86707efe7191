import { describe, expect, it } from 'vitest';
import { documentFeatures, tokenFeatures, wordShape } from '../../../src/core/learn/features';
import { hashString, mix } from '../../../src/core/learn/hash';
import { tokenize } from '../../../src/core/learn/tokens';

describe('feature hashing', () => {
  it('is FNV-1a (32-bit): the reference test vectors', () => {
    // draft-eastlake-fnv test vectors
    expect(hashString('')).toBe(0x811c9dc5);
    expect(hashString('a')).toBe(0xe40c292c);
    expect(hashString('foobar')).toBe(0xbf9cf968);
  });

  it('mixes order-sensitively into unsigned 32-bit values', () => {
    expect(mix(1, 2)).not.toBe(mix(2, 1));
    expect(mix(1, 2)).toBe(mix(1, 2));
    expect(mix(7, 9)).toBeGreaterThanOrEqual(0);
    expect(mix(7, 9)).toBeLessThan(2 ** 32);
  });
});

describe('features', () => {
  it('word shapes collapse runs of one character class', () => {
    expect(wordShape('Tehran')).toBe('Xx');
    expect(wordShape('1979')).toBe('d');
    expect(wordShape('U.S.')).toBe('X.X.');
    expect(wordShape('COVID-19')).toBe('X-d');
    expect(wordShape('تهران')).toBe('x');
  });

  it('gives every token the same number of features, in the hashed range', () => {
    const t = tokenize('Protesters gathered in Tehran. Police said 12 were hurt.');
    const f = tokenFeatures(t, 12);
    const per = f.offsets[1] - f.offsets[0];
    for (let i = 0; i < t.words.length; i++) expect(f.offsets[i + 1] - f.offsets[i]).toBe(per);
    for (const id of f.ids) expect(id >= 0 && id < 2 ** 12).toBe(true);
    // the same word in the same context gets the same features; another context changes some
    const a = tokenFeatures(tokenize('the riots began'), 20);
    const b = tokenFeatures(tokenize('the riots began'), 20);
    const c = tokenFeatures(tokenize('the protests began'), 20);
    expect([...a.ids]).toEqual([...b.ids]);
    expect([...a.ids.subarray(a.offsets[2], a.offsets[3])]).not.toEqual([
      ...c.ids.subarray(c.offsets[2], c.offsets[3]),
    ]);
  });

  it('document features count words and bigrams, case-folded, across no punctuation', () => {
    const f = documentFeatures(tokenize('Riots, riots. Riots'), 20);
    // words: riots ×3; bigrams: none (every pair is broken by punctuation)
    expect([...f.values()].sort()).toEqual([3]);
    const g = documentFeatures(tokenize('foreign backed foreign backed'), 20);
    // words: foreign ×2, backed ×2; bigrams: "foreign backed" ×2, "backed foreign" ×1
    expect([...g.values()].sort()).toEqual([1, 2, 2, 2]);
  });
});
