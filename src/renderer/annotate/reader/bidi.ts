// The direction of a paragraph as the browser's dir="auto" decides it: by its first strong character.
const STRONG_RTL =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Adlam}]/u;
const STRONG = /[\p{L}]/u;

/** Right-to-left when the first letter of text[start, end) is of a right-to-left script. */
export function isRtl(text: string, start = 0, end = text.length): boolean {
  // Scanned a piece at a time: a long paragraph is decided by its first letters.
  for (let i = start; i < end; i += 256) {
    const piece = text.slice(i, Math.min(end, i + 256));
    const m = STRONG.exec(piece);
    if (m) return STRONG_RTL.test(m[0]);
  }
  return false;
}
