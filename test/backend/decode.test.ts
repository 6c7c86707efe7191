import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBytes, NotTextError } from '../../src/backend/decode';

// Persian as legacy Windows-1256 pages write it (Arabic yeh U+064A: the code page has no Persian yeh).
const FA = 'اعتراضات در تهران ادامه دارد و قيمت‌ها بالا رفت. معترضان در خيابان‌ها تجمع كردند و پليس حضور داشت.';
const EN = 'Protests continued in Tehran — prices rose, “they said”.';

describe('decodeBytes', () => {
  it('reads UTF-8 strictly, keeping a BOM as U+FEFF (formats whose offsets count it need it)', () => {
    expect(decodeBytes(Buffer.from(EN))).toEqual({ text: EN, encoding: 'utf-8', how: 'strict' });
    expect(decodeBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(EN)]))).toEqual({
      text: `\uFEFF${EN}`,
      encoding: 'utf-8',
      how: 'bom',
    });
  });

  it('refuses a stray byte in an otherwise UTF-8 file with its byte offset and line', () => {
    const bytes = Buffer.concat([Buffer.from('president’s\nline two '), Buffer.from([0x92]), Buffer.from(' end\n')]);
    expect(() => decodeBytes(bytes)).toThrow(NotTextError);
    expect(() => decodeBytes(bytes)).toThrow(/^byte 23 \(line 2\) is not valid UTF-8 \(0x92\)/);
    expect(decodeBytes(bytes, 'utf-8')).toMatchObject({ how: 'declared', replaced: 1 });
  });

  it('reads UTF-16 with a BOM; without one it is detected and waits for confirmation', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(EN, 'utf-16le')]);
    expect(decodeBytes(le)).toMatchObject({ text: EN, encoding: 'utf-16le', how: 'bom' });
    expect(decodeBytes(iconv.encode(EN, 'utf-16be'))).toMatchObject({
      text: EN,
      encoding: 'utf-16be',
      needsConfirmation: true,
    });
  });

  it('detects Windows-1256 Persian text, shows a sample line, and waits for confirmation', () => {
    const bytes = iconv.encode(`header\n${FA}`, 'windows-1256');
    const r = decodeBytes(bytes);
    expect(r).toMatchObject({ encoding: 'windows-1256', needsConfirmation: true, sample: FA });
    expect(r.how).toMatch(/^detected \(\d+%\)$/);
    expect(decodeBytes(bytes, undefined, 'windows-1256')).toEqual({
      text: `header\n${FA}`,
      encoding: 'windows-1256',
      how: 'confirmed',
    });
  });

  it('uses a declared encoding', () => {
    expect(decodeBytes(iconv.encode('Café', 'latin1'), 'latin1').text).toBe('Café');
    expect(() => decodeBytes(Buffer.from('x'), 'klingon-8')).toThrow(/unknown encoding/);
  });

  it('refuses binary files', () => {
    expect(() => decodeBytes(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48]))).toThrow(NotTextError);
  });
});
