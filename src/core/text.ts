// Text normalization at import: NFC and LF line ends, applied once, with spans remapped onto the result.
import type { Span } from './model';
import { OffsetMap } from './offsets';

/** The text a document keeps forever, plus a way to move offsets from the raw text onto it. */
export interface NormalizedText {
  text: string;
  /** Maps a code point offset in the raw text to one in the normalized text. */
  mapOffset(rawCodePoint: number): number;
  changed: boolean;
}

/**
 * Documents are normalized once (CRLF/CR → LF, then NFC per chunk) so offsets are stable.
 * Offsets are mapped chunk by chunk: NFC changes only inside a run of combining marks, so each
 * raw offset at a chunk boundary maps exactly, and offsets inside a composed cluster snap to its start.
 */
export function normalizeText(raw: string): NormalizedText {
  if (!/[\r]/.test(raw) && raw.normalize('NFC') === raw) {
    return { text: raw, mapOffset: (o) => o, changed: false };
  }
  // Split the raw text into chunks that normalize independently: at every line break and before
  // every starter character (a code point with no combining mark following).
  const rawCps = Array.from(raw);
  const outParts: string[] = [];
  // rawToNorm[i] = code point offset in output for raw code point offset i.
  const rawToNorm = new Uint32Array(rawCps.length + 1);
  let outLen = 0;
  let i = 0;
  while (i < rawCps.length) {
    const ch = rawCps[i];
    if (ch === '\r') {
      rawToNorm[i] = outLen;
      if (rawCps[i + 1] === '\n') {
        rawToNorm[i + 1] = outLen;
        i += 2;
      } else {
        i += 1;
      }
      outParts.push('\n');
      outLen += 1;
      continue;
    }
    // A cluster: one code point plus following combining marks (general category M).
    let j = i + 1;
    while (j < rawCps.length && /\p{M}/u.test(rawCps[j])) j++;
    const cluster = rawCps.slice(i, j).join('');
    const norm = cluster.normalize('NFC');
    const normLen = Array.from(norm).length;
    for (let k = i; k < j; k++) rawToNorm[k] = outLen + Math.min(k - i, normLen === j - i ? k - i : 0);
    outParts.push(norm);
    outLen += normLen;
    i = j;
  }
  rawToNorm[rawCps.length] = outLen;
  let text = outParts.join('');
  // Rare: composition across clusters (e.g. Hangul jamo). Fall back to whole-text NFC with clamping.
  if (text.normalize('NFC') !== text) {
    text = text.normalize('NFC');
    const max = Array.from(text).length;
    return {
      text,
      mapOffset: (o) => Math.min(rawToNorm[Math.max(0, Math.min(o, rawCps.length))], max),
      changed: true,
    };
  }
  return {
    text,
    mapOffset: (o) => {
      if (o < 0 || o > rawCps.length) throw new RangeError(`offset ${o} is outside the text`);
      return rawToNorm[o];
    },
    changed: true,
  };
}

/** Remaps imported spans onto the normalized text; a span that collapses to nothing is dropped. */
export function remapSpans(spans: Span[], norm: NormalizedText): Span[] {
  if (!norm.changed) return spans;
  const out: Span[] = [];
  for (const s of spans) {
    const start = norm.mapOffset(s.start);
    const end = norm.mapOffset(s.end);
    if (end > start) out.push({ ...s, start, end });
  }
  return out;
}

/** The text a span covers, by code points. */
export function spanText(text: string, span: { start: number; end: number }, map = new OffsetMap(text)): string {
  return text.slice(map.toUtf16(span.start), map.toUtf16(span.end));
}

/** One check of a span against a text, with a reason that names the problem. */
export function spanProblem(span: Span, codePoints: number): string | null {
  if (!Number.isInteger(span.start) || !Number.isInteger(span.end)) return 'offsets must be whole numbers';
  if (span.start < 0) return `start ${span.start} is negative`;
  if (span.end <= span.start) return `end ${span.end} is not after start ${span.start}`;
  if (span.end > codePoints) return `end ${span.end} is past the end of the text (${codePoints} code points)`;
  if (!span.label) return 'label is empty';
  return null;
}

/** Spans stored in one deterministic order (start, end, label, note), duplicates removed. */
export function sortSpans(spans: Span[]): Span[] {
  const sorted = [...spans].sort(
    (a, b) =>
      a.start - b.start ||
      a.end - b.end ||
      (a.label < b.label ? -1 : a.label > b.label ? 1 : 0) ||
      ((a.note ?? '') < (b.note ?? '') ? -1 : (a.note ?? '') > (b.note ?? '') ? 1 : 0),
  );
  const out: Span[] = [];
  for (const s of sorted) {
    const prev = out[out.length - 1];
    if (prev && prev.start === s.start && prev.end === s.end && prev.label === s.label) continue;
    out.push(s);
  }
  return out;
}
