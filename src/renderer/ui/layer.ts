// Whose spans a view counts or exports: every annotator's, one annotator's, or gold.
import type { OutletOptions } from '../../core/api';

export type Layer = { kind: 'all' } | { kind: 'gold' } | { kind: 'annotator'; name: string };

export const ALL_LAYERS: Layer = { kind: 'all' };

/** As a select value, and back. */
export function layerValue(layer: Layer): string {
  return layer.kind === 'annotator' ? `annotator:${layer.name}` : layer.kind;
}

export function parseLayer(value: string): Layer {
  if (value.startsWith('annotator:')) return { kind: 'annotator', name: value.slice('annotator:'.length) };
  return value === 'gold' ? { kind: 'gold' } : ALL_LAYERS;
}

/** The fields the API's export and outlet options take. */
export function layerOptions(layer: Layer): Pick<OutletOptions, 'annotator' | 'gold'> {
  if (layer.kind === 'gold') return { gold: true };
  if (layer.kind === 'annotator') return { annotator: layer.name };
  return {};
}
