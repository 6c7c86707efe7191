// One entry point for every interchange format, so the backend's importer and exporter need no per-format code.
// `html` is not here: extracting an article from a page needs @mozilla/readability and linkedom (backend).
import { formatBrat, parseBrat } from './brat';
import {
  assertRecordsHaveDocuments,
  checkId,
  type ExportInput,
  type FolderOutput,
  FormatError,
  fileStem,
  type ImportOptions,
  type ImportResult,
  type InterchangeLine,
  recordsByDocument,
  type SourceFile,
  sortedDocuments,
  splitLines,
  stripBom,
} from './common';
import { formatConll, parseConll } from './conll';
import { type CsvMapping, formatCsv, parseCsv } from './csv';
import { type DoccanoExportOptions, formatDoccano, parseDoccano } from './doccano';
import { formatHfDataset, type HfExportOptions } from './hf';
import { formatInterchangeLine, type OffsetUnit, parseInterchangeLine } from './jsonl';
import { formatLabelStudio, parseLabelStudio } from './labelStudio';
import { formatPtc, parsePtc } from './ptc';
import { formatWebannoTsv, parseWebannoTsv } from './webannoTsv';

export * from './common';

/** The format names of interchange.md, plus `hf` (export only). */
export const FORMAT_NAMES = [
  'txt',
  'jsonl',
  'csv',
  'brat',
  'webanno-tsv',
  'doccano',
  'label-studio',
  'conll',
  'ptc',
  'hf',
] as const;
/** One of the format names. */
export type FormatName = (typeof FORMAT_NAMES)[number];

/** What the wizard and the CLI need to know about a format before running it. */
export interface FormatInfo {
  name: FormatName;
  /** Export writes a folder (FolderOutput) rather than one file. */
  folder: boolean;
  canImport: boolean;
  canExport: boolean;
  /** The unit of offsets in the files: fixed, or chosen with --offsets. */
  offsets: 'codepoint' | 'utf16' | 'option' | 'none';
  /** What a round trip through the format loses. */
  loses: string[];
}

/** The table of formats; docs/formats.md explains each. */
export const FORMATS: Record<FormatName, FormatInfo> = {
  txt: {
    name: 'txt',
    folder: true,
    canImport: true,
    canExport: true,
    offsets: 'none',
    loses: ['annotations', 'metadata'],
  },
  jsonl: { name: 'jsonl', folder: false, canImport: true, canExport: true, offsets: 'option', loses: [] },
  csv: { name: 'csv', folder: false, canImport: true, canExport: true, offsets: 'option', loses: [] },
  brat: {
    name: 'brat',
    folder: true,
    canImport: true,
    canExport: true,
    offsets: 'codepoint',
    loses: ['metadata', 'document labels', 'status', 'line breaks inside notes'],
  },
  'webanno-tsv': {
    name: 'webanno-tsv',
    folder: true,
    canImport: true,
    canExport: true,
    offsets: 'utf16',
    loses: ['metadata', 'document labels', 'status', 'whitespace before the first token', 'whitespace at span edges'],
  },
  doccano: { name: 'doccano', folder: false, canImport: true, canExport: true, offsets: 'option', loses: ['notes'] },
  'label-studio': {
    name: 'label-studio',
    folder: false,
    canImport: true,
    canExport: true,
    offsets: 'option',
    loses: ['status other than done/skipped'],
  },
  conll: {
    name: 'conll',
    folder: false,
    canImport: true,
    canExport: true,
    offsets: 'none',
    loses: ['exact whitespace', 'notes', 'document labels', 'metadata', 'status', 'overlapping spans (refused)'],
  },
  ptc: {
    name: 'ptc',
    folder: true,
    canImport: true,
    canExport: true,
    offsets: 'codepoint',
    loses: ['notes', 'document labels', 'metadata', 'status', 'annotator names (one labels file each)'],
  },
  hf: { name: 'hf', folder: true, canImport: false, canExport: true, offsets: 'option', loses: ['(export only)'] },
};

/** Every importer's options in one bag; each format reads the ones it knows. */
export interface AnyImportOptions extends ImportOptions {
  /** csv: field mapping of a generic CSV of documents. */
  mapping?: CsvMapping;
  /** brat: name the annotator after each file's folder. */
  annotatorFromFolder?: boolean;
  /** ptc: which of the files is the labels TSV (by path); default: the one not ending in .txt. */
  labelsFile?: string;
}

