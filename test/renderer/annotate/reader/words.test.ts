import { describe, expect, it } from 'vitest';
import { OffsetMap } from '../../../../src/core/offsets';
import { isRtl } from '../../../../src/renderer/annotate/reader/bidi';
import { TextLayout } from '../../../../src/renderer/annotate/reader/segments';
import { paragraphWords, stepVisual, type Word } from '../../../../src/renderer/annotate/reader/words';

// Persian news sentence with an embedded Latin name and Persian digits (the sample's right-to-left test text).
const TEXT = 'وزیر Ali Rezaei در سال ۱۴۰۲ گفت.';
const layout = new TextLayout(TEXT, new OffsetMap(TEXT));
const word = (w: string): Word => {
  const start = TEXT.indexOf(w);
  return { start, end: start + w.length };
};
const said = (w: Word | null) => (w ? TEXT.slice(w.start, w.end) : null);

// Where Chromium draws them on one line of a right-to-left paragraph: the Latin name keeps its own
// left-to-right order inside the right-to-left line.
const X: Record<string, [number, number]> = {
  وزیر: [400, 440],
  Rezaei: [350, 395],
  Ali: [320, 345],
  در: [290, 315],
  سال: [250, 285],
  '۱۴۰۲': [210, 245],
  گفت: [170, 205],
};
const rangeOf = (start: number, end: number) => {
  const [left, right] = X[TEXT.slice(start, end)] ?? [0, 0];
  const rect = { left, right, top: 100, bottom: 120, width: right - left, height: 20 };
  return { getClientRects: () => (right > 0 ? [rect] : []) } as unknown as Range;
};

describe('words for the cursor', () => {
  it('finds the words of Persian text, digits included, punctuation left out', () => {
    expect(isRtl(TEXT)).toBe(true);
    expect(isRtl('Ali said وزیر')).toBe(false);
    expect(paragraphWords(layout, 0).map(said)).toEqual(['وزیر', 'Ali', 'Rezaei', 'در', 'سال', '۱۴۰۲', 'گفت']);
  });

  it('steps by where words are drawn: ← across a Latin name in Persian text follows the screen', () => {
    let w: Word | null = word('وزیر');
    const seen: string[] = [];
    for (let k = 0; k < 6 && w; k++) {
      w = stepVisual(layout, w, 'ArrowLeft', true, rangeOf);
      seen.push(said(w) ?? '');
    }
    expect(seen).toEqual(['Rezaei', 'Ali', 'در', 'سال', '۱۴۰۲', 'گفت']);
    expect(said(stepVisual(layout, word('Ali'), 'ArrowRight', true, rangeOf))).toBe('Rezaei');
    expect(said(stepVisual(layout, word('Rezaei'), 'ArrowRight', true, rangeOf))).toBe('وزیر');
  });

  it('without layout, ← in right-to-left text goes on in reading order and → goes back', () => {
    const none = () => null;
    expect(said(stepVisual(layout, word('وزیر'), 'ArrowLeft', true, none))).toBe('Ali');
    expect(said(stepVisual(layout, word('Ali'), 'ArrowRight', true, none))).toBe('وزیر');
    expect(said(stepVisual(layout, word('Ali'), 'ArrowRight', false, none))).toBe('Rezaei');
  });
});
