// Files change underneath the app (a git pull, a sync, the CLI). One poller per open project asks the backend
// what changed; the store reloads what it shows, and views subscribe to the same pages.
import type { ChangeFeedPage, FrameLensApi } from '../../core/api';

export const CHANGE_POLL_MS = 2000;

export type FeedChange = ChangeFeedPage['changes'][number];

/** Called with each page that changed something; `reset`: the feed lost track, reload everything. */
export type FeedListener = (changes: FeedChange[], reset: boolean) => void;

/**
 * An annotator's file of one document changed on disk while they had an unsaved (or refused) edit of it.
 * The local edit is kept; the analyst chooses: overwrite the disk version (mine) or drop the edit (theirs).
 */
export interface Conflict {
  document: string;
  annotator: string;
  /** Null: the file is gone. "Keep mine" saves on top of exactly this version. */
  diskUpdatedAt: string | null;
  diskSpans: number;
  localSpans: number;
}

interface ChangeSummary {
  /** Documents whose file for the current annotator changed. */
  mine: Set<string>;
  /** Another annotator's file of the shown document changed (their faded layer). */
  othersOnShown: boolean;
  /** Codebook, document index, project settings or document files changed. */
  project: boolean;
  /** The model was trained again (here, by another window, or by the CLI). */
  model: boolean;
}

export function summarize(changes: FeedChange[], annotator: string, shown: string | null): ChangeSummary {
  const out: ChangeSummary = { mine: new Set(), othersOnShown: false, project: false, model: false };
  for (const c of changes) {
    if (c.kind === 'annotation' && c.document) {
      if (c.annotator === annotator) out.mine.add(c.document);
      else if (c.document === shown) out.othersOnShown = true;
    } else if (c.kind === 'model') out.model = true;
    else if (c.kind !== 'annotation') out.project = true;
  }
  return out;
}

export interface ChangeWatch {
  /** Resolves once the first answer has set the cursor. */
  ready: Promise<void>;
  /** One round now, after any round still running. */
  poll(): Promise<void>;
  stop(): void;
}

/**
 * The first answer only sets the cursor: what changed before the project opened is already on screen.
 * Rounds never overlap, so the handler's reloads finish before the next question. `intervalMs` 0 polls only
 * when asked.
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
    ready: chain,
    poll,
    stop() {
      live = false;
      clearTimeout(timer);
    },
  };
}
