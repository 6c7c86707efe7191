// Every occurrence of a phrase (each of its grouped forms) in one outlet's documents, in context. The documents
// behind the phrase come from the outlet report a window at a time; each is searched for the phrase here.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FrameLensApi, SearchHit } from '../../core/api';
import { searchText } from '../../core/search';
import { useApi } from '../state/context';
import { errorText } from '../ui/errors';
import { FieldError } from '../ui/FieldError';
import { ContextLine } from './ContextLine';
import type { PhrasePick } from './PhraseColumns';

/** Documents fetched per window (each is read and searched). */
export const CONTEXT_DOCUMENTS = 25;

interface Window {
  hits: SearchHit[];
  titles: Map<string, string>;
  /** Rows of the longest variant's document list fetched so far, and its length. */
  loaded: number;
  total: number;
}

/** The next window of the phrase's documents (every variant's), each document's whole-word hits in reading order. */
async function nextWindow(
  api: FrameLensApi,
  job: string,
  table: 'labels' | 'relations',
  key: string,
  pick: PhrasePick,
  offset: number,
): Promise<Window> {
  const pages = await Promise.all(
    pick.group.variants.map((phrase) =>
      api.phraseDocuments(job, { table, key, outlet: pick.outlet, phrase, offset, limit: CONTEXT_DOCUMENTS }),
    ),
  );
  const ids = [...new Set(pages.flatMap((p) => p.rows))].sort();
  const docs = await Promise.all(ids.map((id) => api.getDocument(id)));
  const seen = new Set<string>();
  const hits: SearchHit[] = [];
  for (const d of docs)
    for (const v of pick.group.variants)
      for (const h of searchText(d.id, d.text, v, { wholeWords: true })) {
        const k = `${h.document}:${h.start}:${h.end}`;
        if (seen.has(k)) continue;
        seen.add(k);
        hits.push(h);
      }
  hits.sort((a, b) => (a.document < b.document ? -1 : a.document > b.document ? 1 : a.start - b.start));
  return {
    hits,
    titles: new Map(docs.map((d) => [d.id, d.meta.title || d.id])),
    loaded: offset + Math.max(0, ...pages.map((p) => p.rows.length)),
    total: Math.max(0, ...pages.map((p) => p.total)),
  };
}

export function PhraseContexts({
  pick,
  job,
  table = 'labels',
  label,
  onClose,
}: {
  pick: PhrasePick;
  /** The outlet report the phrase comes from. */
  job: string;
  table?: 'labels' | 'relations';
  label: string;
  onClose(): void;
}) {
  const api = useApi();
  const [shown, setShown] = useState<Window | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const gen = useRef(0);
  const load = useCallback(
    (offset: number, mine: () => boolean) => {
      setLoading(true);
      nextWindow(api, job, table, label, pick, offset).then(
        (w) => {
          if (!mine()) return;
          setLoading(false);
          setShown((old) =>
            offset === 0 || !old
              ? w
              : { ...w, hits: [...old.hits, ...w.hits], titles: new Map([...old.titles, ...w.titles]) },
          );
        },
        (err) => {
          if (!mine()) return;
          setLoading(false);
          setError(errorText(err));
        },
      );
    },
    [api, job, table, label, pick],
  );
  useEffect(() => {
    const mine = ++gen.current;
    setShown(null);
    setError(null);
    load(0, () => mine === gen.current);
    return () => {
      gen.current++;
    };
  }, [load]);
  const hits = shown?.hits ?? null;
  const titles = shown?.titles ?? new Map<string, string>();
  const more = () => {
    const mine = gen.current;
    if (shown && !loading) load(shown.loaded, () => mine === gen.current);
  };
  return (
    <section className="ol-contexts" data-testid="ol-contexts" aria-live="polite">
      <header>
        <h3>
          “{pick.group.phrase}” in {pick.outlet}
          {pick.group.variants.length > 1 && (
            <span className="muted"> (with {pick.group.variants.slice(1).join(', ')})</span>
          )}
        </h3>
        <span className="muted">
          {hits
            ? `${hits.length} occurrence${hits.length === 1 ? '' : 's'}${
                shown && shown.loaded < shown.total ? ` in ${shown.loaded} of ${shown.total} documents` : ''
              }`
            : error
              ? ''
              : 'searching…'}
        </span>
        <button type="button" className="ol-push" onClick={onClose} aria-label="Close occurrences">
          Close
        </button>
      </header>
      {error && <FieldError>{error}</FieldError>}
      {hits && hits.length === 0 && <p className="muted">No occurrences found in this outlet's documents.</p>}
      {hits && hits.length > 0 && (
        <ol className="ol-hits">
          {hits.map((h) => (
            <li key={`${h.document}:${h.start}`} data-testid="ol-hit" data-document={h.document}>
              <span className="ol-hit-doc" title={h.document}>
                {titles.get(h.document)}
              </span>
              <ContextLine {...h.context} />
            </li>
          ))}
        </ol>
      )}
      {shown && shown.loaded < shown.total && (
        <button type="button" className="link" onClick={more} disabled={loading} data-testid="ol-contexts-more">
          {loading ? 'loading…' : `Next documents (${shown.total - shown.loaded} more)`}
        </button>
      )}
    </section>
  );
}
