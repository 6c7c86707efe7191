import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stableLine, stableStringify, writtenString } from '../../src/core/stableJson';

describe('stableStringify', () => {
  it('gives the same bytes whatever order keys were set in', () => {
    const a = stableStringify({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: 'x' } });
    const b = stableStringify({ a: { c: 'x', d: [1, { y: 2, z: 1 }] }, b: 1 });
    expect(a).toBe(b);
    expect(a.endsWith('\n')).toBe(true);
    expect(a.indexOf('"a"')).toBeLessThan(a.indexOf('"b"'));
  });

  it('drops undefined values', () => {
    expect(stableStringify({ a: undefined, b: 1 })).toBe('{\n  "b": 1\n}\n');
  });
});

describe('writtenString', () => {
  const tricky = ['/', '"', '\\', '\n', '\u0001', '\u001f', '\u2028', '\ud800', '\udfff', '😀', 'A', 'é', ' '];
  const anyText = fc
    .array(fc.oneof(fc.constantFrom(...tricky), fc.string({ unit: 'binary', maxLength: 3 })), { maxLength: 12 })
    .map((parts) => parts.join(''));
  const wellFormed = fc.string({ unit: 'grapheme', maxLength: 40 });
  const otherKeys = fc.dictionary(
    fc.constantFrom('id', 'meta', 'schema', 'textHash', 'tokens', 'a"b', 'te\\xt'),
    fc.jsonValue({ maxDepth: 2 }),
    { maxKeys: 4 },
  );

  /**
   * JSON as another program or a person might write it: each string character written raw or escaped in any way
   * JSON.parse takes (`\u0041`, `\/`, a lone surrogate as it is), chosen by `picks`, and spaces between tokens.
   */
  function looselyWritten(value: unknown, picks: number[]): string {
    let i = 0;
    const pick = () => picks[i++ % picks.length] ?? 0;
    const space = () => ['', ' ', '\n  ', '\t'][pick() % 4];
    const str = (v: string) => {
      let out = '"';
      for (const ch of v) {
        const code = ch.charCodeAt(0);
        const p = pick() % 4;
        if (ch.length === 1 && p === 0) out += `\\u${code.toString(16).padStart(4, '0')}`;
        else if (ch.length === 1 && p === 1) out += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
        else if (ch === '/' && p === 2) out += '\\/';
        else if (ch.length === 1 && code >= 0xd800 && code <= 0xdfff && p === 3) out += ch;
        else out += JSON.stringify(ch).slice(1, -1);
      }
      return `${out}"`;
    };
    const write = (v: unknown): string => {
      if (typeof v === 'string') return str(v);
      if (Array.isArray(v)) return `[${space()}${v.map(write).join(`,${space()}`)}${space()}]`;
      if (v && typeof v === 'object')
        return `{${space()}${Object.entries(v)
          .map(([k, x]) => `${str(k)}${space()}:${space()}${write(x)}`)
          .join(`${space()},${space()}`)}${space()}}`;
      return JSON.stringify(v);
    };
    return `${space()}${write(value)}${space()}`;
  }

  it('gives JSON.stringify of the value or nothing, however the file writes it', () => {
    fc.assert(
      fc.property(
        anyText,
        otherKeys,
        fc.array(fc.nat(7), { minLength: 1, maxLength: 20 }),
        fc.constantFrom('stable', 'line', 'hand'),
        (text, rest, picks, how) => {
          const value = { ...rest, text };
          const json =
            how === 'stable'
              ? stableStringify(value)
              : how === 'line'
                ? stableLine(value)
                : looselyWritten(value, picks);
          expect(JSON.parse(json).text).toBe(text);
          const got = writtenString(json, 'text');
          if (got !== null) expect(got).toBe(JSON.stringify(text));
        },
      ),
    );
  });

  it('finds the text of a file written by stableStringify whatever it holds', () => {
    fc.assert(
      fc.property(wellFormed, otherKeys, (text, rest) => {
        expect(writtenString(stableStringify({ ...rest, text }), 'text')).toBe(JSON.stringify(text));
      }),
    );
  });

  it('takes only the top-level key, named however it is escaped, and refuses what it cannot vouch for', () => {
    expect(writtenString('{"meta": {"text": "inner"}, "text": "outer"}', 'text')).toBe('"outer"');
    expect(writtenString('{"meta": {"text": "inner"}}', 'text')).toBeNull();
    expect(writtenString('{"te\\u0078t": "a\\"b"}', 'text')).toBe('"a\\"b"');
    expect(writtenString('{"text": "a", "text": "b"}', 'text')).toBeNull();
    expect(writtenString('{"text": 5}', 'text')).toBeNull();
    expect(writtenString('{"text": "a\\/b"}', 'text')).toBeNull();
    expect(writtenString('{"text": "\\u0041"}', 'text')).toBeNull();
    expect(writtenString('{"text": "\\ud800"}', 'text')).toBeNull();
    expect(writtenString('["text"]', 'text')).toBeNull();
  });
});
