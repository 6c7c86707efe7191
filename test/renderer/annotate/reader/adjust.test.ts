import { describe, expect, it } from 'vitest';
import { OffsetMap } from '../../../../src/core/offsets';
import { moveEdge } from '../../../../src/renderer/annotate/reader/adjust';

const text = 'Prices rose 👍🏽 sharply in Köln, e\u0301lites said.';
const at = (s: string) => text.indexOf(s);
const cut = (r: { start: number; end: number } | null) => (r ? text.slice(r.start, r.end) : null);

describe('moving a span edge by keyboard', () => {
  const rose = { start: at('rose'), end: at('rose') + 4 };

  it('grows and shrinks the end by whole words, never leaving white space', () => {
    expect(cut(moveEdge(text, rose, 'end', 1, 'word'))).toBe('rose 👍🏽');
    const two = { start: at('Prices'), end: at('rose') + 4 };
    expect(cut(moveEdge(text, two, 'end', -1, 'word'))).toBe('Prices');
    expect(moveEdge(text, rose, 'end', -1, 'word')).toBeNull();
  });

  it('grows and shrinks the start by whole words', () => {
    expect(cut(moveEdge(text, rose, 'start', -1, 'word'))).toBe('Prices rose');
    const two = { start: at('Prices'), end: at('rose') + 4 };
    expect(cut(moveEdge(text, two, 'start', 1, 'word'))).toBe('rose');
  });

  it('moves by grapheme in character mode without splitting emoji or combining marks', () => {
    const e = { start: at('sharply'), end: at('sharply') + 1 };
    expect(cut(moveEdge(text, e, 'start', -1, 'character'))).toBe('👍🏽 s');
    const el = { start: at('e\u0301lites'), end: at('e\u0301lites') + 2 };
    expect(cut(moveEdge(text, { start: el.start, end: el.start + 3 }, 'end', -1, 'character'))).toBe('e\u0301');
    const r = moveEdge(text, { start: el.start, end: el.start + 2 }, 'end', 1, 'character')!;
    expect(cut(r)).toBe('e\u0301l');
    // The result maps to whole code points.
    const map = new OffsetMap(text);
    expect(() => map.toCodePoint(r.start) && map.toCodePoint(r.end)).not.toThrow();
  });

  it('works on right-to-left text with Latin names and digits', () => {
    const fa = 'وزیر Ali Rezaei در سال ۱۴۰۲ گفت';
    const ali = { start: fa.indexOf('Ali'), end: fa.indexOf('Ali') + 3 };
    const grown = moveEdge(fa, ali, 'end', 1, 'word')!;
    expect(fa.slice(grown.start, grown.end)).toBe('Ali Rezaei');
    const back = moveEdge(fa, ali, 'start', -1, 'word')!;
    expect(fa.slice(back.start, back.end)).toBe('وزیر Ali');
  });
});

describe('dragging a span edge', () => {
  const t = 'Prices rose 👍🏽 sharply in Köln.';
  const rose = { start: t.indexOf('rose'), end: t.indexOf('rose') + 4 };
  const cut = (r: { start: number; end: number } | null) => (r ? t.slice(r.start, r.end) : null);

  it('snaps the dragged edge to a word boundary and never crosses the other edge', async () => {
    const { dragEdge } = await import('../../../../src/renderer/annotate/reader/adjust');
    expect(cut(dragEdge(t, rose, 'end', t.indexOf('sharply') + 3, 'word'))).toBe('rose 👍🏽 sharply');
    expect(cut(dragEdge(t, rose, 'start', 2, 'word'))).toBe('Prices rose');
    expect(dragEdge(t, rose, 'start', rose.end + 3, 'word')).toBeNull();
    expect(dragEdge(t, rose, 'end', rose.start, 'word')).toBeNull();
    // Into the middle of the emoji in character mode: the whole grapheme is taken.
    expect(cut(dragEdge(t, rose, 'end', t.indexOf('👍🏽') + 1, 'character'))).toBe('rose 👍🏽');
  });
});
