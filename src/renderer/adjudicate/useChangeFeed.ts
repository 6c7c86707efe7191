// Polls the change feed while the view is open: files changed underneath the app (a git pull, a sync, the CLI).
import { useEffect, useRef } from 'react';
import type { ChangeFeedPage, FrameLensApi } from '../../core/api';

/** One change of the feed, as the view reacts to it. */
export type FeedChange = ChangeFeedPage['changes'][number];

/** How often the view asks what changed (the brief: every 2 s). */
export const POLL_MS = 2000;

/**
 * Calls onChanges with each non-empty page (reset: the feed lost track, reload everything). The first
 * answer only sets the cursor: what changed before the view opened is already on screen.
 */
export function useChangeFeed(
  api: FrameLensApi,
  onChanges: (changes: FeedChange[], reset: boolean) => void,
  intervalMs = POLL_MS,
): void {
  const handler = useRef(onChanges);
  handler.current = onChanges;
  useEffect(() => {
    let live = true;
    let cursor: number | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const page = await api.changes(cursor ?? 0);
        if (!live) return;
        const first = cursor === null;
        cursor = page.cursor;
        if (!first && (page.reset || page.changes.length)) handler.current(page.changes, page.reset);
      } catch {
        // the feed is advisory: a failed poll is retried on the next tick
      }
      if (live) timer = setTimeout(tick, intervalMs);
    };
    void tick();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, intervalMs]);
}
