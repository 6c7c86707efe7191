// The one list of formats. The CLI's --format choices and flags, the import wizard's and export panel's
// choices and fields, extension guessing and the API's option schemas are all derived from it: adding a
// format is one module and one line here.

import type { Memo } from '../model';
import { brat } from './brat';
import { conll } from './conll';
import { csv } from './csv';
import { doccano } from './doccano';
import { hf } from './hf';
import { html } from './html';
import { jsonl } from './jsonl';
import { labelStudio } from './labelStudio';
import { ptc } from './ptc';
import { qdpx } from './qdpx/format';
import { qdc } from './qdpx/qdcFormat';
import { txt } from './txt';
import {
  type BinaryOutput,
  type CommonExportOptions,
  type CommonImportOptions,
  type DefinedCodebook,
  type DropKind,
  type Dropped,
  ExportContext,
  type ExportInput,
  type FieldMapping,
  type FolderOutput,
  type Format,
  type InterchangeLine,
  type OptionSpec,
  ParseContext,
  type ParseServices,
  type SourceFile,
} from './types';
import { webannoTsv } from './webannoTsv';

// biome-ignore lint/suspicious/noExplicitAny: each format narrows its own options
type AnyFormat = Format<any, any>;

/** Every format, in the order the CLI and the wizard list them. */
export const FORMATS: readonly AnyFormat[] = [
  txt,
  html,
  jsonl,
  csv,
  brat,
  webannoTsv,
  doccano,
  labelStudio,
  conll,
  ptc,
  hf,
  qdpx,
  qdc,
];

/** The format of a name, or undefined. */
export function formatNamed(name: string): AnyFormat | undefined {
  return FORMATS.find((f) => f.name === name);
}

/** The format of a name, or a one-line refusal listing the known ones. */
export function requireFormat(name: string, use: 'import' | 'export'): AnyFormat {
  const format = formatNamed(name);
  const list = use === 'import' ? IMPORT_FORMAT_NAMES : EXPORT_FORMAT_NAMES;
  if (!format || !list.includes(name))
    throw new Error(`--format ${name}: not an ${use} format (${use} formats: ${list.join(', ')})`);
  return format;
}

/** The formats an import reads. */
export const IMPORT_FORMAT_NAMES: readonly string[] = FORMATS.filter((f) => f.parse).map((f) => f.name);
/** The formats an export writes. */
export const EXPORT_FORMAT_NAMES: readonly string[] = FORMATS.filter((f) => f.format).map((f) => f.name);

/** Every format option of one use, once per key (formats sharing a key share its spec). */
export function allOptions(use: 'import' | 'export'): { spec: OptionSpec; formats: string[] }[] {
  const byKey = new Map<string, { spec: OptionSpec; formats: string[] }>();
  for (const f of FORMATS)
    for (const spec of use === 'import' ? f.importOptions : f.exportOptions) {
      const seen = byKey.get(spec.key);
      if (seen) seen.formats.push(f.name);
      else byKey.set(spec.key, { spec, formats: [f.name] });
    }
  return [...byKey.values()];
}

