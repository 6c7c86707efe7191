// A select over a list of choices, typed by its values, and the same inside its label.
import type { ReactNode, SelectHTMLAttributes } from 'react';

export type Choice<T extends string = string> = T | { value: T; text: string; title?: string };

type SelectProps<T extends string> = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> & {
  value: T;
  onChange(value: T): void;
  /** Shown after any `children` (options such as "any" or "none"). */
  choices?: readonly Choice<T>[];
};

/** The <option>s of a list of choices (inside a Select, or an <optgroup> of one). */
export function Options<T extends string>({ choices }: { choices: readonly Choice<T>[] }) {
  return choices.map((c) =>
    typeof c === 'string' ? (
      <option key={c} value={c}>
        {c}
      </option>
    ) : (
      <option key={c.value} value={c.value} title={c.title}>
        {c.text}
      </option>
    ),
  );
}

export function Select<T extends string>({ value, onChange, choices = [], children, ...rest }: SelectProps<T>) {
  return (
    <select {...rest} value={value} onChange={(e) => onChange(e.target.value as T)}>
      {children}
      <Options choices={choices} />
    </select>
  );
}

/** `inline`: the caption runs into the select ("Figure [κ]") instead of standing above it. */
export function LabelledSelect<T extends string>({
  label,
  className,
  inline = false,
  ...select
}: SelectProps<T> & { label: ReactNode; inline?: boolean }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is the <select> that Select renders
    <label className={className}>
      {inline ? <>{label} </> : <span>{label}</span>}
      <Select {...select} />
    </label>
  );
}
