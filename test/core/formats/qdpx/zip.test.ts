// The zip layer refuses what could exhaust memory or escape a folder, and never returns altered bytes.
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { crc32, unsafeEntryName, writeZip, ZipArchive } from '../../../../src/core/formats/qdpx/zip';

const LIMITS = { maxEntries: 10, maxEntryBytes: 1000, maxTotalBytes: 1500 };
const bytes = (s: string) => new TextEncoder().encode(s);

/** Central-directory entry offsets of a zip, to forge headers the way an attacker would. */
function centralEntries(zip: Uint8Array): number[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = zip.length - 22;
  while (view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    out.push(p);
    p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return out;
}

describe('zip reader', () => {
  it('reads what fflate wrote, stored and deflated, and checks the CRC', () => {
    const zip = zipSync({
      'a.txt': [bytes('héllo 😀'), { level: 0 }],
      'sources/b.txt': [bytes('x'.repeat(500)), { level: 9 }],
    });
    const archive = new ZipArchive(zip, 'p.qdpx', LIMITS);
    expect(new TextDecoder().decode(archive.read('a.txt'))).toBe('héllo 😀');
    expect(archive.read('sources/b.txt').length).toBe(500);
  });

  it('CRC-32 matches the standard check value', () => {
    expect(crc32(bytes('123456789'))).toBe(0xcbf43926);
  });

  it('refuses bytes that are not a zip', () => {
    expect(() => new ZipArchive(bytes('<Project name="x"/>'.repeat(3)), 'p.qdpx')).toThrow(
      'p.qdpx: not a zip archive (a .qdpx is a zip file)',
    );
    expect(() => new ZipArchive(new Uint8Array(0), 'p.qdpx')).toThrow(/not a zip archive/);
  });

  it('refuses a truncated archive', () => {
    const zip = zipSync({ 'project.qde': bytes('<Project/>') });
    expect(() => new ZipArchive(zip.subarray(0, zip.length - 10), 'p.qdpx')).toThrow(/truncated|damaged|not a zip/);
  });

  it.each([
    ['../evil.txt', /climbs out/],
    ['sources/../../evil.txt', /climbs out/],
    ['/etc/passwd', /absolute path/],
    ['C:/Windows/x.txt', /absolute path/],
    ['..\\evil.txt', /climbs out/],
  ])('refuses the zip-slip entry %s', (name, message) => {
    const zip = zipSync({ [name]: bytes('x') });
    expect(() => new ZipArchive(zip, 'p.qdpx')).toThrow(message);
  });

  it('names unsafe entries before anything is inflated', () => {
    expect(unsafeEntryName('sources/a.txt')).toBeNull();
    expect(unsafeEntryName('a\0b')).toMatch(/NUL/);
  });

  it('refuses more entries than allowed', () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 11; i++) files[`f${i}.txt`] = bytes('x');
    expect(() => new ZipArchive(zipSync(files), 'p.qdpx', LIMITS)).toThrow(
      'p.qdpx: holds 11 entries, more than the 10 allowed',
    );
  });

  it('refuses an entry that unpacks past the per-entry cap, before inflating it', () => {
    const zip = zipSync({ 'big.txt': new Uint8Array(5000) });
    const archive = new ZipArchive(zip, 'p.qdpx', LIMITS);
    expect(() => archive.read('big.txt')).toThrow(
      'p.qdpx: entry big.txt unpacks to 5000 bytes, more than the 1000 allowed',
    );
  });

  it('refuses entries that together unpack past the total cap', () => {
    const zip = zipSync({ 'a.txt': new Uint8Array(900), 'b.txt': new Uint8Array(900) });
    const archive = new ZipArchive(zip, 'p.qdpx', LIMITS);
    archive.read('a.txt');
    expect(() => archive.read('b.txt')).toThrow(/more than the 1500 bytes allowed \(at b\.txt\)/);
  });

  it('refuses a zip bomb whose header lies about its size: memory stays at the declared size, the CRC catches it', () => {
    const zip = zipSync({ 'bomb.txt': [new Uint8Array(10_000_000), { level: 9 }] });
    expect(zip.length).toBeLessThan(20_000);
    const view = new DataView(zip.buffer);
    const [cd] = centralEntries(zip);
    view.setUint32(cd + 24, 100, true);
    const archive = new ZipArchive(zip, 'bomb.qdpx', LIMITS);
    expect(() => archive.read('bomb.txt')).toThrow(
      'bomb.qdpx: entry bomb.txt is corrupt or larger than its header says (size or CRC-32 mismatch)',
    );
  });

  it('refuses a header that claims more than deflate can give, before allocating it', () => {
    const zip = zipSync({ 'a.txt': [new Uint8Array(100), { level: 9 }] });
    const [cd] = centralEntries(zip);
    new DataView(zip.buffer).setUint32(cd + 24, 100_000_000, true);
    expect(() => new ZipArchive(zip, 'p.qdpx').read('a.txt')).toThrow(
      /claims 100000000 bytes from \d+ compressed bytes, more than deflate can give/,
    );
  });

  it('refuses an entry whose data was altered', () => {
    const zip = zipSync({ 'a.txt': [bytes('hello world'), { level: 0 }] });
    const at = zip.indexOf(bytes('hello')[0]);
    zip[at] = 'j'.charCodeAt(0);
    expect(() => new ZipArchive(zip, 'p.qdpx').read('a.txt')).toThrow(/CRC-32 mismatch/);
  });

  it('refuses encrypted entries and unknown compression methods', () => {
    const zip = zipSync({ 'a.txt': bytes('x') });
    const view = new DataView(zip.buffer);
    const [cd] = centralEntries(zip);
    view.setUint16(cd + 8, 1, true);
    expect(() => new ZipArchive(zip, 'p.qdpx')).toThrow('p.qdpx: entry a.txt is encrypted');
    view.setUint16(cd + 8, 0, true);
    view.setUint16(cd + 10, 12, true);
    expect(() => new ZipArchive(zip, 'p.qdpx').read('a.txt')).toThrow(/compression method 12/);
  });

  it('writes the same bytes for the same files', () => {
    const files: [string, Uint8Array][] = [['project.qde', bytes('<Project/>')]];
    expect(writeZip(files)).toEqual(writeZip(files));
  });
});
