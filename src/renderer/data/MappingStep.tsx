// Step 3 for a CSV or JSON of documents: which column (or key) holds the id, text, title, outlet, date and url. Starts from
// the backend's guess, every change is sent with the next preview.
import type { FieldMapping } from '../../core/formats/types';
import { LabelledSelect } from '../ui/Select';

/** The fields a CSV of documents can fill, in the order shown. */
export const MAPPING_FIELDS: (keyof FieldMapping)[] = ['id', 'text', 'title', 'outlet', 'date', 'url'];

/** One select per field over the CSV's headers ("none" leaves the field empty). */
export function MappingStep({
  headers,
  mapping,
  disabled,
  onChange,
}: {
  headers: string[];
  mapping: FieldMapping;
  disabled: boolean;
  onChange(field: keyof FieldMapping, column: string): void;
}) {
  return (
    <fieldset className="im-step" disabled={disabled} data-testid="im-mapping">
      <legend>
        <span className="im-num">3</span> Field mapping
      </legend>
      <p className="muted">
        Guessed from the header line; change any field and the preview follows. Rows without an id get “file-row”.
      </p>
      <div className="im-row">
        {MAPPING_FIELDS.map((f) => (
          <LabelledSelect
            key={f}
            className="im-field"
            label={f}
            data-testid={`im-map-${f}`}
            value={mapping[f] ?? ''}
            onChange={(column) => onChange(f, column)}
            choices={headers}
          >
            <option value="">— none —</option>
          </LabelledSelect>
        ))}
      </div>
    </fieldset>
  );
}
