import { describe, expect, it } from 'vitest';
import { segmentAt, snapRange } from '../../../../src/renderer/annotate/reader/snap';

/** The snapped text, or null. */
const snapped = (text: string, a: number, b: number, unit: 'word' | 'character' = 'word') => {
  const r = snapRange(text, a, b, unit);
  return r ? text.slice(r.start, r.end) : null;
};

describe('snapRange in word mode', () => {
  const text = 'The minister blamed foreign markets.';

  it('widens a selection that cuts words to whole words', () => {
    // "nister blam" → "minister blamed"
    expect(snapped(text, 6, 17)).toBe('minister blamed');
  });

  it('keeps an exact word selection and orders reversed ends', () => {
    expect(snapped(text, 13, 19)).toBe('blamed');
    expect(snapped(text, 19, 13)).toBe('blamed');
  });

  it('trims surrounding white space before snapping', () => {
    expect(snapped(text, 12, 20)).toBe('blamed');
  });

  it('keeps punctuation that was selected, as its own segment', () => {
    expect(snapped(text, 30, 36)).toBe('markets.');
  });

  it('ignores empty and white-space-only selections', () => {
    expect(snapRange(text, 5, 5, 'word')).toBeNull();
    expect(snapRange(text, 12, 13, 'word')).toBeNull();
    expect(snapRange('a \u00a0\t b', 1, 5, 'word')).toBeNull();
  });

  it('clamps offsets outside the text', () => {
    expect(snapped('short text', -4, 3)).toBe('short');
    expect(snapped('short text', 7, 99)).toBe('text');
  });

  it('never ends inside an emoji with a skin-tone modifier (two surrogate pairs)', () => {
    const t = 'Prices 👍🏽 up';
    // 7 is the start of 👍 (U+1F44D, 2 units); 🏽 is 9–10. Selecting half of it yields all of it.
    expect(snapped(t, 7, 8)).toBe('👍🏽');
    expect(snapped(t, 8, 10)).toBe('👍🏽');
  });

  it('keeps a base letter with its combining mark', () => {
    const t = 'blamed e\u0301lites today';
    // Selection ends between "e" and U+0301.
    expect(snapped(t, 7, 8)).toBe('e\u0301lites');
  });

  it('snaps Persian words, keeping ZWNJ-joined words whole, next to Latin names and Persian digits', () => {
    const t = 'وزیر Ali Rezaei در سال ۱۴۰۲ گفت که قیمت‌ها بالا رفت.';
    const ali = t.indexOf('Ali');
    expect(snapped(t, ali + 1, ali + 6)).toBe('Ali Rezaei');
    const year = t.indexOf('۱۴۰۲');
    expect(snapped(t, year + 1, year + 2)).toBe('۱۴۰۲');
    const prices = t.indexOf('قیمت‌ها');
    // "قیمت" + ZWNJ + "ها": a selection of the first letters takes the whole word.
    expect(snapped(t, prices, prices + 2)).toBe('قیمت‌ها');
    expect(snapped(t, 1, 2)).toBe('وزیر');
  });

  it('does not snap across a newline', () => {
    const t = 'first line\nsecond line';
    expect(snapped(t, 8, 13)).toBe('line\nsecond');
    expect(segmentAt(t, 10, 'word')).toEqual({ start: 10, end: 11 });
  });
});

describe('snapRange in character mode', () => {
  it('keeps the selection as is for plain letters', () => {
    expect(snapped('minister', 2, 5, 'character')).toBe('nis');
  });

  it('widens to whole graphemes: surrogate pairs, modifiers and combining marks', () => {
    const t = 'a👍🏽b e\u0301x';
    expect(snapped(t, 2, 3, 'character')).toBe('👍🏽');
    const e = t.indexOf('e');
    expect(snapped(t, e, e + 1, 'character')).toBe('e\u0301');
    expect(snapped(t, e + 1, e + 2, 'character')).toBe('e\u0301');
  });

  it('keeps a ZWJ emoji sequence whole', () => {
    const family = '👩‍👩‍👧';
    const t = `x ${family} y`;
    expect(snapped(t, 3, 5, 'character')).toBe(family);
  });
});
