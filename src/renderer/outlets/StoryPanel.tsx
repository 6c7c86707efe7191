// Stories: documents grouped by their story, suggested stories (shared names, close dates) with Apply,
// a manual story per document, and the chosen story's articles aligned by label.
import { useState } from 'react';
import type { Codebook, DocumentSummary } from '../../core/model';
import type { StorySuggestion } from '../../core/stories';
import { useApi } from '../state/context';
import { errorText } from '../ui/errors';
import { FieldError } from '../ui/FieldError';
import type { Layer } from '../ui/layer';
import { outletOf } from './phrases';
import { StoryAlignment } from './StoryAlignment';
import { StoryField } from './StoryField';
import { applyStory, groupByStory, NO_STORY } from './stories';

const LIST_ID = 'ol-story-names';

export function StoryPanel({
  documents,
  suggestions,
  story,
  layer,
  codebook,
  onPickStory,
  onChanged,
}: {
  documents: DocumentSummary[];
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
  const groups = groupByStory(documents);
  const byId = new Map(documents.map((d) => [d.id, d]));
  const names = groups.map(([s]) => s).filter((s) => s !== NO_STORY);
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
            const applied = docs.every((d) => d.meta.story === s.story);
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
                    disabled={applied || busy !== null}
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
        {groups.map(([name, docs]) => (
          <div key={name} className="ol-story-group" data-testid="story-group" data-story={name}>
            <h3>
              {name}
              <span className="muted">
                {' '}
                · {docs.length} document{docs.length === 1 ? '' : 's'}
              </span>
              {name !== NO_STORY && (
                <button
                  type="button"
                  className="link"
                  aria-pressed={story === name}
                  data-testid="story-align"
                  onClick={() => onPickStory(story === name ? '' : name)}
                >
                  {story === name ? 'Aligned below' : 'Align articles'}
                </button>
              )}
            </h3>
            <table className="ol-doc-table">
              <tbody>
                {docs.map((d) => (
                  <tr key={d.id} data-testid="story-doc" data-document={d.id}>
                    <td className="ol-doc-outlet">{outletOf(d.meta)}</td>
                    <td>
                      <div>{d.meta.title || d.id}</div>
                      <div className="muted mono small-text">{d.id}</div>
                    </td>
                    <td className="muted">{d.meta.published || d.meta.publishedRaw || 'undated'}</td>
                    <td>
                      <StoryField
                        document={d}
                        listId={LIST_ID}
                        onSet={(value) => run(`set:${d.id}`, () => applyStory(api, [d], value))}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </section>
      {story && (
        <section className="panel ol-panel">
          <h2>Articles aligned by label</h2>
          <StoryAlignment story={story} layer={layer} documents={documents} codebook={codebook} />
        </section>
      )}
    </div>
  );
}
