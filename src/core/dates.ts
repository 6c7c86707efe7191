// Publication dates from scraped pages: many written forms → ISO (YYYY-MM-DD). An impossible or
// ambiguous date is reported and kept as written, never guessed.

/** The result of reading one date: an ISO date, or the text as written with the reason it was not read. */
export type DateReading = { iso: string } | { raw: string; problem: string };

/** How to read NN/NN/YYYY when both numbers could be a month (left undefined: report it). */
type DayMonthOrder = 'dmy' | 'mdy';

const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};

/** One place that checks a calendar date is real (no 31 April, no 29 February 2026). */
export function isoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || year < 1000 || year > 2999) return null;
  if (month < 1 || month > 12 || day < 1) return null;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > days) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Reads the date forms news pages use; see the tests for the list. */
export function readDate(input: string, order?: DayMonthOrder): DateReading {
  const raw = input.trim();
  const bad = (problem: string): DateReading => ({ raw, problem });
  if (!raw) return bad('empty');
  // ISO date or date-time: 2026-01-19, 2026-01-19T10:00:00Z, 2026/01/19
  let m = raw.match(/^(\d{4,})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/);
  if (m) return checked(raw, +m[1], +m[2], +m[3]);
  // NN/NN/YYYY, NN.NN.YYYY, NN-NN-YYYY
  m = raw.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d+)$/);
  if (m) {
    const [a, b, year] = [+m[1], +m[2], +m[3]];
    if (m[3].length !== 4) return bad(`year "${m[3]}" is not a four-digit year`);
    if (a > 12 && b <= 12) return checked(raw, year, b, a);
    if (b > 12 && a <= 12) return checked(raw, year, a, b);
    if (a === b) return checked(raw, year, a, b);
    if (order === 'dmy') return checked(raw, year, b, a);
    if (order === 'mdy') return checked(raw, year, a, b);
    return bad('day and month could be either way round (give the order: day-first or month-first)');
  }
  // Weekday prefix of RFC 2822 and similar: "Mon, 19 Jan 2026 10:00:00 GMT"
  const text = raw.replace(/^[A-Za-z]{3,9},?\s+/, (w) => (MONTHS[w.replace(/[,\s]/g, '').toLowerCase()] ? w : ''));
  // 19 January 2026, 19 Jan. 2026
  m = text.match(/^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d+)(?:\s+[\d:]+(?:\s*(?:GMT|UTC|Z|[+-]\d{4}))?)?$/);
  if (m && MONTHS[m[2].toLowerCase()]) return yearChecked(raw, m[3], MONTHS[m[2].toLowerCase()], +m[1]);
  // January 19, 2026 / Jan 19 2026
  m = text.match(/^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d+)(?:,?\s+[\d:]+\s*(?:[AaPp][Mm])?)?$/);
  if (m && MONTHS[m[1].toLowerCase()]) return yearChecked(raw, m[3], MONTHS[m[1].toLowerCase()], +m[2]);
  return bad('not a date form Frame Lens reads');
}

function yearChecked(raw: string, year: string, month: number, day: number): DateReading {
  if (year.length !== 4) return { raw, problem: `year "${year}" is not a four-digit year` };
  return checked(raw, +year, month, day);
}

function checked(raw: string, year: number, month: number, day: number): DateReading {
  if (String(year).length !== 4) return { raw, problem: `year "${year}" is not a four-digit year` };
  const iso = isoDate(year, month, day);
  return iso ? { iso } : { raw, problem: `no such day (${year}-${month}-${day})` };
}
