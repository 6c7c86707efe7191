// The Study view's data: the study (rounds, progress, changelog, admission), re-read when the project changes,
// when a save reaches the disk (progress) and when study files or annotations change underneath.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RoundWork, StudyStatus } from '../../core/api';
import { useApi, useApp, useChangeFeed } from '../state/context';
import { errorText } from '../ui/errors';

export interface StudyData {
  status: StudyStatus | null;
  error: string | null;
  reload(): Promise<void>;
}

export function useStudy(): StudyData {
  const api = useApi();
  const [status, setStatus] = useState<StudyStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = useRef(0);
  const reload = useCallback(async () => {
    const mine = ++run.current;
    try {
      const s = await api.study();
      if (mine !== run.current) return;
      setStatus(s);
      setError(null);
    } catch (err) {
      if (mine === run.current) setError(errorText(err));
    }
  }, [api]);

  const projectPath = useApp((s) => s.project?.path ?? null);
  const codebookVersion = useApp((s) => s.project?.codebook.version ?? null);
  useEffect(() => {
    void projectPath;
    void codebookVersion;
    void reload();
  }, [projectPath, codebookVersion, reload]);

  const saveState = useApp((s) => s.save.state);
  const lastSave = useRef(saveState);
  useEffect(() => {
    if (lastSave.current !== 'saved' && saveState === 'saved') void reload();
    lastSave.current = saveState;
  }, [saveState, reload]);

  useChangeFeed((changes, reset) => {
    if (reset || changes.some((c) => c.kind === 'study' || c.kind === 'annotation')) void reload();
  });
  return { status, error, reload };
}

/** A base64 string (the report's zip) as bytes. */
export function fromBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** While `active`, how far the round's close or report has got, asked for a few times a second. */
export function useRoundWork(name: string, active: boolean): RoundWork | null {
  const api = useApi();
  const [work, setWork] = useState<RoundWork | null>(null);
  useEffect(() => {
    setWork(null);
    if (!active) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The next reading is asked for only once the last one is in, so an older count can never land after a
    // newer one and make the progress run backwards.
    const poll = async () => {
      try {
        const w = await api.roundWork(name);
        if (live) setWork(w);
      } catch {
        // a missed reading only delays the count; the close itself reports its own failure
      }
      if (live) timer = setTimeout(() => void poll(), 400);
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, name, active]);
  return work;
}
