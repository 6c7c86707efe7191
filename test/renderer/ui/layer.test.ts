import { describe, expect, it } from 'vitest';
import { ALL_LAYERS, type Layer, layerOptions, layerValue, parseLayer } from '../../../src/renderer/ui/layer';

describe('layers', () => {
  it('round-trips through a select value, annotator names with colons included', () => {
    const layers: Layer[] = [ALL_LAYERS, { kind: 'gold' }, { kind: 'annotator', name: 'lab:alice' }];
    for (const l of layers) expect(parseLayer(layerValue(l))).toEqual(l);
  });

  it('becomes the API options: nothing for all, gold, or one annotator', () => {
    expect(layerOptions(ALL_LAYERS)).toEqual({});
    expect(layerOptions({ kind: 'gold' })).toEqual({ gold: true });
    expect(layerOptions({ kind: 'annotator', name: 'bob' })).toEqual({ annotator: 'bob' });
  });
});
