// The dashboard's data: fetch the records through the API, compute in the engine, and do it again when
// annotations are saved. Old figures stay on screen, marked as updating, until the new ones arrive.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AgreementInput, BootstrapReport } from '../../core/agreement';
import type { ModelAgreement } from '../../core/learn/modelAgreement';
import { useApi, useApp } from '../state/context';
import { errorText } from '../ui/errors';
import type { Figures } from './compute';
import type { AgreementEngine } from './engine';

interface AgreementData {
  figures: Figures | null;
  intervals: BootstrapReport | null;
  /** The model's pairs' intervals (null until computed, or without a model layer). */
  modelIntervals: ModelAgreement['intervals'] | null;
  input: AgreementInput | null;
  /** The figures on screen are older than the annotations (a computation is running). */
  updating: boolean;
  /** Share of the bootstrap done while the intervals are computed (0–1); null otherwise. */
  progress: number | null;
  error: string | null;
  refresh(): void;
}

/** One computation at a time; a newer run cancels the older one and its answers are ignored. */
export function useAgreement(engine: AgreementEngine): AgreementData {
  const api = useApi();
  // a coder of an open round gets no figure from others' work on its documents
  const viewer = useApp((s) => s.annotator);
  const [figures, setFigures] = useState<Figures | null>(null);
  const [intervals, setIntervals] = useState<BootstrapReport | null>(null);
  const [modelIntervals, setModelIntervals] = useState<ModelAgreement['intervals'] | null>(null);
  const [input, setInput] = useState<AgreementInput | null>(null);
  const [updating, setUpdating] = useState(true);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = useRef(0);
  const cancel = useRef<(() => void) | null>(null);

  const refresh = useCallback(() => {
    const mine = ++run.current;
    cancel.current?.();
    cancel.current = null;
    setUpdating(true);
    api.agreementInput(viewer ? { viewer } : undefined).then(
      (data) => {
        if (mine !== run.current) return;
        setInput(data);
        cancel.current = engine.start(mine, data, (m) => {
          if (m.run !== run.current) return;
          if (m.kind === 'figures') {
            setFigures(m.figures);
            setIntervals(null);
            setModelIntervals(null);
            setError(null);
            setUpdating(false);
          } else if (m.kind === 'progress') setProgress(m.total > 0 ? m.done / m.total : null);
          else if (m.kind === 'intervals') {
            setIntervals(m.intervals);
            setModelIntervals(m.model);
            setProgress(null);
          } else {
            setProgress(null);
            setError(m.message);
            setUpdating(false);
          }
        });
      },
      (err: unknown) => {
        if (mine !== run.current) return;
        setError(errorText(err));
        setUpdating(false);
      },
    );
  }, [api, engine, viewer]);

  // Recomputed when the project changes and whenever a save has reached the disk.
  const projectPath = useApp((s) => s.project?.path ?? null);
  const saveState = useApp((s) => s.save.state);
  const lastSave = useRef(saveState);
  useEffect(() => {
    void projectPath;
    refresh();
  }, [projectPath, refresh]);
  useEffect(() => {
    if (lastSave.current !== 'saved' && saveState === 'saved') refresh();
    lastSave.current = saveState;
  }, [saveState, refresh]);
  useEffect(() => () => cancel.current?.(), []);

  return { figures, intervals, modelIntervals, input, updating, progress, error, refresh };
}
