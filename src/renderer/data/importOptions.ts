// The import wizard's form, and the one function that turns it into the ImportOptions both the preview
// (dry run) and the real import send, so what is previewed is exactly what is imported.
import { IMPORT_FORMATS, type ImportFormat, type ImportOptions } from '../../core/api';
import { CLEANUP_KINDS, type CleanupKind } from '../../core/cleanup';
import type { CsvMapping } from '../../core/formats/csv';
import { FORMATS, type FormatInfo } from '../../core/formats/index';

/** What the user typed and chose in the first step (paths, format, format options). */
export interface ImportForm {
  pathsText: string;
  /** '' means: guess from the paths' extensions. */
  format: ImportFormat | '';
  annotator: string;
  offsets: 'codepoint' | 'utf16';
  encoding: string;
  labels: string;
  annotatorFromFolder: boolean;
  keepDuplicates: boolean;
}

/** The choices made after a preview (clean-up kinds, CSV field mapping). */
export interface ImportChoices {
  clean: Record<CleanupKind, boolean>;
  /** null until a CSV preview has proposed one. */
  mapping: CsvMapping | null;
}

export const EMPTY_FORM: ImportForm = {
  pathsText: '',
  format: '',
  annotator: '',
  offsets: 'codepoint',
  encoding: '',
  labels: '',
  annotatorFromFolder: false,
  keepDuplicates: false,
};

/** Every clean-up kind is on until the user switches it off. */
export function allCleanupOn(): Record<CleanupKind, boolean> {
  return Object.fromEntries(CLEANUP_KINDS.map((k) => [k, true])) as Record<CleanupKind, boolean>;
}

/** One path per line; blank lines and surrounding spaces ignored. */
export function parsePaths(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

const EXTENSIONS: Record<string, ImportFormat> = {
  '': 'txt',
  '.txt': 'txt',
  '.html': 'html',
  '.htm': 'html',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.json': 'jsonl',
  '.csv': 'csv',
  '.conll': 'conll',
  '.ann': 'brat',
};

function extension(path: string): string {
  const name =
    path
      .replace(/[\\/]+$/, '')
      .split(/[\\/]/)
      .pop() ?? '';
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

/** The "guess from extension" choice: one format for all paths, or why none could be chosen. */
export function guessFormat(paths: string[]): { format: ImportFormat } | { problem: string } {
  if (paths.length === 0) return { problem: 'type at least one file or folder' };
  const found = new Set(paths.map((p) => EXTENSIONS[extension(p)] ?? extension(p)));
  if (found.size > 1)
    return { problem: `the paths look like different formats (${[...found].join(', ')}): choose one` };
  const [only] = found;
  if ((IMPORT_FORMATS as readonly string[]).includes(only)) return { format: only as ImportFormat };
  return { problem: `cannot tell the format of ${only} files: choose one` };
}

/** Html is not in the core FORMATS table (extraction is the backend's); the wizard describes it here. */
export function importFormatInfo(format: ImportFormat): Pick<FormatInfo, 'offsets' | 'loses'> {
  if (format === 'html')
    return { offsets: 'none', loses: ['page markup, links and images (only the main article text is kept)'] };
  return FORMATS[format];
}

/** Clean-up applies to scraped pages only. */
export function isCleanable(format: ImportFormat): boolean {
  return format === 'txt' || format === 'html';
}

/** Plain pages carry no annotations, so an annotator name means nothing for them. */
export function carriesAnnotations(format: ImportFormat): boolean {
  return !isCleanable(format);
}

/** Drops the fields mapped to no column (the API refuses empty column names). */
function cleanMapping(mapping: CsvMapping): CsvMapping {
  return Object.fromEntries(Object.entries(mapping).filter(([, v]) => typeof v === 'string' && v !== ''));
}

/** The options a preview or an import sends, or the one problem that stops it. */
export function buildImportOptions(
  form: ImportForm,
  choices: ImportChoices,
  dryRun: boolean,
): { options: ImportOptions } | { problem: string } {
  const paths = parsePaths(form.pathsText);
  if (paths.length === 0) return { problem: 'type at least one file or folder' };
  const guessed = form.format ? { format: form.format } : guessFormat(paths);
  if ('problem' in guessed) return guessed;
  const { format } = guessed;
  const options: ImportOptions = { paths, format };
  if (dryRun) options.dryRun = true;
  if (carriesAnnotations(format) && form.annotator.trim()) options.annotator = form.annotator.trim();
  if (importFormatInfo(format).offsets === 'option') options.offsets = form.offsets;
  if (form.encoding.trim()) options.encoding = form.encoding.trim();
  if (form.keepDuplicates) options.keepDuplicates = true;
  if (format === 'ptc' && form.labels.trim()) options.labels = form.labels.trim();
  if (format === 'brat' && form.annotatorFromFolder) options.annotatorFromFolder = true;
  if (isCleanable(format)) {
    const on = CLEANUP_KINDS.filter((k) => choices.clean[k]);
    options.clean = on.length === CLEANUP_KINDS.length ? true : on.length === 0 ? false : on;
  }
  // CSV of documents, and JSON/JSONL scraper output (records without a "text" field), take a field mapping.
  if ((format === 'csv' || format === 'jsonl') && choices.mapping) options.mapping = cleanMapping(choices.mapping);
  return { options };
}
