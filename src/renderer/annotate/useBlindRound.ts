// Which open round, if any, the annotator codes the open document in: its other layers are hidden by the
// backend, and the side panel says why. Re-read when the annotator changes or study files change on disk.
import { useCallback, useEffect, useState } from 'react';
import { useApi, useApp, useChangeFeed } from '../state/context';
import { useLatest } from '../ui/useLatest';

/** Open rounds the annotator codes: round name → its documents. */
type Blind = Map<string, Set<string>>;

export function useBlindRound(): string | null {
  const api = useApi();
  const annotator = useApp((s) => s.annotator);
  const doc = useApp((s) => s.doc?.id ?? null);
  const [blind, setBlind] = useState<Blind>(new Map());
  // The newest read wins: the previous annotator's rounds, read before a switch, must not name this one blind.
  const latest = useLatest();
  const load = useCallback(async () => {
    const newest = latest();
    if (!annotator) return setBlind(new Map());
    try {
      const study = await api.study();
      if (!newest()) return;
      setBlind(
        new Map(
          study.rounds
            .filter((r) => r.state === 'open' && r.coders.includes(annotator))
            .map((r) => [r.name, new Set(r.sample.documents)]),
        ),
      );
    } catch {
      if (newest()) setBlind(new Map());
    }
  }, [api, annotator, latest]);
  useEffect(() => {
    void load();
  }, [load]);
  useChangeFeed((changes, reset) => {
    if (reset || changes.some((c) => c.kind === 'study')) void load();
  });
  if (!doc) return null;
  for (const [round, docs] of blind) if (docs.has(doc)) return round;
  return null;
}
