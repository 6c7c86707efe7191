// Texts come in exactly or not at all: malformed UTF-8 is refused, never replaced.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8, encodeUtf8 } from '../../../../src/core/formats/qdpx/utf8';

describe('strict UTF-8', () => {
  it('round-trips any well-formed string and agrees with the platform encoder', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const enc = encodeUtf8(s);
        expect('bytes' in enc && enc.bytes).toEqual(new TextEncoder().encode(s));
        expect(decodeUtf8(new TextEncoder().encode(s))).toEqual({ text: s });
      }),
    );
  });

  it.each([
    ['an overlong slash', [0xc0, 0xaf], 0],
    ['an encoded surrogate', [0x61, 0xed, 0xa0, 0x80], 1],
    ['a truncated sequence', [0x61, 0x62, 0xe2, 0x82], 2],
    ['a stray continuation byte', [0x80], 0],
    ['a code point past U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
    ['a Latin-1 byte', [0x63, 0x61, 0x66, 0xe9], 3],
  ])('refuses %s and says where', (_what, raw, at) => {
    expect(decodeUtf8(new Uint8Array(raw))).toEqual({ badByte: at });
  });

  it('refuses to encode a lone surrogate', () => {
    expect(encodeUtf8('ab\uD800c')).toEqual({ loneSurrogate: 2 });
  });
});
