// The type of the relation being made: 1–9 pick the first nine types, typing filters, ↑↓ and Enter choose.
// Types whose allowed labels do not fit the two spans are listed with the reason and refused if chosen.
import { useMemo } from 'react';
import type { RelationType, Span } from '../../core/model';
import { fitProblem, relationTypesOf } from '../../core/relations';
import { useApp, useAppStore } from '../state/context';
import { indexOfSpan } from '../state/spans';
import { quote } from '../state/textMap';
import { useQueryCursor } from '../ui/useQueryCursor';

export function filterTypes(types: RelationType[], query: string): RelationType[] {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return types;
  return types.filter((t) => words.every((w) => `${t.name} ${t.description ?? ''}`.toLocaleLowerCase().includes(w)));
}

export function RelationTypePicker() {
  const store = useAppStore();
  const open = useApp((s) => s.overlay?.kind === 'relation-type');
  const relating = useApp((s) => (s.overlay?.kind === 'relation-type' ? s.relating : null));
  // The spans only while the picker is open, so an edit renders no closed picker.
  const spans = useApp((s) => (s.overlay?.kind === 'relation-type' ? s.record?.spans : undefined));
  const text = useApp((s) => s.doc?.text ?? '');
  const codebook = useApp((s) => s.project?.codebook);
  const { query, setQuery, at: active, setAt: setActive } = useQueryCursor();
  const types = useMemo(() => relationTypesOf(codebook), [codebook]);
  const shown = useMemo(() => filterTypes(types, query), [types, query]);
  if (!open || !relating || !spans) return null;
  const from = spans[indexOfSpan(spans, relating.from)] as Span | undefined;
  const to = relating.target ? (spans[indexOfSpan(spans, relating.target)] as Span | undefined) : undefined;
  if (!from || !to) return null;

  const close = (cancel: boolean) => {
    setQuery('');
    const s = store.getState();
    if (cancel) s.cancelRelation();
    else s.setOverlay(null);
  };
  const choose = (type: RelationType | undefined) => {
    if (!type) return;
    const ok = store.getState().addRelation(type.name);
    setQuery('');
    // A refusal keeps the picker open with the reason shown, so another type can be chosen.
    if (ok) store.getState().setOverlay(null);
  };
  return (
    <div className="popup relation-picker" data-testid="relation-picker" role="dialog" aria-label="Relation type">
      <div className="relation-picker-ends small-text">
        {quote(text, from)} <span className="muted">({from.label})</span> → {quote(text, to)}{' '}
        <span className="muted">({to.label})</span>
      </div>
      <input
        // biome-ignore lint/a11y/noAutofocus: the picker exists to be typed into
        autoFocus
        data-testid="relation-picker-input"
        placeholder="Relation type: 1–9 or type to filter"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (query === '' && /^[1-9]$/.test(e.key)) choose(types[Number(e.key) - 1]);
          else if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, shown.length - 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else if (e.key === 'Enter') choose(shown[active]);
          else if (e.key === 'Escape') close(true);
          else return;
          e.preventDefault();
          e.stopPropagation();
        }}
      />
      <ul className="popup-list">
        {shown.map((t, i) => {
          const misfit = fitProblem(t, from, to);
          const digit = types.indexOf(t) + 1;
          return (
            <li key={t.name}>
              <button
                type="button"
                className={['popup-item', i === active ? 'active' : '', misfit ? 'misfit' : ''].join(' ')}
                data-testid="relation-type-item"
                title={misfit ?? t.description}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(t)}
              >
                <span className="swatch" style={{ backgroundColor: t.color }} />
                {digit <= 9 && <kbd>{digit}</kbd>}
                <span className="label-name">{t.name}</span>
                {t.symmetric && <span className="label-group">both ways</span>}
                {misfit && <span className="label-group">does not fit</span>}
              </button>
            </li>
          );
        })}
        {shown.length === 0 && <li className="muted small-text">No relation type matches “{query}”.</li>}
      </ul>
      <button type="button" className="small" onClick={() => close(true)}>
        Cancel <kbd>Esc</kbd>
      </button>
    </div>
  );
}
