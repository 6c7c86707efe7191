// A format's own options as fields, drawn from the option specs its module declares in the registry: a
// select for a choice, a checkbox for a yes/no, a text field for the rest. `prefix` names the test ids.
import type { OptionSpec } from '../../core/formats/types';

/** The fields of the given option specs; a field mapping has a step of its own and is left out. */
type OptionValues = Record<string, string | boolean>;

export function FormatOptionFields({
  specs,
  form,
  prefix,
  onChange,
}: {
  specs: readonly OptionSpec[];
  /** The import or export form whose `formatOptions` these fields show. */
  form: { formatOptions: OptionValues };
  prefix: string;
  /** The form's options with one field changed. */
  onChange(patch: { formatOptions: OptionValues }): void;
}) {
  const values = form.formatOptions;
  const set = (key: string, value: string | boolean) => onChange({ formatOptions: { ...values, [key]: value } });
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
