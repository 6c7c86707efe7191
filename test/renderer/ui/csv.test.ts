import { describe, expect, it } from 'vitest';
import { toCsv } from '../../../src/renderer/ui/csv';

describe('CSV for spreadsheets', () => {
  it('quotes commas, quotes and line breaks, and ends every row with CRLF', () => {
    expect(
      toCsv([
        ['a', 'b, c', 'say "no"', 'x\ny'],
        [1, 2.5],
      ]),
    ).toBe('a,"b, c","say ""no""","x\ny"\r\n1,2.5\r\n');
  });

  it('defuses cells a spreadsheet would run as formulas, but not negative numbers', () => {
    expect(toCsv([['=1+1', '-x', '+cmd', '@SUM(A1)', 'plain', -3]])).toBe("'=1+1,'-x,'+cmd,'@SUM(A1),plain,-3\r\n");
    expect(toCsv([['=HYPERLINK("http://x", "y")']])).toBe(`"'=HYPERLINK(""http://x"", ""y"")"\r\n`);
  });

  it('leaves a number that is not finite empty', () => {
    expect(toCsv([[Number.NaN, Number.POSITIVE_INFINITY, 0]])).toBe(',,0\r\n');
  });
});
