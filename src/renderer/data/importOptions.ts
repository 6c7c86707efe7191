// The import wizard's form, and the one function that turns it into the ImportOptions both the preview
// (dry run) and the real import send, so what is previewed is exactly what is imported. Formats, their
// options and the extension guess come from the format registry.
import { CLEANUP_KINDS, type CleanupKind } from '../../core/cleanup';
import type { ImportOptions } from '../../core/formats/options';
import { formatNamed, guessFormat as guessByExtension, optionValue } from '../../core/formats/registry';
import type { DropKind, FieldMapping, Format } from '../../core/formats/types';

/** What the user typed and chose in the first step (paths, format, options). */
export interface ImportForm {
  pathsText: string;
  /** Where `pathsText` names files: an upload, or a dialog's grant; neither: typed paths in the allowed folders. */
  origin?: { upload?: string; grant?: string; summary: string };
  /** '' means: guess from the paths' extensions. */
  format: string;
  annotator: string;
  offsets: 'codepoint' | 'utf16';
  encoding: string;
  keepDuplicates: boolean;
  normalize: boolean;
  /** The format's own options as typed (text) or ticked (boolean), by key. */
  formatOptions: Record<string, string | boolean>;
}

/** The choices made after a preview (clean-up kinds, field mapping, confirmed encodings, allowed drops). */
export interface ImportChoices {
  clean: Record<CleanupKind, boolean>;
  /** null until a preview has proposed one. */
  mapping: FieldMapping | null;
  confirmedEncodings?: Record<string, string>;
  drop?: DropKind[];
}

export const EMPTY_FORM: ImportForm = {
  pathsText: '',
  format: '',
  annotator: '',
  offsets: 'codepoint',
  encoding: '',
  keepDuplicates: false,
  normalize: false,
  formatOptions: {},
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

/** The "guess from extension" choice: one format for all paths, or why none could be chosen. */
export function guessFormat(paths: string[]): { format: string } | { problem: string } {
  return guessByExtension(paths);
}

/** The registry's entry of an import format. */
export function importFormat(name: string): Format {
  const format = formatNamed(name);
  if (!format?.parse) throw new Error(`not an import format: ${name}`);
  return format;
}

/** Clean-up applies to scraped pages only. */
export function isCleanable(format: string): boolean {
  return importFormat(format).cleanup === true;
}

/** Formats of plain pages carry no annotations, so an annotator name means nothing for them. */
export function carriesAnnotations(format: string): boolean {
  const f = importFormat(format);
  return f.carries.includes('spans') || f.carries.includes('document labels');
}

/** Whether the format reads a CSV/JSON of documents through a field mapping. */
export function takesMapping(format: string): boolean {
  return importFormat(format).importOptions.some((o) => o.kind === 'mapping');
}

/** Drops the fields mapped to no column (the API refuses empty column names). */
export function cleanMapping(mapping: FieldMapping): FieldMapping {
  return Object.fromEntries(Object.entries(mapping).filter(([, v]) => typeof v === 'string' && v !== ''));
}

/** The options a preview or an import sends, or the one problem that stops it. */
export function buildImportOptions(
  form: ImportForm,
  choices: ImportChoices,
  dryRun: boolean,
): { options: ImportOptions } | { problem: string } {
  const paths = parsePaths(form.pathsText);
  if (paths.length === 0) return { problem: 'choose or drop the files to import' };
  const guessed = form.format ? { format: form.format } : guessFormat(paths);
  if ('problem' in guessed) return guessed;
  const { format } = guessed;
  const info = importFormat(format);
  const options: ImportOptions = { paths, format };
  if (form.origin?.upload) options.upload = form.origin.upload;
  if (form.origin?.grant) options.grant = form.origin.grant;
  if (dryRun) {
    options.dryRun = true;
    options.verify = true;
  }
  if (carriesAnnotations(format) && form.annotator.trim()) options.annotator = form.annotator.trim();
  if (info.offsets === 'option') options.offsets = form.offsets;
  if (form.encoding.trim()) options.encoding = form.encoding.trim();
  if (form.keepDuplicates) options.keepDuplicates = true;
  if (form.normalize && info.cleanup) options.normalize = true;
  for (const spec of info.importOptions) {
    const value = form.formatOptions[spec.key];
    if (spec.kind === 'mapping' || value === undefined || value === '' || value === false) continue;
    try {
      options[spec.key] = value === true ? true : optionValue(spec, value);
    } catch (error) {
      return { problem: (error as Error).message.replace(/^--\S+ /, `${spec.label}: `) };
    }
  }
  if (info.cleanup) {
    const on = CLEANUP_KINDS.filter((k) => choices.clean[k]);
    options.clean = on.length === CLEANUP_KINDS.length ? true : on.length === 0 ? false : on;
  }
  if (takesMapping(format) && choices.mapping) options.mapping = cleanMapping(choices.mapping);
  if (choices.confirmedEncodings && Object.keys(choices.confirmedEncodings).length)
    options.confirmedEncodings = choices.confirmedEncodings;
  if (choices.drop?.length) options.drop = choices.drop;
  return { options };
}
