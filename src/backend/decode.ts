// Bytes → text for imports: BOMs, strict UTF-8, UTF-16 without a BOM, then legacy code pages
// (Windows-1256 and others) detected by chardet and decoded by iconv-lite. The result says which.
import chardet from 'chardet';
import iconv from 'iconv-lite';

/** The decoded text and how it was read, shown to the user before importing. */
export interface Decoded {
  text: string;
  encoding: string;
  /** How it was decided: a byte-order mark, a strict decode, or chardet's guess with its confidence. */
  how: 'bom' | 'declared' | 'strict' | 'heuristic' | `detected (${number}%)`;
}

/** A file that is not text in any encoding we can read (the import names it and stops). */
export class NotTextError extends Error {}

/** Decodes one file's bytes; `declared` (e.g. --encoding windows-1256) overrides detection. */
export function decodeBytes(bytes: Uint8Array, declared?: string): Decoded {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (declared) {
    if (!iconv.encodingExists(declared)) throw new NotTextError(`unknown encoding "${declared}"`);
    return { text: stripBom(iconv.decode(buf, declared)), encoding: declared.toLowerCase(), how: 'declared' };
  }
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return strictUtf8(buf.subarray(3), 'bom');
  if (buf[0] === 0xff && buf[1] === 0xfe)
    return { text: iconv.decode(buf.subarray(2), 'utf-16le'), encoding: 'utf-16le', how: 'bom' };
  if (buf[0] === 0xfe && buf[1] === 0xff)
    return { text: iconv.decode(buf.subarray(2), 'utf-16be'), encoding: 'utf-16be', how: 'bom' };
  const utf16 = utf16WithoutBom(buf);
  if (utf16) return { text: iconv.decode(buf, utf16), encoding: utf16, how: 'heuristic' };
  if (buf.includes(0)) throw new NotTextError('holds NUL bytes: not a text file');
  try {
    return strictUtf8(buf, 'strict');
  } catch {
    // not UTF-8: fall through to detection
  }
  const [best] = chardet.analyse(buf);
  if (!best || !iconv.encodingExists(best.name))
    throw new NotTextError('is not UTF-8 and its encoding could not be detected');
  return {
    text: iconv.decode(buf, best.name),
    encoding: best.name.toLowerCase(),
    how: `detected (${best.confidence}%)`,
  };
}

function strictUtf8(buf: Buffer, how: 'bom' | 'strict'): Decoded {
  const text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  if (text.includes('\u0000')) throw new NotTextError('holds NUL bytes: not a text file');
  return { text, encoding: 'utf-8', how };
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** UTF-16 text without a BOM has NUL bytes in every other position for Latin text. */
function utf16WithoutBom(buf: Buffer): 'utf-16le' | 'utf-16be' | null {
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
