import { describe, expect, it } from 'vitest';
import { stableStringify } from '../../src/core/stableJson';

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
