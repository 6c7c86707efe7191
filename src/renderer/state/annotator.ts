// The analyst's identity: validated like any id, "gold" and "model" reserved, remembered across sessions.
import { idKey, idProblem } from '../../core/ids';
import { GOLD, isModelName } from '../../core/model';

export const ANNOTATOR_KEY = 'framelens.annotator';

/** One message for every reason a name cannot be used as an annotator; null when it can. */
export function annotatorProblem(name: string): string | null {
  if (idKey(name) === GOLD) return '"gold" is reserved for the adjudicated layer';
  if (isModelName(name)) return '"model" is reserved for the model’s layer';
  const problem = idProblem(name);
  return problem ? `the name ${problem}` : null;
}

/** The annotator from the last session, if it is still a valid name. */
export function loadAnnotator(): string {
  try {
    const name = localStorage.getItem(ANNOTATOR_KEY) ?? '';
    return name && !annotatorProblem(name) ? name : '';
  } catch {
    return '';
  }
}

/** Remembers the annotator so the next session starts as the same person. */
export function storeAnnotator(name: string): void {
  try {
    if (name) localStorage.setItem(ANNOTATOR_KEY, name);
    else localStorage.removeItem(ANNOTATOR_KEY);
  } catch {
    // Storage may be unavailable (private mode); the choice still holds for this session.
  }
}
