// Ctrl+Shift+F: search every document, review the hits with their context, tick the ones to keep, and
// label them all at once (one undoable edit per document).
import { useState } from 'react';
import type { MemoHit, SearchHit } from '../../core/api';
import { useApi, useApp, useAppStore } from '../state/context';
import { errorText } from '../ui/errors';
import { Form } from '../ui/Form';
import { OverlayPanel } from '../ui/OverlayPanel';
import { Select } from '../ui/Select';
import { useLatest } from '../ui/useLatest';

const hitKey = (h: SearchHit) => `${h.document}:${h.start}:${h.end}`;

function memoPlace(t: MemoHit['memo']['target']): string {
  if (t.kind === 'project') return 'the project';
  if (t.kind === 'label') return `label ${t.label}`;
  if (t.kind === 'group') return `group ${t.group}`;
  if (t.kind === 'document') return t.document;
  return `${t.document} ${t.start}–${t.end}`;
}

export function CorpusSearch() {
  const store = useAppStore();
  const api = useApi();
  const open = useApp((s) => s.overlay?.kind === 'corpus');
  const labels = useApp((s) => s.project?.codebook.spanLabels);
  const viewer = useApp((s) => s.annotator);
  const [query, setQuery] = useState('');
  const [whole, setWhole] = useState(true);
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [memoHits, setMemoHits] = useState<MemoHit[]>([]);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [label, setLabel] = useState('');
  const [status, setStatus] = useState('');
  // The hits shown are those of the newest search: "Label all" labels what is listed.
  const latest = useLatest();
  if (!open) return null;
  const search = async () => {
    if (!query.trim()) return;
    const newest = latest();
    setStatus('Searching…');
    try {
      const [found, inMemos] = await Promise.all([
        api.searchCorpus(query.trim(), whole),
        api.searchMemos(query.trim(), viewer || undefined),
      ]);
      if (!newest()) return;
      setHits(found);
      setMemoHits(inMemos);
      setChosen(new Set(found.map(hitKey)));
      setStatus(
        `${found.length} match(es) in ${new Set(found.map((h) => h.document)).size} document(s)` +
          (inMemos.length ? `; ${inMemos.length} in memos` : ''),
      );
    } catch (err) {
      if (newest()) setStatus(`Search failed: ${errorText(err)}`);
    }
  };
  const apply = async () => {
    const name = label || labels?.[0]?.name;
    if (!name) return;
    const n = await store.getState().labelHits(
      hits.filter((h) => chosen.has(hitKey(h))),
      name,
    );
    setStatus(`Labelled ${n} match(es) as ${name}.`);
  };
  const toggle = (k: string) =>
    setChosen((c) => {
      const next = new Set(c);
      if (next.has(k)) next.delete(k);
      else next.add(k);
      return next;
    });
  return (
    <OverlayPanel
      className="popup-wide corpus-search"
      testId="corpus-search"
      label="Search the corpus"
      onClose={() => store.getState().setOverlay(null)}
    >
      <Form className="cs-form" onSubmit={search}>
        <input
          // biome-ignore lint/a11y/noAutofocus: the dialog opens to be typed into
          autoFocus
          data-testid="corpus-query"
          aria-label="Phrase"
          placeholder="Phrase to find in every document"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <label className="choice">
          <input type="checkbox" checked={whole} onChange={(e) => setWhole(e.target.checked)} /> whole words
        </label>
        <button type="submit" data-testid="corpus-search-go">
          Search
        </button>
      </Form>
      <div className="muted small-text" data-testid="corpus-status">
        {status}
      </div>
      <ul className="cs-hits">
        {hits.map((h) => {
          const k = hitKey(h);
          return (
            <li key={k}>
              <label className="cs-hit" data-testid="corpus-hit">
                <input type="checkbox" checked={chosen.has(k)} onChange={() => toggle(k)} />
                <span className="mono muted">{h.document}</span>
                <HitContext context={h.context} />
              </label>
            </li>
          );
        })}
      </ul>
      {memoHits.length > 0 && (
        <ul className="cs-hits" aria-label="Memos">
          {memoHits.map((h) => (
            <li key={`${h.memo.annotator}:${h.memo.id}:${h.where}`} className="cs-hit" data-testid="corpus-memo-hit">
              <span className="mono muted">
                memo · {h.memo.annotator} · {memoPlace(h.memo.target)}
              </span>
              <HitContext context={h.context} />
            </li>
          ))}
        </ul>
      )}
      {hits.length > 0 && (
        <div className="cb-actions">
          <Select
            aria-label="Label to apply"
            data-testid="corpus-label"
            value={label || labels?.[0]?.name || ''}
            onChange={setLabel}
            choices={labels?.map((l) => l.name)}
          />
          <button type="button" data-testid="corpus-apply" disabled={chosen.size === 0} onClick={() => void apply()}>
            Label {chosen.size} chosen
          </button>
        </div>
      )}
    </OverlayPanel>
  );
}

/** The words around a match, the match marked. */
function HitContext({ context }: { context: { before: string; match: string; after: string } }) {
  return (
    <span dir="auto" className="cs-context">
      …{context.before}
      <mark>{context.match}</mark>
      {context.after}…
    </span>
  );
}
