import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codePointLength, OffsetMap } from '../../src/core/offsets';

describe('OffsetMap', () => {
  it('is the identity on BMP-only text', () => {
    const map = new OffsetMap('Pezeshkian ﷼ مقاله');
    expect(map.codePoints).toBe(map.utf16Length);
    expect(map.toUtf16(5)).toBe(5);
    expect(map.toCodePoint(5)).toBe(5);
  });

  it('maps around astral characters (emoji)', () => {
    const text = 'a😀b🇮🇷c';
    const map = new OffsetMap(text);
    expect(map.codePoints).toBe(6);
    expect(map.toUtf16(1)).toBe(1);
    expect(map.toUtf16(2)).toBe(3);
    expect(map.toUtf16(6)).toBe(text.length);
    expect(map.toCodePoint(3)).toBe(2);
    expect(() => map.toCodePoint(2)).toThrow(/surrogate/);
  });

  it('refuses offsets outside the text', () => {
    const map = new OffsetMap('abc');
    expect(() => map.toUtf16(4)).toThrow(RangeError);
    expect(() => map.toCodePoint(-1)).toThrow(RangeError);
  });

  it('round-trips every code point boundary (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        const map = new OffsetMap(text);
        expect(map.codePoints).toBe(Array.from(text).length);
        expect(codePointLength(text)).toBe(map.codePoints);
        for (let cp = 0; cp <= map.codePoints; cp++) {
          const u = map.toUtf16(cp);
          expect(Array.from(text.slice(0, u)).length).toBe(cp);
          expect(map.toCodePoint(u)).toBe(cp);
        }
      }),
      { numRuns: 200 },
    );
  });
});
