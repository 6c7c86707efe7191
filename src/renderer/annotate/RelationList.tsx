// The open document's relations in the side panel: each with its two ends in words, a jump to it (which
// selects its source span) and a remove. While a relation is being made it says what to do next. A long list
// shows its first rows until asked for all, so a document with a thousand relations opens as fast as without.
import { memo, useCallback, useMemo, useState } from 'react';
import type { Relation, Span } from '../../core/model';
import { useApp, useAppStore } from '../state/context';
import { indexOfSpan, spanIdentity } from '../state/spans';
import { mapFor, quote } from '../state/textMap';
import { useReaderHandle } from './reader/ReaderRef';

const FIRST_ROWS = 100;

export function RelationList() {
  const [all, setAll] = useState(false);
  const store = useAppStore();
  const handle = useReaderHandle();
  const spans = useApp((s) => s.record?.spans);
  const relations = useApp((s) => s.record?.relations);
  const text = useApp((s) => s.doc?.text);
  const relating = useApp((s) => s.relating !== null);
  const types = useApp((s) => s.project?.codebook.relationTypes);
  const byId = useMemo(
    () => new Map((spans ?? []).flatMap((s) => (s.id === undefined ? [] : [[s.id, s] as const]))),
    [spans],
  );
  const colour = useMemo(() => new Map((types ?? []).map((t) => [t.name, t.color])), [types]);
  const jump = useCallback(
    (span: Span) => {
      const map = mapFor(store.getState().doc?.text ?? '');
      void handle.reveal(map.toUtf16(span.start), map.toUtf16(span.end)).then(() => {
        store.getState().selectSpan(spanIdentity(span));
      });
    },
    [store, handle],
  );
  const remove = useCallback((r: Relation) => store.getState().removeRelation(r), [store]);
  if (!spans || !relations || text === undefined) return null;
  if (!types?.length && relations.length === 0) return null;
  return (
    <section className="panel-section relation-list" data-testid="relation-list">
      <h2>Relations ({relations.length})</h2>
      <RelatingHint />
      {relations.length === 0 && !relating && (
        <p className="muted small-text">Select a span and press R to link it to another.</p>
      )}
      <ul>
        {(all ? relations : relations.slice(0, FIRST_ROWS)).map((r) => {
          const from = byId.get(r.from);
          const to = byId.get(r.to);
          if (!from || !to) return null;
          return (
            <RelationRow
              key={`${r.from}>${r.to}>${r.type}`}
              relation={r}
              from={from}
              to={to}
              text={text}
              colour={colour.get(r.type) ?? '#555'}
              onJump={jump}
              onRemove={remove}
            />
          );
        })}
      </ul>
      {!all && relations.length > FIRST_ROWS && (
        <button type="button" className="small" data-testid="relation-list-all" onClick={() => setAll(true)}>
          Show all {relations.length} relations
        </button>
      )}
    </section>
  );
}

/** What to do next while a relation is being made; the only part of the list that follows each key. */
function RelatingHint() {
  const relating = useApp((s) => s.relating);
  const spans = useApp((s) => s.record?.spans);
  const text = useApp((s) => s.doc?.text ?? '');
  if (!relating || !spans) return null;
  return (
    <p className="strip small-text" data-testid="relating-hint" role="status">
      {relating.target === null
        ? 'Linking: Tab picks a span on screen (or click one), Enter confirms, Esc cancels.'
        : `Target: ${targetWords(spans, relating.target, text)}. Enter, then the type (1–9); Tab for another.`}
    </p>
  );
}

interface RowProps {
  relation: Relation;
  from: Span;
  to: Span;
  text: string;
  colour: string;
  onJump(span: Span): void;
  onRemove(relation: Relation): void;
}

/** A relation added or removed re-renders its own row only. */
const RelationRow = memo(function RelationRow({ relation: r, from, to, text, colour, onJump, onRemove }: RowProps) {
  return (
    <li data-testid="relation-row">
      <button type="button" className="link" title="Show it" onClick={() => onJump(from)}>
        {quote(text, from)}
      </button>{' '}
      <span className="rel-type" style={{ borderColor: colour }}>
        {r.type}
      </span>{' '}
      <button type="button" className="link" title="Show it" onClick={() => onJump(to)}>
        {quote(text, to)}
      </button>
      <button
        type="button"
        className="small danger"
        aria-label={`Remove the relation ${r.type}`}
        data-testid="remove-relation"
        onClick={() => onRemove(r)}
      >
        ×
      </button>
    </li>
  );
});

function targetWords(spans: Span[], identity: string, text: string): string {
  const span = spans[indexOfSpan(spans, identity)];
  return span ? `${quote(text, span)} (${span.label})` : '(gone)';
}
