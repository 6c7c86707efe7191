// A document's story, typed by hand: Enter or Set saves it to the document's metadata.
import { useEffect, useState } from 'react';
import type { DocumentSummary } from '../../core/model';
import { useBusy } from '../ui/useBusy';

export function StoryField({
  document,
  listId,
  onSet,
}: {
  document: DocumentSummary;
  /** The id of a <datalist> of known story names. */
  listId: string;
  onSet(story: string): Promise<void>;
}) {
  const current = document.meta.story ?? '';
  const [value, setValue] = useState(current);
  const [busy, runBusy] = useBusy();
  useEffect(() => setValue(current), [current]);
  return (
    <form
      className="ol-story-field"
      onSubmit={(e) => {
        e.preventDefault();
        void runBusy(() => onSet(value));
      }}
    >
      <input
        value={value}
        list={listId}
        onChange={(e) => setValue(e.target.value)}
        placeholder="story"
        aria-label={`Story of ${document.meta.title || document.id}`}
        data-testid="story-input"
        maxLength={200}
      />
      <button type="submit" disabled={busy || value.trim() === current} data-testid="story-set">
        Set
      </button>
    </form>
  );
}
