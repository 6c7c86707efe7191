import { describe, expect, it } from 'vitest';
import { indexOfSpan, sameSpan, spanIdentity, spanKey } from '../../../src/renderer/state/spans';

describe('span identity', () => {
  it('is the id of a stored span, else its position and label', () => {
    expect(spanIdentity({ id: 'k3f9', start: 1, end: 4, label: 'A' })).toBe('k3f9');
    expect(spanIdentity({ start: 1, end: 4, label: 'A' })).toBe('1:4:A');
    expect(spanKey({ start: 1, end: 4, label: 'A' })).toBe('1:4:A');
  });

  it('finds spans by id or by key, labels with colons included', () => {
    const spans = [
      { id: 'x', start: 0, end: 2, label: 'A' },
      { start: 3, end: 8, label: 'Frame: cost' },
      { start: 3, end: 8, label: 'Frame' },
    ];
    expect(indexOfSpan(spans, 'x')).toBe(0);
    expect(indexOfSpan(spans, '3:8:Frame: cost')).toBe(1);
    expect(indexOfSpan(spans, '3:8:Frame')).toBe(2);
    expect(indexOfSpan(spans, '0:2:A')).toBe(-1);
    expect(indexOfSpan(spans, 'nothing')).toBe(-1);
    expect(indexOfSpan(spans, null)).toBe(-1);
  });

  it('treats spans with the same offsets and label as the same span, whatever their id or note', () => {
    const stored = { id: 'q', start: 1, end: 2, label: 'A', note: 'n' };
    expect(sameSpan({ start: 1, end: 2, label: 'A' }, stored)).toBe(true);
    expect(sameSpan({ start: 1, end: 2, label: 'A' }, { start: 1, end: 3, label: 'A' })).toBe(false);
  });
});
