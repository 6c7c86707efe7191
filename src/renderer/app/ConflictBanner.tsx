import { useState } from 'react';
import { useApp } from '../state/context';

/** A file changed on disk while this annotator had an unsaved edit of it: both are kept until they choose. */
export function ConflictBanner() {
  const annotator = useApp((s) => s.annotator);
  const conflicts = useApp((s) => s.conflicts);
  const documents = useApp((s) => s.documents);
  const resolve = useApp((s) => s.resolveConflict);
  const [busy, setBusy] = useState(false);
  const mine = conflicts.filter((c) => c.annotator === annotator);
  if (mine.length === 0) return null;
  const c = mine[0];
  const title = documents.find((d) => d.id === c.document)?.meta.title ?? c.document;
  const choose = async (choice: 'mine' | 'theirs') => {
    setBusy(true);
    try {
      await resolve(c.document, choice);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="strip error conflict" role="alert" data-testid="conflict-banner" data-doc-id={c.document}>
      <div className="strip-body">
        <strong>Conflict: “{title}” changed on disk</strong> (another machine, a sync or a git pull) while you had
        unsaved edits of it. Your edits ({c.localSpans} span{c.localSpans === 1 ? '' : 's'}) are kept here; the version
        on disk ({c.diskSpans} span{c.diskSpans === 1 ? '' : 's'}) has not been overwritten.
        {mine.length > 1 ? ` ${mine.length - 1} more document(s) in conflict.` : ''}
      </div>
      <button
        type="button"
        className="small"
        data-testid="conflict-keep-mine"
        disabled={busy}
        title="Save your version over the one on disk"
        onClick={() => void choose('mine')}
      >
        Keep mine (overwrite)
      </button>
      <button
        type="button"
        className="small"
        data-testid="conflict-take-theirs"
        disabled={busy}
        title="Drop your edits of this document and load the version on disk"
        onClick={() => void choose('theirs')}
      >
        Take theirs
      </button>
    </div>
  );
}
