import { describe, expect, it } from 'vitest';
import { normalizeArticleText, orderSpans, sortSpans, spanProblem, spanText } from '../../src/core/text';

describe('normalizeArticleText', () => {
  it('leaves clean text untouched and says so', () => {
    expect(normalizeArticleText('Hello\nworld')).toEqual({ text: 'Hello\nworld', changes: [] });
  });

  it('removes a BOM, makes CRLF and lone CR LF, composes to NFC, and names each change', () => {
    expect(normalizeArticleText('\uFEFFab\r\ncd\refe\u0301')).toEqual({
      text: 'ab\ncd\nef\u00e9',
      changes: ['byte order mark removed', 'line ends made LF', 'Unicode NFC applied'],
    });
  });
});

describe('spans', () => {
  it('spanText counts code points', () => {
    expect(spanText('😀 اعتراضات', { start: 2, end: 4 })).toBe('اع');
  });

  it('spanProblem names what is wrong', () => {
    expect(spanProblem({ start: 0, end: 3, label: 'a' }, 3)).toBeNull();
    expect(spanProblem({ start: 2, end: 2, label: 'a' }, 3)).toMatch(/not after/);
    expect(spanProblem({ start: 0, end: 4, label: 'a' }, 3)).toMatch(/past the end/);
    expect(spanProblem({ start: -1, end: 1, label: 'a' }, 3)).toMatch(/negative/);
  });

  it('sortSpans orders deterministically and drops exact repeats, but keeps repeats with different ids', () => {
    const sorted = sortSpans([
      { start: 5, end: 9, label: 'b' },
      { start: 0, end: 3, label: 'a' },
      { start: 5, end: 9, label: 'a' },
      { start: 0, end: 3, label: 'a' },
      { id: 'L2', start: 7, end: 8, label: 'c' },
      { id: 'L1', start: 7, end: 8, label: 'c' },
    ]);
    expect(sorted).toEqual([
      { start: 0, end: 3, label: 'a' },
      { start: 5, end: 9, label: 'a' },
      { start: 5, end: 9, label: 'b' },
      { id: 'L1', start: 7, end: 8, label: 'c' },
      { id: 'L2', start: 7, end: 8, label: 'c' },
    ]);
  });

  it('orderSpans only orders', () => {
    const twice = [
      { start: 1, end: 2, label: 'a' },
      { start: 0, end: 1, label: 'a' },
      { start: 1, end: 2, label: 'a' },
    ];
    expect(orderSpans(twice)).toEqual([twice[1], twice[0], twice[2]]);
  });
});
