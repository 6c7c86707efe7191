// The format choice of the import wizard and the export panel. Choosing another format drops the options
// set for the one before, since each format has options of its own.
import type { ReactNode } from 'react';
import { type Choice, LabelledSelect } from '../ui/Select';

export function FormatSelect(props: {
  testId: string;
  format: string;
  choices: readonly Choice[];
  onChange(change: { format: string; formatOptions: Record<string, never> }): void;
  /** Options before the formats (such as "guess from extension"). */
  children?: ReactNode;
}) {
  const { testId, format, choices, onChange, children } = props;
  return (
    <LabelledSelect
      className="im-field"
      label="Format"
      data-testid={testId}
      value={format}
      choices={choices}
      onChange={(next) => onChange({ format: next, formatOptions: {} })}
    >
      {children}
    </LabelledSelect>
  );
}
