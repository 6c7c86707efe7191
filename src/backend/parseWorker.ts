// The import thread: decodes the files it is given and runs their format's parse, posting the records back
// in batches, then what the parse collected. It never touches the project folder: the parent stages and
// commits, so a file stopped for its budget, a cancel or a crash leaves nothing behind. The Electron build
// bundles this file as out/main/parseWorker.js.
import { parentPort } from 'node:worker_threads';
import { FormatError } from '../core/formats/common';
import type { ImportReport } from '../core/formats/options';
import { requireFormat } from '../core/formats/registry';
import type { InterchangeLine, SourceFile } from '../core/formats/types';
import { ParseContext } from '../core/formats/types';
import { type VerifyIssue, verifyRoundTrip } from '../core/formats/verify';
import { decodeBytes, NotTextError } from './decode';
import { extractArticle } from './html';
import { linePreparer, type PreparedLine, type PrepareSettings } from './prepare';

export interface ParseRequest {
  format: string;
  files: { path: string; bytes: Uint8Array }[];
  /** The encoding the user named for every file, and the ones confirmed per file in the preview. */
  encoding?: string;
  confirmedEncodings?: Record<string, string>;
  dryRun: boolean;
  formatOptions: Record<string, unknown>;
  verify: boolean;
  /** The import's clean-up and the project's documents, for the work done on each record here. */
  prepare?: PrepareSettings;
}

export interface ParseCollected {
  codebook?: ParseContext['codebook'];
  memos: ParseContext['memos'];
  kept?: ParseContext['kept'];
  dropped: ReturnType<ParseContext['dropped']>;
  warnings: string[];
  detected: Record<string, string>;
  fields?: ParseContext['fields'];
  verify?: VerifyIssue[];
}

export type ParseMessage =
  | { kind: 'ready' }
  /** The file the thread works on from now: its budget starts. */
  | { kind: 'file'; path: string }
  | { kind: 'decoded'; entry: ImportReport['files'][number]; warning?: string }
  | { kind: 'lines'; lines: PreparedLine[] }
  | { kind: 'done'; collected: ParseCollected }
  | { kind: 'refused'; file: string; line: number; problem: string }
  | { kind: 'failed'; message: string };

const BATCH_LINES = 200;
const BATCH_CHARS = 1 << 20;

class Refusal extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(problem);
  }
}

function decodeAll(request: ParseRequest, post: (m: ParseMessage) => void, binary: boolean): SourceFile[] {
  const files: SourceFile[] = [];
  for (const { path, bytes } of request.files) {
    if (binary) {
      files.push({ path, bytes });
      post({ kind: 'decoded', entry: { path, encoding: 'binary', how: 'bytes' } });
      continue;
    }
    post({ kind: 'file', path });
    let decoded: ReturnType<typeof decodeBytes>;
    try {
      decoded = decodeBytes(bytes, request.encoding, request.confirmedEncodings?.[path]);
    } catch (error) {
      if (error instanceof NotTextError) throw new Refusal(path, error.message);
      throw error;
    }
    post({
      kind: 'decoded',
      entry: {
        path,
        encoding: decoded.encoding,
        how: decoded.how,
        ...(decoded.sample !== undefined ? { sample: decoded.sample } : {}),
        ...(decoded.needsConfirmation ? { needsConfirmation: true } : {}),
      },
      ...(decoded.replaced
        ? { warning: `${path}: ${decoded.replaced} bytes are not valid ${decoded.encoding} and were read as U+FFFD` }
        : {}),
    });
    if (decoded.needsConfirmation && !request.dryRun)
      throw new Refusal(
        path,
        `is not UTF-8; it looks like ${decoded.encoding} (${decoded.how}). Confirm it in the preview, or name it with --encoding ${decoded.encoding}`,
      );
    files.push({ path, text: decoded.text });
  }
  return files;
}

/**
 * The files as the parse sees them, each announcing itself when the parse first reads its content after
 * another's: the file whose budget runs is the one the parse is in.
 */
function watched(files: SourceFile[], post: (m: ParseMessage) => void): SourceFile[] {
  let current: string | undefined;
  const touch = (path: string) => {
    if (path === current) return;
    current = path;
    post({ kind: 'file', path });
  };
  return files.map((f) => {
    const [key, value] = 'text' in f ? ['text', f.text] : ['bytes', f.bytes];
    const get = () => {
      touch(f.path);
      return value;
    };
    return Object.defineProperty({ path: f.path }, key, { get, enumerable: true }) as SourceFile;
  });
}

export function runParse(request: ParseRequest, post: (m: ParseMessage) => void): void {
  try {
    const format = requireFormat(request.format, 'import');
    const files = decodeAll(request, post, format.input === 'bytes');
    const ctx = new ParseContext();
    const parsed: InterchangeLine[] | null = request.verify ? [] : null;
    const prepare = linePreparer(request.prepare ?? { normalize: false, outlets: [], known: [], files: false });
    let batch: PreparedLine[] = [];
    let chars = 0;
    const services = format.extractsArticles ? { extractArticle: (html: string) => extractArticle(html) } : {};
    for (const line of format.parse?.(watched(files, post), request.formatOptions, ctx, services) ?? []) {
      parsed?.push(line);
      batch.push(prepare(line));
      chars += line.text.length;
      if (batch.length >= BATCH_LINES || chars >= BATCH_CHARS) {
        post({ kind: 'lines', lines: batch });
        batch = [];
        chars = 0;
      }
    }
    if (batch.length) post({ kind: 'lines', lines: batch });
    const verify = parsed
      ? verifyRoundTrip(format, parsed, request.formatOptions, ctx.detected, {
          ...(ctx.codebook ? { codebook: ctx.codebook } : {}),
          memos: ctx.memos.map((m) => m.memo),
        })
      : undefined;
    post({
      kind: 'done',
      collected: {
        ...(ctx.codebook ? { codebook: ctx.codebook } : {}),
        memos: ctx.memos,
        ...(ctx.kept ? { kept: ctx.kept } : {}),
        dropped: ctx.dropped(),
        warnings: ctx.warnings(),
        detected: ctx.detected,
        ...(ctx.fields ? { fields: ctx.fields } : {}),
        ...(verify ? { verify } : {}),
      },
    });
  } catch (error) {
    if (error instanceof FormatError)
      post({ kind: 'refused', file: error.file, line: error.line, problem: error.problem });
    else if (error instanceof Refusal) post({ kind: 'refused', file: error.file, line: 0, problem: error.problem });
    else post({ kind: 'failed', message: (error as Error).message });
  }
}

const port = parentPort;
if (port) {
  // Each document file laid out here moves to the parent rather than being copied.
  const moved = (m: ParseMessage) =>
    m.kind === 'lines' ? m.lines.flatMap((l) => (l.prepared.file ? [l.prepared.file.buffer as ArrayBuffer] : [])) : [];
  port.on('message', (request: ParseRequest) => runParse(request, (m) => port.postMessage(m, moved(m))));
  port.postMessage({ kind: 'ready' } satisfies ParseMessage);
}
