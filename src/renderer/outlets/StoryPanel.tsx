// Stories: every story with its number of documents (their rows fetched a window at a time as a group is
// scrolled), suggested stories (shared names, close dates) with Apply, a manual story per document, and the chosen
// story's articles aligned by label.
import { useCallback, useEffect, useState } from 'react';
import type { FrameLensApi, StoryCount } from '../../core/api';
import type { Codebook, DocumentSummary } from '../../core/model';
import type { StorySuggestion } from '../../core/stories';
import { useApi } from '../state/context';
import { errorText } from '../ui/errors';
import { FieldError } from '../ui/FieldError';
import type { Layer } from '../ui/layer';
import { usePagedRows } from '../ui/usePagedRows';
import { outletOf } from './phrases';
import { StoryAlignment } from './StoryAlignment';
import { StoryField } from './StoryField';
import { applyStory, NO_STORY } from './stories';

const LIST_ID = 'ol-story-names';

/** The documents of the suggestions (a few each), fetched by id in one answer per thousand. */
function useSuggestedDocuments(api: FrameLensApi, suggestions: StorySuggestion[], version: unknown) {
  const [docs, setDocs] = useState<Map<string, DocumentSummary>>(new Map());
  useEffect(() => {
    void version;
    let live = true;
    const ids = [...new Set(suggestions.flatMap((s) => s.documents))];
    const chunks: string[][] = [];
    for (let i = 0; i < ids.length; i += 1000) chunks.push(ids.slice(i, i + 1000));
    Promise.all(chunks.map((c) => api.documentPage({ offset: 0, limit: c.length, ids: c }))).then(
      (pages) => live && setDocs(new Map(pages.flatMap((p) => p.documents).map((d) => [d.id, d]))),
      () => live && setDocs(new Map()),
    );
    return () => {
      live = false;
    };
  }, [api, suggestions, version]);
  return docs;
}

export function StoryPanel({
  storyCounts,
  suggestions,
  story,
  layer,
  codebook,
  onPickStory,
  onChanged,
}: {
  storyCounts: StoryCount[];
  suggestions: StorySuggestion[];
  story: string;
  layer: Layer;
  codebook: Codebook;
  onPickStory(story: string): void;
  /** Metadata changed: reload documents and reports. */
  onChanged(): Promise<void>;
}) {
  const api = useApi();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const byId = useSuggestedDocuments(api, suggestions, storyCounts);
  const names = storyCounts.map((s) => s.story).filter((s) => s !== '');
  const run = async (key: string, work: () => Promise<unknown>) => {
    setBusy(key);
    setError(null);
    try {
      await work();
      await onChanged();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="ol-stories" data-testid="ol-stories">
      <datalist id={LIST_ID}>
        {names.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      {error && <FieldError>{error}</FieldError>}
      <section className="panel ol-panel">
        <h2>Suggested stories</h2>
        {suggestions.length === 0 && (
          <p className="muted">No suggestions: no documents share enough names within a few days of each other.</p>
        )}
        <ul className="ol-suggested">
          {suggestions.map((s) => {
            const docs = s.documents.map((id) => byId.get(id)).filter((d): d is DocumentSummary => !!d);
            const loaded = docs.length === s.documents.length;
            const applied = loaded && docs.every((d) => d.meta.story === s.story);
            return (
              <li key={s.story} data-testid="story-suggestion" data-story={s.story}>
                <div className="ol-suggested-head">
                  <strong>{s.story}</strong>
                  <span className="muted">
                    {s.documents.length} documents{applied ? ' · applied' : ''}
                  </span>
                  <button
                    type="button"
                    className="ol-push"
                    data-testid="story-apply"
                    disabled={!loaded || applied || busy !== null}
                    onClick={() => void run(`apply:${s.story}`, () => applyStory(api, docs, s.story))}
                  >
                    {busy === `apply:${s.story}` ? 'Applying…' : 'Apply'}
                  </button>
                </div>
                <div className="ol-suggested-docs">
                  {docs.map((d) => (
                    <span key={d.id} className="ol-doc-name">
                      {outletOf(d.meta)}: {d.meta.title || d.id}
                    </span>
                  ))}
                </div>
                {s.sharedPhrases.length > 0 && (
                  <div className="ol-shared">
                    <span className="muted small-text">Shared names:</span>
                    {s.sharedPhrases.map((p) => (
                      <span key={p} className="ol-chip">
                        {p}
                      </span>
                    ))}
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      </section>
      <section className="panel ol-panel">
        <h2>Documents by story</h2>
        {storyCounts.map((s) => (
          <StoryGroup
            key={s.story}
            count={s}
            picked={story}
            version={storyCounts}
            onPickStory={onPickStory}
            onSet={(d, value) => run(`set:${d.id}`, () => applyStory(api, [d], value))}
          />
        ))}
      </section>
      {story && (
        <section className="panel ol-panel">
          <h2>Articles aligned by label</h2>
          <StoryAlignment story={story} layer={layer} version={storyCounts} codebook={codebook} />
        </section>
      )}
    </div>
  );
}

/** One story's documents, a window at a time as its table is scrolled. */
function StoryGroup({
  count,
  picked,
  version,
  onPickStory,
  onSet,
}: {
  count: StoryCount;
  picked: string;
  /** Changes when the stories were read again (a story set): the rows are fetched again. */
  version: unknown;
  onPickStory(story: string): void;
  onSet(document: DocumentSummary, story: string): Promise<void>;
}) {
  const api = useApi();
  const { story } = count;
  const fetch = useCallback(
    async (offset: number, limit: number) => {
      void version;
      const page = await api.documentPage({ offset, limit, story });
      return { rows: page.documents, total: page.total };
    },
    [api, story, version],
  );
  const paged = usePagedRows(fetch);
  const name = story || NO_STORY;
  return (
    <div className="ol-story-group" data-testid="story-group" data-story={name}>
      <h3>
        {name}
        <span className="muted">
          {' '}
          · {count.documents} document{count.documents === 1 ? '' : 's'}
        </span>
        {story !== '' && (
          <button
            type="button"
            className="link"
            aria-pressed={picked === story}
            data-testid="story-align"
            onClick={() => onPickStory(picked === story ? '' : story)}
          >
            {picked === story ? 'Aligned below' : 'Align articles'}
          </button>
        )}
      </h3>
      {paged.error && <FieldError>{paged.error}</FieldError>}
      <div className="ol-story-rows" onScroll={paged.onScroll} data-testid="story-rows">
        <table className="ol-doc-table">
          <tbody>
            {paged.rows.map((d) => (
              <tr key={d.id} data-testid="story-doc" data-document={d.id}>
                <td className="ol-doc-outlet">{outletOf(d.meta)}</td>
                <td>
                  <div>{d.meta.title || d.id}</div>
                  <div className="muted mono small-text">{d.id}</div>
                </td>
                <td className="muted">{d.meta.published || d.meta.publishedRaw || 'undated'}</td>
                <td>
                  <StoryField document={d} listId={LIST_ID} onSet={(value) => onSet(d, value)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {paged.total !== null && paged.rows.length < paged.total && (
          <button type="button" className="link" data-testid="story-more" disabled={paged.loading} onClick={paged.more}>
            {paged.loading ? 'loading…' : `More documents (${paged.total - paged.rows.length} more)`}
          </button>
        )}
      </div>
    </div>
  );
}
