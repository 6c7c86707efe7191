// Document-level labels: single-choice groups as radios (with "none"), multiple-choice as checkboxes.
import type { DocLabelGroup, DocLabelValue } from '../../core/model';
import { useApp } from '../state/context';

const NO_GROUPS: DocLabelGroup[] = [];

function Group({
  group,
  value,
  disabled,
  onChange,
}: {
  group: DocLabelGroup;
  value: DocLabelValue | undefined;
  disabled: boolean;
  onChange(value: DocLabelValue | null): void;
}) {
  const name = `doclabel-${group.name}`;
  const chosen = Array.isArray(value) ? value : value !== undefined ? [value] : [];
  return (
    <fieldset className="doc-group" data-testid="doc-label-group" data-group={group.name} disabled={disabled}>
      <legend title={group.description}>
        {group.name}
        <span className="muted small-text">{group.kind === 'single' ? ' · one' : ' · any'}</span>
      </legend>
      {group.options.map((opt) =>
        group.kind === 'single' ? (
          <label key={opt} className="choice">
            <input type="radio" name={name} checked={value === opt} onChange={() => onChange(opt)} />
            {opt}
          </label>
        ) : (
          <label key={opt} className="choice">
            <input
              type="checkbox"
              checked={chosen.includes(opt)}
              onChange={(e) =>
                onChange(
                  e.target.checked
                    ? group.options.filter((o) => o === opt || chosen.includes(o))
                    : chosen.filter((o) => o !== opt),
                )
              }
            />
            {opt}
          </label>
        ),
      )}
      {group.kind === 'single' && (
        <label className="choice muted">
          <input type="radio" name={name} checked={value === undefined} onChange={() => onChange(null)} />
          none
        </label>
      )}
      {chosen
        .filter((v) => !group.options.includes(v))
        .map((v) => (
          <div key={v} className="muted small-text">
            also recorded: {v} (not in the codebook)
          </div>
        ))}
    </fieldset>
  );
}

export function DocLabelGroups() {
  const groups = useApp((s) => s.project?.codebook.docLabels ?? NO_GROUPS);
  const docLabels = useApp((s) => s.record?.docLabels);
  const disabled = useApp((s) => !s.record || !s.annotator);
  const setDocLabel = useApp((s) => s.setDocLabel);
  if (groups.length === 0) return null;
  return (
    <section className="panel-section">
      <h2>Document labels</h2>
      {groups.map((g) => (
        <Group
          key={g.name}
          group={g}
          value={docLabels?.[g.name]}
          disabled={disabled}
          onChange={(v) => setDocLabel(g.name, v)}
        />
      ))}
    </section>
  );
}
