// Conversions between Unicode code points (every boundary) and UTF-16 code units (JavaScript strings).

/** Number of code points in a string, without allocating an array. */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** Maps offsets of one text both ways in O(1) after one O(n) pass; cheap when the text is BMP-only. */
export class OffsetMap {
  /** utf16 offset of each code point index (length = code points + 1); null when the text is BMP-only. */
  private readonly cpToU16: Uint32Array | null;
  /** code point index of each utf16 offset (length = utf16 length + 1); null when BMP-only. */
  private readonly u16ToCp: Uint32Array | null;
  readonly codePoints: number;
  readonly utf16Length: number;

  constructor(text: string) {
    this.utf16Length = text.length;
    let hasAstral = false;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff) {
        hasAstral = true;
        break;
      }
    }
    if (!hasAstral) {
      this.cpToU16 = null;
      this.u16ToCp = null;
      this.codePoints = text.length;
      return;
    }
    const cps = codePointLength(text);
    this.codePoints = cps;
    const cpToU16 = new Uint32Array(cps + 1);
    const u16ToCp = new Uint32Array(text.length + 1);
    let cp = 0;
    for (let i = 0; i < text.length; i++) {
      cpToU16[cp] = i;
      u16ToCp[i] = cp;
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          i++;
          // The low surrogate's position is inside the code point: map it to the code point it belongs to.
          u16ToCp[i] = cp;
        }
      }
      cp++;
    }
    cpToU16[cp] = text.length;
    u16ToCp[text.length] = cp;
    this.cpToU16 = cpToU16;
    this.u16ToCp = u16ToCp;
  }

  /** Code point offset → JavaScript string index; throws when out of range. */
  toUtf16(cp: number): number {
    if (!Number.isInteger(cp) || cp < 0 || cp > this.codePoints)
      throw new RangeError(`offset ${cp} is outside the text (0–${this.codePoints} code points)`);
    return this.cpToU16 ? this.cpToU16[cp] : cp;
  }

  /** JavaScript string index → code point offset; an index inside a surrogate pair is refused. */
  toCodePoint(u16: number): number {
    if (!Number.isInteger(u16) || u16 < 0 || u16 > this.utf16Length)
      throw new RangeError(`offset ${u16} is outside the text (0–${this.utf16Length} UTF-16 units)`);
    if (!this.u16ToCp) return u16;
    const cp = this.u16ToCp[u16];
    if (this.cpToU16 && this.cpToU16[cp] !== u16) throw new RangeError(`UTF-16 offset ${u16} splits a surrogate pair`);
    return cp;
  }
}
