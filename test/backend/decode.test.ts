import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBytes, NotTextError } from '../../src/backend/decode';

// Persian as legacy Windows-1256 pages write it (Arabic yeh U+064A: the code page has no Persian yeh).
const FA = 'اعتراضات در تهران ادامه دارد و قيمت‌ها بالا رفت. معترضان در خيابان‌ها تجمع كردند و پليس حضور داشت.';
const EN = 'Protests continued in Tehran — prices rose, “they said”.';

describe('decodeBytes', () => {
  it('reads UTF-8 with and without a BOM', () => {
    expect(decodeBytes(Buffer.from(EN))).toEqual({ text: EN, encoding: 'utf-8', how: 'strict' });
    expect(decodeBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(EN)]))).toMatchObject({
      text: EN,
      how: 'bom',
    });
  });

  it('reads UTF-16 with a BOM and without one', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(EN, 'utf-16le')]);
    expect(decodeBytes(le)).toMatchObject({ text: EN, encoding: 'utf-16le' });
    expect(decodeBytes(iconv.encode(EN, 'utf-16be'))).toMatchObject({
      text: EN,
      encoding: 'utf-16be',
      how: 'heuristic',
    });
  });

  it('detects Windows-1256 Persian text', () => {
    const r = decodeBytes(iconv.encode(FA, 'windows-1256'));
    expect(r.encoding).toBe('windows-1256');
    expect(r.text).toBe(FA);
    expect(r.how).toMatch(/^detected/);
  });

  it('uses a declared encoding', () => {
    expect(decodeBytes(iconv.encode('Café', 'latin1'), 'latin1').text).toBe('Café');
    expect(() => decodeBytes(Buffer.from('x'), 'klingon-8')).toThrow(/unknown encoding/);
  });

  it('refuses binary files', () => {
    expect(() => decodeBytes(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48]))).toThrow(NotTextError);
  });
});
