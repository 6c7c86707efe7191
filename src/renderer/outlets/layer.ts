// Whose spans the outlet views count: every annotator, one annotator, or gold.
import type { OutletOptions } from '../../core/api';

/** The layer picker's value: 'all', 'gold', or 'a:<annotator>'. */
export type Layer = string;

/** The default layer: every annotator's spans (not gold). */
export const ALL_LAYER: Layer = 'all';

/** Turns the picker's value into the API's layer options. */
export function layerOptions(layer: Layer): Pick<OutletOptions, 'annotator' | 'gold'> {
  if (layer === 'gold') return { gold: true };
  if (layer.startsWith('a:')) return { annotator: layer.slice(2) };
  return {};
}
