// Every occurrence of a phrase (each of its grouped forms) in one outlet's documents, in context.
import { useEffect, useState } from 'react';
import type { FrameLensApi, SearchHit } from '../../core/api';
import type { DocumentSummary } from '../../core/model';
import { useApi } from '../state/context';
import { errorText } from '../ui/errors';
import { FieldError } from '../ui/FieldError';
import { ContextLine } from './ContextLine';
import type { PhrasePick } from './PhraseColumns';

/** Whole-word hits of every form, in the given documents only, each occurrence once, in reading order. */
async function phraseOccurrences(api: FrameLensApi, variants: string[], documents: Set<string>): Promise<SearchHit[]> {
  const lists = await Promise.all(variants.map((v) => api.searchCorpus(v, true)));
  const seen = new Set<string>();
  const out: SearchHit[] = [];
  for (const h of lists.flat()) {
    const key = `${h.document}:${h.start}:${h.end}`;
    if (!documents.has(h.document) || seen.has(key)) continue;
    seen.add(key);
    out.push(h);
  }
  return out.sort((a, b) => (a.document < b.document ? -1 : a.document > b.document ? 1 : a.start - b.start));
}

export function PhraseContexts({
  pick,
  documents,
  onClose,
}: {
  pick: PhrasePick;
  documents: DocumentSummary[];
  onClose(): void;
}) {
  const api = useApi();
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setHits(null);
    setError(null);
    phraseOccurrences(api, pick.group.variants, new Set(documents.map((d) => d.id))).then(
      (h) => live && setHits(h),
      (err) => live && setError(errorText(err)),
    );
    return () => {
      live = false;
    };
  }, [api, pick, documents]);
  const titles = new Map(documents.map((d) => [d.id, d.meta.title || d.id]));
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
          {hits ? `${hits.length} occurrence${hits.length === 1 ? '' : 's'}` : error ? '' : 'searching…'}
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
    </section>
  );
}
