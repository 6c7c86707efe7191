import type { SelectHTMLAttributes } from 'react';
import { type Layer, layerValue, parseLayer } from './layer';

export function LayerSelect({
  layer,
  annotators,
  annotatorText = (name) => name,
  onChange,
  ...rest
}: Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange'> & {
  layer: Layer;
  annotators: readonly string[];
  annotatorText?(name: string): string;
  onChange(layer: Layer): void;
}) {
  return (
    <select {...rest} value={layerValue(layer)} onChange={(e) => onChange(parseLayer(e.target.value))}>
      <option value="all">all annotators</option>
      {annotators.map((a) => (
        <option key={a} value={`annotator:${a}`}>
          {annotatorText(a)}
        </option>
      ))}
      <option value="gold">gold</option>
    </select>
  );
}