/** Imports the given decoded files in one format; folder formats take all their files at once. */
export function importFiles(format: FormatName, files: SourceFile[], options: AnyImportOptions = {}): ImportResult {
  const each = (fn: (f: SourceFile) => ImportResult): ImportResult => {
    const lines: InterchangeLine[] = [];
    const warnings: string[] = [];
    for (const f of files) {
      const r = fn(f);
      lines.push(...r.lines);
      warnings.push(...r.warnings.map((w) => (w.startsWith(f.path) ? w : `${f.path}: ${w}`)));
    }
    return { lines, warnings };
  };
  switch (format) {
    case 'txt':
      return each((f) => ({
        lines: [
          { id: checkId(fileStem(f.path), f.path, 0), text: stripBom(f.text), meta: {}, spans: [], docLabels: {} },
        ],
        warnings: [],
      }));
    case 'jsonl':
      return each((f) => {
        const lines: InterchangeLine[] = [];
        for (const [i, raw] of splitLines(stripBom(f.text)).entries()) {
          if (raw.trim() === '') continue;
          try {
            lines.push(parseInterchangeLine(raw, i + 1, options));
          } catch (error) {
            if (error instanceof FormatError) throw error;
            const e = error as { line?: number; problem?: string; message: string };
            throw new FormatError(f.path, e.line ?? i + 1, e.problem ?? e.message);
          }
        }
        return { lines, warnings: [] };
      });
    case 'csv':
      return each((f) => parseCsv(f.path, f.text, options));
    case 'doccano':
      return each((f) => parseDoccano(f.path, f.text, options));
    case 'label-studio':
      return each((f) => parseLabelStudio(f.path, f.text, options));
    case 'conll':
      return each((f) => parseConll(f.path, f.text, options));
    case 'webanno-tsv':
      return each((f) => parseWebannoTsv(f.path, f.text, options));
    case 'brat':
      return parseBrat(files, options);
    case 'ptc': {
      const isLabels = (f: SourceFile) =>
        options.labelsFile ? f.path === options.labelsFile : !/\.txt$/i.test(f.path);
      const labels = files.filter(isLabels);
      if (labels.length > 1)
        throw new FormatError(labels[1].path, 0, 'more than one labels file; name one with --labels');
      return parsePtc(
        files.filter((f) => !isLabels(f)),
        labels[0] ?? null,
        options,
      );
    }
    case 'hf':
      throw new Error('hf is an export format only');
  }
}

/** Every exporter's options in one bag. */
export interface AnyExportOptions extends HfExportOptions, Pick<DoccanoExportOptions, 'layout'> {
  offsets?: OffsetUnit;
}

/** Exports in one format: a string for single-file formats, a FolderOutput for folder formats. */
export function exportFormat(
  format: FormatName,
  input: ExportInput,
  options: AnyExportOptions = {},
): string | FolderOutput {
  switch (format) {
    case 'txt': {
      const files: Record<string, string> = {};
      for (const d of sortedDocuments(input.documents)) files[`${d.id}.txt`] = d.text;
      return { files };
    }
    case 'jsonl': {
      assertRecordsHaveDocuments(input);
      const byDoc = recordsByDocument(input.records);
      const out: string[] = [];
      for (const d of sortedDocuments(input.documents)) {
        const records = byDoc.get(d.id) ?? [];
        if (records.length === 0) out.push(formatInterchangeLine(d, null, options.offsets));
        for (const r of records) out.push(formatInterchangeLine(d, r, options.offsets));
      }
      return out.length ? `${out.join('\n')}\n` : '';
    }
    case 'csv':
      return formatCsv(input, options);
    case 'doccano':
      return formatDoccano(input, options);
    case 'label-studio':
      return formatLabelStudio(input, options);
    case 'conll':
      return formatConll(input);
    case 'brat':
      return formatBrat(input);
    case 'webanno-tsv':
      return formatWebannoTsv(input);
    case 'ptc':
      return formatPtc(input);
    case 'hf':
      return formatHfDataset(input, options);
  }
}

/** Narrows an export's result. */
export function isFolderOutput(out: string | FolderOutput): out is FolderOutput {
  return typeof out !== 'string';
}
