// The words of the text for the keyboard's word cursor (UTF-16 offsets): found per paragraph with
// Intl.Segmenter, and stepped through in the order the eye sees them. Left and right follow the screen, not
// the text: in a right-to-left paragraph → goes to the previous word, and inside a left-to-right name in
// Persian text it follows that name's own order, since the step asks the browser where the words are drawn.
import type { TextLayout } from './segments';

export interface Word {
  start: number;
  end: number;
}

const cache = new WeakMap<TextLayout, Map<number, Word[]>>();
let segmenter: Intl.Segmenter | null = null;

/** The words (letters or digits; punctuation and spaces left out) of paragraph `p`. */
export function paragraphWords(layout: TextLayout, p: number): Word[] {
  let byPara = cache.get(layout);
  if (!byPara) {
    byPara = new Map();
    cache.set(layout, byPara);
  }
  let words = byPara.get(p);
  if (words) return words;
  const para = layout.paragraphs[p];
  words = [];
  if (para && para.end > para.start) {
    segmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' });
    for (const seg of segmenter.segment(layout.text.slice(para.start, para.end)))
      if (seg.isWordLike)
        words.push({ start: para.start + seg.index, end: para.start + seg.index + seg.segment.length });
  }
  byPara.set(p, words);
  return words;
}

/** The word holding offset `o`, or the next one after it (in later paragraphs too); null past the last word. */
export function wordAtOrAfter(layout: TextLayout, o: number): Word | null {
  for (let p = layout.paragraphAt(o); p < layout.paragraphs.length; p++) {
    const w = paragraphWords(layout, p).find((x) => x.end > o);
    if (w) return w;
  }
  return null;
}

/** The word before `o` (the one ending at or before it), in earlier paragraphs too; null before the first. */
export function wordBefore(layout: TextLayout, o: number): Word | null {
  for (let p = layout.paragraphAt(o); p >= 0; p--) {
    const list = paragraphWords(layout, p);
    for (let i = list.length - 1; i >= 0; i--) if (list[i].end <= o) return list[i];
  }
  return null;
}

/** The next (+1) or previous (−1) word in the text's own order. */
export function stepWord(layout: TextLayout, w: Word, direction: 1 | -1): Word | null {
  return direction > 0 ? wordAtOrAfter(layout, w.end) : wordBefore(layout, w.start);
}

/** The first (or last) word of the paragraph `delta` paragraphs away that has words. */
export function wordInParagraph(layout: TextLayout, from: Word, delta: 1 | -1): Word | null {
  for (let p = layout.paragraphAt(from.start) + delta; p >= 0 && p < layout.paragraphs.length; p += delta) {
    const list = paragraphWords(layout, p);
    if (list.length) return list[0];
  }
  return null;
}

/** Where a word is drawn: its first line box; null without layout. */
function boxOf(range: Range | null): DOMRect | null {
  const r = range?.getClientRects()[0];
  return r && (r.width > 0 || r.height > 0) ? r : null;
}

/**
 * The word one step left or right of `w` on screen. Candidates are the words near it in the text that are
 * drawn on the same line; the nearest on the side asked for wins. At the end of a line (or without layout)
 * it moves in the text: onwards when the key points the way the paragraph reads, else back.
 */
export function stepVisual(
  layout: TextLayout,
  w: Word,
  key: 'ArrowLeft' | 'ArrowRight',
  rtl: boolean,
  rangeOf: (start: number, end: number) => Range | null,
): Word | null {
  const here = boxOf(rangeOf(w.start, w.end));
  const forward = (key === 'ArrowRight') !== rtl;
  if (here) {
    const mid = here.top + here.height / 2;
    let best: { word: Word; gap: number } | null = null;
    const consider = (c: Word | null) => {
      if (!c) return false;
      const b = boxOf(rangeOf(c.start, c.end));
      if (!b || b.bottom < mid || b.top > mid) return false;
      const gap = key === 'ArrowRight' ? b.left - here.right : here.left - b.right;
      if (gap > -1 && (!best || gap < best.gap)) best = { word: c, gap };
      return true;
    };
    // Words of the same line lie within a few dozen words either side in the text.
    let a: Word | null = w;
    let b: Word | null = w;
    for (let k = 0; k < 40; k++) {
      a = a && stepWord(layout, a, -1);
      b = b && stepWord(layout, b, 1);
      const onA = consider(a);
      const onB = consider(b);
      if (!onA && !onB && k > 2) break;
    }
    const found = best as { word: Word; gap: number } | null;
    if (found) return found.word;
  }
  return stepWord(layout, w, forward ? 1 : -1);
}

/** The word on the line above or below, under the same place; by paragraph when there is no layout. */
export function stepLine(
  layout: TextLayout,
  w: Word,
  key: 'ArrowUp' | 'ArrowDown',
  rangeOf: (start: number, end: number) => Range | null,
  offsetAt: (x: number, y: number) => number | null,
): Word | null {
  const here = boxOf(rangeOf(w.start, w.end));
  const delta = key === 'ArrowDown' ? 1 : -1;
  if (here) {
    // One line height is enough to land on the next line; twice covers a paragraph gap.
    for (const k of [0.9, 1.6, 2.4]) {
      const y = delta > 0 ? here.bottom + here.height * (k - 0.5) : here.top - here.height * (k - 0.5);
      const o = offsetAt(here.left + Math.min(4, here.width / 2), y);
      if (o === null) continue;
      const c = wordAtOrAfter(layout, o);
      const before = wordBefore(layout, o + 1);
      const pick = before && before.start <= o && before.end >= o ? before : c;
      if (pick && pick.start !== w.start) return pick;
    }
  }
  return wordInParagraph(layout, w, delta);
}
