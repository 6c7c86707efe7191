// The open document's relations in the side panel: each with its two ends in words, a jump to it (which
// selects its source span) and a remove. While a relation is being made it says what to do next. A long list
// shows its first rows until asked for all, so a document with a thousand relations opens as fast as without.
import { useState } from 'react';
import type { Span } from '../../core/model';
import { useApp, useAppStore } from '../state/context';
import { indexOfSpan, spanIdentity } from '../state/spans';
import { mapFor, quote } from '../state/textMap';
import { useReaderHandle } from './reader/ReaderRef';

const FIRST_ROWS = 100;

export function RelationList() {
  const [all, setAll] = useState(false);
  const store = useAppStore();
  const handle = useReaderHandle();
  const record = useApp((s) => s.record);
  const text = useApp((s) => s.doc?.text);
  const relating = useApp((s) => s.relating);
  const types = useApp((s) => s.project?.codebook.relationTypes);
  if (!record || text === undefined) return null;
  if (!types?.length && record.relations.length === 0) return null;
  const byId = new Map(record.spans.flatMap((s) => (s.id === undefined ? [] : [[s.id, s] as const])));
  const colour = new Map((types ?? []).map((t) => [t.name, t.color]));
  const jump = (span: Span) => {
    const map = mapFor(text);
    void handle.reveal(map.toUtf16(span.start), map.toUtf16(span.end)).then(() => {
      store.getState().selectSpan(spanIdentity(span));
    });
  };
  return (
    <section className="panel-section relation-list" data-testid="relation-list">
      <h2>Relations ({record.relations.length})</h2>
      {relating && (
        <p className="strip small-text" data-testid="relating-hint" role="status">
          {relating.target === null
            ? 'Linking: Tab picks a span on screen (or click one), Enter confirms, Esc cancels.'
            : `Target: ${targetWords(record.spans, relating.target, text)}. Enter, then the type (1–9); Tab for another.`}
        </p>
      )}
      {record.relations.length === 0 && !relating && (
        <p className="muted small-text">Select a span and press R to link it to another.</p>
      )}
      <ul>
        {(all ? record.relations : record.relations.slice(0, FIRST_ROWS)).map((r) => {
          const from = byId.get(r.from);
          const to = byId.get(r.to);
          if (!from || !to) return null;
          return (
            <li key={`${r.from}>${r.to}>${r.type}`} data-testid="relation-row">
              <button type="button" className="link" title="Show it" onClick={() => jump(from)}>
                {quote(text, from)}
              </button>{' '}
              <span className="rel-type" style={{ borderColor: colour.get(r.type) ?? '#555' }}>
                {r.type}
              </span>{' '}
              <button type="button" className="link" title="Show it" onClick={() => jump(to)}>
                {quote(text, to)}
              </button>
              <button
                type="button"
                className="small danger"
                aria-label={`Remove the relation ${r.type}`}
                data-testid="remove-relation"
                onClick={() => store.getState().removeRelation(r)}
              >
                ×
              </button>
            </li>
          );
        })}
      </ul>
      {!all && record.relations.length > FIRST_ROWS && (
        <button type="button" className="small" data-testid="relation-list-all" onClick={() => setAll(true)}>
          Show all {record.relations.length} relations
        </button>
      )}
    </section>
  );
}

function targetWords(spans: Span[], identity: string, text: string): string {
  const span = spans[indexOfSpan(spans, identity)];
  return span ? `${quote(text, span)} (${span.label})` : '(gone)';
}