function extensionOf(path: string): string {
  const name =
    path
      .replace(/[\\/]+$/, '')
      .split(/[\\/]/)
      .pop() ?? '';
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

/**
 * The format the paths' extensions name, or why none can be chosen. A path without an extension is taken
 * for a folder of text files, as the CLI and the wizard always have.
 */
export function guessFormat(paths: string[]): { format: string } | { problem: string } {
  if (paths.length === 0) return { problem: 'type at least one file or folder' };
  const found = new Set(
    paths.map((p) => {
      const ext = extensionOf(p);
      if (ext === '') return 'txt';
      return FORMATS.find((f) => f.parse && f.extensions.includes(ext))?.name ?? ext;
    }),
  );
  if (found.size > 1)
    return { problem: `the paths look like different formats (${[...found].join(', ')}): choose one` };
  const [only] = found;
  if (IMPORT_FORMAT_NAMES.includes(only)) return { format: only };
  return { problem: `cannot tell the format of ${only} files: choose one` };
}

/** Whether a folder walk for this format keeps a file. */
export function formatReads(format: AnyFormat, path: string): boolean {
  return !format.reads || format.reads.includes(extensionOf(path));
}

/** Everything one parse found. */
export interface ParseResult {
  lines: InterchangeLine[];
  /** The labels and groups the source defines, when it defines any. */
  codebook?: DefinedCodebook;
  memos: Memo[];
  warnings: string[];
  dropped: { kind: DropKind; count: number; first: Dropped }[];
  detected: Record<string, string>;
  fields?: { headers: string[]; mapping: FieldMapping };
}

/** Parses the files of one format in one go (tests, --verify and the conformance script use it). */
export function parseFiles(
  format: AnyFormat,
  files: SourceFile[],
  options: CommonImportOptions & Record<string, unknown> = {},
  services: ParseServices = {},
): ParseResult {
  if (!format.parse) throw new Error(`${format.name} is an export format only`);
  const ctx = new ParseContext();
  const lines = [...format.parse(files, options, ctx, services)];
  return {
    lines,
    ...(ctx.codebook ? { codebook: ctx.codebook } : {}),
    memos: ctx.memos.map((m) => m.memo),
    warnings: ctx.warnings(),
    dropped: ctx.dropped(),
    detected: ctx.detected,
    ...(ctx.fields ? { fields: ctx.fields } : {}),
  };
}

/** Exports in one format: a string for text formats, bytes for archives, a FolderOutput for folder formats. */
export function exportWith(
  format: AnyFormat,
  input: ExportInput,
  options: CommonExportOptions & Record<string, unknown> = {},
  report: ExportContext = new ExportContext(),
): string | FolderOutput | BinaryOutput {
  if (!format.format) throw new Error(`${format.name} is an import format only`);
  const ids = new Set(input.documents.map((d) => d.id));
  for (const r of input.records)
    if (!ids.has(r.document)) throw new Error(`record of ${r.annotator} names document ${r.document}, not exported`);
  return format.format(input, options, report);
}

export function isFolderOutput(out: string | FolderOutput | BinaryOutput): out is FolderOutput {
  return typeof out !== 'string' && 'files' in out;
}

export function isBinaryOutput(out: string | FolderOutput | BinaryOutput): out is BinaryOutput {
  return typeof out !== 'string' && 'bytes' in out;
}

/** An export as the files an import receives (a folder's paths relative to the folder). */
export function asSourceFiles(out: string | FolderOutput | BinaryOutput, single: string): SourceFile[] {
  if (typeof out === 'string') return [{ path: single, text: out }];
  if (isBinaryOutput(out)) return [{ path: single, bytes: out.bytes }];
  return Object.entries(out.files).map(([path, text]) => ({ path, text }));
}

/**
 * An option's value from text (a CLI argument, a wizard field), or an Error saying what is wrong. Text and
 * paths are taken as typed; booleans, choices, whole numbers, fractions and field mappings are checked.
 */
export function optionValue(spec: OptionSpec, text: string): unknown {
  const t = text.trim();
  switch (spec.kind) {
    case 'text':
    case 'path':
      return text;
    case 'boolean':
      if (t === '' || t === 'true') return true;
      if (t === 'false') return false;
      throw new Error(`--${spec.flag} ${text}: use true or false`);
    case 'choice': {
      const values = (spec.choices ?? []).map((c) => c.value);
      if (!values.includes(t)) throw new Error(`--${spec.flag} ${text}: use ${values.join(', ')}`);
      return t;
    }
    case 'integer':
      if (!/^-?\d{1,15}$/.test(t)) throw new Error(`--${spec.flag} ${text}: give a whole number`);
      return Number(t);
    case 'fractions': {
      const parts = t.split(',').map((p) => Number(p.trim()));
      if (
        parts.length !== 3 ||
        parts.some((n) => !Number.isFinite(n) || n < 0 || n > 1) ||
        Math.abs(parts[0] + parts[1] + parts[2] - 1) > 1e-6
      )
        throw new Error(`--${spec.flag} ${text}: give three fractions that add up to 1, e.g. 0.8,0.1,0.1`);
      return { train: parts[0], dev: parts[1], test: parts[2] };
    }
    case 'mapping': {
      const fields = ['id', 'text', 'title', 'outlet', 'date', 'url'];
      const mapping: Record<string, string> = {};
      for (const pair of t.split(',')) {
        const [key, field] = pair.split('=').map((x) => x?.trim());
        if (!key || !field || !fields.includes(key))
          throw new Error(`--${spec.flag} ${pair}: give field=column pairs for ${fields.join(', ')}`);
        mapping[key] = field;
      }
      return mapping;
    }
  }
}
