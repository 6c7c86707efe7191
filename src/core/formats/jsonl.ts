// The interchange JSONL format (../shared/interchange.md): parse one line, write one line. Pure.
import { z } from 'zod';
import type { AnnotationRecord, DocLabelValue, DocumentMeta, Span, Status } from '../model';
import { GOLD, STATUSES } from '../model';
import { OffsetMap } from '../offsets';
import { describeZodError, idSchema } from '../schemas';
import { stableLine } from '../stableJson';

/** Which unit offsets are counted in at a boundary. */
export type OffsetUnit = 'codepoint' | 'utf16';

/** One parsed interchange line; spans are in code points of `text` as given. */
export interface InterchangeLine {
  id: string;
  text: string;
  meta: DocumentMeta;
  annotator?: string;
  status?: Status;
  spans: Span[];
  docLabels: Record<string, DocLabelValue>;
}

const lineSchema = z.object({
  id: idSchema,
  text: z.string(),
  meta: z
    .object({
      title: z.string().optional(),
      outlet: z.string().optional(),
      published: z.string().optional(),
      url: z.string().optional(),
      story: z.string().optional(),
      author: z.string().optional(),
    })
    .passthrough()
    .optional(),
  annotator: idSchema.optional(),
  status: z.enum(STATUSES).optional(),
  spans: z
    .array(
      z.object({
        start: z.number().int().nonnegative(),
        end: z.number().int().nonnegative(),
        label: z.string().min(1),
        note: z.string().optional(),
      }),
    )
    .optional(),
  doc_labels: z.record(z.string().min(1), z.union([z.string(), z.array(z.string())])).optional(),
});

/** A parse failure that knows its line, so the CLI can print "file:line: problem". */
export class LineError extends Error {
  constructor(
    readonly line: number,
    readonly problem: string,
  ) {
    super(`line ${line}: ${problem}`);
  }
}

const META_KEYS = ['title', 'outlet', 'published', 'url', 'story', 'author', 'source'] as const;

/**
 * Parses and validates one JSONL line. `annotator` (from --annotator) is applied to lines
 * without one; spans are checked against the text and converted from `offsets` into code points.
 */
export function parseInterchangeLine(
  raw: string,
  lineNumber: number,
  options: { annotator?: string; offsets?: OffsetUnit } = {},
): InterchangeLine {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (error) {
    throw new LineError(lineNumber, `not valid JSON (${(error as Error).message})`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data))
    throw new LineError(lineNumber, 'a line must be one JSON object');
  const parsed = lineSchema.safeParse(data);
  if (!parsed.success) throw new LineError(lineNumber, describeZodError(parsed.error));
  const line = parsed.data;
  const annotator = line.annotator ?? options.annotator;
  const hasAnnotations = (line.spans?.length ?? 0) > 0 || Object.keys(line.doc_labels ?? {}).length > 0;
  if (!annotator && (line.spans !== undefined || line.doc_labels !== undefined) && hasAnnotations)
    throw new LineError(lineNumber, 'spans or doc_labels without an annotator (add "annotator" or use --annotator)');
  const map = new OffsetMap(line.text);
  const limit = options.offsets === 'utf16' ? line.text.length : map.codePoints;
  const spans: Span[] = [];
  for (const [i, s] of (line.spans ?? []).entries()) {
    if (s.end <= s.start) throw new LineError(lineNumber, `spans[${i}]: end ${s.end} is not after start ${s.start}`);
    if (s.end > limit)
      throw new LineError(
        lineNumber,
        `spans[${i}]: end ${s.end} is past the end of the text (${limit} ${options.offsets === 'utf16' ? 'UTF-16 units' : 'code points'})`,
      );
    let start = s.start;
    let end = s.end;
    if (options.offsets === 'utf16') {
      try {
        start = map.toCodePoint(s.start);
        end = map.toCodePoint(s.end);
      } catch (error) {
        throw new LineError(lineNumber, `spans[${i}]: ${(error as Error).message}`);
      }
    }
    spans.push(s.note === undefined ? { start, end, label: s.label } : { start, end, label: s.label, note: s.note });
  }
  const meta: DocumentMeta = {};
  for (const key of META_KEYS) {
    const v = line.meta?.[key];
    if (typeof v === 'string') meta[key] = v;
  }
  const publishedRaw = (line.meta as Record<string, unknown> | undefined)?.published_raw;
  if (typeof publishedRaw === 'string') meta.publishedRaw = publishedRaw;
  return {
    id: line.id,
    text: line.text,
    meta,
    ...(annotator ? { annotator } : {}),
    ...(line.status ? { status: line.status } : {}),
    spans,
    docLabels: line.doc_labels ?? {},
  };
}

/** Interchange.md's default status when a line gives none. */
export function defaultStatus(line: Pick<InterchangeLine, 'spans' | 'docLabels' | 'status'>): Status {
  if (line.status) return line.status;
  return line.spans.length > 0 || Object.keys(line.docLabels).length > 0 ? 'in_progress' : 'todo';
}

/** Writes one export line: a document with one annotator's record, or the document alone. */
export function formatInterchangeLine(
  doc: { id: string; text: string; meta: DocumentMeta },
  record: AnnotationRecord | null,
  offsets: OffsetUnit = 'codepoint',
): string {
  const meta: Record<string, string> = {};
  for (const key of META_KEYS) {
    const v = doc.meta[key];
    if (v !== undefined) meta[key] = v;
  }
  if (doc.meta.published === undefined && doc.meta.publishedRaw !== undefined)
    meta.published_raw = doc.meta.publishedRaw;
  const out: Record<string, unknown> = { id: doc.id, text: doc.text, meta };
  if (record) {
    const map = offsets === 'utf16' ? new OffsetMap(doc.text) : null;
    out.annotator = record.annotator;
    out.status = record.status;
    out.spans = record.spans.map((s) => ({
      start: map ? map.toUtf16(s.start) : s.start,
      end: map ? map.toUtf16(s.end) : s.end,
      label: s.label,
      ...(s.note !== undefined ? { note: s.note } : {}),
    }));
    out.doc_labels = record.docLabels;
  }
  // Key order: id and text first reads best; stableLine sorts keys, so build the line by hand.
  const { id, text, ...rest } = out;
  const tail = stableLine(rest);
  return `{"id":${JSON.stringify(id)},"text":${JSON.stringify(text)}${tail === '{}' ? '' : `,${tail.slice(1, -1)}`}}`;
}

/** The gold layer's annotator name in JSONL. */
export const GOLD_ANNOTATOR = GOLD;
