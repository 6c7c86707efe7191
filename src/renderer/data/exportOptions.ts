// The export panel's form and the one function that turns it into ExportOptions (or the problem that
// stops it), kept apart from the component so the rules are plain to read and test.
import type { ExportFormat, ExportOptions } from '../../core/api';
import { FORMATS } from '../../core/formats/index';
import { ALL_LAYERS, type Layer, layerOptions } from '../ui/layer';

export interface ExportForm {
  format: ExportFormat;
  out: string;
  layer: Layer;
  offsets: 'codepoint' | 'utf16';
  split: { on: boolean; train: string; dev: string; test: string; seed: string };
  layout: 'label' | 'entities';
}

export const EMPTY_EXPORT: ExportForm = {
  format: 'jsonl',
  out: '',
  layer: ALL_LAYERS,
  offsets: 'codepoint',
  split: { on: false, train: '0.8', dev: '0.1', test: '0.1', seed: '42' },
  layout: 'label',
};

/** A sentence about what the format writes and what it cannot carry. */
export function describeExport(format: ExportFormat): string {
  const info = FORMATS[format];
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

function fraction(text: string): number | null {
  const n = Number(text);
  return text.trim() !== '' && Number.isFinite(n) && n >= 0 && n <= 1 ? n : null;
}

/** The options the Export button sends, or the one problem that stops it. */
export function buildExportOptions(form: ExportForm): { options: ExportOptions } | { problem: string } {
  const out = form.out.trim();
  if (!out) return { problem: `type where to write the ${FORMATS[form.format].folder ? 'folder' : 'file'}` };
  const options: ExportOptions = { format: form.format, out, ...layerOptions(form.layer) };
  if (FORMATS[form.format].offsets === 'option') options.offsets = form.offsets;
  if (form.format === 'doccano') options.layout = form.layout;
  if (form.format === 'hf' && form.split.on) {
    const [train, dev, test] = [form.split.train, form.split.dev, form.split.test].map(fraction);
    if (train === null || dev === null || test === null) return { problem: 'split fractions are numbers from 0 to 1' };
    if (Math.abs(train + dev + test - 1) > 1e-6) return { problem: 'split fractions must sum to 1' };
    const seed = Number(form.split.seed);
    if (!Number.isInteger(seed)) return { problem: 'the seed is a whole number' };
    options.split = { train, dev, test, seed };
  }
  return { options };
}
