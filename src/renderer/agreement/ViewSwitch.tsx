// The "Annotate | Agreement" switch in the top bar.
/** Why: the two screens of the app. */
export type View = 'annotate' | 'agreement';

/** Why: one pair of toggle buttons; the current view is pressed. */
export function ViewSwitch({ view, onChange }: { view: View; onChange(view: View): void }) {
  return (
    <fieldset className="view-switch" aria-label="View">
      {(['annotate', 'agreement'] as const).map((v) => (
        <button
          key={v}
          type="button"
          aria-pressed={view === v}
          className={view === v ? 'on' : undefined}
          data-testid={`view-${v}`}
          onClick={() => onChange(v)}
        >
          {v === 'annotate' ? 'Annotate' : 'Agreement'}
        </button>
      ))}
    </fieldset>
  );
}
