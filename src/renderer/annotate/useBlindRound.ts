// Which open round, if any, the annotator codes the open document in: its other layers are hidden by the
// backend, and the side panel says why. Re-read when the annotator changes or study files change on disk.
import { useCallback, useEffect, useState } from 'react';
import { useApi, useApp, useChangeFeed } from '../state/context';

/** Open rounds the annotator codes: round name → its documents. */
type Blind = Map<string, Set<string>>;

export function useBlindRound(): string | null {
  const api = useApi();
  const annotator = useApp((s) => s.annotator);
  const doc = useApp((s) => s.doc?.id ?? null);
  const [blind, setBlind] = useState<Blind>(new Map());
  const load = useCallback(async () => {
    if (!annotator) return setBlind(new Map());
    try {
      const study = await api.study();
      setBlind(
        new Map(
          study.rounds
            .filter((r) => r.state === 'open' && r.coders.includes(annotator))
            .map((r) => [r.name, new Set(r.sample.documents)]),
        ),
      );
    } catch {
      setBlind(new Map());
    }
  }, [api, annotator]);
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
