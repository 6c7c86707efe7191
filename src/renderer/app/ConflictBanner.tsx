import { useAppPick } from '../state/context';
import { rowOf } from '../state/documentsSlice';
import { useBusy } from '../ui/useBusy';

const CHOICES = [
  {
    choice: 'mine',
    testId: 'conflict-keep-mine',
    title: 'Save your version over the one on disk',
    text: 'Keep mine (overwrite)',
  },
  {
    choice: 'theirs',
    testId: 'conflict-take-theirs',
    title: 'Drop your edits of this document and load the version on disk',
    text: 'Take theirs',
  },
] as const;

/** A file changed on disk while this annotator had an unsaved edit of it: both are kept until they choose. */
export function ConflictBanner() {
  const {
    annotator,
    conflicts,
    list,
    resolveConflict: resolve,
  } = useAppPick('annotator', 'conflicts', 'list', 'resolveConflict');
  const [busy, run] = useBusy();
  const mine = conflicts.filter((c) => c.annotator === annotator);
  if (mine.length === 0) return null;
  const c = mine[0];
  const title = rowOf(list, c.document)?.meta.title ?? c.document;
  const choose = (choice: 'mine' | 'theirs') => run(() => resolve(c.document, choice));
  return (
    <div className="strip error conflict" role="alert" data-testid="conflict-banner" data-doc-id={c.document}>
      <div className="strip-body">
        <strong>Conflict: “{title}” changed on disk</strong> (another machine, a sync or a git pull) while you had
        unsaved edits of it. Your edits ({c.localSpans} span{c.localSpans === 1 ? '' : 's'}) are kept here; the version
        on disk ({c.diskSpans} span{c.diskSpans === 1 ? '' : 's'}) has not been overwritten.
        {mine.length > 1 ? ` ${mine.length - 1} more document(s) in conflict.` : ''}
      </div>
      {CHOICES.map((b) => (
        <button
          key={b.choice}
          type="button"
          className="small"
          data-testid={b.testId}
          disabled={busy}
          title={b.title}
          onClick={() => void choose(b.choice)}
        >
          {b.text}
        </button>
      ))}
    </div>
  );
}
