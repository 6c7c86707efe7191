// One offset map per text, kept for the text shown: built once rather than on every key press.
import { OffsetMap } from '../../core/offsets';
import { spanText } from '../../core/text';

let cached: { text: string; map: OffsetMap } | null = null;

export function mapFor(text: string): OffsetMap {
  if (cached?.text !== text) cached = { text, map: new OffsetMap(text) };
  return cached.map;
}

/** A span's words for a message: quoted, cut in the middle when long. */
export function quote(text: string, span: { start: number; end: number }): string {
  let s: string;
  try {
    s = spanText(text, span, mapFor(text));
  } catch {
    return '(outside the text)';
  }
  s = s.replace(/\s+/g, ' ').trim();
  const cps = [...s];
  return `‘${cps.length > 48 ? `${cps.slice(0, 30).join('')}…${cps.slice(-12).join('')}` : s}’`;
}
