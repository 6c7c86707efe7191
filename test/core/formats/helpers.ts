// Shared fixtures of the format tests: tricky texts (emoji, combining marks, CRLF, Persian, HTML) and records.
import { exportWith, formatNamed, parseFiles } from '../../../src/core/formats/registry';
import type { ExportInput, ExportRecord, FolderOutput, SourceFile, TextFile } from '../../../src/core/formats/types';
import type { AnnotationRecord, DocumentMeta, Span } from '../../../src/core/model';
import { OffsetMap } from '../../../src/core/offsets';

/** One text that has every hazard the issue names, with spans computed by searching. */
export const TRICKY =
  'Protesters 😀 said "e\u0301te\u0301" <script>alert(1)</script>.\r\nتهران گفت‌وگو کرد. <img onerror=x>';

/** A span over the first occurrence of `needle`, in code points. */
export function spanOf(text: string, needle: string, label: string, note?: string): Span {
  const u16 = text.indexOf(needle);
  if (u16 < 0) throw new Error(`${needle} not in text`);
  const map = new OffsetMap(text);
  const start = map.toCodePoint(u16);
  const end = map.toCodePoint(u16 + needle.length);
  return note === undefined ? { start, end, label } : { start, end, label, note };
}

/** A stored record as formats take it (relations by index into its spans), with defaults. */
export type TestRecord = Omit<AnnotationRecord, 'relations'> & ExportRecord;

export function record(
  document: string,
  annotator: string,
  spans: Span[],
  extra: Partial<TestRecord> = {},
): TestRecord {
  return {
    document,
    annotator,
    textHash: 'sha256:0',
    codebookVersion: 1,
    status: 'done',
    spans,
    docLabels: {},
    updatedAt: '2026-01-01T00:00:00Z',
    ...extra,
  };
}

/** A small corpus: the tricky text, a Persian article, and one document nobody annotated. */
export function sampleInput(): ExportInput {
  const meta: DocumentMeta = {
    title: 'Call, "quoted"',
    outlet: 'MENAFN',
    published: '2026-01-16',
    url: 'https://x.test/a?b=1,2',
  };
  const persian = 'پزشکیان و پوتین تلفنی گفت‌وگو کردند.\nاین خبر 😀 مهم است.';
  return {
    documents: [
      { id: 'article111', text: TRICKY, meta },
      { id: 'article222', text: persian, meta: { outlet: 'IRNA', publishedRaw: '16/01/20267' } },
      { id: 'article333', text: 'Nobody annotated this one.', meta: {} },
    ],
    records: [
      record(
        'article111',
        'alice',
        [
          spanOf(TRICKY, 'Protesters', 'Protest naming', 'first, "quoted"\tnote'),
          spanOf(TRICKY, 'e\u0301te\u0301', 'Economic'),
          spanOf(TRICKY, '<script>alert(1)</script>', 'Security and defense'),
          spanOf(TRICKY, 'تهران', 'Protest naming'),
        ],
        { docLabels: { Stance: 'critical', Frames: ['Economic', 'Security and defense'] } },
      ),
      record('article111', 'bob', [spanOf(TRICKY, 'said', 'Economic')], { status: 'in_progress' }),
      record('article222', 'alice', [
        spanOf(persian, 'پوتین', 'Protest naming'),
        spanOf(persian, '😀 مهم', 'Economic'),
      ]),
    ],
  };
}

/** A folder export as the files an import receives (paths relative to the folder). */
export function asFiles(out: string | FolderOutput, single = 'export'): TextFile[] {
  if (typeof out === 'string') return [{ path: single, text: out }];
  return Object.entries(out.files).map(([path, text]) => ({ path, text }));
}

/** Parses files with the registry's format of that name. */
export function parse(name: string, files: SourceFile[], options: Record<string, unknown> = {}) {
  const format = formatNamed(name);
  if (!format) throw new Error(`no format ${name}`);
  return parseFiles(format, files, options);
}

/** Writes with the registry's format of that name (a text format: archives have tests of their own). */
export function write(name: string, input: ExportInput, options: Record<string, unknown> = {}): string | FolderOutput {
  const format = formatNamed(name);
  if (!format) throw new Error(`no format ${name}`);
  const out = exportWith(format, input, options);
  if (typeof out !== 'string' && !('files' in out)) throw new Error(`${name} writes bytes`);
  return out;
}
