import { describe, expect, it } from 'vitest';
import { normalizeText, remapSpans, sortSpans, spanProblem, spanText } from '../../src/core/text';

describe('normalizeText', () => {
  it('leaves clean text untouched', () => {
    const n = normalizeText('Hello\nworld');
    expect(n.changed).toBe(false);
    expect(n.text).toBe('Hello\nworld');
  });

  it('turns CRLF and lone CR into LF and remaps offsets', () => {
    const raw = 'ab\r\ncd\ref';
    const n = normalizeText(raw);
    expect(n.text).toBe('ab\ncd\nef');
    // "cd" starts at raw code point 4, "ef" at 7
    expect(n.mapOffset(4)).toBe(3);
    expect(n.mapOffset(7)).toBe(6);
    expect(n.mapOffset(raw.length)).toBe(8);
  });

  it('composes to NFC and keeps spans on the same characters', () => {
    const raw = 'cafe\u0301 au lait'; // e + combining acute
    const n = normalizeText(raw);
    expect(n.text).toBe('caf\u00e9 au lait');
    const [span] = remapSpans([{ start: 6, end: 8, label: 'x' }], n); // "au" in the raw text
    expect(spanText(n.text, span)).toBe('au');
    const [word] = remapSpans([{ start: 0, end: 5, label: 'x' }], n);
    expect(spanText(n.text, word)).toBe('café');
  });

  it('keeps offsets right after astral characters and Persian text', () => {
    const raw = '😀 اعتراضات\r\nدر تهران';
    const n = normalizeText(raw);
    const cps = Array.from(raw);
    const start = cps.indexOf('د');
    const [span] = remapSpans([{ start, end: start + 2, label: 'x' }], n);
    expect(spanText(n.text, span)).toBe('در');
  });
});

describe('spans', () => {
  it('spanProblem names what is wrong', () => {
    expect(spanProblem({ start: 0, end: 3, label: 'a' }, 3)).toBeNull();
    expect(spanProblem({ start: 2, end: 2, label: 'a' }, 3)).toMatch(/not after/);
    expect(spanProblem({ start: 0, end: 4, label: 'a' }, 3)).toMatch(/past the end/);
    expect(spanProblem({ start: -1, end: 1, label: 'a' }, 3)).toMatch(/negative/);
  });

  it('sortSpans orders deterministically and drops exact duplicates', () => {
    const sorted = sortSpans([
      { start: 5, end: 9, label: 'b' },
      { start: 0, end: 3, label: 'a' },
      { start: 5, end: 9, label: 'a' },
      { start: 0, end: 3, label: 'a' },
    ]);
    expect(sorted).toEqual([
      { start: 0, end: 3, label: 'a' },
      { start: 5, end: 9, label: 'a' },
      { start: 5, end: 9, label: 'b' },
    ]);
  });
});
