// Generic JSON / JSONL of documents (scraper output): a mapping names the field holding the id, text,
// title, outlet, date and url; it is guessed from the field names, shown, and can be given instead.
import { readDate } from '../dates';
import { idProblem } from '../ids';
import type { DocumentMeta } from '../model';
import { FormatError } from './common';
import { guessFieldMapping } from './csv';
import type { FieldMapping } from './types';

/** One document read from a generic record. */
interface MappedDocument {
  id: string;
  text: string;
  meta: DocumentMeta;
  /** The date as written, when it could not be read as a date. */
  dateProblem?: string;
}

/** The mapping guessed from a record's field names (the same rules as CSV headers). */
export function guessJsonMapping(record: Record<string, unknown>): FieldMapping {
  return guessFieldMapping(Object.keys(record));
}

function field(record: Record<string, unknown>, path: string | undefined): unknown {
  if (!path) return undefined;
  let value: unknown = record;
  for (const part of path.split('.')) {
    if (!value || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** Turns one parsed record into a document, or a FormatError naming the line and the field. */
export function mapRecord(value: unknown, mapping: FieldMapping, file: string, line: number): MappedDocument {
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new FormatError(file, line, 'a record must be a JSON object');
  const record = value as Record<string, unknown>;
  if (!mapping.text) throw new FormatError(file, line, 'no field is mapped to the text');
  const text = field(record, mapping.text);
  if (typeof text !== 'string') throw new FormatError(file, line, `field "${mapping.text}" (text) is not a string`);
  const rawId = mapping.id ? field(record, mapping.id) : undefined;
  const id = typeof rawId === 'number' ? String(rawId) : rawId;
  if (typeof id !== 'string')
    throw new FormatError(
      file,
      line,
      mapping.id ? `field "${mapping.id}" (id) is not a string` : 'no field is mapped to the id',
    );
  const problem = idProblem(id);
  if (problem) throw new FormatError(file, line, `id ${problem}`);
  const meta: DocumentMeta = {};
  const str = (key: keyof FieldMapping) => {
    const v = field(record, mapping[key]);
    return typeof v === 'string' && v.trim() ? v.trim() : undefined;
  };
  const title = str('title');
  const outlet = str('outlet');
  const url = str('url');
  if (title) meta.title = title;
  if (outlet) meta.outlet = outlet;
  if (url) meta.url = url;
  const date = str('date');
  let dateProblem: string | undefined;
  if (date) {
    const reading = readDate(date);
    if ('iso' in reading) meta.published = reading.iso;
    else {
      meta.publishedRaw = reading.raw;
      dateProblem = reading.problem;
    }
  }
  return { id, text, meta, ...(dateProblem ? { dateProblem } : {}) };
}
