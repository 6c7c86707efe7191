import { useApp } from '../state/context';
import { VIEWS } from './views';

export function ViewSwitch() {
  const view = useApp((s) => s.view);
  const setView = useApp((s) => s.setView);
  return (
    <fieldset className="view-switch" aria-label="View">
      {VIEWS.map(({ id, title }) => (
        <button
          key={id}
          type="button"
          aria-pressed={view === id}
          className={view === id ? 'on' : undefined}
          data-testid={`view-${id}`}
          onClick={() => setView(id)}
        >
          {title}
        </button>
      ))}
    </fieldset>
  );
}
