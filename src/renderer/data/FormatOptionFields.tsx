// A format's own options as fields, drawn from the option specs its module declares in the registry: a
// select for a choice, a checkbox for a yes/no, a text field for the rest. `prefix` names the test ids.
import type { OptionSpec } from '../../core/formats/types';

/** The fields of the given option specs; a field mapping has a step of its own and is left out. */
export function FormatOptionFields({
  specs,
  values,
  prefix,
  onChange,
}: {
  specs: readonly OptionSpec[];
  values: Record<string, string | boolean>;
  prefix: string;
  /** The options with one field changed. */
  onChange(values: Record<string, string | boolean>): void;
}) {
  const set = (key: string, value: string | boolean) => onChange({ ...values, [key]: value });
  return (
    <>
      {specs
        .filter((s) => s.kind !== 'mapping')
        .map((spec) => {
          const id = `${prefix}-${spec.flag}`;
          const value = values[spec.key];
          if (spec.kind === 'boolean')
            return (
              <label key={spec.key} className="im-check" title={spec.help}>
                <input
                  type="checkbox"
                  data-testid={id}
                  checked={value === true}
                  onChange={(e) => set(spec.key, e.target.checked)}
                />
                {spec.label}
              </label>
            );
          if (spec.kind === 'choice')
            return (
              <label key={spec.key} className="im-field" title={spec.help}>
                <span>{spec.label}</span>
                <select
                  data-testid={id}
                  value={typeof value === 'string' ? value : String(spec.default ?? '')}
                  onChange={(e) => set(spec.key, e.target.value)}
                >
                  {(spec.choices ?? []).map((c) => (
                    <option key={c.value} value={c.value}>
                      {c.label}
                    </option>
                  ))}
                </select>
              </label>
            );
          return (
            <label key={spec.key} className={`im-field${spec.kind === 'path' ? ' im-grow' : ''}`} title={spec.help}>
              <span>{spec.label}</span>
              <input
                data-testid={id}
                spellCheck={false}
                placeholder={spec.placeholder ?? (spec.default !== undefined ? String(spec.default) : '')}
                value={typeof value === 'string' ? value : ''}
                onChange={(e) => set(spec.key, e.target.value)}
              />
            </label>
          );
        })}
    </>
  );
}
