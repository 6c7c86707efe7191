import { describe, expect, it } from 'vitest';
import { wordTokens } from '../../../src/core/formats/tokens';
import { spansToTags, tagsToSpans } from '../../../src/core/learn/bio';
import { chunkStarts, tokenize } from '../../../src/core/learn/tokens';
import { OffsetMap } from '../../../src/core/offsets';

const TEXTS = [
  'Authorities say the “riots” were orchestrated, reportedly by U.S.-backed groups.',
  'Émeutes à Téhéran 🇮🇷 — 3 000 personnes, 12.5 % de plus.\n\nNouveau paragraphe ! Fin?',
  'اعتراضات در تهران ادامه دارد. 抗议活动仍在继续。 😀😀 done',
  '  leading and trailing\tspace  ',
  '',
];

describe('tokenize', () => {
  it('gives the same tokens as the formats tokenizer, in code points', () => {
    for (const text of TEXTS) {
      const map = new OffsetMap(text);
      const expected = wordTokens(text).map((r) => [map.toCodePoint(r.start), map.toCodePoint(r.end)]);
      const t = tokenize(text);
      expect([...t.starts].map((s, i) => [s, t.ends[i]])).toEqual(expected);
      expect(t.words).toEqual(wordTokens(text).map((r) => text.slice(r.start, r.end)));
      expect(t.length).toBe(map.codePoints);
    }
  });

  it('cuts chunks after sentence ends and at line breaks', () => {
    const t = tokenize('One two. Three\nfour five');
    expect(t.words).toEqual(['One', 'two', '.', 'Three', 'four', 'five']);
    expect(chunkStarts(t)).toEqual([0, 3, 4, 6]);
    expect(chunkStarts(t, (i) => i === 3)).toEqual([0, 4, 6]);
  });
});

describe('BIO', () => {
  const text = 'He said 😀 foreign-backed rioters attacked';
  const t = tokenize(text);
  const at = (s: string) => [...text.slice(0, text.indexOf(s))].length;
  it('snaps a span that starts or ends inside a word to whole tokens, in code points', () => {
    // "oreign-back" lies inside "foreign", "-", "backed"
    const start = at('oreign');
    const tags = spansToTags(t, [{ start, end: start + 'oreign-back'.length }]);
    expect(t.words.filter((_, i) => tags[i] !== 0)).toEqual(['foreign', '-', 'backed']);
    const [span] = tagsToSpans(t, tags);
    expect(span).toEqual({ start: at('foreign'), end: at('foreign') + 'foreign-backed'.length });
  });

  it('merges overlapping spans, keeps adjacent ones apart', () => {
    const a = at('foreign');
    const r = at('rioters');
    const overlapping = spansToTags(t, [
      { start: a, end: r + 3 },
      { start: r, end: r + 'rioters attacked'.length },
    ]);
    expect(tagsToSpans(t, overlapping)).toEqual([{ start: a, end: r + 'rioters attacked'.length }]);
    const adjacent = spansToTags(t, [
      { start: a, end: r - 1 },
      { start: r, end: r + 'rioters'.length },
    ]);
    expect(tagsToSpans(t, adjacent)).toHaveLength(2);
  });

  it('round-trips token-aligned spans', () => {
    const spans = [
      { start: 0, end: 2 },
      { start: at('😀'), end: at('😀') + 1 },
      { start: at('attacked'), end: at('attacked') + 8 },
    ];
    expect(tagsToSpans(t, spansToTags(t, spans))).toEqual(spans);
  });
});
