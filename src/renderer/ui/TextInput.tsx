// A text input that hands its owner the new value, as Select does.
import type { InputHTMLAttributes } from 'react';

type TextInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> & {
  value: string;
  onChange(value: string): void;
};

export function TextInput({ onChange, ...rest }: TextInputProps) {
  return <input {...rest} onChange={(e) => onChange(e.currentTarget.value)} />;
}
