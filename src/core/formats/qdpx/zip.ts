// The zip layer of a .qdpx: reads the central directory itself so that every entry is checked before
// anything is inflated (count, name, declared size) and every inflated entry is checked after (its real
// size and CRC-32), and refuses with one line naming the entry. fflate does the inflating and the writing.
import { inflateSync, zipSync } from 'fflate';
import { FormatError } from '../common';
import { decodeUtf8 } from './utf8';

/** Caps that keep a hostile archive (a zip bomb, a million entries) from exhausting memory. */
export interface ZipLimits {
  maxEntries: number;
  /** Uncompressed bytes of one entry that is read. */
  maxEntryBytes: number;
  /** Uncompressed bytes of all entries read together. */
  maxTotalBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 20_000,
  maxEntryBytes: 128 * 1024 * 1024,
  maxTotalBytes: 512 * 1024 * 1024,
};

/** One entry of the central directory. */
export interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/** CRC-32 as zip stores it. */
export function crc32(bytes: Uint8Array): number {
  let c = -1;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** Why an entry name may not be used: it could climb out of a folder when extracted (zip slip), or is not a name. */
export function unsafeEntryName(name: string): string | null {
  if (name === '') return 'has an empty name';
  if (name.includes('\0')) return 'has a NUL character in its name';
  if (/^[\\/]/.test(name) || /^[A-Za-z]:/.test(name)) return 'has an absolute path';
  if (name.split(/[\\/]/).some((part) => part === '..')) return 'has a path that climbs out of the archive ("..")';
  return null;
}

/** A zip archive held in memory whose entries are read one at a time, within the limits. */
export class ZipArchive {
  readonly entries: ZipEntry[] = [];
  private readonly byName = new Map<string, ZipEntry>();
  private totalRead = 0;

  constructor(
    private readonly data: Uint8Array,
    private readonly file: string,
    private readonly limits: ZipLimits = DEFAULT_ZIP_LIMITS,
  ) {
    this.readDirectory();
  }

  private fail(problem: string): never {
    throw new FormatError(this.file, 0, problem);
  }

  private u16(at: number): number {
    return this.data[at] | (this.data[at + 1] << 8);
  }

  private u32(at: number): number {
    return (this.data[at] | (this.data[at + 1] << 8) | (this.data[at + 2] << 16) | (this.data[at + 3] << 24)) >>> 0;
  }

  private readDirectory(): void {
    const d = this.data;
    if (d.length < 22 || (this.u32(0) !== 0x04034b50 && this.u32(0) !== 0x06054b50))
      this.fail('not a zip archive (a .qdpx is a zip file)');
    let eocd = -1;
    for (let i = d.length - 22; i >= Math.max(0, d.length - 22 - 0xffff); i--) {
      if (this.u32(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) this.fail('not a zip archive, or a truncated one (no end of central directory)');
    if (this.u16(eocd + 4) !== 0 || this.u16(eocd + 6) !== 0) this.fail('multi-part zip archives are not supported');
    const count = this.u16(eocd + 10);
    const cdSize = this.u32(eocd + 12);
    const cdOffset = this.u32(eocd + 16);
    if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff)
      this.fail('zip64 archives (over 4 GB or 65,535 entries) are not supported');
    if (count > this.limits.maxEntries)
      this.fail(`holds ${count} entries, more than the ${this.limits.maxEntries} allowed`);
    if (cdOffset + cdSize > eocd) this.fail('the zip central directory points outside the archive');
    let p = cdOffset;
    for (let n = 0; n < count; n++) {
      if (p + 46 > eocd || this.u32(p) !== 0x02014b50) this.fail('the zip central directory is damaged');
      const flags = this.u16(p + 8);
      const method = this.u16(p + 10);
      const crc = this.u32(p + 16);
      const compressedSize = this.u32(p + 20);
      const size = this.u32(p + 24);
      const nameLen = this.u16(p + 28);
      const extraLen = this.u16(p + 30);
      const commentLen = this.u16(p + 32);
      const localOffset = this.u32(p + 42);
      const rawName = d.subarray(p + 46, p + 46 + nameLen);
      const name = decodeName(rawName);
      p += 46 + nameLen + extraLen + commentLen;
      const unsafe = unsafeEntryName(name);
      if (unsafe) this.fail(`entry ${JSON.stringify(name.slice(0, 80))} ${unsafe}`);
      if (name.endsWith('/')) continue;
      if (flags & 1) this.fail(`entry ${name} is encrypted`);
      if (this.byName.has(name)) this.fail(`entry ${name} appears twice`);
      const entry: ZipEntry = { name, method, crc, compressedSize, size, localOffset };
      this.entries.push(entry);
      this.byName.set(name, entry);
    }
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  get(name: string): ZipEntry | undefined {
    return this.byName.get(name);
  }

  /** The entry's bytes, inflated and checked (size within the limits, real size and CRC as declared). */
  read(name: string): Uint8Array {
    const e = this.byName.get(name);
    if (!e) this.fail(`entry ${name} is not in the archive`);
    if (e.size > this.limits.maxEntryBytes)
      this.fail(`entry ${name} unpacks to ${e.size} bytes, more than the ${this.limits.maxEntryBytes} allowed`);
    if (this.totalRead + e.size > this.limits.maxTotalBytes)
      this.fail(`the entries read unpack to more than the ${this.limits.maxTotalBytes} bytes allowed (at ${name})`);
    // Deflate cannot expand data more than about 1032 times: a larger claim is a lie, refused before allocating.
    if (e.method === 8 && e.size > e.compressedSize * 1032 + 1024)
      this.fail(
        `entry ${name} claims ${e.size} bytes from ${e.compressedSize} compressed bytes, more than deflate can give`,
      );
    const h = e.localOffset;
    if (h + 30 > this.data.length || this.u32(h) !== 0x04034b50) this.fail(`entry ${name}: local header is damaged`);
    const start = h + 30 + this.u16(h + 26) + this.u16(h + 28);
    const end = start + e.compressedSize;
    if (end > this.data.length) this.fail(`entry ${name} runs past the end of the archive`);
    const raw = this.data.subarray(start, end);
    let out: Uint8Array;
    if (e.method === 0) {
      if (e.compressedSize !== e.size) this.fail(`entry ${name}: stored entry with two different sizes`);
      out = raw.slice();
    } else if (e.method === 8) {
      // The buffer has exactly the declared size, so a lying header cannot make fflate allocate more;
      // data that would not fit is caught below by its size or CRC.
      try {
        out = inflateSync(raw, { out: new Uint8Array(e.size) });
      } catch (error) {
        this.fail(`entry ${name} is not valid deflate data (${(error as Error).message})`);
      }
    } else this.fail(`entry ${name} uses compression method ${e.method}; only stored and deflate are supported`);
    if (out.length !== e.size || crc32(out) !== e.crc)
      this.fail(`entry ${name} is corrupt or larger than its header says (size or CRC-32 mismatch)`);
    this.totalRead += e.size;
    return out;
  }
}

function decodeName(raw: Uint8Array): string {
  // Names are UTF-8 (flag 11) or, in old archivers, CP437; the entries a .qdpx needs are ASCII either way.
  const utf8 = decodeUtf8(raw);
  if ('text' in utf8) return utf8.text;
  let s = '';
  for (const b of raw) s += String.fromCharCode(b);
  return s;
}

/** Writes a zip with deflate; the fixed date keeps the same project producing the same bytes. */
export function writeZip(files: [string, Uint8Array][]): Uint8Array {
  const input: Record<string, [Uint8Array, { level: 6 }]> = {};
  for (const [name, bytes] of files) input[name] = [bytes, { level: 6 }];
  return zipSync(input, { mtime: new Date(2000, 0, 1) });
}
