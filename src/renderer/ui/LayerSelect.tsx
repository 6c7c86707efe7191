import type { ReactNode } from 'react';
import { type Layer, layerValue, parseLayer } from './layer';
import { LabelledSelect } from './Select';

export function LayerSelect({
  label,
  className,
  inline,
  layer,
  annotators,
  annotatorText = (name) => name,
  onChange,
  testId,
}: {
  label: ReactNode;
  className?: string;
  inline?: boolean;
  layer: Layer;
  annotators: readonly string[];
  annotatorText?(name: string): string;
  onChange(layer: Layer): void;
  testId?: string;
}) {
  return (
    <LabelledSelect
      label={label}
      className={className}
      inline={inline}
      data-testid={testId}
      value={layerValue(layer)}
      onChange={(value) => onChange(parseLayer(value))}
    >
      <option value="all">all annotators</option>
      {annotators.map((a) => (
        <option key={a} value={`annotator:${a}`}>
          {annotatorText(a)}
        </option>
      ))}
      <option value="gold">gold</option>
    </LabelledSelect>
  );
}
