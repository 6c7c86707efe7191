// Files changing underneath the app (a git pull, a sync, the CLI): the change-feed poller the store runs while a
// project is open, and the conflict it shows when the disk and an unsaved edit disagree.
import type { ChangeFeedPage, FrameLensApi } from '../../core/api';

/** How often the store asks the backend what changed (issue 6: every 2 s). */
export const CHANGE_POLL_MS = 2000;

/** One change of the feed, as the store reacts to it. */
export type FeedChange = ChangeFeedPage['changes'][number];

/**
 * An annotator's file of one document changed on disk while they had an unsaved (or refused) edit of it.
 * The local edit is kept; the analyst chooses: overwrite the disk version (mine) or drop the edit (theirs).
 */
export interface Conflict {
  document: string;
  annotator: string;
  /** `updatedAt` of the version on disk (null: the file is gone); "Keep mine" saves on top of exactly this. */
  diskUpdatedAt: string | null;
  /** Spans in the version on disk, shown in the banner. */
  diskSpans: number;
  /** Spans in the local edit. */
  localSpans: number;
}

/** The backend refuses a save whose file changed since the edit began with a message starting `conflict:`. */
export function isConflictError(message: string): boolean {
  return /^conflict:/i.test(message.trim());
}

/** What one page of changes means for the open screen. */
export interface ChangeSummary {
  /** Documents whose file for the current annotator changed. */
  mine: Set<string>;
  /** Another annotator's file of the shown document changed (their faded layer). */
  othersOnShown: boolean;
  /** Codebook, document index, project settings or document files changed: re-read project and list. */
  project: boolean;
}

/** Sorts a page of changes by what the store must re-read. */
export function summarize(changes: FeedChange[], annotator: string, shown: string | null): ChangeSummary {
  const out: ChangeSummary = { mine: new Set(), othersOnShown: false, project: false };
  for (const c of changes) {
    if (c.kind === 'annotation' && c.document) {
      if (c.annotator === annotator) out.mine.add(c.document);
      else if (c.document === shown) out.othersOnShown = true;
    } else if (c.kind !== 'annotation') out.project = true;
  }
  return out;
}

/** A running poller; `poll()` runs one round now (serialized with the timer's), `stop()` ends it. */
export interface ChangeWatch {
  poll(): Promise<void>;
  stop(): void;
}

/**
 * Polls `changes(cursor)`; the first answer only sets the cursor (what changed before the project opened is
 * already on screen). Rounds never overlap: the handler's reloads finish before the next question. `intervalMs`
 * 0 polls only when asked (tests).
 */
export function watchChanges(
  api: FrameLensApi,
  onPage: (changes: FeedChange[], reset: boolean) => Promise<void>,
  intervalMs = CHANGE_POLL_MS,
): ChangeWatch {
  let live = true;
  let cursor: number | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let chain: Promise<void> = Promise.resolve();

  const round = async () => {
    if (!live) return;
    try {
      const page = await api.changes(cursor ?? 0);
      if (!live) return;
      const first = cursor === null;
      cursor = page.cursor;
      if (!first && (page.reset || page.changes.length > 0)) await onPage(page.changes, page.reset);
    } catch {
      // The feed is advisory: a failed poll is asked again on the next round.
    }
  };
  const poll = () => {
    chain = chain.then(round);
    return chain;
  };
  const loop = async () => {
    await poll();
    if (live && intervalMs > 0) timer = setTimeout(() => void loop(), intervalMs);
  };
  void loop();
  return {
    poll,
    stop() {
      live = false;
      clearTimeout(timer);
    },
  };
}
