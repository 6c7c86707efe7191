// The selected span: its label (changeable), its text, its edges (movable), its note, and delete.
import { useEffect, useState } from 'react';
import type { Relation, Span } from '../../core/model';
import { spanText } from '../../core/text';
import { useApp, useAppDerived } from '../state/context';
import { indexOfSpan } from '../state/spans';
import { mapFor } from '../state/textMap';
import { Select } from '../ui/Select';
import { useSpanAdjust } from './useSpanAdjust';

/** A draft saved on blur or Ctrl+Enter, so typing a note is not one edit per key. */
function NoteField({ note, onSave }: { note: string; onSave(note: string): void }) {
  const [draft, setDraft] = useState(note);
  useEffect(() => setDraft(note), [note]);
  return (
    <label className="note-field">
      <span className="muted small-text">
        Note <kbd>E</kbd>
      </span>
      <textarea
        data-testid="span-note"
        rows={2}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => draft !== note && onSave(draft)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            onSave(draft);
            (e.target as HTMLTextAreaElement).blur();
          } else if (e.key === 'Escape') {
            setDraft(note);
            (e.target as HTMLTextAreaElement).blur();
          }
        }}
      />
    </label>
  );
}

interface Selected {
  span: Span | undefined;
  /** How many relations have the span as an end. */
  linked: number;
}

function selectedOf(spans: readonly Span[] | undefined, selected: string | null, relations?: readonly Relation[]) {
  const span = spans?.[indexOfSpan(spans, selected)];
  const id = span?.id;
  const linked = id === undefined ? 0 : (relations ?? []).filter((r) => r.from === id || r.to === id).length;
  return { span, linked };
}

export function SpanEditor() {
  const selected = useApp((s) => s.selectedSpan);
  // An edit of another span leaves this one's object as it was: the panel does not render again.
  const { span, linked } = useAppDerived(
    (s) => [s.record?.spans, s.selectedSpan, s.record?.relations] as const,
    selectedOf,
    (a: Selected, b: Selected) => a.span === b.span && a.linked === b.linked,
  );
  const text = useApp((s) => s.doc?.text);
  const labels = useApp((s) => s.project?.codebook.spanLabels);
  const remove = useApp((s) => s.removeSpan);
  const update = useApp((s) => s.updateSpan);
  const startRelation = useApp((s) => s.startRelation);
  const adjust = useSpanAdjust();
  if (!selected || !span || text === undefined) return null;
  let excerpt = '';
  try {
    excerpt = spanText(text, span, mapFor(text));
  } catch {
    excerpt = '(outside the text)';
  }
  const known = labels?.some((l) => l.name === span.label);
  return (
    <section className="panel-section selected-span" data-testid="selected-span">
      <h2>Selected span</h2>
      <div className="field">
        <Select
          data-testid="span-label"
          aria-label="Label of the selected span"
          value={span.label}
          onChange={(label) => update(selected, { ...span, label })}
          choices={labels?.map((l) => l.name)}
        >
          {!known && <option value={span.label}>{span.label} (not in codebook)</option>}
        </Select>
        <span className="muted mono" data-testid="span-offsets">{`${span.start}–${span.end}`}</span>
      </div>
      <blockquote dir="auto">{excerpt.length > 240 ? `${excerpt.slice(0, 240)}…` : excerpt}</blockquote>
      <div className="edges">
        <span className="muted small-text">Start</span>
        <button type="button" className="small" title="Alt+←" onClick={() => adjust('start', -1)}>
          ◀
        </button>
        <button type="button" className="small" title="Alt+→" onClick={() => adjust('start', 1)}>
          ▶
        </button>
        <span className="muted small-text">End</span>
        <button type="button" className="small" title="Shift+←" onClick={() => adjust('end', -1)}>
          ◀
        </button>
        <button type="button" className="small" title="Shift+→" onClick={() => adjust('end', 1)}>
          ▶
        </button>
      </div>
      <NoteField note={span.note ?? ''} onSave={(note) => update(selected, { ...span, note })} />
      <div className="span-actions">
        <button type="button" className="small" data-testid="relate-span" onClick={() => startRelation()}>
          Link to another span <kbd>R</kbd>
        </button>
        <button type="button" className="danger small" data-testid="delete-span" onClick={() => remove(selected)}>
          Delete span <kbd>Del</kbd>
          {linked > 0 && ` (and its ${linked} relation${linked === 1 ? '' : 's'})`}
        </button>
      </div>
    </section>
  );
}
