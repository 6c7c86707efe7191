// Span order and text helpers, and the one text normalization there is: an explicit, reported option of
// raw article imports (no offsets exist yet to move). Annotated texts are never normalized.
import type { Span } from './model';
import { OffsetMap } from './offsets';

/** What `normalizeArticleText` changed, in words the import summary prints. */
export type TextChange = 'byte order mark removed' | 'line ends made LF' | 'Unicode NFC applied';

/** A raw article's text with a leading BOM removed, CRLF and CR made LF, and NFC applied. */
export function normalizeArticleText(raw: string): { text: string; changes: TextChange[] } {
  const changes: TextChange[] = [];
  let text = raw;
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
    changes.push('byte order mark removed');
  }
  if (text.includes('\r')) {
    text = text.replace(/\r\n?/g, '\n');
    changes.push('line ends made LF');
  }
  const nfc = text.normalize('NFC');
  if (nfc !== text) {
    text = nfc;
    changes.push('Unicode NFC applied');
  }
  return { text, changes };
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

function str(a: string | undefined, b: string | undefined): number {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Spans in one deterministic order (start, end, label, note, id); nothing removed. */
export function orderSpans<T extends Span>(spans: readonly T[]): T[] {
  return spanOrder(spans).map((i) => spans[i]);
}

/** The order of `orderSpans` as indexes into `spans`, for what points at spans by index (relations). */
export function spanOrder(spans: readonly Span[]): number[] {
  return spans
    .map((_, i) => i)
    .sort((i, j) => {
      const a = spans[i];
      const b = spans[j];
      return (
        a.start - b.start || a.end - b.end || str(a.label, b.label) || str(a.note, b.note) || str(a.id, b.id) || i - j
      );
    });
}

/**
 * Spans in their deterministic order with repeats removed: a span equal to another in start, end and
 * label is a repeat unless the two carry different ids (a source may hold the same span twice, as the
 * SemEval-2020 Task 11 gold does; ids keep both).
 */
export function sortSpans(spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const s of orderSpans(spans)) {
    let repeat = false;
    for (let k = out.length - 1; k >= 0; k--) {
      const p = out[k];
      if (p.start !== s.start || p.end !== s.end || p.label !== s.label) break;
      if ((p.id ?? null) === (s.id ?? null)) repeat = true;
    }
    if (!repeat) out.push(s);
  }
  return out;
}
