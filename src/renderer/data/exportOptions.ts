// The export panel's form and the one function that turns it into ExportOptions (or the problem that
// stops it), kept apart from the component so the rules are plain to read and test. Formats and their
// options come from the format registry.
import type { ExportOptions } from '../../core/formats/options';
import { formatNamed, optionValue } from '../../core/formats/registry';
import type { Format } from '../../core/formats/types';
import { ALL_LAYERS, type Layer, layerOptions } from '../ui/layer';

export interface ExportForm {
  format: string;
  out: string;
  layer: Layer;
  offsets: 'codepoint' | 'utf16';
  /** Add the model's layer as one more annotator, `model`. */
  includeModel: boolean;
  /** The format's own options as typed or ticked, by key. */
  formatOptions: Record<string, string | boolean>;
}

export const EMPTY_EXPORT: ExportForm = {
  format: 'jsonl',
  out: '',
  layer: ALL_LAYERS,
  offsets: 'codepoint',
  includeModel: false,
  formatOptions: {},
};

/** The registry's entry of an export format. */
export function exportFormat(name: string): Format {
  const format = formatNamed(name);
  if (!format?.format) throw new Error(`not an export format: ${name}`);
  return format;
}

/** A sentence about what the format writes and what it cannot carry. */
export function describeExport(format: string): string {
  const info = exportFormat(format);
  const what = info.folder ? 'Writes a folder' : 'Writes one file';
  const unit =
    info.offsets === 'option'
      ? 'offsets in code points or UTF-16'
      : info.offsets === 'none'
        ? 'no offsets'
        : `offsets in ${info.offsets === 'utf16' ? 'UTF-16 units' : 'code points'} (fixed by the format)`;
  const loses = info.loses.length ? `; cannot carry ${info.loses.join(', ')}` : '; carries everything';
  return `${what}, ${unit}${loses}.`;
}

/**
 * The options an export sends, or the one problem that stops it. With `typed`, to the path typed in the
 * form; otherwise without a place (the caller adds a save dialog's grant or asks for a download).
 */
export function buildExportOptions(form: ExportForm, typed = true): { options: ExportOptions } | { problem: string } {
  const info = exportFormat(form.format);
  const out = form.out.trim();
  if (typed && !out) return { problem: `type where to write the ${info.folder ? 'folder' : 'file'}` };
  const options: ExportOptions = { format: form.format, ...(typed ? { out } : {}), ...layerOptions(form.layer) };
  if (info.offsets === 'option') options.offsets = form.offsets;
  if (form.includeModel) options.includeModel = true;
  for (const spec of info.exportOptions) {
    const value = form.formatOptions[spec.key] ?? spec.default;
    if (value === undefined || value === '' || value === false) continue;
    try {
      options[spec.key] = value === true ? true : optionValue(spec, String(value));
    } catch (error) {
      return { problem: (error as Error).message.replace(/^--\S+ /, `${spec.label}: `) };
    }
  }
  return { options };
}
