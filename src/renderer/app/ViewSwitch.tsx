// The view switch in the top bar: Annotate | Agreement | Adjudicate | Outlets | Import & export.
/** The screens of the app. */
export const VIEWS = [
  ['annotate', 'Annotate'],
  ['agreement', 'Agreement'],
  ['adjudicate', 'Adjudicate'],
  ['outlets', 'Outlets'],
  ['data', 'Import & export'],
] as const;
/** One screen's key. */
export type View = (typeof VIEWS)[number][0];

/** One row of toggle buttons; the current view is pressed. */
export function ViewSwitch({ view, onChange }: { view: View; onChange(view: View): void }) {
  return (
    <fieldset className="view-switch" aria-label="View">
      {VIEWS.map(([v, label]) => (
        <button
          key={v}
          type="button"
          aria-pressed={view === v}
          className={view === v ? 'on' : undefined}
          data-testid={`view-${v}`}
          onClick={() => onChange(v)}
        >
          {label}
        </button>
      ))}
    </fieldset>
  );
}
