// Bytes → text for imports, never guessing silently. UTF-8 is read strictly and a UTF-8 BOM is kept as U+FEFF
// (formats whose offsets count it, brat and PTC, need it; the others drop it before their structure). A file
// that is UTF-8 but for a few bytes is refused with the first bad byte's offset and line. A file with no
// UTF-8 at all is run through chardet: the detected encoding and a sample line are shown, and the import
// waits for the user to confirm it (the wizard) or name it (--encoding).
import chardet from 'chardet';
import iconv from 'iconv-lite';

/** The decoded text and how it was read, shown to the user before importing. */
export interface Decoded {
  text: string;
  encoding: string;
  how: 'bom' | 'declared' | 'confirmed' | 'strict' | `detected (${string})`;
  /** A detected encoding: the first line holding a non-ASCII character, as decoded. */
  sample?: string;
  /** Detected, not named or confirmed: an import refuses the file, a preview shows it. */
  needsConfirmation?: boolean;
  /** Bytes a named UTF-8 could not decode, replaced by U+FFFD. */
  replaced?: number;
}

/** A file that cannot be read as text, or not without a guess; the message is one line. */
export class NotTextError extends Error {}

interface Utf8Scan {
  firstBad: number;
  multibyte: number;
  bad: number;
}

/** The first byte that is not valid UTF-8 (-1: none), and how many valid multi-byte sequences there are. */
function scanUtf8(b: Uint8Array): Utf8Scan {
  let firstBad = -1;
  let multibyte = 0;
  let bad = 0;
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let n = 0;
    let min = 0;
    if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      min = 0x10000;
    }
    let ok = n > 0;
    let cp = n === 1 ? c & 0x1f : n === 2 ? c & 0x0f : c & 0x07;
    for (let k = 1; ok && k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (d & 0x3f);
    }
    if (ok && n > 1 && (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))) ok = false;
    if (ok) {
      multibyte++;
      i += n + 1;
    } else {
      if (firstBad < 0) firstBad = i;
      bad++;
      i++;
    }
  }
  return { firstBad, multibyte, bad };
}

function lineOf(b: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (b[i] === 0x0a) line++;
  return line;
}

/** The first line of a decoded text that holds a non-ASCII character, shortened. */
function sampleLine(text: string): string {
  const line = text.split(/\r\n|\n|\r/).find((l) => /[^ -~\t]/.test(l)) ?? text.split(/\r\n|\n|\r/)[0] ?? '';
  const t = line.trim();
  return t.length > 120 ? `${t.slice(0, 117)}...` : t;
}

function utf8(b: Uint8Array, keepBom: boolean): string {
  return new TextDecoder('utf-8', { fatal: true, ignoreBOM: keepBom }).decode(b);
}

/** UTF-16 text without a BOM has NUL bytes in every other position for Latin text. */
function utf16WithoutBom(buf: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (buf.length < 4 || buf.length % 2 !== 0) return null;
  let evenZero = 0;
  let oddZero = 0;
  const n = Math.min(buf.length, 4096);
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) evenZero++;
    if (buf[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.3 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.3 && oddZero < pairs * 0.05) return 'utf-16be';
  return null;
}

function decodeAs(buf: Buffer, encoding: string): { text: string; replaced?: number } {
  const name = encoding.toLowerCase().replace(/_/g, '-');
  if (name === 'utf-8' || name === 'utf8') {
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(buf);
    const scan = scanUtf8(buf);
    return { text, ...(scan.bad ? { replaced: scan.bad } : {}) };
  }
  return { text: iconv.decode(buf, encoding) };
}

/**
 * Decodes one file's bytes. `declared` (--encoding) is used as named; `confirmed` is an encoding the user
 * confirmed for this file after a preview showed it.
 */
export function decodeBytes(bytes: Uint8Array, declared?: string, confirmed?: string): Decoded {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const [named, how] of [
    [declared, 'declared'],
    [confirmed, 'confirmed'],
  ] as const) {
    if (!named) continue;
    if (!iconv.encodingExists(named)) throw new NotTextError(`unknown encoding "${named}"`);
    return { ...decodeAs(buf, named), encoding: named.toLowerCase(), how };
  }
  if (buf[0] === 0xff && buf[1] === 0xfe)
    return { text: iconv.decode(buf.subarray(2), 'utf-16le'), encoding: 'utf-16le', how: 'bom' };
  if (buf[0] === 0xfe && buf[1] === 0xff)
    return { text: iconv.decode(buf.subarray(2), 'utf-16be'), encoding: 'utf-16be', how: 'bom' };
  const bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
  const utf16 = bom ? null : utf16WithoutBom(buf);
  if (utf16) {
    const text = iconv.decode(buf, utf16);
    return {
      text,
      encoding: utf16,
      how: 'detected (NUL bytes between letters)',
      sample: sampleLine(text),
      needsConfirmation: true,
    };
  }
  const scan = scanUtf8(buf);
  if (scan.firstBad < 0) {
    const text = utf8(buf, true);
    if (text.includes('\u0000')) throw new NotTextError('holds NUL bytes: not a text file');
    return { text, encoding: 'utf-8', how: bom ? 'bom' : 'strict' };
  }
  if (buf.includes(0)) throw new NotTextError('holds NUL bytes: not a text file');
  // Legacy code pages form the odd valid UTF-8 pair by chance; a UTF-8 file with stray bytes has far more
  // valid sequences than bad bytes.
  const mostlyUtf8 =
    scan.multibyte > 0 && (scan.bad <= 3 ? scan.multibyte >= scan.bad : scan.bad * 10 <= scan.multibyte);
  if (bom || mostlyUtf8) {
    const at = scan.firstBad;
    throw new NotTextError(
      `byte ${at} (line ${lineOf(buf, at)}) is not valid UTF-8 (0x${buf[at].toString(16).padStart(2, '0')}), though the rest of the file is UTF-8${scan.bad > 1 ? ` (${scan.bad} such bytes)` : ''}: fix the file, or name its encoding with --encoding`,
    );
  }
  const [best] = chardet.analyse(buf);
  if (!best || !iconv.encodingExists(best.name))
    throw new NotTextError('is not UTF-8 and its encoding could not be detected: name it with --encoding');
  const text = iconv.decode(buf, best.name);
  return {
    text,
    encoding: best.name.toLowerCase(),
    how: `detected (${best.confidence}%)`,
    sample: sampleLine(text),
    needsConfirmation: true,
  };
}
