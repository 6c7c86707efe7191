// The open document's relations in the side panel: each with its two ends in words, a jump to it (which
// selects its source span) and a remove. A long list shows its first rows until asked for all, so a document
// with a thousand relations opens as fast as without. While a relation is being made, a hint floating over the
// workspace says what to do next.
import { memo, useCallback, useMemo, useState } from 'react';
import type { Relation, Span } from '../../core/model';
import { spansNamedBy } from '../../core/relations';
import { useApp, useAppDerived, useAppStore } from '../state/context';
import { indexOfSpan, spanIdentity } from '../state/spans';
import { mapFor, quote } from '../state/textMap';
import { useReaderHandle } from './reader/ReaderRef';

const FIRST_ROWS = 100;

interface Row {
  relation: Relation;
  from: Span;
  to: Span;
}

interface Rows {
  /** How many relations the record holds, null without a record. */
  total: number | null;
  /** The rows shown (both ends found), in the record's order. */
  rows: Row[];
}

/** The rows shown, each with its two spans; only the spans relations name are looked up. */
function rowsOf(spans: readonly Span[] | undefined, relations: readonly Relation[] | undefined, all: boolean): Rows {
  if (!spans || !relations) return { total: null, rows: [] };
  const shown = all ? relations : relations.slice(0, FIRST_ROWS);
  const byId = spansNamedBy(spans, shown);
  const rows: Row[] = [];
  for (const relation of shown) {
    const from = byId.get(relation.from);
    const to = byId.get(relation.to);
    if (from && to) rows.push({ relation, from, to });
  }
  return { total: relations.length, rows };
}

const sameRows = (a: Rows, b: Rows) =>
  a.total === b.total &&
  a.rows.length === b.rows.length &&
  a.rows.every((r, i) => r.relation === b.rows[i].relation && r.from === b.rows[i].from && r.to === b.rows[i].to);

export function RelationList() {
  const [all, setAll] = useState(false);
  const store = useAppStore();
  const handle = useReaderHandle();
  // A span edit that touches no relation's end leaves the rows as they were: the list does not render again.
  const { total, rows } = useAppDerived(
    (s) => [s.record?.spans, s.record?.relations] as const,
    (spans, relations) => rowsOf(spans, relations, all),
    sameRows,
    [all],
  );
  const text = useApp((s) => s.doc?.text);
  // Only an empty list says anything about a relation being made (its first-step line gives way to the hint).
  const relatingFirst = useApp((s) => s.relating !== null && !s.record?.relations.length);
  const types = useApp((s) => s.project?.codebook.relationTypes);
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
  if (total === null || text === undefined) return null;
  if (!types?.length && total === 0) return null;
  return (
    <section className="panel-section relation-list" data-testid="relation-list">
      <h2>Relations ({total})</h2>
      {total === 0 && !relatingFirst && (
        <p className="muted small-text">Select a span and press R to link it to another.</p>
      )}
      <ul>
        {rows.map(({ relation: r, from, to }) => {
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
      {!all && total > FIRST_ROWS && (
        <button type="button" className="small" data-testid="relation-list-all" onClick={() => setAll(true)}>
          Show all {total} relations
        </button>
      )}
    </section>
  );
}

/**
 * What to do next while a relation is being made, the only part of the relations' UI that follows R and Tab. It
 * floats above the toast, so its coming, going and growing move nothing in the side panel (each step repainted
 * the panel below the hint when it sat at the top of the list).
 */
export function RelatingHint() {
  const hint = useAppDerived(
    (s) => [s.relating, s.record?.spans, s.doc?.text] as const,
    (relating, spans, text) => {
      if (!relating || !spans) return null;
      return relating.target === null
        ? 'Linking: Tab picks a span on screen (or click one), Enter confirms, Esc cancels.'
        : `Target: ${targetWords(spans, relating.target, text ?? '')}. Enter, then the type (1–9); Tab for another.`;
    },
    (a, b) => a === b,
  );
  if (hint === null) return null;
  return (
    <p className="relating-hint small-text" data-testid="relating-hint" role="status">
      {hint}
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
