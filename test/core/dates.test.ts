import { describe, expect, it } from 'vitest';
import { isoDate, readDate } from '../../src/core/dates';

describe('readDate', () => {
  it.each([
    ['2026-01-19', '2026-01-19'],
    ['2026-01-19T10:15:00Z', '2026-01-19'],
    ['2026-01-19T10:15:00+03:30', '2026-01-19'],
    ['2026/1/9', '2026-01-09'],
    ['16/01/2026', '2026-01-16'],
    ['01/16/2026', '2026-01-16'],
    ['16.01.2026', '2026-01-16'],
    ['19 January 2026', '2026-01-19'],
    ['19th Jan. 2026', '2026-01-19'],
    ['January 19, 2026', '2026-01-19'],
    ['Jan 19 2026', '2026-01-19'],
    ['Mon, 19 Jan 2026 10:00:00 GMT', '2026-01-19'],
    ['Friday, January 16, 2026', '2026-01-16'],
  ])('reads %s', (input, iso) => {
    expect(readDate(input)).toEqual({ iso });
  });

  it('reports the malformed date of the scraped article and keeps it as written', () => {
    expect(readDate('16/01/20267')).toEqual({ raw: '16/01/20267', problem: 'year "20267" is not a four-digit year' });
  });

  it('never guesses: impossible days and ambiguous day/month are reported', () => {
    expect(readDate('2026-02-29')).toMatchObject({ problem: expect.stringMatching(/no such day/) });
    expect(readDate('31 April 2026')).toMatchObject({ problem: expect.stringMatching(/no such day/) });
    expect(readDate('05/06/2026')).toMatchObject({ raw: '05/06/2026', problem: expect.stringMatching(/either way/) });
    expect(readDate('yesterday')).toMatchObject({ problem: expect.stringMatching(/not a date/) });
  });

  it('reads ambiguous dates when the order is given', () => {
    expect(readDate('05/06/2026', 'dmy')).toEqual({ iso: '2026-06-05' });
    expect(readDate('05/06/2026', 'mdy')).toEqual({ iso: '2026-05-06' });
  });

  it('isoDate knows leap years', () => {
    expect(isoDate(2024, 2, 29)).toBe('2024-02-29');
    expect(isoDate(2026, 2, 29)).toBeNull();
  });
});
