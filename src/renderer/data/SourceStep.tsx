// Step 1 of the import wizard: the files or folders (dropped, picked, or typed inside the allowed folders), the
// format (guessed from the extensions unless chosen), and the options that format understands.
import { IMPORT_FORMAT_NAMES } from '../../core/formats/registry';
import { FilePickers } from './FilePickers';
import { FormatOptionFields } from './FormatOptionFields';
import { FormatSelect } from './FormatSelect';
import { carriesAnnotations, guessFormat, type ImportForm, importFormat, parsePaths } from './importOptions';

/** Encodings offered for the override (any name iconv-lite knows can be typed). */
const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1256', 'windows-1252', 'iso-8859-1', 'iso-8859-6'];

/** The format the wizard will use, and a line saying how it was chosen (or why it cannot be). */
export function effectiveFormat(form: ImportForm): { format: string | null; note: string } {
  if (form.format) return { format: form.format, note: '' };
  const g = guessFormat(parsePaths(form.pathsText));
  if ('problem' in g) return { format: null, note: g.problem };
  return { format: g.format, note: `guessed: ${g.format}` };
}

/** The first step's fields; every change goes through `onChange` with the whole patch. */
export function SourceStep({
  form,
  disabled,
  onChange,
}: {
  form: ImportForm;
  disabled: boolean;
  onChange(patch: Partial<ImportForm>): void;
}) {
  const { format, note } = effectiveFormat(form);
  const info = format ? importFormat(format) : null;
  return (
    <fieldset className="im-step" disabled={disabled}>
      <legend>
        <span className="im-num">1</span> Files
      </legend>
      <div className="im-field im-wide">
        {form.origin ? (
          <p data-testid="im-chosen">
            Chosen: <strong>{form.origin.summary}</strong> ({parsePaths(form.pathsText).join(', ')})
          </p>
        ) : (
          <p className="muted">Drop files or folders anywhere on the window, or choose them.</p>
        )}
        <FilePickers disabled={disabled} />
      </div>
      <details className="im-field im-wide">
        <summary>Type paths (advanced)</summary>
        <label className="im-field">
          <span>
            Files or folders, one per line, on the machine running Frame Lens (inside the project or the folders allowed
            with framelens serve --allow)
          </span>
          <textarea
            data-testid="im-paths"
            rows={3}
            spellCheck={false}
            placeholder={'/home/me/scraped/articles\n/home/me/more/article-17.html'}
            value={form.origin ? '' : form.pathsText}
            onChange={(e) => onChange({ pathsText: e.target.value, origin: undefined })}
          />
        </label>
      </details>
      <div className="im-row">
        <FormatSelect testId="im-format" format={form.format} choices={IMPORT_FORMAT_NAMES} onChange={onChange}>
          <option value="">guess from extension</option>
        </FormatSelect>
        {note && (
          <span className="im-note" data-testid="im-format-note">
            {note}
          </span>
        )}
        <label className="im-field">
          <span>Encoding</span>
          <input
            data-testid="im-encoding"
            list="im-encodings"
            placeholder="detect"
            value={form.encoding}
            onChange={(e) => onChange({ encoding: e.target.value })}
          />
          <datalist id="im-encodings">
            {ENCODINGS.map((e) => (
              <option key={e} value={e} />
            ))}
          </datalist>
        </label>
        {format && carriesAnnotations(format) && (
          <label className="im-field">
            <span>Annotator (for records that name none)</span>
            <input
              data-testid="im-annotator"
              value={form.annotator}
              placeholder="none"
              onChange={(e) => onChange({ annotator: e.target.value })}
            />
          </label>
        )}
        {info?.offsets === 'option' && (
          <label className="im-field">
            <span>Offsets in the files</span>
            <select
              data-testid="im-offsets"
              value={form.offsets}
              onChange={(e) => onChange({ offsets: e.target.value as ImportForm['offsets'] })}
            >
              <option value="codepoint">code points</option>
              <option value="utf16">UTF-16 units</option>
            </select>
          </label>
        )}
        {info && <FormatOptionFields specs={info.importOptions} form={form} prefix="im" onChange={onChange} />}
      </div>
      <div className="im-row">
        <label className="im-check">
          <input
            type="checkbox"
            data-testid="im-keep-duplicates"
            checked={form.keepDuplicates}
            onChange={(e) => onChange({ keepDuplicates: e.target.checked })}
          />
          import articles whose text equals another too (skipped by default)
        </label>
        {info?.cleanup && (
          <label className="im-check" title="remove a byte order mark, make line ends LF, apply Unicode NFC">
            <input
              type="checkbox"
              data-testid="im-normalize"
              checked={form.normalize}
              onChange={(e) => onChange({ normalize: e.target.checked })}
            />
            normalize the text (BOM, line ends, NFC; reported)
          </label>
        )}
      </div>
      {info && info.loses.length > 0 && (
        <p className="im-loses" data-testid="im-loses">
          {format} cannot carry: {info.loses.join(', ')}
        </p>
      )}
    </fieldset>
  );
}
